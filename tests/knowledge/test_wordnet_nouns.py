"""The WordNet importer derives event nouns from trigger verbs, on a fixture and on real WordNet."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.extract.lexicon import Lexicon, load_lexicon, parse_noun, parse_verb
from graph.knowledge.wordnet_nouns import DEFAULT_DICT, event_nouns, import_nouns, licence, read_data

FIXTURE = Path(__file__).parent / "fixtures" / "wordnet"


def _lexicon(verbs: dict[str, str], nouns: dict[str, str] = {}) -> Lexicon:
    lex = Lexicon()
    for text, predicate in verbs.items():
        trigger = parse_verb(text, predicate)
        lex.verbs[trigger.lemma].append(trigger)
    for text, predicate in nouns.items():
        trigger = parse_noun(text, predicate)
        lex.nouns[trigger.lemma].append(trigger)
    return lex


def test_derived_nouns_that_name_the_act_become_noun_triggers():
    lex = _lexicon({"shell": "attacks", "denounce": "criticizes", "annex": "attacks"}, {"annexation of": "attacks"})
    found = import_nouns(FIXTURE, lex)
    assert found["attacks"] == ["shelling"]  # not the person ("sheller"), not a curated noun
    assert found["criticizes"] == ["denunciation"]  # the second word of a synset links its own noun


def test_verbs_of_several_meanings_lend_their_nouns_to_none():
    lex = _lexicon({"shell": "attacks", "shell on": "criticizes", "decry": "criticizes"})
    lex.verbs["shell"].append(parse_verb("shell", "criticizes"))
    assert "attacks" not in import_nouns(FIXTURE, lex)


def test_reader_and_licence():
    verbs = read_data(FIXTURE / "data.verb")
    assert verbs["00000002"].words == ("decry", "denounce")
    assert event_nouns(verbs, read_data(FIXTURE / "data.noun"), "denounce") == {"denunciation"}
    assert licence(FIXTURE / "data.verb").startswith("A two-line licence header")


@pytest.mark.skipif(not (DEFAULT_DICT / "data.verb").exists(), reason="WordNet (Debian wordnet-base) is not installed")
def test_real_wordnet_names_the_events_of_our_verbs():
    verbs, nouns = read_data(DEFAULT_DICT / "data.verb"), read_data(DEFAULT_DICT / "data.noun")
    assert "invasion" in event_nouns(verbs, nouns, "invade")
    assert "deportation" in event_nouns(verbs, nouns, "deport")
    assert "invader" not in event_nouns(verbs, nouns, "invade")


def test_imported_nouns_are_triggers_unless_excluded():
    lex = load_lexicon()
    assert any(t.predicate == "attacks" for t in lex.nouns["massacre"])
    assert "sentence" not in lex.nouns  # excluded in the [imports] table: a court's, not an act's
