"""Score extraction on the shared gold files and on our own sets, side by side.

    python bench/evaluate.py [SHARED_DIR] [--verbose]

SHARED_DIR is the folder holding `eval/score.py`, `eval/seed-gold.jsonl` and
`eval/dev-gold.jsonl` (in this workspace `../shared`); without it only our
own sets are scored, with the scorer found there. Our sets live in
`tests/data/`: `heldout-gold.jsonl` and `wire-gold.jsonl` are never used to tune
rules (they measure generalisation, the second on wire-service copy of
1985-2020); `tuning-gold.jsonl` and `tuning-wire-gold.jsonl` are where rule
gaps are looked for.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from graph.documents import Document, read_path
from graph.extract import load_extractor

ROOT = Path(__file__).resolve().parents[1]
OWN_SETS = {"heldout": ROOT / "tests" / "data" / "heldout-gold.jsonl",
            "wire": ROOT / "tests" / "data" / "wire-gold.jsonl",
            "tuning": ROOT / "tests" / "data" / "tuning-gold.jsonl",
            "tuning-wire": ROOT / "tests" / "data" / "tuning-wire-gold.jsonl"}


def predictions(gold: Path, out: Path) -> None:
    extractor = load_extractor()
    docs = [d for d in read_path(gold) if isinstance(d, Document)]
    with out.open("w") as handle:
        for _, statements in extractor.extract_many(docs):
            for st in statements:
                handle.write(json.dumps(st.to_json()) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shared", nargs="?", type=Path, help="the shared folder (with eval/score.py)")
    parser.add_argument("--verbose", action="store_true", help="show each document's misses")
    args = parser.parse_args()
    if args.shared is None or not (args.shared / "eval" / "score.py").exists():
        sys.exit("usage: bench/evaluate.py SHARED_DIR  (the folder that holds eval/score.py)")
    scorer = args.shared / "eval" / "score.py"
    sets = {"seed": args.shared / "eval" / "seed-gold.jsonl", "dev": args.shared / "eval" / "dev-gold.jsonl"}
    sets.update({name: path for name, path in OWN_SETS.items() if path.exists()})
    with tempfile.TemporaryDirectory() as tmp:
        for name, gold in sets.items():
            out = Path(tmp) / f"{name}.jsonl"
            predictions(gold, out)
            command = [sys.executable, str(scorer), str(gold), str(out)] + (["--verbose"] if args.verbose else [])
            result = subprocess.run(command, capture_output=True, text=True, check=True)
            lines = result.stdout.strip().splitlines()
            if args.verbose:
                print("\n".join(lines[:-1]))
            print(f"{name:11} {lines[-1]}")


if __name__ == "__main__":
    main()
