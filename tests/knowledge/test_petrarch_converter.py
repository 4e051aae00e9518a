"""The PETRARCH-2 converter on a small dictionary written for these tests, and the gazetteer that reads its output."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from graph.gazetteer import DEFAULT_DIRECTORY, PETRARCH, load_gazetteer
from graph.knowledge.petrarch import convert, display, main, parse_date

FIXTURE = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Path:
    """A copy of the curated gazetteer with the fixture's conversion as its generated data."""
    directory = tmp_path_factory.mktemp("gazetteer")
    for toml in DEFAULT_DIRECTORY.glob("*.toml"):
        shutil.copy(toml, directory)
    convert(FIXTURE, directory / PETRARCH, curated_dir=directory)
    return directory


@pytest.fixture(scope="module")
def gaz(converted, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GEOKG_CACHE", str(tmp_path_factory.mktemp("cache")))
        return load_gazetteer(converted)


def rows(converted: Path, name: str) -> list[list[str]]:
    text = (converted / PETRARCH / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def test_output_files_carry_the_licence_and_their_origin(converted) -> None:
    for name in ("persons.tsv", "bodies.tsv", "groups.tsv", "agents.tsv"):
        text = (converted / PETRARCH / name).read_text(encoding="utf-8")
        assert "Copyright (c) 2014 Open Event Data Alliance" in text
        assert "676801cd9cb2924bbbad09f86d15c9323e7097bf" in text and "graph.knowledge.petrarch" in text


def test_people_are_records_with_dated_roles_in_known_countries(converted) -> None:
    people = {row[0]: row for row in rows(converted, "persons.tsv") if row[1]}
    assert set(people) == {"orson-quillfeather", "dorothea-quillfeather", "alaric-vonnegutski",
                           "zanthor-bellweather", "petronella-grimsby", "maximilian-orange",
                           "griselda-jordanova"}
    # institutions (undated codes), an invented state's official, organisations: none is a person;
    # two people of one name whose terms overlap are both dropped.
    assert "tobias-hayward" not in people and "kinakuta-vizier" not in people


def test_leaders_only_where_the_record_says_head_of_state_or_government(converted) -> None:
    roles = {row[0]: row[3].split() for row in rows(converted, "persons.tsv") if row[1]}
    assert roles["orson-quillfeather"] == [
        "USA:ELI:N:19500101:19890120", "USA:GOV:L:19890120:19930120", "USA:GOV:O:19810120:19890120", "USA:ELI:N::"]
    assert "USA:GOV:O:19890121:19920823" in roles["alaric-vonnegutski"]  # under a "Secretaries" heading
    assert "FRA:GOV:L:19950517:20070516" in roles["zanthor-bellweather"]  # a day-exact CountryInfo term
    assert "FRA:GOV:O:20030101:20041231" in roles["zanthor-bellweather"]  # GOVMIL: a minister, GOV sector
    assert roles["petronella-grimsby"] == ["FRA:GOV:O:20040101:20051231"]  # whole months: cabinet
    assert roles["maximilian-orange"] == ["FRA:GOV:O:20060101:20071231"]


def test_surface_forms_are_conservative(converted) -> None:
    forms = {row[0]: row[2].split("|") for row in rows(converted, "persons.tsv")}
    assert forms["orson-quillfeather"] == ["Orson Quillfeather", "President Quillfeather", "Orson P. Quillfeather"]
    # shared by two presidents whose terms never overlap: kept for both, the date decides
    assert "President Quillfeather" in forms["dorothea-quillfeather"]
    # a bare surname two people share, an English word, a curated country name: dropped
    assert "Quillfeather" not in forms["dorothea-quillfeather"]
    assert forms["maximilian-orange"] == ["Maximilian Orange"]
    assert "North Korea" not in forms["griselda-jordanova"]
    assert forms["alaric-vonnegutski"] == ["Alaric Vonnegutski", "Vonnegutski"]  # distinctive, unshared
    # a curated person: merged, the curated role stands and only new forms are added
    assert forms["vladimir-putin"] == ["President V. V. Putin"]
    assert rows(converted, "bodies.tsv") == [["Quillfeather administration", "USA"]]


def test_armed_groups_of_one_country_with_their_acronyms(converted, gaz) -> None:
    groups = {row[0]: row[1:] for row in rows(converted, "groups.tsv")}
    assert groups == {
        "mountain-liberation-front": ["Mountain Liberation Front", "Mountain Liberation Front|Mountain Front", "MLF",
                                      "PER", "REB"],
        "silver-machete-brigades": ["Silver Machete Brigades", "Silver Machete Brigades", "", "COL", "REB"],
        "test-liberation-front": ["Test Liberation Front", "Test Liberation Front", "", "USA", "REB"],
    }  # the transnational network names no country: left out
    front = gaz.get("mountain-liberation-front")
    assert (front.type, front.country, front.sector) == ("Group", "PER", "REB")
    assert gaz.named("mountain front").id == "mountain-liberation-front"
    assert any(n.text == "MLF" and n.entity_id == front.id for n in gaz.names)


def test_agent_nouns_get_sectors_plurals_and_substitutions(converted) -> None:
    agents = dict(rows(converted, "agents.tsv"))
    assert agents["gunslinger"] == agents["gunslingers"] == "UAF"
    assert agents["ferryman"] == agents["ferrywomen"] == "BUS"
    assert agents["sheepherders of the hills"] == "AGR" and "sheepherders" not in agents
    assert agents["deputies"] == "COP" and agents["army captaincies"] == "MIL"
    assert agents["mullah"] == "REL"  # religions are one sector
    assert "reactionaries" not in agents  # no geokg sector
    assert "police" not in agents and "president" not in agents  # curated phrases win


def test_dated_people_resolve_against_the_date(gaz) -> None:
    assert gaz.named("President Quillfeather", date(1991, 5, 1)).id == "orson-quillfeather"
    assert gaz.named("president quillfeather", date(2005, 5, 1)).id == "dorothea-quillfeather"
    latest = gaz.named("President Quillfeather", None)
    assert latest.id == "dorothea-quillfeather"
    # without a date, a closed term is no office
    assert gaz.dated_entity(latest.id, None)[1].role is None
    orson = gaz.dated("orson-quillfeather")
    assert orson.at(date(1990, 1, 1)).role == "leaderOf"
    assert orson.at(date(1985, 1, 1)).role == "officialOf"
    outside = orson.at(date(2010, 1, 1))
    assert (outside.country, outside.role, outside.sector) == ("USA", None, None)
    zanthor = gaz.dated("zanthor-bellweather")
    assert zanthor.at(date(2003, 6, 1)).role == "leaderOf"  # a leader's period beats an overlapping post
    assert gaz.get("zanthor-bellweather").country == "FRA"
    assert gaz.named("Quillfeather administration").id == "usa-government"
    assert "President V. V. Putin" in gaz.get("vladimir-putin").aliases


def test_the_cli_reports_a_folder_without_dictionaries(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit, match="Phoenix.Countries.actors.txt"):
        main([str(tmp_path), "--out", str(tmp_path / "out")])


@pytest.mark.parametrize("text, expected", [
    ("890120", date(1989, 1, 20)), ("090120", date(2009, 1, 20)), ("20120515", date(2012, 5, 15)),
    ("2004017", None), ("891320", None),
])
def test_dates(text, expected) -> None:
    assert parse_date(text) == expected


def test_display_names() -> None:
    assert display("GEORGE_H._W._BUSH_") == "George H. W. Bush"
    assert display("HASSAN_II_") == "Hassan II"
    assert display("BASHAR_AL_ASSAD") == "Bashar al Assad"
    assert display("AMERICA_(UNITED_STATES)_") is None
