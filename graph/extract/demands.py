"""Demands in reported speech: "X must stop ... or face sanctions, Y said" is Y urging X.

A clause with "must", "should" or "ought to" whose subject is an actor, reported
by another actor, or a bare verb after "insisted that", is a demand of the speaker
on that actor (CAMEO 10), and a
consequence coordinated with it ("or face sanctions", "or risk isolation") is a
threat (CAMEO 13), and so is a penalty foretold ("Israel would pay a heavy price",
"Athens will face consequences, Ankara warned"). The demanded act itself is left to the relation finder;
stance marks it `requested`, never a fact.

The statements made here are the speaker's own speech acts, observed by the
document, so they carry no source, as "Y urged X" does not.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph.extract.arguments import COPULAS, Arg, ArgumentWalker
from graph.extract.attribution import according_to, source_of, trailing_speaker
from graph.extract.lexicon import load_lexicon
from graph.extract.relations import PENALTIES, Candidate, same_side
from graph.extract.stance import POSSIBLE_AUX

OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
SUBJUNCTIVE_VERBS = frozenset({"insist", "propose", "recommend", "suggest", "stipulate", "require"})
CONSEQUENCE_VERBS = frozenset({"face", "risk", "suffer", "incur", "invite", "bear"})
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall"})
CAUTIONING_VERBS = frozenset({"warn", "caution"})
CONFIDENCE = 0.7


def demands(sent: Span, walker: ArgumentWalker) -> list[Candidate]:
    """Urges (and threatens) candidates for the obligation clauses of one sentence."""
    out: list[Candidate] = []
    default = according_to(sent, walker) or trailing_speaker(sent, walker)
    for verb in sent:
        if _warned_of_consequences(verb):
            # "warned Angola that any incursion would be met with force": CAMEO's WARN is a threat
            speaker, reporter = source_of(verb, walker)
            for warner in walker.verb_agents(verb):
                for warned in walker.args_at(next((c for c in verb.children if c.dep_ == "dobj"), None)):
                    if not same_side(warner, warned):
                        out.append(_candidate("threatens", warner, warned, verb, reporter))
        if _penalty(verb):
            # "Iran said Israel would pay a heavy price", "warned that Athens would face consequences"
            speaker, reporter = source_of(verb, walker)
            for threatened in (walker.verb_agents(verb) if speaker is not None else []):
                if not same_side(speaker, threatened):
                    out.append(_candidate("threatens", speaker, threatened, verb, reporter))
            continue
        modal = _obligation(verb)
        if modal is None and _subjunctive(verb):
            # "Britain insisted that Argentina withdraw": the insisting is the demand
            speaker = next(iter(walker.verb_agents(verb.head)), None)
            for demanded in walker.verb_agents(verb):
                if speaker is not None and not same_side(speaker, demanded):
                    out.append(_candidate("urges", speaker, demanded, verb.head, None))
            continue
        if modal is None:
            continue
        speaker, reporter = source_of(verb, walker)
        speaker = speaker or default
        if speaker is None:
            continue
        for demanded in walker.verb_agents(verb):
            if same_side(speaker, demanded):
                continue  # "we must defend ourselves": a resolve, not a demand
            out.append(_candidate("urges", speaker, demanded, modal, reporter))
            for consequence in _consequences(verb):
                out.append(_candidate("threatens", speaker, demanded, consequence, reporter))
    return out


def _obligation(verb: Token) -> Token | None:
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    return next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS), None)


def _penalty(verb: Token) -> bool:
    """A penalty foretold: "would pay a heavy price", "will pay dearly", "would face consequences",
    "will regret it"."""
    if not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    objects = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    if lemma == "pay":
        return "price" in objects or any(c.lower_ == "dearly" for c in verb.children)
    return lemma == "regret" or (lemma in CONSEQUENCE_VERBS and bool(objects & PENALTIES))


def _warned_of_consequences(verb: Token) -> bool:
    """A warning that foretells what will or could happen: "warned Syria that any use of chemical
    weapons could trigger military action", "warned Pyongyang that if it ever used the bomb, it
    would be the end of the regime"; but "warned Ethiopia that the dam would be a mistake" judges."""
    if verb.lemma_.lower() not in CAUTIONING_VERBS:
        return False
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        foretold = any(c.dep_ in {"aux", "auxpass"} and c.lower_ in FUTURE_AUX | POSSIBLE_AUX
                       for c in clause.children)
        conditional = any(c.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in c.children)
                          for c in clause.children)
        if foretold and (conditional or clause.lemma_.lower() not in COPULAS):
            return True
    return False


def _subjunctive(verb: Token) -> bool:
    """A bare verb in a that-clause of insisting or proposing: "insisted that Iraq withdraw"."""
    return (verb.dep_ == "ccomp" and verb.tag_ == "VB" and verb.head.lemma_.lower() in SUBJUNCTIVE_VERBS
            and any(c.dep_ == "nsubj" for c in verb.children) and not any(c.dep_ == "aux" for c in verb.children))


def _consequences(verb: Token) -> list[Token]:
    """ "... or face further sanctions": a coordinated consequence with something to face."""
    return [c for c in verb.children if c.dep_ == "conj" and c.lemma_.lower() in CONSEQUENCE_VERBS
            and any(d.dep_ == "cc" and d.lower_ == "or" for d in verb.children)
            and any(d.dep_ in {"dobj", "xcomp"} for d in c.children)]


def _candidate(predicate: str, speaker: Arg, demanded: Arg, trigger: Token, reporter: Token | None) -> Candidate:
    # stance_root at the trigger: the demand itself is asserted, whatever its modal says
    return Candidate(predicate, speaker, demanded, trigger, CONFIDENCE * min(1.0, speaker.confidence),
                     reporter=reporter, stance_root=trigger, notes=["demand"])


@Language.factory("geokg_demands")
def make_demands(nlp: Language, name: str):
    walker = ArgumentWalker(load_lexicon())

    def component(doc: Doc) -> Doc:
        skip = doc.user_data.get("geokg_boilerplate", ())
        for sent in doc.sents:
            if not any(start <= sent.start_char < end for start, end in skip):
                doc._.candidates += demands(sent, walker)
        return doc

    return component
