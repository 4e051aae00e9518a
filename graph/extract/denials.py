"""Denials of claims told before: "Washington accused Iran of smuggling missiles to the Houthis,
but Tehran dismissed the claim" is also Iran's own statement that it did not.

A denial verb whose object takes up a claim ("the claim", "the charge", "such
reports") without stating it again refers back to an act reported a sentence
or two before by someone else. The one who denies is the accused side, so the
act of that side becomes a claim of its own: the same relation, negative, in
the denier's voice. This is what lets a graph show who asserts and who denies
the same relation (the disputes of the store), rather than only the accusation.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from graph.extract.arguments import Arg, ArgumentWalker
from graph.extract.lexicon import load_lexicon
from graph.extract.relations import Candidate
from graph.extract.stance import CLAIM_NOUNS, DENIAL_VERBS

DENYING = DENIAL_VERBS | {"reject", "deny", "brush", "scoff", "ridicule"}
SPEECH_ACTS = frozenset({"criticizes", "urges", "rejects", "supports", "threatens", "leaderOf", "officialOf"})
"""Relations that are themselves speech: a denial of "the claim" is not about them."""
REACH = 2  # sentences back


def denials(doc: Doc, walker: ArgumentWalker) -> list[Candidate]:
    sentences = {sent.start: i for i, sent in enumerate(doc.sents)}
    out: list[Candidate] = []
    for verb in doc:
        claim = _denied_claim(verb)
        if claim is None:
            continue
        deniers = walker.verb_agents(verb)
        if not deniers:
            continue
        sides = {a.mention.entity.country or a.mention.entity.id for a in deniers}
        here = sentences[verb.sent.start]
        for cand in doc._.candidates:
            agent = cand.agent.mention.entity
            told_by = cand.source.mention.entity if cand.source else None
            if (cand.trigger.i >= verb.i or here - sentences[cand.trigger.sent.start] > REACH
                    or cand.predicate in SPEECH_ACTS
                    or (agent.country or agent.id) not in sides or told_by is None
                    or (told_by.country or told_by.id) in sides):
                continue
            out.append(replace(cand, negated=not cand.negated, source=Arg(deniers[0].mention, deniers[0].confidence),
                               reporter=None, stance_root=cand.trigger, confidence=cand.confidence * 0.8,
                               notes=[*cand.notes, "denial"]))
    return out


def _denied_claim(verb: Token) -> Token | None:
    """ "dismissed the claim", "rejected such reports": a claim taken up, not stated again."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in DENYING:
        return None
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in CLAIM_NOUNS:
        return verb.head  # "..., a charge Kampala has denied"
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"} and child.lemma_.lower() in CLAIM_NOUNS and \
                not any(c.dep_ in {"acl", "ccomp", "relcl"} for c in child.children) and (child.i < verb.i or any(
                    c.dep_ == "det" and c.lower_ in {"the", "this", "these", "those", "such", "that"}
                    for c in child.children)):
            return child  # "dismissed the claim", or "..., a charge Kampala denied"
    return None


@Language.factory("geokg_denials")
def make_denials(nlp: Language, name: str):
    walker = ArgumentWalker(load_lexicon())

    def component(doc: Doc) -> Doc:
        doc._.candidates += denials(doc, walker)
        return doc

    return component
