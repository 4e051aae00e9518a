"""Store benchmark: a synthetic feed into the embedded store (two write paths) and into rdflib Memory.

    python bench/store_bench.py [--statements 100000] [--memory-statements 100000] [--keep DIR]

The statements come from bench/generate_corpus.py (already extracted: this
measures the store, not spaCy). Each backend runs in its own child process,
so that peak memory is its own:

* `ingest`: the `geokg ingest` path: documents checked against the store,
  written in batches (graph/store/ingest.py), the claims index kept level,
  then the store compacted;
* `bulk`: every quad in pyoxigraph's bulk loader (initial loads; not atomic),
  the claims index written from the same statements, then compaction;
* `per-document`: one `write_document` per document (the path before
  batching), for the ratio;
* `rdflib-memory`: a plain rdflib `Dataset` on the Memory store, the
  baseline, on `--memory-statements` (it needs about 2 GiB per 100,000).

It prints load time, statements/s, quads per statement, the RDF store's disk
before and after compaction, the claims index's size, peak RSS, and the time
of two queries through rdflib (a busy subject's claims with their sentences;
a 2-hop walk on the facts view), then the ratios against rdflib Memory.
Generating the statements is included in the load times.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import PROVENANCE, corpus  # noqa: E402

from graph.model import Document, Statement  # noqa: E402
from graph.store.backend import EmbeddedStore  # noqa: E402
from graph.store.index import ClaimIndex, index_path  # noqa: E402

BACKENDS = ("ingest", "bulk", "per-document", "rdflib-memory")
LOOKUP_SUBJECT = "PRK"

SUBJECT_LOOKUP = f"""
SELECT ?claim ?p ?o ?polarity ?exact ?doc WHERE {{
  GRAPH <https://geokg.org/graph/provenance> {{
    ?claim geokg:claimSubject <https://geokg.org/id/{LOOKUP_SUBJECT}> ; geokg:claimPredicate ?p ;
           geokg:claimObject ?o ; geokg:polarity ?polarity ; prov:wasDerivedFrom ?doc ;
           geokg:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?exact .
  }}
}}"""
TWO_HOP = f"""
SELECT ?b ?c WHERE {{
  GRAPH <https://geokg.org/graph/facts> {{
    <https://geokg.org/id/{LOOKUP_SUBJECT}> geokg:criticizes ?b . ?b geokg:providesWeaponsTo ?c }}
}}"""


def documents(statements: int) -> Iterator[tuple[Document, list[Statement]]]:
    """The benchmark's documents: the synthetic feed of bench/generate_corpus.py."""
    return corpus(statements)


class PreExtracted:
    """An `Extractor` whose statements were extracted beforehand: ingest without spaCy."""

    provenance = PROVENANCE

    def __init__(self, data: Iterable[tuple[Document, list[Statement]]]) -> None:
        self._statements = {}
        self._data = iter(data)

    def documents(self) -> Iterator[Document]:
        for document, statements in self._data:
            self._statements[document.id] = statements
            yield document

    def extract_many(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Statement]]]:
        for document in documents:
            yield document, self._statements.pop(document.id)


def bulk_load(store: EmbeddedStore, data: Iterable[tuple[Document, list[Statement]]]) -> None:
    """The bulk path: every quad through pyoxigraph's bulk loader, the claims index from the same statements."""
    index = ClaimIndex(index_path(store.location))
    store.bulk_insert(synthetic_quads(indexed(data, index)))
    index.note_entities(store)
    index.close()


def indexed(data: Iterable[tuple[Document, list[Statement]]],
            index: ClaimIndex) -> Iterator[tuple[Document, list[Statement]]]:
    """Pass the documents on, recording them in the claims index as they go (the bulk path's index)."""
    from graph.store.index import IndexedDocument
    from graph.store.rdf import entity_quads, statement_entities

    batch: list[IndexedDocument] = []
    entities: list[ox.Quad] = []
    seen: set[str] = set()
    for document, statements in data:
        for entity in statement_entities(statements).values():
            if entity.id not in seen:  # described with the first document naming it, as synthetic_quads does
                seen.add(entity.id)
                entities += entity_quads(entity)
        batch.append(IndexedDocument(document, statements, PROVENANCE))
        if len(batch) >= 1_000:
            index.record(batch, entities)
            batch, entities = [], []
        yield document, statements
    index.record(batch, entities)


