"""The trigger lexicon (ontology/lexicon.toml), compiled into lemma-indexed lookups.

The TOML holds the words; this module only parses its small trigger grammar
(documented at the top of the TOML) so the relation finder can look up each
token's lemma in one dict access: extraction speed depends on it.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graph.resources import data_path

LEXICON_PATH = data_path("lexicon.toml")

PARTICLES = frozenset({"out", "down", "up", "off", "back", "away"})
PREPOSITIONS = frozenset({
    "to", "with", "on", "against", "at", "from", "of", "for", "over", "into", "in",
    "toward", "towards", "alongside", "about", "upon", "by", "onto", "across", "near",
    "around", "behind", "inside", "outside", "along", "between", "among",
})

FLAGS = ("object_owner", "place_objects", "reciprocal", "adjunct_agent", "xcomp_object", "crowd_agent",
         "active_only", "complement_subject")
"""Per-predicate switches of the argument walk (documented at the top of the TOML)."""

TRANSFER = "transfer"
"""Pseudo-predicate of transfer triggers: the theme decides the real predicate."""


@dataclass(frozen=True)
class VerbTrigger:
    """A verb pattern: lemma, optional particle, optional light-verb noun, optional preposition."""

    predicate: str
    lemma: str
    particle: str | None = None
    noun: str | None = None
    prep: str | None = None
    converse: bool = False

    @property
    def specificity(self) -> int:
        return (self.particle is not None) + 2 * (self.noun is not None) + (self.prep is not None)


@dataclass(frozen=True)
class NounTrigger:
    """A noun pattern: required modifiers, the head lemma and an optional preposition."""

    predicate: str
    lemma: str
    modifiers: tuple[str, ...] = ()
    prep: str | None = None
    relational: bool = False
    """A noun naming one side of a relation ("ally"): the possessor is the object."""
    agentive: bool = False
    """A noun naming the agent ("supplier"): its anchor is the agent."""
    converse: bool = False

    @property
    def specificity(self) -> int:
        return 2 * len(self.modifiers) + (self.prep is not None)


@dataclass(frozen=True)
class PredicateRules:
    name: str
    object_preps: tuple[str, ...] = ()
    noun_preps: tuple[str, ...] = ()
    implicit_object: str | None = None
    confidence: float = 0.8
    object_owner: bool = False
    place_objects: bool = False
    reciprocal: bool = False
    adjunct_agent: bool = False
    xcomp_object: bool = False
    crowd_agent: bool = False
    active_only: bool = False
    complement_subject: bool = False


@dataclass
class Lexicon:
    verbs: dict[str, list[VerbTrigger]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[NounTrigger]] = field(default_factory=lambda: defaultdict(list))
    adjectives: dict[str, list[NounTrigger]] = field(default_factory=lambda: defaultdict(list))
    """Adjective patterns share the noun grammar ("concerned about")."""
    rules: dict[str, PredicateRules] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    negating_light_verbs: frozenset[str] = frozenset()
    joining_verbs: frozenset[str] = frozenset()
    reaction_verbs: frozenset[str] = frozenset()
    actor_nouns: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    crowd_nouns: frozenset[str] = frozenset()
    joint_adverbs: frozenset[str] = frozenset()
    joint_modifiers: frozenset[str] = frozenset()
    object_control_verbs: frozenset[str] = frozenset()
    labelling_verbs: frozenset[str] = frozenset()
    pejoratives: frozenset[str] = frozenset()
    receiving_verbs: frozenset[str] = frozenset()
    themes: tuple[tuple[str, frozenset[str]], ...] = ()
    weapon_modifiers: frozenset[str] = frozenset()
    containers: frozenset[str] = frozenset()
    hardware: frozenset[str] = frozenset()
    recipient_preps: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ()

    @property
    def weapon_words(self) -> frozenset[str]:
        return dict(self.themes).get("providesWeaponsTo", frozenset())

    def theme_predicate(self, head: set[str], modifiers: set[str] | None = None) -> str | None:
        """The transfer predicate for what is transferred.

        The head noun decides first ("missile components" are components, hence
        technology), then its modifiers ("air defence systems" are arms). A military
        modifier turns aid and hardware into arms ("military aid", "military equipment").
        """
        words = head | (modifiers or set())
        for candidates in (head, words):
            for predicate, theme_words in self.themes:
                if candidates & theme_words:
                    if words & self.weapon_modifiers and (predicate == "providesAidTo" or head & self.hardware):
                        return "providesWeaponsTo"
                    return predicate
        return None


def parse_verb(text: str, predicate: str, converse: bool = False) -> VerbTrigger:
    words = text.split()
    lemma, rest = words[0], words[1:]
    particle = prep = None
    if rest and rest[0] in PARTICLES:
        particle, rest = rest[0], rest[1:]
    if rest and rest[-1] in PREPOSITIONS:
        prep, rest = rest[-1], rest[:-1]
    noun = rest[-1] if rest else None
    return VerbTrigger(predicate, lemma, particle, noun, prep, converse)


def parse_noun(text: str, predicate: str, **flags: bool) -> NounTrigger:
    words = text.split()
    prep = words.pop() if len(words) > 1 and words[-1] in PREPOSITIONS else None
    return NounTrigger(predicate, words[-1], tuple(words[:-1]), prep, **flags)


def _singular(lemma: str) -> str:
    """Lexicon nouns may be written plural ("ties"); spaCy lemmatises them singular."""
    irregular = {"allies": "ally", "ties": "tie", "talks": "talk", "arms": "arm"}
    return irregular.get(lemma, lemma)


@cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    lex = Lexicon()
    settings = data.get("settings", {})
    lex.light_verbs = frozenset(settings.get("light_verbs", ()))
    lex.negating_light_verbs = frozenset(settings.get("negating_light_verbs", ()))
    for name in ("joining_verbs", "reaction_verbs", "actor_nouns", "place_nouns", "crowd_nouns", "joint_adverbs",
                 "joint_modifiers", "object_control_verbs", "labelling_verbs", "pejoratives"):
        setattr(lex, name, frozenset(settings.get(name, ())))
    themes = data.get("themes", {})
    lex.weapon_modifiers = frozenset(themes.pop("weapon_modifiers", ()))
    lex.containers = frozenset(themes.pop("containers", ()))
    lex.hardware = frozenset(themes.pop("hardware", ()))
    lex.themes = tuple((pred, frozenset(words)) for pred, words in themes.items())

    transfer = data.get("transfer", {})
    lex.recipient_preps = tuple(transfer.get("recipient_preps", ()))
    lex.source_preps = tuple(transfer.get("source_preps", ()))
    lex.receiving_verbs = frozenset(transfer.get("receiving_light_verbs", ()))
    for text in transfer.get("verbs", ()):
        _add_verb(lex, parse_verb(text, TRANSFER))
    for text in transfer.get("converse_verbs", ()):
        _add_verb(lex, parse_verb(text, TRANSFER, converse=True))
    for key, flags in (("nouns", {}), ("converse_nouns", {"converse": True}),
                       ("agent_nouns", {"agentive": True}),
                       ("converse_agent_nouns", {"agentive": True, "converse": True})):
        for text in transfer.get(key, ()):
            _add_noun(lex, parse_noun(text, TRANSFER, **flags))

    for name, spec in data.get("predicates", {}).items():
        lex.rules[name] = PredicateRules(
            name,
            tuple(spec.get("object_preps", ())),
            tuple(spec.get("noun_preps", ())),
            spec.get("implicit_object"),
            float(spec.get("confidence", 0.8)),
            **{flag: bool(spec.get(flag, False)) for flag in FLAGS},
        )
        for text in spec.get("verbs", ()):
            _add_verb(lex, parse_verb(text, name))
        for text in spec.get("nouns", ()):
            _add_noun(lex, parse_noun(text, name))
        for text in spec.get("relational_nouns", ()):
            _add_noun(lex, parse_noun(text, name, relational=True))
        for text in spec.get("adjectives", ()):
            trigger = parse_noun(text, name)
            lex.adjectives[trigger.lemma].append(trigger)
    for triggers in (*lex.verbs.values(), *lex.nouns.values()):
        triggers.sort(key=lambda t: -t.specificity)
    return lex


def _add_verb(lex: Lexicon, trigger: VerbTrigger) -> None:
    lex.verbs[trigger.lemma].append(trigger)


def _add_noun(lex: Lexicon, trigger: NounTrigger) -> None:
    trigger = NounTrigger(trigger.predicate, _singular(trigger.lemma), trigger.modifiers,
                          trigger.prep, trigger.relational, trigger.agentive, trigger.converse)
    lex.nouns[trigger.lemma].append(trigger)
