"""The CAMEO verb importer keeps what our trigger grammar can say, mapped through the ontology."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.extract.lexicon import load_lexicon
from graph.knowledge.cameo_verbs import import_triggers, pattern_frames, read_dictionary, render, singular

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("petrarch2")
    (folder / "CAMEO.2.0.txt").write_text((FIXTURES / "cameo-mini.txt").read_text())
    return {p: {t.text for t in ts} for p, ts in import_triggers(folder).items()}


def test_bare_verbs_take_their_block_code_through_the_ontology(imported):
    assert {"shell", "bombard"} <= imported["attacks"]
    assert {"ask for", "plead"} <= imported["urges"]


def test_patterns_go_only_with_the_verbs_they_were_found_with(imported):
    assert "shell at" in imported["attacks"]
    assert "bombard at" not in imported["attacks"]
    assert "stage protest" in imported["protestsAgainst"]
    assert "arrange protest" not in imported["protestsAgainst"]


def test_synonym_sets_expand_and_plurals_become_lemmas(imported):
    assert {"arrange truce", "arrange ceasefire"} <= imported["retreatsFrom"]
    assert singular("exercises") == "exercise" and singular("talks") == "talk" and singular("allies") == "ally"


def test_what_our_grammar_cannot_say_is_left_out(imported):
    everything = set().union(*imported.values())
    # a condition on the subject, on a prepositional object, or a noun with a modifier
    assert not any("village" in t or "border" in t or "attack" in t or "rally" in t for t in everything)
    assert not any(t.startswith(("wire", "tap")) for t in everything)  # pre-compound verbs
    assert "arrange report" not in everything  # 010 (statements) maps to no predicate


def test_pattern_frames():
    sets = {"&TRUCE": [["truce"], ["ceasefire"]]}
    assert pattern_frames("* (TO)", sets) == ["to"]
    assert pattern_frames("* OUT VIEWS", sets) == ["out view"]
    assert pattern_frames("* &TRUCE", sets) == ["ceasefire", "truce"]
    assert pattern_frames("* OFF (FROM ^)", sets) == []
    assert pattern_frames("&MILITARY *", sets) == []


def test_render_is_valid_toml(imported, tmp_path):
    import tomllib

    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "CAMEO.2.0.txt").write_text((FIXTURES / "cameo-mini.txt").read_text())
    data = tomllib.loads(render(import_triggers(folder)))
    assert "shell" in data["predicates"]["attacks"]["verbs"]
    _, blocks = read_dictionary(folder / "CAMEO.2.0.txt")
    assert [b.name for b in blocks] == ["SHELL", "ARRANGE", "ASK"]


def test_the_curated_lexicon_stays_in_charge():
    lex = load_lexicon()
    # "condemn" is curated criticism; an import can never make it another predicate bare
    assert {t.predicate for t in lex.verbs["condemn"] if t.noun is None} == {"criticizes"}
    # excluded bare verbs are not triggers, but frames of the same lemma may be
    assert not any(t.noun is None and t.prep is None and t.particle is None for t in lex.verbs.get("claim", []))
    # an imported verb the curated file does not know is taken
    assert any(t.predicate == "attacks" for t in lex.verbs["bombard"])
