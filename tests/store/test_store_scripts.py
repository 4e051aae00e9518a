"""The bench scripts run: the store benchmark at a small size, the seed queries on an article of our own."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"

ARTICLE = """Seoul says Pyongyang is arming Moscow

South Korea said on Tuesday that North Korea has sent artillery shells to Russia.

The Kremlin denied that North Korea was supplying weapons to Russia.

China has real influence over North Korea, a senior US diplomat said.
"""


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_store_bench_runs_small_and_the_backends_agree() -> None:
    result = subprocess.run([sys.executable, str(BENCH / "store_bench.py"), "--statements", "300",
                             "--memory-statements", "300", "--backends", "ingest,bulk,per-document,rdflib-memory"],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr  # 1 when the backends disagree on a query's rows
    for backend in ("ingest ", "bulk ", "per-document ", "rdflib-memory "):
        assert any(line.startswith(backend) and " 300 " in line for line in result.stdout.splitlines()), backend
    assert "ratio ingest / rdflib-memory" in result.stdout


def test_seed_queries_find_the_facts_and_the_denial(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "seed-article.txt").write_text(ARTICLE)
    assert script("seed_queries").main([str(tmp_path), "--store", str(tmp_path / "store")]) == 0
    output = capsys.readouterr().out
    assert "id:PRK geokg:providesWeaponsTo id:RUS" in output
    assert "id:CHN geokg:hasInfluenceOver id:PRK" in output
    assert "negative asserted     by id:RUS" in output
    assert "facts found: 2/2; the Kremlin's denial listed: yes" in output