def synthetic_quads(data: Iterator[tuple[Document, list[Statement]]]) -> Iterator[ox.Quad]:
    """The quads that ingest would write for `documents()`, for a backend's bulk path (each entity once)."""
    from graph.store.rdf import (
        document_quads,
        entity_quads,
        extraction_quads,
        statement_entities,
        statement_quads,
    )

    seen: set[str] = set()
    for document, batch in data:
        yield from document_quads(document) + extraction_quads(document, PROVENANCE)
        for statement in batch:
            yield from statement_quads(statement, document, PROVENANCE)
        for entity in statement_entities(batch).values():
            if entity.id not in seen:
                seen.add(entity.id)
                yield from entity_quads(entity)


def _timed_queries(run) -> dict[str, float | int]:  # noqa: ANN001 - run: str -> list of rows
    """Median of three runs after a first (cold) one, in milliseconds, and the row counts."""
    out: dict[str, float | int] = {}
    for name, sparql in (("lookup", SUBJECT_LOOKUP), ("two_hop", TWO_HOP)):
        started = time.perf_counter()
        rows = run(sparql)
        out[f"{name}_cold_ms"] = (time.perf_counter() - started) * 1000
        samples = []
        for _ in range(3):
            started = time.perf_counter()
            run(sparql)
            samples.append((time.perf_counter() - started) * 1000)
        out[f"{name}_ms"] = statistics.median(samples)
        out[f"{name}_rows"] = len(rows)
    return out


