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

from graph.cache import cached
from graph.resources import data_path

LEXICON_PATH = data_path("lexicon.toml")

PARTICLES = frozenset({"out", "down", "up", "off", "back", "away"})
PREPOSITIONS = frozenset({
    "to", "with", "on", "against", "at", "from", "of", "for", "over", "into", "in",
    "toward", "towards", "alongside", "about", "upon", "by", "onto", "across", "near",
    "around", "behind", "inside", "outside", "along", "between", "among",
})

FLAGS = ("object_owner", "place_objects", "reciprocal", "adjunct_agent", "xcomp_object", "crowd_agent",
         "active_only", "complement_subject", "event_anaphora", "condition_subject", "destination_places")
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
    military: bool = False
    """Counts only when the subject is an armed force ("troops left Lebanon")."""
    acts_only: bool = False
    """Counts only when its object is an act, not an actor ("welcomed the release")."""
    future: bool = False
    """Counts only when said of a future or possible act ("would respond to any attack")."""
    complement: bool = False
    """Its object may be that of the act it governs ("refused to extradite him to Britain")."""
    actors_only: bool = False
    """Counts only when its object is an actor and nothing describes it ("called Kishida", not
    "called the move a mistake")."""
    mutual: bool = False
    """Its coordinated subjects act on each other ("Indian and Pakistani troops exchanged fire")."""

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
    event_anaphora: bool = False
    condition_subject: bool = False
    destination_places: bool = False


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
    response_verbs: frozenset[str] = frozenset()
    actor_nouns: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    crowd_nouns: frozenset[str] = frozenset()
    military_nouns: frozenset[str] = frozenset()
    measure_nouns: frozenset[str] = frozenset()
    trade_nouns: frozenset[str] = frozenset()
    anaphoric_nouns: frozenset[str] = frozenset()
    behest_nouns: frozenset[str] = frozenset()
    judging_verbs: frozenset[str] = frozenset()
    boundary_nouns: frozenset[str] = frozenset()
    approach_nouns: frozenset[str] = frozenset()
    joint_adverbs: frozenset[str] = frozenset()
    joint_modifiers: frozenset[str] = frozenset()
    object_control_verbs: frozenset[str] = frozenset()
    commitment_verbs: frozenset[str] = frozenset()
    commitment_adjectives: frozenset[str] = frozenset()
    reversing_verbs: frozenset[str] = frozenset()
    leaving_verbs: frozenset[str] = frozenset()
    reversals: dict[str, str] = field(default_factory=dict)
    """Hostile predicate → what undoing it is ("sanctions" → "concedesTo")."""
    defied: dict[str, str] = field(default_factory=dict)
    """Objection or appeal nouns an act goes ahead "despite" → the predicate of their author."""
    patrons: dict[str, str] = field(default_factory=dict)
    """Hyphenated participles naming a patron ("Rwandan-backed") → the patron's predicate."""
    labelling_verbs: frozenset[str] = frozenset()
    pejoratives: frozenset[str] = frozenset()
    wrongdoing_verbs: frozenset[str] = frozenset()
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


def parse_verb(text: str, predicate: str, **flags: bool) -> VerbTrigger:
    """ "mass troop along" → lemma "mass", noun "troop", preposition "along"; `flags` are VerbTrigger's."""
    words = text.split()
    lemma, rest = words[0], words[1:]
    particle = prep = None
    if rest and rest[0] in PARTICLES:
        particle, rest = rest[0], rest[1:]
    if rest and rest[-1] in PREPOSITIONS:
        prep, rest = rest[-1], rest[:-1]
    noun = rest[-1] if rest else None
    return VerbTrigger(predicate, lemma, particle, noun, prep, **flags)


def parse_noun(text: str, predicate: str, **flags: bool) -> NounTrigger:
    words = text.split()
    prep = words.pop() if len(words) > 1 and words[-1] in PREPOSITIONS else None
    return NounTrigger(predicate, words[-1], tuple(words[:-1]), prep, **flags)


def _singular(lemma: str) -> str:
    """Lexicon nouns may be written plural ("ties"); spaCy lemmatises them singular."""
    irregular = {"allies": "ally", "ties": "tie", "talks": "talk", "arms": "arm"}
    return irregular.get(lemma, lemma)


@cache
def load_lexicon(path: Path = LEXICON_PATH, skip_imports: tuple[str, ...] = ()) -> Lexicon:
    """The lexicon with its imports merged; `skip_imports` leaves some out (for their own importer).

    Built once per change of its files and kept in the compiled cache (graph.cache):
    merging thousands of imported triggers would otherwise cost every start-up.
    """
    with path.open("rb") as handle:
        policy = tomllib.load(handle).get("imports", {})
    inputs = [path, Path(__file__), *(path.parent / name for name in policy.get("files", ()))]
    return cached("lexicon-" + "-".join(s.replace("/", "_") for s in skip_imports), inputs,
                  lambda: _build_lexicon(path, skip_imports))


