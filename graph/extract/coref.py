"""In-document coreference for the anaphors news text relies on.

Rule-based and cautious: a pronoun is resolved only when one antecedent is
clearly the salient one; otherwise it stays unresolved and yields nothing
("never guess when it is not clear").

* he/his/she/her → the most recent person in the sentence, else the only
  (or the subject) person of the previous two sentences;
* it/its → the subject of the clause when it is a country or organisation;
  "its" in the speaker that closes a sentence ("..., its foreign minister
  said") → the reported news's subject; else the nearest preceding one in the
  sentence, else the previous subject;
* they/their/the former/the latter → the most recent pair of coordinated
  actors ("Russia and North Korea ... the former");
* "the two leaders", "both sides" → that pair, or the last two actors of
  different sides ("Yoon called Kishida. The two leaders agreed ...").

Output: `doc._.coref`, token index → tuple of Mentions (two for "they").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from graph.extract.attribution import SPEECH_VERBS
from graph.extract.lexicon import load_lexicon
from graph.extract.mentions import Mention

PERSONAL = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
OBJECT_FORMS = frozenset({"him", "her"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "themselves"})
ORDINAL = {"former": 0, "latter": 1}
PAIR_NOUNS = frozenset({"leaders", "sides", "governments", "neighbours", "neighbors", "nations", "presidents",
                        "men", "ministers", "states", "capitals", "parties", "allies", "rivals"})
"""Plural descriptions that, with "two" or "both", take up the last pair: "the two leaders agreed"."""
PERSON_PAIRS = frozenset({"leaders", "presidents", "men", "ministers"})
"""Of those, the ones that may take up two people named apart, not only a coordinated pair."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
WINDOW = 2  # sentences back
DESCRIPTIONS = {
    "country": "Country", "nation": "Country", "kingdom": "Country", "republic": "Country",
    "island": "Country", "state": "Country", "government": "Country",
    "group": "Group", "movement": "Group", "militia": "Group", "organisation": "Group",
    "organization": "Organization", "alliance": "Organization", "bloc": "Organization", "union": "Organization",
}
"""Definite descriptions that point back to the last entity of a type: "the group said"."""


@dataclass
class _History:
    """Mentions seen so far, by sentence, with the coordinated groups among them."""

    items: list[tuple[int, Token, Mention]] = field(default_factory=list)
    groups: list[tuple[int, tuple[Mention, ...]]] = field(default_factory=list)

    def recent(self, sent: int, before: int | None = None):
        for s, token, mention in reversed(self.items):
            if sent - s > WINDOW:
                break
            if before is not None and s == sent and token.i >= before:
                continue
            yield s, token, mention


def _mention_of(token: Token, mentions: dict[int, Mention], coref: dict) -> Mention | None:
    found = coref.get(token.i)
    if found and len(found) == 1:
        return found[0]
    return mentions.get(token.i)


def _group(token: Token, mentions: dict[int, Mention]) -> tuple[Mention, ...]:
    """Coordinated actors headed at `token`: "Russia and North Korea", "allies X and Y"."""
    if token.dep_ == "conj" or token.pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return ()  # recorded once, at the first conjunct; only names, nouns and demonyms head a group
    heads = sorted([token, *token.conjuncts], key=lambda t: t.i) if token.i in mentions else []
    if not heads:
        heads = [c for c in token.children if c.dep_ == "appos" and c.i in mentions]
        heads += [c for h in list(heads) for c in h.conjuncts]
    group = []
    for head in heads:
        m = mentions.get(head.i)
        if m and m.is_actor and m not in group:
            group.append(m)
    return tuple(group) if len(group) >= 2 else ()