def run_child(backend: str, statements: int, workdir: Path) -> dict[str, float | int]:
    """Load and query one backend in this process; returns the measurements."""
    from graph.ontology import load_ontology_graph
    from graph.store import open_store, write_document
    from graph.store.ingest import ingest
    from graph.store.rdf import ONTOLOGY_GRAPH, PREFIXES, rdflib_quads

    data = documents(statements)  # generated lazily: its time is in the load time
    location = workdir / backend
    result: dict[str, float | int] = {}
    started = time.perf_counter()
    if backend in ("ingest", "bulk", "per-document"):
        with open_store(location, index=backend != "bulk") as store:
            assert isinstance(store, EmbeddedStore)
            if backend == "ingest":
                source = PreExtracted(data)
                ingest(store, source.documents(), source)
            elif backend == "per-document":
                for document, batch in data:
                    write_document(store, document, batch, PROVENANCE)
            else:
                bulk_load(store, data)
            result["load_s"] = time.perf_counter() - started
            result["disk_before_bytes"] = store.disk_size()
            compacting = time.perf_counter()
            store.compact()
            result["compact_s"] = time.perf_counter() - compacting
    else:
        import rdflib

        memory = rdflib.Dataset(default_union=True)
        ontology = rdflib.URIRef(ONTOLOGY_GRAPH)  # the embedded store loads it on open
        memory.addN((s, p, o, memory.graph(ontology)) for s, p, o in load_ontology_graph())
        memory.addN(rdflib_quads(synthetic_quads(data)))  # type: ignore[arg-type]
        result["load_s"] = time.perf_counter() - started

    if backend == "rdflib-memory":
        result.update(quads=sum(len(graph) for graph in memory.graphs()), disk_bytes=0, index_bytes=0)
        result.update(_timed_queries(lambda sparql: list(memory.query(sparql, initNs=PREFIXES))))
    else:
        with open_store(location, read_only=True) as reader:  # reopened: the WAL a write run leaves is gone
            assert isinstance(reader, EmbeddedStore) and reader.index is not None
            result.update(quads=len(reader.ox), disk_bytes=reader.disk_size(), index_bytes=reader.index.size())
            result.update(_timed_queries(reader.select))
    result.update(statements_per_s=statements / result["load_s"],
                  peak_rss_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    return result


def _mib(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB" if value else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--memory-statements", type=int, default=100_000,
                        help="statements for the rdflib Memory baseline (default 100,000)")
    parser.add_argument("--backends", default="ingest,bulk,rdflib-memory", help="comma-separated subset of " +
                        ", ".join(BACKENDS))
    parser.add_argument("--keep", type=Path, help="keep the `ingest` store here (for load_bench, export_bench)")
    parser.add_argument("--child", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, args.statements, args.workdir)))
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="geokg-bench-"))
    results: dict[str, dict[str, float]] = {}
    sizes: dict[str, int] = {}
    try:
        for backend in args.backends.split(","):
            size = args.memory_statements if backend == "rdflib-memory" else args.statements
            sizes[backend] = size
            output = subprocess.run(
                [sys.executable, __file__, "--child", backend, "--statements", str(size),
                 "--workdir", str(workdir)], check=True, capture_output=True, text=True).stdout
            results[backend] = json.loads(output.strip().splitlines()[-1])
            if backend == "ingest" and args.keep:
                shutil.rmtree(args.keep, ignore_errors=True)
                shutil.move(str(workdir / backend), args.keep)
            shutil.rmtree(workdir / backend, ignore_errors=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"synthetic feed (bench/generate_corpus.py), full provenance; load {uptime()}")
    header = (f"{'backend':<14}{'statements':>11}{'quads/st':>9}{'load s':>8}{'stmts/s':>9}{'disk':>10}"
              f"{'compacted':>11}{'B/stmt':>9}{'index':>10}{'peak RSS':>10}{'lookup ms':>10}{'2-hop ms':>9}")
    print(header)
    print("-" * len(header))
    for backend, r in results.items():
        n = sizes[backend]
        print(f"{backend:<14}{n:>11,}{r['quads'] / n:>9.1f}{r['load_s']:>8.1f}{r['statements_per_s']:>9,.0f}"
              f"{_mib(r.get('disk_before_bytes', 0)):>10}{_mib(r['disk_bytes']):>11}"
              f"{r['disk_bytes'] / n:>9,.0f}{_mib(r['index_bytes']):>10}{_mib(r['peak_rss_bytes']):>10}"
              f"{r['lookup_ms']:>10.1f}{r['two_hop_ms']:>9.1f}")
    extra = [f"{b}: compaction {r['compact_s']:.0f} s" for b, r in results.items() if "compact_s" in r]
    print("; ".join(extra))
    print("query times: median of 3 warm runs through rdflib; cold first runs: " + ", ".join(
        f"{b} {r['lookup_cold_ms']:.0f}/{r['two_hop_cold_ms']:.0f} ms" for b, r in results.items()))
    rows = {(r["lookup_rows"], r["two_hop_rows"]) for b, r in results.items() if sizes[b] == args.statements}
    if len(rows) > 1:
        print("ERROR: the backends disagree on the query results", file=sys.stderr)
        return 1
    base = results.get("rdflib-memory")
    if base:
        for backend, r in results.items():
            if backend != "rdflib-memory":
                print(f"ratio {backend} / rdflib-memory: statements/s x{r['statements_per_s'] / base['statements_per_s']:.1f}, "
                      f"peak RSS x{r['peak_rss_bytes'] / base['peak_rss_bytes']:.2f} "
                      f"(at {sizes[backend]:,} vs {sizes['rdflib-memory']:,} statements), "
                      f"lookup x{base['lookup_ms'] / max(r['lookup_ms'], 1e-3):.0f} faster")
    return 0


def uptime() -> str:
    """The machine's load average (other work shares its cores), for the record."""
    try:
        return "average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "average unknown"


if __name__ == "__main__":
    sys.exit(main())
