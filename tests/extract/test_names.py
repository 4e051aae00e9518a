"""The gazetteer name matcher: whole tokens only, longest name first, generated names in any case."""

from __future__ import annotations

import pytest
import spacy

from graph.extract.names import GENERATED, NameMatcher, load_name_tables, name_tables
from graph.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def match():
    nlp = spacy.blank("en")
    matcher = NameMatcher(load_name_tables())

    def run(text: str) -> list[tuple[str, str, str]]:
        doc = matcher(nlp.make_doc(text))
        return [(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents]

    return run


def test_names_match_whole_tokens_only(match):
    assert match("Chadwick crossed into Chad.") == [("Chad", "GPE", "TCD")]
    assert match("a pro-Kremlin outlet") == [("Kremlin", "GPE", "RUS")]
    assert match("North Korea's envoy") == [("North Korea", "GPE", "PRK")]
    assert match("North\nKorea") == []  # a name split by a line break is not the name


def test_the_longest_name_wins(match):
    assert match("the United Nations Security Council met") == [
        ("United Nations Security Council", "ORG", "un-security-council")]
    assert match("Kim Jong Un spoke") == [("Kim Jong Un", "PERSON", "kim-jong-un")]


def test_curated_names_keep_their_case_and_generated_ones_ignore_it(match):
    assert match("the us and the uk") == []
    assert match("NATO and nato")[0] == ("NATO", "ORG", "nato")
    assert match("President Bush spoke")[0] == ("President Bush", "PERSON", GENERATED + "president bush")
    assert match("PRESIDENT BUSH spoke")[0][2] == GENERATED + "president bush"
    assert match("the president bush spoke of") == []  # a generated name's capitals must be there
    assert match("the Clinton administration")[0] == ("Clinton administration", "ORG", "usa-government")


def test_demonyms_are_norp(match):
    assert match("Serbian nationalists") == [("Serbian", "NORP", "SRB")]


def test_the_cached_tables_equal_freshly_built_ones():
    assert load_name_tables() == name_tables(load_gazetteer())


def test_a_one_word_name_inside_another_persons_name_is_not_that_person(extract):
    statements = extract("A drone strike killed Gen. Qassem Soleimani near the airport on Friday. "
                         "Iran's Ali Akbar Velayati met President Hafez al-Assad in Damascus.", "1995-05-05")
    people = {s.subject.id for s in statements} | {s.object.id for s in statements}
    assert "naim-qassem" not in people and "bashar-al-assad" not in people


def test_a_two_syllable_given_name_matches_hyphenated_too(extract):
    statements = extract("President Roh Moo-hyun met President Vladimir Putin in Moscow.", published="2004-09-21")
    assert any(s.subject.country == "KOR" and s.predicate == "meetsWith" for s in statements)


def test_a_lower_case_particle_matches_a_capitalised_dictionary_form(extract):
    statements = extract("Prime Minister Nouri al-Maliki declared the pullout a national triumph.")
    assert any(s.subject.id == "nuri-al-maliki" and s.predicate == "leaderOf" and s.object.id == "IRQ"
               for s in statements)
