"""The lexicon is data about the ontology's predicates: it may only use their names."""

from __future__ import annotations

import tomllib

from graph.extract.lexicon import (
    LEXICON_PATH,
    TRANSFER,
    load_lexicon,
    parse_noun,
    parse_verb,
)
from graph.ontology import predicates


def test_every_lexicon_predicate_is_an_ontology_predicate():
    data = tomllib.loads(LEXICON_PATH.read_text())
    known = set(predicates())
    assert set(data["predicates"]) <= known
    themes = set(data["themes"]) - {"weapon_modifiers", "containers", "hardware"}
    assert themes <= known


def test_every_event_predicate_has_triggers():
    lex = load_lexicon()
    triggered = {t.predicate for ts in lex.verbs.values() for t in ts} | {t.predicate for ts in lex.nouns.values() for t in ts}
    triggered |= {predicate for predicate, _ in lex.themes}
    affiliations = {"leaderOf", "officialOf"}  # read from titles in the gazetteer, not from triggers
    assert set(predicates()) - affiliations <= triggered | {TRANSFER}


def test_trigger_grammar():
    verb = parse_verb("carry out strike on", "attacks")
    assert (verb.lemma, verb.particle, verb.noun, verb.prep) == ("carry", "out", "strike", "on")
    verb = parse_verb("call on", "urges")
    assert (verb.lemma, verb.particle, verb.noun, verb.prep) == ("call", None, None, "on")
    noun = parse_noun("military tie between", "cooperatesMilitarilyWith")
    assert (noun.lemma, noun.modifiers, noun.prep) == ("tie", ("military",), "between")


def test_theme_decides_the_transfer_predicate():
    lex = load_lexicon()
    assert lex.theme_predicate({"system"}, {"missile"}) == "providesWeaponsTo"
    assert lex.theme_predicate({"technology"}, {"space"}) == "providesTechnologyTo"
    assert lex.theme_predicate({"component"}, {"missile", "ballistic"}) == "providesTechnologyTo"
    assert lex.theme_predicate({"aid"}, {"humanitarian"}) == "providesAidTo"
    assert lex.theme_predicate({"aid"}, {"military"}) == "providesWeaponsTo"
    assert lex.theme_predicate({"equipment"}, {"military"}) == "providesWeaponsTo"
    assert lex.theme_predicate({"letter"}) is None
