"""bench/load_bench.py end to end on a small store (slow: builds a store and starts a server)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "load_bench.py"


def test_the_load_script_reports_throughput_and_latency() -> None:
    run = subprocess.run([sys.executable, str(SCRIPT), "--statements", "3000", "--clients", "4",
                          "--requests", "120", "--seconds", "30"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "requests/s" in run.stdout
    assert "failed requests" not in run.stderr
    summary = next(line for line in run.stdout.splitlines() if line.startswith("all "))
    assert int(summary.split()[1]) == 120
