"""Extraction throughput on several processes, and ingest on a Dask cluster against one process.

    python bench/parallel_bench.py [--documents 600] [--workers 2]

On one synthetic corpus (bench/text_corpus.py: new names all the way) and in
one run, measures

* extraction (issue 9, benchmark 3): bare spaCy (`nlp.pipe`, the trained model
  alone), geokg's extractor in this process, and geokg on a local Dask cluster
  of `--workers` processes (`geokg ingest --workers N`'s engine): words/s, the
  ratios of the cluster over one process and over bare spaCy, and CPU-seconds
  per 1,000 words (this process plus the cluster's processes), whether the cluster's
  statements equal the single process's, and the workers' memory;
* ingest (benchmark 4): the whole `ingest` into an embedded store, by one
  process and with the cluster extracting: the same claims and facts stored,
  the wall-time ratio, and the overhead ratio (CPU-seconds of the cluster run
  over those of the single process run, the distribution's extra work).

The cluster's start and its model loads are timed apart (a fixed cost per
run, not per document). CPU-seconds are the figure to trust on a shared
machine: wall times move with other load (the run prints `uptime`'s).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil  # noqa: E402 - installed with distributed
import spacy  # noqa: E402
from text_corpus import documents as corpus_records  # noqa: E402

from graph import parallel  # noqa: E402
from graph.documents import document_from_record  # noqa: E402
from graph.extract import Extractor  # noqa: E402
from graph.gazetteer import load_gazetteer  # noqa: E402
from graph.model import Document  # noqa: E402
from graph.store import open_store  # noqa: E402
from graph.store import queries as q  # noqa: E402
from graph.store.ingest import ingest  # noqa: E402


@dataclasses.dataclass
class Measure:
    seconds: float
    cpu_seconds: float


def cpu_seconds() -> float:
    """CPU time of this process and all it started (the local cluster's nannies and workers)."""
    me = psutil.Process()
    return sum(p.cpu_times().user + p.cpu_times().system for p in [me, *me.children(recursive=True)])


def _worker_rss_mib() -> float:
    return psutil.Process().memory_info().rss / 2**20


def measured(run: Callable[[], Any]) -> tuple[Measure, Any]:
    """Wall and CPU time of `run`."""
    cpu, started = cpu_seconds(), time.perf_counter()
    result = run()
    return Measure(time.perf_counter() - started, cpu_seconds() - cpu), result


def stored(location: Path) -> tuple[Any, list[Any], list[Any]]:
    """What a store holds, without the run's time: counts, claims, facts."""
    with open_store(location, read_only=True) as store:
        claims = sorted((dataclasses.replace(c, extracted_at="") for c in q.claims(store)), key=lambda c: c.claim)
        return q.stats(store), claims, sorted(q.facts(store), key=str)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)

    docs = [d for d in (document_from_record(r, "corpus") for r in corpus_records(args.documents, args.seed))
            if isinstance(d, Document)]
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    extractor = Extractor()
    bare = spacy.load(extractor.model)
    warm = docs[:16]
    list(bare.pipe(t.text for t in warm)), list(extractor.extract_many(warm))
    load = os.getloadavg()

    bare_run, _ = measured(lambda: sum(1 for _ in bare.pipe(texts, batch_size=32)))
    single, single_statements = measured(lambda: [s for _, s in extractor.extract_many(docs)])

    started = time.perf_counter()
    with parallel.dask_client(None, args.workers) as client:
        provenance = parallel.run_provenance(client, None)
        startup = time.perf_counter() - started
        rss_start = client.run(_worker_rss_mib)
        pool = parallel.ClusterExtractor(client, None, provenance)
        list(pool.extract_many(warm))
        clustered, cluster_statements = measured(lambda: [s for _, s in pool.extract_many(docs)])
        rss_end = client.run(_worker_rss_mib)

        gazetteer = load_gazetteer()
        with tempfile.TemporaryDirectory() as work:
            one, two = Path(work) / "single", Path(work) / "cluster"
            with open_store(one) as store:
                ingest_single, _ = measured(lambda: ingest(store, docs, extractor, gazetteer))
            with open_store(two) as store:
                ingest_cluster, _ = measured(lambda: ingest(store, docs, pool, gazetteer))
            same_store = stored(one) == stored(two)
            statements_stored = stored(one)[0].claims

    result = {
        "documents": len(docs), "words": words, "workers": args.workers, "load_average": [round(x, 2) for x in load],
        "bare_words_per_s": round(words / bare_run.seconds),
        "single_words_per_s": round(words / single.seconds),
        "cluster_words_per_s": round(words / clustered.seconds),
        "cluster_over_single": round(single.seconds / clustered.seconds, 3),
        "cluster_over_bare": round(bare_run.seconds / clustered.seconds, 3),
        "single_over_bare": round(bare_run.seconds / single.seconds, 3),
        "cpu_s_per_1000_words": {"bare": round(1000 * bare_run.cpu_seconds / words, 4),
                                 "single": round(1000 * single.cpu_seconds / words, 4),
                                 "cluster": round(1000 * clustered.cpu_seconds / words, 4)},
        "same_statements": single_statements == cluster_statements,
        "statements": sum(len(s) for s in single_statements),
        "cluster_start_and_model_load_s": round(startup, 2),
        "worker_rss_mib": {"start": [round(v) for v in rss_start.values()],
                           "end": [round(v) for v in rss_end.values()]},
        "coordinator_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "ingest_single_s": round(ingest_single.seconds, 2), "ingest_cluster_s": round(ingest_cluster.seconds, 2),
        "ingest_wall_ratio": round(ingest_single.seconds / ingest_cluster.seconds, 3),
        "ingest_overhead_ratio": round(ingest_cluster.cpu_seconds / ingest_single.cpu_seconds, 3),
        "ingest_same_store": same_store, "statements_stored": statements_stored,
    }
    print(json.dumps(result))
    print(f"load average {load[0]:.2f}; {len(docs)} documents, {words:,} words")
    print(f"extraction: bare spaCy {result['bare_words_per_s']:,} words/s | geokg 1 process "
          f"{result['single_words_per_s']:,} | geokg {args.workers} workers {result['cluster_words_per_s']:,} "
          f"| {args.workers} workers over 1: {result['cluster_over_single']:.2f}, over bare spaCy: "
          f"{result['cluster_over_bare']:.2f} | same statements: {result['same_statements']}")
    cpu = result["cpu_s_per_1000_words"]
    print(f"CPU-seconds per 1,000 words: bare {cpu['bare']:.3f} | geokg {cpu['single']:.3f} | "
          f"geokg on {args.workers} workers {cpu['cluster']:.3f}; cluster start + model loads "
          f"{startup:.1f} s; worker RSS {result['worker_rss_mib']['start']} → {result['worker_rss_mib']['end']} MiB")
    print(f"ingest: 1 process {ingest_single.seconds:.1f} s | Dask {args.workers} workers "
          f"{ingest_cluster.seconds:.1f} s | wall ratio {result['ingest_wall_ratio']:.2f} | overhead "
          f"(CPU-s cluster / CPU-s single) {result['ingest_overhead_ratio']:.2f} | same store: {same_store} "
          f"({statements_stored} statements)")


if __name__ == "__main__":
    main()