def _clause_subjects(token: Token, mentions: dict[int, Mention], coref: dict) -> tuple[Mention, ...]:
    """The country/organisation subjects (with their conjuncts) of the clause holding `token`."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            for child in ancestor.children:
                if child.dep_ in SUBJECT_DEPS and child.i != token.i:
                    found = []
                    for head in (child, *child.conjuncts):
                        m = _mention_of(head, mentions, coref)
                        if m and m.entity.type in {"Country", "Organization", "Group"} and m not in found:
                            found.append(m)
                    return tuple(found)
            return ()
    return ()


def _blamed_object(token: Token, mentions: dict[int, Mention]) -> Mention | None:
    """ "rebuked Baku for its ties with Israel": a possessive in the reason points at the object."""
    if token.dep_ != "poss":
        return None
    phrase = token.head
    prep = phrase.head if phrase.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in {"for", "over"} or prep.head.pos_ != "VERB":
        return None
    for child in prep.head.children:
        mention = mentions.get(child.i)
        if child.dep_ == "dobj" and mention and mention.entity.type in {"Country", "Organization", "Group"}:
            return mention
    return None


def _is_expletive(token: Token) -> bool:
    """ "It is clear that ...", "it was reported that ...": an extraposed clause, no referent."""
    if token.dep_ == "expl":
        return True
    head = token.head
    clausal = any(c.dep_ in {"ccomp", "xcomp", "csubj"} for c in head.children)
    return token.lower_ == "it" and clausal and head.lemma_ in {"be", "seem", "appear", "remain", "report", "say", "believe"}


def resolve(doc: Doc) -> dict[int, tuple[Mention, ...]]:
    mentions: dict[int, Mention] = doc._.mentions or {}
    coref: dict[int, tuple[Mention, ...]] = {}
    history = _History()
    skip = doc.user_data.get("geokg_boilerplate", ())
    for s, sent in enumerate(doc.sents):
        if any(start <= sent.start_char < end for start, end in skip):
            continue  # a dateline or page furniture names no one the news refers back to
        for token in sent:
            lower = token.lower_
            found: tuple[Mention, ...] = ()
            if lower in PERSONAL:
                found = _personal(token, s, history)
            elif lower in NEUTER and not _is_expletive(token):
                found = _neuter(token, s, history, mentions, coref)
            elif lower in PLURAL:
                # "Israeli troops completed their withdrawal": the clause's own subject first
                subjects = _clause_subjects(token, mentions, coref) if lower == "their" else ()
                found = subjects or _latest_group(s, history)
            elif lower in DESCRIPTIONS and any(c.lower_ == "the" for c in token.children) and token.i not in mentions:
                found = _described(token, s, history, DESCRIPTIONS[lower])
            elif lower in PAIR_NOUNS and any(c.lower_ in {"two", "both"} for c in token.children):
                found = _latest_group(s, history) or (_last_two(s, token, history) if lower in PERSON_PAIRS else ())
            elif lower in ORDINAL and any(c.lower_ == "the" for c in token.children):
                group = _latest_group(s, history)
                found = (group[ORDINAL[lower]],) if len(group) == 2 else ()
            if found:
                coref[token.i] = found
                if len(found) == 1:
                    history.items.append((s, token, found[0]))
            mention = mentions.get(token.i)
            if mention and token.i == mention.end - 1:
                history.items.append((s, token, mention))
            group = _group(token, mentions)
            if group:
                history.groups.append((s, group))
    return coref


def _personal(token: Token, sent: int, history: _History) -> tuple[Mention, ...]:
    ahead = _subject_ahead(token)
    if ahead:
        return (ahead,)
    own_subject = _own_clause_subject(token) if token.lower_ in OBJECT_FORMS else None
    same, same_dep, earlier_subjects, earlier = None, "", [], []
    for s, tok, mention in history.recent(sent, before=token.i):
        if mention.entity.type != "Person" or tok.i == own_subject:
            continue  # "Macron urged him": him is not Macron
        if s == sent and (same is None or (tok.dep_ in SUBJECT_DEPS and same_dep not in SUBJECT_DEPS)):
            same, same_dep = mention, tok.dep_  # the sentence's subject beats a nearer object
        elif s != sent:
            earlier.append(mention)
            if tok.dep_ in SUBJECT_DEPS:
                earlier_subjects.append(mention)
    if same:
        return (same,)
    distinct = {m.entity.id: m for m in earlier}
    if len(distinct) == 1:
        return (earlier[0],)
    if earlier_subjects:
        return (earlier_subjects[0],)
    return ()


def _own_clause_subject(token: Token) -> int | None:
    """The subject token of the verb governing an object pronoun ("urged him"), if any."""
    verb = token.head if token.dep_ in {"dobj", "dative"} else token.head.head if token.dep_ == "pobj" else None
    if verb is None:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return subjects[0].i if subjects else None


def _subject_ahead(token: Token) -> Mention | None:
    """ "During his trip to Beijing, Blinken met Xi": a pronoun in a fronted phrase points forward."""
    root = token.sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS and c.i > token.i]
    if not subjects or token.i > root.i:
        return None
    mention = token.doc._.mentions.get(subjects[0].i)
    return mention if mention and mention.entity.type == "Person" else None


def _neuter(token: Token, sent: int, history: _History, mentions: dict, coref: dict) -> tuple[Mention, ...]:
    blamed = _blamed_object(token, mentions)
    if blamed:
        return (blamed,)
    subjects = _clause_subjects(token, mentions, coref)
    if len(subjects) == 1:
        return subjects
    reported = _reported_subject(token, mentions)
    if reported is not None:
        return (reported,)
    speaker = _speaker(token, mentions, coref)
    if speaker is not None:
        return (speaker,)
    actors = load_lexicon().actor_nouns
    for s, tok, mention in history.recent(sent, before=token.i):
        if mention.entity.type not in {"Country", "Organization", "Group"}:
            continue
        if mention.kind == "demonym" and tok.dep_ in {"amod", "compound"} and tok.head.lemma_.lower() not in actors:
            continue  # "near the Syrian border ... it": a country named as a place's adjective is not "it"
        if s == sent or tok.dep_ in SUBJECT_DEPS:
            return (mention,)
    return ()


def _speaker(token: Token, mentions: dict, coref: dict) -> Mention | None:
    """ "India defended its ties with Nepal, saying it had used its influence ...": "it" opening
    what a state says is that state (but in "told Tehran that it must ..." it is the one told)."""
    clause = token.head
    if token.dep_ != "nsubj" or clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH_VERBS:
        return None
    speech = clause.head
    if any(c.dep_ in {"dobj", "dative"} for c in speech.children):
        return None
    while speech.dep_ in {"advcl", "xcomp", "conj"} and not any(c.dep_ in SUBJECT_DEPS for c in speech.children):
        speech = speech.head  # "..., saying it had": the participle's subject is its clause's
    subjects = [c for c in speech.children if c.dep_ == "nsubj"]
    mention = _mention_of(subjects[0], mentions, coref) if subjects else None
    return mention if mention and mention.entity.type in {"Country", "Organization", "Group"} else None


def _reported_subject(token: Token, mentions: dict) -> Mention | None:
    """ "Iran will not hold talks with the United States, its foreign minister said": "its" in the
    speaker told after the news is the news's subject, not the nearest name."""
    speaker = token.head
    if token.dep_ != "poss" or speaker.dep_ not in SUBJECT_DEPS:
        return None
    verb = speaker.head
    if verb.lemma_.lower() not in SPEECH_VERBS or any(t.pos_ in {"VERB", "AUX"} for t in verb.sent if t.i > verb.i):
        return None  # only the speaker that closes the sentence
    news = [c for c in verb.children if c.dep_ == "ccomp" and c.i < speaker.i]  # fronted report
    if verb.dep_ == "parataxis" and verb.head.i < verb.i:
        news.append(verb.head)  # "..., its minister said" hung on the news
    for clause in news:
        for subject in (c for c in clause.children if c.dep_ in SUBJECT_DEPS):
            mention = mentions.get(subject.i)
            if mention is not None and mention.entity.type in {"Country", "Organization", "Group"}:
                return mention
    return None


