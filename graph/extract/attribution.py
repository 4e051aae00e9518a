"""Who asserts a claim: reported speech, "according to", quotes and their speakers.

A claim inside the complement of a speech or denial verb belongs to that
verb's subject ("Seoul said Pyongyang is ...", "with Seoul saying ...", "The
Kremlin denied that ..."). "According to X" speaks for its whole clause. A
sentence that is all quotation with no speaker of its own continues the
previous quote's speaker, as news paragraphs do. Everything else is the
document's own voice (`source = None`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from graph.extract.arguments import Arg, ArgumentWalker
from graph.extract.lexicon import load_lexicon
from graph.extract.relations import Candidate
from graph.extract.stance import background_clause, denied_by_apposition
from graph.extract.voices import is_state_voice, state_of_sentence

SPEECH_VERBS = frozenset({
    "say", "tell", "warn", "claim", "state", "announce", "add", "insist", "allege", "report",
    "confirm", "note", "stress", "argue", "assert", "write", "tweet", "post", "declare",
    "explain", "acknowledge", "admit", "believe", "accuse", "blame", "charge", "suggest",
    "indicate", "reveal", "disclose", "estimate", "conclude", "find", "assess", "maintain",
    "contend", "emphasise", "emphasize", "reiterate", "repeat", "predict", "signal", "hint",
    "deny", "refute", "dismiss", "reject", "caution", "fear", "think", "show",
    "describe", "quote", "cite", "testify", "brief", "inform", "remark", "observe", "urge", "suspect",
})
REPORTED_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "advcl", "prep", "pcomp", "dobj", "relcl", "acl", "attr"})
"""How a reported claim hangs below its speech verb: never as its subject, and never as a
coordinated verb ("denied shelling villages and accused Yerevan" accuses in its own voice)."""
QUOTES = frozenset('"“”')
CIRCUMSTANCE_PREPS = frozenset({"during", "after", "before", "at", "in", "on", "while", "amid", "ahead"})
"""Prepositions that say when or where something was said, not what: "said during a visit to Hanoi"."""
SPEAKER_MEMORY = 3  # sentences a speaker's quote may continue over


def _speaker(verb: Token, walker: ArgumentWalker) -> Arg | None:
    """The subject of a speech verb; "his office said" speaks for whoever "his" is.

    A spokesman, ministry or government named without its country ("the Foreign
    Ministry said", "a government spokesman said") speaks for the state of the
    story's dateline, else for the state the sentence is about (its first
    subject that names a country).
    """
    agents = [a for a in walker.verb_agents(verb) if a.mention.is_actor]
    if not agents:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        agents = [a for s in subjects for a in walker.args_at(s, owner=True) if a.mention.is_actor]
        if not agents and any(is_state_voice(s) for s in subjects):
            agents = state_of_sentence(verb, walker)
    if agents and agents[0].mention.entity.country is None and is_state_voice(agents[0].mention):
        agents = state_of_sentence(verb, walker) or agents
    return agents[0] if agents else None


def source_of(trigger: Token, walker: ArgumentWalker, answered: bool = False) -> tuple[Arg | None, Token | None]:
    """The nearest speech verb governing the trigger and its subject.

    `answered`: the trigger names what its head verb answers ("rejected demands by
    the IAEA"), so that verb reports nothing about it and the search starts above it.
    """
    child = trigger.head if answered else trigger
    for ancestor in child.ancestors:
        if denied_by_apposition(child, ancestor) or background_clause(child):
            # "X accused Y of Z, a charge Y denied": the accusation is not Y's word; "said it would
            # close the border, hours after Sudan bombed its villages": the reporter's background
            return None, None
        if ancestor.lemma_.lower() in SPEECH_VERBS and child.dep_ in REPORTED_DEPS and not (
                child.dep_ == "prep" and child.lower_ in CIRCUMSTANCE_PREPS):
            speaker = _speaker(ancestor, walker)
            if speaker:
                return speaker, ancestor
        child = ancestor
    return None, None


def according_to(sent: Span, walker: ArgumentWalker) -> Arg | None:
    for token in sent:
        if token.lower_ == "according":
            for prep in token.children:
                if prep.lower_ == "to":
                    for obj in prep.children:  # "according to a UN report": the report's owner
                        args = [a for a in walker.args_at(obj, owner=True) if a.mention.is_actor]
                        if args:
                            return args[0]
    return None


def headline_speaker(sent: Span, walker: ArgumentWalker) -> Arg | None:
    """ "Ties 'dangerous': Blinken" — a headline that ends with its speaker after a colon."""
    tokens = [t for t in sent if not t.is_space]
    for i in range(len(tokens) - 1, max(len(tokens) - 5, 0), -1):
        if tokens[i].text == ":":
            rest = tokens[i + 1:]
            args = [a for t in rest for a in walker.args_at(t, conjuncts=False)]
            if args and all(t.i in t.doc._.mentions or t.is_punct for t in rest):
                return args[0]
    return None


def trailing_speaker(sent: Span, walker: ArgumentWalker) -> Arg | None:
    """ "X held talks with Y, the State Department said, ...": a speech verb after a comma,
    which the parser hangs on the main verb as parataxis (or, wrongly, as a conjunct), or on a
    clause inside it ("Iran wields more influence than the government does, officials say")."""
    deeper = [t for t in sent if t.dep_ == "parataxis" and t.head.i != sent.root.i]
    for child in [*sent.root.children, *deeper]:
        if child.dep_ not in {"parataxis", "conj"} or child.lemma_.lower() not in SPEECH_VERBS:
            continue
        if child.dep_ == "conj" and doc_before(child).text != ",":
            continue
        if not _inside_quotes(child):
            return _speaker(child, walker)
    return None


def doc_before(verb: Token) -> Token:
    """The token before the speech verb's clause (its subject phrase included)."""
    start = min(t.i for t in verb.subtree)
    return verb.doc[max(start - 1, 0)]


def _is_quote_only(sent: Span) -> bool:
    text = sent.text.strip()
    return len(text) > 2 and text[0] in QUOTES and not any(
        t.lemma_.lower() in SPEECH_VERBS and t.dep_ in {"ROOT", "parataxis"} and not _inside_quotes(t)
        for t in sent)


def _inside_quotes(token: Token) -> bool:
    before = token.doc[token.sent.start:token.i].text
    return sum(before.count(q) for q in QUOTES) % 2 == 1


def attribute(doc: Doc, walker: ArgumentWalker) -> None:
    """Set `source` on every candidate of the document."""
    last_speaker: tuple[int, Arg] | None = None
    by_sentence: dict[int, list[Candidate]] = {}
    sentences = list(doc.sents)
    index_of = {s.start: i for i, s in enumerate(sentences)}
    for cand in doc._.candidates:
        by_sentence.setdefault(index_of[cand.trigger.sent.start], []).append(cand)
    for i, sent in enumerate(sentences):
        default = according_to(sent, walker) or headline_speaker(sent, walker) or trailing_speaker(sent, walker)
        quote_only = _is_quote_only(sent)
        if default is None and last_speaker and quote_only and i - last_speaker[0] <= SPEAKER_MEMORY:
            default = Arg(last_speaker[1].mention, 0.9 * last_speaker[1].confidence)
        for cand in by_sentence.get(i, ()):
            speaker, cand.reporter = source_of(cand.trigger, walker, answered="response" in cand.notes)
            cand.source = speaker or default
        quoted_speaker = _quote_speaker(sent, walker)
        if quoted_speaker:
            last_speaker = (i, quoted_speaker)
        elif not quote_only and not _has_quotes(sent):
            last_speaker = None  # a sentence of the document's own ends the quotation


def _has_quotes(sent: Span) -> bool:
    text = sent.text
    return any(q in text for q in QUOTES)


def _quote_speaker(sent: Span, walker: ArgumentWalker) -> Arg | None:
    """The speaker of a sentence that quotes someone: '"...," he said.'"""
    if not _has_quotes(sent):
        return None
    for token in sent:
        if token.lemma_.lower() in SPEECH_VERBS and not _inside_quotes(token):
            speaker = _speaker(token, walker)
            if speaker:
                return speaker
    return None


@Language.factory("geokg_attribution")
def make_attribution(nlp: Language, name: str):
    walker = ArgumentWalker(load_lexicon())

    def component(doc: Doc) -> Doc:
        attribute(doc, walker)
        return doc

    return component
