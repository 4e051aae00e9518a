"""Reading inputs: every kind of bad input is reported and skipped, the rest still read."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from graph.documents import Skipped, read_path, read_stream
from graph.model import Document


def _split(items):
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Skipped)]


def test_jsonl_with_a_malformed_line_keeps_the_others(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{not json\n\n{"id": 7, "text": "Two.", "published": "2024-01-02"}\n'
                    '{"text": ""}\n["a list"]\n')
    docs, skipped = _split(list(read_path(path)))
    assert [d.id for d in docs] == ["a", "7"]
    assert docs[1].published.isoformat() == "2024-01-02"
    reasons = {s.source.split(":")[-1]: s.reason for s in skipped}
    assert "malformed JSON" in reasons["2"] and reasons["5"] == "empty document" and "object" in reasons["6"]


def test_missing_id_gets_a_stable_content_id(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"text": "Same text."}) + "\n")
    first = next(read_path(path))
    second = next(read_path(path))
    assert first.id == second.id and first.id.startswith("sha256-")


def test_text_file_is_one_document_named_after_the_file(tmp_path):
    path = tmp_path / "report-17.txt"
    path.write_text("Qatar mediated between the parties.", encoding="utf-8")
    docs, _ = _split(list(read_path(path)))
    assert docs[0].id == "report-17"


def test_binary_invalid_utf8_empty_and_missing_files_are_skipped(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "b.txt").write_bytes(b"caf\xe9 au lait")
    (tmp_path / "c.txt").write_text("   \n")
    (tmp_path / "d.txt").write_text("Laos signed a rail deal with China.")
    docs, skipped = _split(list(read_path(tmp_path)))
    assert [d.id for d in docs] == ["d"]
    reasons = " ".join(s.reason for s in skipped)
    assert "binary" in reasons and "UTF-8" in reasons and "empty" in reasons
    assert isinstance(next(read_path(tmp_path / "nope.txt")), Skipped)


def test_stdin_sniffs_jsonl_or_text():
    docs, _ = _split(list(read_stream(io.BytesIO(b'{"id": "x", "text": "Hi."}\n'))))
    assert docs[0].id == "x"
    docs, _ = _split(list(read_stream(io.BytesIO(b"Plain words here."))))
    assert docs[0].id == "stdin" and docs[0].text == "Plain words here."


def test_html_pages_in_a_folder_are_read_as_their_articles(tmp_path):
    (tmp_path / "notes.txt").write_text("Norway sent frigates to Lithuania.")
    (tmp_path / "page.html").write_bytes((Path(__file__).parent / "web" / "data" / "shells.html").read_bytes())
    documents = {d.id: d for d in read_path(tmp_path)}
    assert set(documents) == {"notes", "page"}
    page = documents["page"]
    assert page.title == "Seoul says North Korean shells are reaching Russia"
    assert page.published == date(2024, 3, 5) and page.url == "https://news.example/2024/03/05/shells-by-rail"
    assert "sent artillery shells to Russia" in page.text and "cookies" not in page.text