def _build_lexicon(path: Path, skip_imports: tuple[str, ...]) -> Lexicon:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    lex = Lexicon()
    settings = data.get("settings", {})
    lex.light_verbs = frozenset(settings.get("light_verbs", ()))
    lex.negating_light_verbs = frozenset(settings.get("negating_light_verbs", ()))
    for name in ("joining_verbs", "reaction_verbs", "response_verbs", "actor_nouns", "place_nouns", "crowd_nouns", "military_nouns", "measure_nouns", "trade_nouns", "boundary_nouns", "approach_nouns", "anaphoric_nouns", "behest_nouns", "judging_verbs", "joint_adverbs",
                 "joint_modifiers", "object_control_verbs", "labelling_verbs", "pejoratives", "wrongdoing_verbs",
                 "commitment_verbs", "commitment_adjectives", "reversing_verbs", "leaving_verbs"):
        setattr(lex, name, frozenset(settings.get(name, ())))
    lex.reversals = dict(data.get("reversals", {}))
    lex.defied = dict(data.get("defied", {}))
    lex.patrons = dict(data.get("patrons", {}))
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
        for text in spec.get("military_verbs", ()):
            _add_verb(lex, parse_verb(text, name, military=True))
        for text in spec.get("act_verbs", ()):
            _add_verb(lex, parse_verb(text, name, acts_only=True))
        for text in spec.get("actor_verbs", ()):
            _add_verb(lex, parse_verb(text, name, actors_only=True))
        for text in spec.get("future_verbs", ()):
            _add_verb(lex, parse_verb(text, name, future=True))
        for text in spec.get("complement_verbs", ()):
            _add_verb(lex, parse_verb(text, name, complement=True))
        for text in spec.get("mutual_verbs", ()):
            _add_verb(lex, parse_verb(text, name, mutual=True))
        for text in spec.get("nouns", ()):
            _add_noun(lex, parse_noun(text, name))
        for text in spec.get("relational_nouns", ()):
            _add_noun(lex, parse_noun(text, name, relational=True))
        for text in spec.get("adjectives", ()):
            trigger = parse_noun(text, name)
            lex.adjectives[trigger.lemma].append(trigger)
    _merge_imports(lex, data.get("imports", {}), path.parent, skip_imports)
    for triggers in (*lex.verbs.values(), *lex.nouns.values()):
        triggers.sort(key=lambda t: -t.specificity)
    return lex


def _merge_imports(lex: Lexicon, policy: dict, directory: Path, skip: tuple[str, ...]) -> None:
    """Add the verb triggers of imported dictionaries, with the curated lexicon in charge.

    A noun the curated lexicon knows is never taken from an import; nor is any
    trigger `exclude` names. A verb lemma the curated lexicon knows keeps its curated meanings: an import adds
    only frames with an object noun the curated file does not pair with it ("issue
    an apology"), and never one its light verbs and noun triggers already read
    ("hold talks") nor one of its transfer verbs ("send drones": the themes decide). A lemma it does not know is taken whole, bare or with its particle,
    noun or preposition, unless `exclude_verbs` (bare verbs) or `exclude` (whole
    triggers) in the `[imports]` table says otherwise.
    """
    curated = {lemma: {t.noun for t in triggers} for lemma, triggers in lex.verbs.items()}
    transfers = {lemma for lemma, triggers in lex.verbs.items() if any(t.predicate == TRANSFER for t in triggers)}
    curated_nouns = frozenset(lex.nouns)
    excluded_bare = frozenset(policy.get("exclude_verbs", ()))
    excluded = frozenset(policy.get("exclude", ()))
    for name in policy.get("files", ()):
        if name in skip:
            continue
        with (directory / name).open("rb") as handle:
            imported = tomllib.load(handle)
        for predicate, spec in imported.get("predicates", {}).items():
            if predicate not in lex.rules:
                raise ValueError(f"{name}: {predicate!r} has no [predicates.{predicate}] table in the lexicon")
            for text in spec.get("nouns", ()):
                trigger = parse_noun(text, predicate)
                if text not in excluded and trigger.lemma not in curated_nouns:
                    _add_noun(lex, trigger)
            for text in spec.get("verbs", ()):
                trigger = parse_verb(text, predicate)
                frame = (trigger.particle, trigger.noun, trigger.prep)
                if text in excluded or (frame == (None, None, None) and trigger.lemma in excluded_bare):
                    continue
                if trigger.noun in lex.nouns and trigger.lemma in lex.light_verbs:
                    continue  # "hold talks": the curated noun trigger and its light verb say it already
                if trigger.lemma in transfers:
                    continue  # "send drones": what a transfer verb moves is a theme, the themes decide
                known_nouns = curated.get(trigger.lemma)
                if known_nouns is None or (trigger.noun is not None and trigger.noun not in known_nouns):
                    _add_verb(lex, trigger)


def _add_verb(lex: Lexicon, trigger: VerbTrigger) -> None:
    lex.verbs[trigger.lemma].append(trigger)


def _add_noun(lex: Lexicon, trigger: NounTrigger) -> None:
    trigger = NounTrigger(trigger.predicate, _singular(trigger.lemma), trigger.modifiers,
                          trigger.prep, trigger.relational, trigger.agentive, trigger.converse)
    lex.nouns[trigger.lemma].append(trigger)
