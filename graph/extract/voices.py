"""Unnamed voices of a state: "the Foreign Ministry", "a government spokesman", "the embassy".

Wire copy names a ministry without its country when the country is plain
from where the story is filed: the dateline ("LAGOS, Nigeria (AP) - The
Foreign Ministry said ...") or a place opening the sentence ("In London, the
Foreign Office condemned ..."). Both who speaks (attribution) and who acts
(relations) read the state from here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.extract.arguments import Arg, ArgumentWalker
from graph.extract.mentions import Mention, dateline_country
from graph.gazetteer import load_gazetteer

if TYPE_CHECKING:
    from graph.extract.relations import Candidate

STATE_VOICES = frozenset({"ministry", "spokesman", "spokeswoman", "spokesperson", "government", "official",
                          "officials", "office", "department", "cabinet", "presidency", "embassy"})
NO_ONE_STATE = frozenset({"western", "foreign", "international", "independent", "outside", "regional", "arab",
                          "european", "african", "asian", "gulf", "allied"})
"""Modifiers of a voice that place it in no single state ("Western officials")."""


def is_state_voice(what) -> bool:
    """ "the Foreign Ministry", "a government spokesman": a voice of some state, not named.
    "Western officials", "foreign diplomats" speak for no one state."""
    if hasattr(what, "entity"):
        words = what.entity.label.lower().split()
    else:
        words = [what.lemma_.lower(), what.lower_]
        if any(c.dep_ == "amod" and c.lower_ in NO_ONE_STATE for c in what.children):
            return False
    return bool(set(words) & STATE_VOICES)


def state_of_sentence(token: Token, walker: ArgumentWalker, from_subjects: bool = True) -> list[Arg]:
    """The state an unnamed voice in `token`'s sentence belongs to: the place the sentence opens
    with, else the dateline's country, else (`from_subjects`) the country of the sentence's first
    subject that has one."""
    gazetteer = load_gazetteer()
    opener = _opening_place(token, walker)
    if opener is not None:
        return [opener]
    filed = dateline_country(token.doc, token.doc._.mentions, token.idx)
    if filed is not None:  # wire copy files a ministry's word from its own capital
        return [Arg(Mention(filed.entity, token.i, token.i + 1, "coref"), 0.7)]
    if not from_subjects:
        return []
    for other in token.sent:
        if other.dep_ in {"nsubj", "nsubjpass"} and other.i != token.i:
            for arg in walker.args_at(other):
                country = arg.mention.entity.country
                entity = gazetteer.get(country) if country else None
                if entity is not None:
                    return [Arg(Mention(entity, arg.mention.start, arg.mention.end, "coref"), 0.8 * arg.confidence)]
    return []


def _opening_place(token: Token, walker: ArgumentWalker) -> Arg | None:
    """ "In London, the Foreign Office said ...": the country of the place the sentence opens with."""
    first = token.sent[0]
    if first.lower_ != "in" or first.dep_ != "prep" or first.head.dep_ != "ROOT":
        return None
    for place in (c for c in first.children if c.dep_ == "pobj"):
        for arg in walker.args_at(place):
            country = arg.mention.entity.country or (arg.mention.entity.id if arg.mention.entity.type == "Country"
                                                     else None)
            entity = load_gazetteer().get(country) if country else None
            if entity is not None:
                return Arg(Mention(entity, arg.mention.start, arg.mention.end, "coref"), 0.8 * arg.confidence)
    return None


def state_acts(candidate: Candidate, walker: ArgumentWalker) -> Candidate:
    """ "In London, the Foreign Office condemned ...": an unnamed ministry acts for its state."""
    agent = candidate.agent.mention.entity
    if agent.country is not None or agent.type == "Country" or not is_state_voice(candidate.agent.mention):
        return candidate
    states = state_of_sentence(candidate.trigger, walker, from_subjects=False)
    if not states or states[0].mention.entity.id in {candidate.object.mention.entity.id,
                                                     candidate.object.mention.entity.country}:
        return candidate
    voice = candidate.agent.mention  # the state, named by the words of its ministry
    return replace(candidate, agent=Arg(Mention(states[0].mention.entity, voice.start, voice.end, "coref"),
                                        states[0].confidence))
