"""Dates against publication, scraped-page furniture, and offsets into the original text."""

from __future__ import annotations

from datetime import date

import pytest

from graph.extract.dates import resolve
from graph.extract.layout import boilerplate_ranges
from graph.extract.pipeline import split_chunks

PUBLISHED = date(2024, 3, 15)  # a Friday


@pytest.mark.parametrize("phrase, expected", [
    ("Thursday", "2024-03-14"),
    ("on Friday", "2024-03-15"),
    ("Monday", "2024-03-11"),
    ("last month", "2024-02"),
    ("September", "2023-09"),
    ("in February", "2024-02"),
    ("November 8, 2023", "2023-11-08"),
    ("8 November 2023", "2023-11-08"),
    ("November 2022", "2022-11"),
    ("yesterday", "2024-03-14"),
    ("2021", "2021"),
    ("recent weeks", None),
])
def test_relative_dates_resolve_against_publication(phrase, expected):
    assert resolve(phrase, PUBLISHED) == expected


def test_without_publication_only_absolute_dates_resolve():
    assert resolve("Thursday", None) is None
    assert resolve("November 8, 2023", None) == "2023-11-08"


def test_statement_date_comes_from_its_clause(extract):
    statements = extract("Greece delivered fire-fighting planes to Albania on Tuesday.", "2024-07-19")
    hits = [s for s in statements if s.predicate.startswith("provides")]
    assert hits and hits[0].date == "2024-07-16"


def test_furniture_lines_are_marked():
    text = "Read More\nLoading...\nReuters\nMali expelled the French ambassador.\nA caption. / Photo: AFP\nRoute 9"
    ranges = boilerplate_ranges(text)
    marked = [text[s:e] for s, e in ranges]
    assert "Read More" in marked and "Loading..." in marked and "Reuters" in marked and "Route 9" in marked
    assert any(m.startswith("/ Photo: AFP") or m.endswith("Photo: AFP") for m in marked)
    assert not any("Mali" in m for m in marked)


def test_furniture_never_becomes_an_actor(extract):
    text = "Photo: Reuters\nReuters reported that Mali expelled the French ambassador.\nRead More"
    for s in extract(text):
        assert "reuters" not in (s.subject.id + s.object.id).lower()


def test_offsets_point_into_the_original_text(extract):
    text = "  Intro line without news\n\nChile  recalled its ambassador from Caracas.\n\nNorway sent  frigates to Lithuania."
    statements = extract(text)
    assert statements
    for s in statements:
        assert text[s.sentence.start:s.sentence.end] == s.sentence.text
        assert text[s.trigger.start:s.trigger.end] == s.trigger.text


def test_long_documents_are_split_on_paragraphs_with_offsets():
    text = ("Paragraph one is here.\n\n" * 5000)
    pieces = list(split_chunks(text, limit=10_000))
    assert len(pieces) > 1
    assert "".join(p for _, p in pieces) == text
    for offset, piece in pieces:
        assert text[offset:offset + len(piece)] == piece
        assert len(piece) <= 10_000 + 2


def test_a_dateline_stays_in_its_sentence(extract):
    text = "Headline about talks\n\nCAIRO, May 3 (Wire) - Egypt hosted Sudanese envoys for talks on Tuesday."
    statements = [s for s in extract(text) if s.predicate in {"meetsWith", "consults"}]
    assert statements and statements[0].sentence.text.startswith("CAIRO, May 3")


@pytest.mark.parametrize("text, dateline", [
    ("ACCRA, Ghana (AP) -- Ghana recalled its envoy.", "ACCRA, Ghana (AP) -- "),
    ("QUITO, Ecuador, March 3 - Ecuador expelled two diplomats.", "QUITO, Ecuador, March 3 - "),
    ("UNITED NATIONS (Reuters) - The council voted.", "UNITED NATIONS (Reuters) - "),
    ("LIMA -- Peru closed its border.", "LIMA -- "),
])
def test_wire_datelines_are_furniture(text, dateline):
    assert (0, len(dateline)) in boilerplate_ranges(text)


@pytest.mark.parametrize("text", ["NATO - Russia talks resumed on Monday.", "Mali - a landlocked state - voted no."])
def test_a_capital_word_and_a_hyphen_is_not_yet_a_dateline(text):
    assert boilerplate_ranges(text) == []


def test_a_dateline_is_never_an_actor(extract):
    statements = extract("NAIROBI, Kenya (AP) -- Ugandan troops shelled rebel positions in eastern Congo on Tuesday.")
    assert statements and all(s.subject.id != "KEN" and s.object.id != "KEN" for s in statements)
    assert any(s.subject.country == "UGA" and s.predicate == "attacks" for s in statements)
    assert all(s.sentence.text.startswith("NAIROBI, Kenya (AP) -- Ugandan") for s in statements)
