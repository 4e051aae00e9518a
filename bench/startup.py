"""Command-line start-up against bare spaCy's, in one run.

    python bench/startup.py [--runs 7]

Times, in fresh processes and alternating so that machine load hits both alike:

* baseline: `python -c "import spacy; spacy.load(MODEL)"`, the floor any
  spaCy-based command pays;
* geokg:    `geokg extract - -q` on empty standard input (the whole CLI start:
  imports, gazetteer, name tables, lexicon, pipeline assembly; no text).

Prints the best and median seconds of each and the ratio of the medians
(target: within 1.3x). The compiled cache (graph.cache) and Python's bytecode
are warmed by one run first, as they are on any machine after the first
command: the children run without PYTHONDONTWRITEBYTECODE, which would
otherwise leave geokg's modules compiled afresh on every start while spaCy's,
installed by pip, are not.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from graph.extract.pipeline import DEFAULT_MODEL

GEOKG = Path(sys.executable).with_name("geokg")


CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], stdin: bytes | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, input=stdin or b"", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=CHILD_ENV)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bare = [sys.executable, "-c", f"import spacy; spacy.load({DEFAULT_MODEL!r})"]
    geokg = [str(GEOKG), "extract", "-", "-q"]
    timed(geokg), timed(bare)  # warm the OS file cache and the compiled cache
    base, ours = [], []
    for _ in range(args.runs):
        base.append(timed(bare))
        ours.append(timed(geokg))
    ratio = statistics.median(ours) / statistics.median(base)
    print(json.dumps({"runs": args.runs, "bare_spacy_median_s": round(statistics.median(base), 3),
                      "bare_spacy_best_s": round(min(base), 3), "geokg_median_s": round(statistics.median(ours), 3),
                      "geokg_best_s": round(min(ours), 3), "ratio": round(ratio, 3)}))
    print(f"bare spaCy {statistics.median(base):.2f} s | geokg extract (empty input) "
          f"{statistics.median(ours):.2f} s | ratio {ratio:.2f} (target <= 1.30)")


if __name__ == "__main__":
    main()
