"""The read path's options, measured on one store: rdflib over Oxigraph, pyoxigraph directly, the claims index.

    python bench/read_bench.py --store DIR [--runs 5]

DIR is a store `store_bench.py --keep DIR` left (the synthetic feed). For
each option the same questions are asked through `graph.store.queries`:

* a /relations page (20 claims with evidence and their relations' support)
  for the busiest subject, a middling one and a rare one: the claims an
  entity has must not set the cost;
* the same busiest subject with a predicate;
* /entities/{id}'s counts (claims by predicate, total);
* the projection behind /paths and /rankings (the facts view, every edge).

Options: `rdflib` runs the SPARQL through rdflib's Dataset on oxrdflib (the
path before this change), `pyoxigraph` runs the same SPARQL in pyoxigraph and
converts only the rows, `index` reads the SQLite claims index. Prints the
median of `--runs` warm runs in milliseconds (the projection: one cold run)
and the ratios against rdflib.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_bench import uptime  # noqa: E402

from graph.store import open_store  # noqa: E402
from graph.store import queries as q  # noqa: E402
from graph.store.backend import EmbeddedStore, KnowledgeStore  # noqa: E402

OPTIONS = ("rdflib", "pyoxigraph", "index")


def relations_page(store: KnowledgeStore, selection: q.ClaimFilter) -> int:
    """What GET /relations does for one page."""
    page = q.search_claims(store, selection, limit=21)[:20]
    q.relation_support(store, {(c.subject, c.predicate, c.object) for c, _ in page})
    return len(page)


def entity_counts(store: KnowledgeStore, entity: str) -> int:
    """The counting part of GET /entities/{id}."""
    record = q.entity(store, entity)
    return len(q.entity_predicate_counts(store, entity)) + (record.claims if record else 0)


def timed(call: Callable[[], object], runs: int) -> float:
    call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--options", default=",".join(OPTIONS),
                        help="comma-separated subset of " + ", ".join(OPTIONS) + " (the ratio needs rdflib and index)")
    args = parser.parse_args(argv)
    chosen = [option for option in OPTIONS if option in args.options.split(",")]
    with open_store(args.store, read_only=True) as store:
        assert isinstance(store, EmbeddedStore) and store.index is not None, "a store with its claims index"
        index = store.index
        ranked = index.query("SELECT entity, SUM(claims) AS n FROM entity_predicates GROUP BY entity ORDER BY n DESC")
        busy, middling, rare = ranked[0], ranked[len(ranked) // 4], ranked[int(len(ranked) * 0.9)]
        claims = index.query("SELECT COUNT(*) FROM claims")[0][0]
        print(f"{claims:,} claims; entities by claims: {busy[0]} {busy[1]:,}, {middling[0]} {middling[1]:,}, "
              f"{rare[0]} {rare[1]:,}; load {uptime()}")
        questions: list[tuple[str, Callable[[KnowledgeStore], object]]] = [
            (f"/relations subject={busy[0]}", lambda s: relations_page(s, q.ClaimFilter(subject=busy[0]))),
            (f"/relations subject={middling[0]}", lambda s: relations_page(s, q.ClaimFilter(subject=middling[0]))),
            (f"/relations subject={rare[0]}", lambda s: relations_page(s, q.ClaimFilter(subject=rare[0]))),
            (f"/relations subject={busy[0]}&predicate=criticizes", lambda s: relations_page(
                s, q.ClaimFilter(subject=busy[0], predicate="criticizes"))),
            (f"/entities/{busy[0]} counts", lambda s: entity_counts(s, busy[0])),
        ]
        results: dict[str, dict[str, float]] = {}
        for option in chosen:
            store.index = index if option == "index" else None
            if option == "rdflib":
                store.select = types.MethodType(KnowledgeStore.select, store)  # type: ignore[method-assign]
            else:
                store.select = types.MethodType(EmbeddedStore.select, store)  # type: ignore[method-assign]
            results[option] = {name: timed(lambda ask=ask: ask(store), args.runs) for name, ask in questions}
            started = time.perf_counter()
            edges = q.relation_edges(store)
            results[option]["projection (cold, all edges)"] = (time.perf_counter() - started) * 1000
            print(f"  {option}: projection of {len(edges):,} edges", flush=True)
    ratio = "rdflib" in results and "index" in results
    print(f"{'question (ms)':<48}" + "".join(f"{o:>12}" for o in chosen) + (f"{'rdflib/index':>14}" if ratio else ""))
    for name in results[chosen[0]]:
        row = [results[option][name] for option in chosen]
        print(f"{name:<48}" + "".join(f"{v:>12.1f}" for v in row)
              + (f"{results['rdflib'][name] / max(results['index'][name], 1e-3):>13.0f}x" if ratio else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
