"""The `geokg` command as a user runs it: a real subprocess, real files, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def geokg(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=300)


@pytest.mark.slow
def test_extract_bad_inputs_are_reported_and_others_processed(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 PK")
    (tmp_path / "latin1.txt").write_bytes(b"Caf\xe9 diplomacy")
    (tmp_path / "no-entities.txt").write_text("The weather was mild and the markets were calm.")
    (tmp_path / "huge.txt").write_text("Quiet day. " * 500_000)  # ~5.5 MB
    (tmp_path / "docs.jsonl").write_text(
        '{"id": "ok", "text": "Norway sent frigates to Lithuania.", "published": "2024-05-02"}\n{broken\n')
    result = geokg("extract", str(tmp_path))
    assert result.returncode == 1, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert any(s["doc_id"] == "ok" and s["predicate"] == "providesWeaponsTo" for s in lines)
    assert all(s["doc_id"] == "ok" for s in lines)
    err = " ".join(result.stderr.decode().split())  # rich wraps long paths across lines
    for reason in ("empty document", "binary", "UTF-8", "malformed JSON", "too large"):
        assert reason in err


@pytest.mark.slow
def test_extract_output_has_the_spec_shape(tmp_path):
    result = geokg("extract", "-", stdin=b"Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing.")
    assert result.returncode == 0, result.stderr
    statements = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert statements
    for st in statements:
        assert st["doc_id"] == "stdin"
        for key in ("subject", "object"):
            assert set(st[key]) >= {"id", "label", "type", "country"}
            assert st[key]["id"].startswith("https://geokg.org/id/")
        assert st["polarity"] in {"positive", "negative"}
        assert st["modality"] in {"asserted", "intended", "requested", "hypothetical"}
        assert 0 <= st["confidence"] <= 1 and st["start"] < st["end"]
    found = {(s["subject"]["country"], s["predicate"], s["object"]["country"]) for s in statements}
    assert ("RUS", "meetsWith", "CHN") in found or ("CHN", "meetsWith", "RUS") in found


def test_help_teaches(tmp_path):
    result = geokg("extract", "--help")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "Exit status" in out and "--model" in out and ".jsonl" in out


def test_unknown_model_is_a_usage_error(tmp_path):
    result = geokg("extract", "--model", "no_such_pipeline_xyz", "-", stdin=b"Text.")
    assert result.returncode == 2
    assert "not installed" in result.stderr.decode()