def _described(token: Token, sent: int, history: _History, wanted: str) -> tuple[Mention, ...]:
    """ "the group said", "the country": the one recent entity of that type, if only one. "The
    alliance" or "the bloc" is an international organisation, never a state's ministry."""
    candidates = {m.entity.id: m for _, _, m in history.recent(sent, before=token.i) if m.entity.type == wanted
                  and not (wanted == "Organization" and m.entity.country is not None)}
    return tuple(candidates.values()) if len(candidates) == 1 else ()


def _last_two(sent: int, token: Token, history: _History) -> tuple[Mention, ...]:
    """ "Yoon called Kishida. The two leaders agreed ...": the last two people of different sides."""
    found: list[Mention] = []
    for _, _, mention in history.recent(sent, before=token.i):
        side = mention.entity.country or mention.entity.id
        if mention.entity.type == "Person" and all((m.entity.country or m.entity.id) != side for m in found):
            found.append(mention)
        if len(found) == 2:
            return tuple(reversed(found))
    return ()


def _latest_group(sent: int, history: _History) -> tuple[Mention, ...]:
    for s, group in reversed(history.groups):
        if sent - s > WINDOW:
            break
        return group
    return ()


@Language.component("geokg_coref")
def coref_component(doc: Doc) -> Doc:
    if not Doc.has_extension("coref"):
        Doc.set_extension("coref", default=None)
    doc._.coref = resolve(doc)
    return doc
