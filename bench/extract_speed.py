"""Extraction speed against the bare spaCy pipeline it runs on, in one process.

    python bench/extract_speed.py [--sentences 2000] [--corpus FILE.jsonl ...]

Builds a corpus of about N sentences from the given .jsonl document files
(default: the sample corpus and the held-out set), then times, on the same
texts and with the same process settings:

* baseline: `nlp.pipe` over the texts with the trained model alone;
* geokg:    `Extractor.extract_many`, i.e. the same model plus geokg's components
            and the conversion to statements.

Prints words/second for both and the ratio (the target is ≥ 0.8 on at least 10,000 sentences).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from graph.documents import read_path
from graph.extract import Extractor
from graph.model import Document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = [ROOT / "data" / "sample-corpus.jsonl", ROOT / "tests" / "data" / "heldout-gold.jsonl"]


def build_corpus(paths: list[Path], sentences: int, nlp) -> list[Document]:
    source = [d for p in paths for d in read_path(p) if isinstance(d, Document)]
    if not source:
        raise SystemExit("no documents in the corpus files")
    per_doc = [max(1, sum(1 for _ in nlp(d.text).sents)) for d in source]
    docs, total, round_ = [], 0, 0
    while total < sentences:
        for d, n in zip(source, per_doc):
            docs.append(Document(f"{d.id}-{round_}", d.text, d.published))
            total += n
            if total >= sentences:
                break
        round_ += 1
    return docs


def timed(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, nargs="*", default=DEFAULT_CORPORA)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs for each side")
    args = parser.parse_args()

    extractor = Extractor()
    bare = spacy.load(extractor.model)
    docs = build_corpus([p for p in args.corpus if p.exists()], args.sentences, bare)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    statements = 0

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=32):
            pass

    def run_geokg() -> None:
        nonlocal statements
        statements = sum(len(s) for _, s in extractor.extract_many(docs, batch_size=32))

    run_bare(), run_geokg()  # warm-up: lazy loads and caches
    base = min(timed(run_bare) for _ in range(args.repeat))
    ours = min(timed(run_geokg) for _ in range(args.repeat))
    result = {
        "documents": len(docs), "sentences_target": args.sentences, "words": words,
        "statements": statements,
        "bare_words_per_s": round(words / base), "geokg_words_per_s": round(words / ours),
        "ratio": round(base / ours, 3),
    }
    print(json.dumps(result))
    print(f"bare spaCy {words / base:,.0f} words/s | geokg extract {words / ours:,.0f} words/s | "
          f"ratio {base / ours:.2f} (target >= 0.80)")


if __name__ == "__main__":
    main()
