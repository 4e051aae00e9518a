"""Store benchmark: synthetic statements with full provenance into the embedded store and into rdflib Memory.

    python bench/store_bench.py [--statements 100000] [--per-document 10]

Generates the statements (nothing is shipped), then, each in its own child
process so that peak memory is that backend's alone, loads them

* into the embedded store the way ingest does: one atomic write per document,
* into the embedded store with pyoxigraph's bulk path (initial loads),
* into a plain rdflib `Dataset` on the Memory store,

and prints load time, statements/s, disk size and peak memory, plus the time of
a subject lookup (a subject's claims with their sentences and documents) and a
2-hop query over the facts view (whom do the states E007 arms arm), both run
through rdflib on every backend. Generating the statements (about 1 s per 100,000)
is included in the load times.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.model import Document, Entity, Provenance, Span, Statement  # noqa: E402
from graph.ontology import predicates  # noqa: E402

BACKENDS = ("embedded", "embedded-bulk", "rdflib-memory")
PROVENANCE = Provenance("geokg-bench", "0.0.0", "synthetic", "2024-05-01T10:00:00Z")
ENTITY_COUNT = 300
LOOKUP_SUBJECT = "E007"

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
    <https://geokg.org/id/{LOOKUP_SUBJECT}> geokg:providesWeaponsTo ?b . ?b geokg:providesWeaponsTo ?c }}
}}"""


def documents(statements: int, per_document: int, seed: int = 7) -> Iterator[tuple[Document, list[Statement]]]:
    """Deterministic synthetic documents, `per_document` statements each, every one with evidence."""
    rng = random.Random(seed)
    names = sorted(predicates())
    entities = [Entity(f"E{i:03d}", f"Entity {i}", "Country", f"E{i:03d}", (f"Alias {i}",), f"Q{1000 + i}")
                for i in range(ENTITY_COUNT)]
    made = 0
    number = 0
    while made < statements:
        count = min(per_document, statements - made)
        sentences = [f"Sentence {j} of report {number} says that one state acted towards another."
                     for j in range(count)]
        text = " ".join(sentences)
        published = date(2020, 1, 1) + timedelta(days=number % 1500)
        document = Document(f"bench-{number:06d}", text, published, f"https://news.example/{number}",
                            f"Report {number}")
        batch = []
        offset = 0
        for sentence in sentences:
            subject, obj = rng.sample(entities, 2)
            batch.append(Statement(
                document.id, subject, rng.choice(names), obj,
                "negative" if rng.random() < 0.1 else "positive",
                rng.choices(["asserted", "intended", "requested", "hypothetical"], [80, 8, 8, 4])[0],
                rng.choice(entities) if rng.random() < 0.5 else None,
                Span(offset, offset + len(sentence), sentence), round(rng.uniform(0.3, 1.0), 3),
                published.isoformat() if rng.random() < 0.5 else None, published.isoformat()))
            offset += len(sentence) + 1
        yield document, batch
        made += count
        number += 1


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


def run_child(backend: str, statements: int, per_document: int, workdir: Path) -> dict[str, float | int]:
    """Load and query one backend in this process; returns the measurements."""
    from graph.ontology import load_ontology_graph
    from graph.store import open_store, write_document
    from graph.store.backend import EmbeddedStore
    from graph.store.rdf import ONTOLOGY_GRAPH, PREFIXES, rdflib_quads

    data = documents(statements, per_document)  # generated lazily: its time is in the load time
    location = workdir / backend
    started = time.perf_counter()
    if backend == "embedded":
        with open_store(location) as store:
            for document, batch in data:
                write_document(store, document, batch, PROVENANCE)
    elif backend == "embedded-bulk":
        with open_store(location) as store:
            assert isinstance(store, EmbeddedStore)
            store.bulk_insert(synthetic_quads(data))
    else:
        import rdflib

        memory = rdflib.Dataset(default_union=True)
        ontology = rdflib.URIRef(ONTOLOGY_GRAPH)  # the embedded store loads it on open
        memory.addN((s, p, o, memory.graph(ontology)) for s, p, o in load_ontology_graph())
        memory.addN(rdflib_quads(synthetic_quads(data)))  # type: ignore[arg-type]
    load_s = time.perf_counter() - started

    if backend == "rdflib-memory":
        result = {"quads": sum(len(graph) for graph in memory.graphs()), "disk_bytes": 0}
        result.update(_timed_queries(lambda sparql: list(memory.query(sparql, initNs=PREFIXES))))
    else:
        with open_store(location, read_only=True) as reader:
            assert isinstance(reader, EmbeddedStore)
            result = {"quads": len(reader.ox), "disk_bytes": reader.disk_size()}
            result.update(_timed_queries(reader.select))
    result.update(load_s=load_s, statements_per_s=statements / load_s,
                  peak_rss_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    return result


def _mib(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB" if value else "(in memory)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--per-document", type=int, default=10)
    parser.add_argument("--backends", default=",".join(BACKENDS), help="comma-separated subset of " +
                        ", ".join(BACKENDS))
    parser.add_argument("--child", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, args.statements, args.per_document, args.workdir)))
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="geokg-bench-"))
    results: dict[str, dict[str, float]] = {}
    try:
        for backend in args.backends.split(","):
            output = subprocess.run(
                [sys.executable, __file__, "--child", backend, "--statements", str(args.statements),
                 "--per-document", str(args.per_document), "--workdir", str(workdir)],
                check=True, capture_output=True, text=True).stdout
            results[backend] = json.loads(output.strip().splitlines()[-1])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"{args.statements:,} statements ({args.per_document} per document), full provenance")
    header = f"{'backend':<15}{'quads':>11}{'load s':>9}{'stmts/s':>10}{'disk':>12}{'peak RSS':>11}" \
             f"{'lookup ms':>11}{'2-hop ms':>10}{'rows':>11}"
    print(header)
    print("-" * len(header))
    for backend, r in results.items():
        print(f"{backend:<15}{int(r['quads']):>11,}{r['load_s']:>9.1f}{r['statements_per_s']:>10,.0f}"
              f"{_mib(r['disk_bytes']):>12}{_mib(r['peak_rss_bytes']):>11}"
              f"{r['lookup_ms']:>11.1f}{r['two_hop_ms']:>10.1f}"
              f"{int(r['lookup_rows']):>5}/{int(r['two_hop_rows']):<5}")
    print("query times: median of 3 warm runs through rdflib; cold first runs: " + ", ".join(
        f"{b} {r['lookup_cold_ms']:.0f}/{r['two_hop_cold_ms']:.0f} ms" for b, r in results.items()))
    rows = {(r["lookup_rows"], r["two_hop_rows"]) for r in results.values()}
    if len(rows) != 1:
        print("ERROR: the backends disagree on the query results", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
