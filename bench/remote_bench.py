"""The store on real SPARQL servers against the embedded store: writes, bulk loads, queries, disk.

    python bench/remote_bench.py [--statements 20000] [--per-document 10]

Uses store_bench.py's synthetic statements (full provenance) and, for each of

* embedded:  Oxigraph on disk in this process (the default store),
* oxigraph:  `oxigraph serve` on a loopback port (PyPI `oxigraph`),
* virtuoso:  Debian's `virtuoso-t` on loopback ports, its own database and ini,

measures the `geokg ingest` write path (one atomic write per document),
statements/s; the bulk path on an empty store (embedded: `bulk_extend`;
oxigraph: Graph Store Protocol POSTs of 50,000 N-Quads lines; virtuoso: its bulk loader,
`ld_dir` + `rdf_loader_run`), quads/s; three queries through the store
interface (whole-store counts, one subject's claims with their sentences, a
2-hop facts query), median of 3 warm runs; and the store's files on disk.
Ratios are against the embedded store in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]

from store_bench import PROVENANCE, SUBJECT_LOOKUP, TWO_HOP, documents, synthetic_quads  # noqa: E402

from graph.store import KnowledgeStore, open_store, write_document  # noqa: E402
from graph.store import queries as q  # noqa: E402
from graph.store.backend import EmbeddedStore  # noqa: E402
from tests.servers import oxigraph_serve, virtuoso_serve  # noqa: E402

BACKENDS = ("embedded", "oxigraph", "virtuoso")


@contextlib.contextmanager
def backend(name: str, workdir: Path) -> Iterator[tuple[str, Callable[[Path], None], Path]]:
    """(store location, bulk loader of an N-Quads file into it, folder whose size is the store's disk)."""
    folder = workdir / name
    folder.mkdir()
    if name == "embedded":
        def bulk(nquads: Path) -> None:
            with open_store(folder / "store") as store:
                assert isinstance(store, EmbeddedStore)
                with nquads.open("rb") as source:
                    store.load(source, ox.RdfFormat.N_QUADS)
        yield str(folder / "store"), bulk, folder
    elif name == "oxigraph":
        with oxigraph_serve(folder, workdir / "oxigraph.log") as url:
            def bulk(nquads: Path) -> None:
                lines = nquads.read_bytes().splitlines(keepends=True)
                with open_store(url) as store:  # POSTs of 50,000 quads: one large POST outlasts the HTTP timeout
                    for start in range(0, len(lines), 50_000):
                        store.load(io.BytesIO(b"".join(lines[start:start + 50_000])), ox.RdfFormat.N_QUADS)
            yield url, bulk, folder
    else:
        with virtuoso_serve(folder, workdir / "virtuoso.log") as server:
            def bulk(nquads: Path) -> None:
                server.isql(f"ld_dir('{nquads.parent}', '{nquads.name}', 'https://geokg.org/graph/unused')",
                            "rdf_loader_run()", "checkpoint")
            yield server.url, bulk, folder


def empty(location: str) -> None:
    with open_store(location) as store:
        graphs = [str(row[0]) for row in store.select(
            'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER STRSTARTS(STR(?g), "https://geokg.org/") }')]
        for start in range(0, len(graphs), 500):
            store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs[start:start + 500]))


def queries(store: KnowledgeStore) -> dict[str, float]:
    """Median of 3 warm runs, in ms, after one cold run."""
    out = {}
    for name, run in (("counts", lambda: q.stats(store)), ("lookup", lambda: store.select(SUBJECT_LOOKUP)),
                      ("two_hop", lambda: store.select(TWO_HOP))):
        run()
        samples = []
        for _ in range(3):
            started = time.perf_counter()
            run()
            samples.append((time.perf_counter() - started) * 1000)
        out[f"{name}_ms"] = statistics.median(samples)
    return out


def disk_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def measure(name: str, statements: int, per_document: int, workdir: Path, nquads: Path) -> dict[str, Any]:
    with backend(name, workdir) as (location, bulk, folder):
        started = time.perf_counter()
        with open_store(location) as store:
            for document, batch in documents(statements, per_document):
                write_document(store, document, batch, PROVENANCE)
        writes_s = time.perf_counter() - started
        with open_store(location, read_only=True) as store:
            result: dict[str, Any] = {"write_s": writes_s, "statements_per_s": statements / writes_s,
                                      "claims": q.stats(store).claims, **queries(store)}
        result["disk_bytes"] = disk_bytes(folder)
        if name == "virtuoso":  # its bulk loader reads files from a folder in the server's DirsAllowed
            (folder / "import").mkdir()
            nquads = Path(shutil.copy(nquads, folder / "import"))
        empty(location)
        started = time.perf_counter()
        bulk(nquads)
        result["bulk_s"] = time.perf_counter() - started
        with open_store(location, read_only=True) as store:
            result["bulk_claims"] = q.stats(store).claims
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=20_000)
    parser.add_argument("--per-document", type=int, default=10)
    parser.add_argument("--backends", default=",".join(BACKENDS))
    args = parser.parse_args(argv)
    load = os.getloadavg()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="geokg-remote-bench-") as work:
        workdir = Path(work)
        nquads = workdir / "synthetic.nq"
        buffer = io.BytesIO()
        ox.serialize(synthetic_quads(documents(args.statements, args.per_document)), buffer, ox.RdfFormat.N_QUADS)
        nquads.write_bytes(buffer.getvalue())
        quads = buffer.getvalue().count(b"\n")
        for name in args.backends.split(","):
            results[name] = measure(name, args.statements, args.per_document, workdir, nquads)
            print(json.dumps({name: results[name]}), flush=True)
    base = results.get("embedded")
    print(f"load average {load[0]:.2f}; {args.statements:,} statements ({args.per_document} per document), "
          f"{quads:,} quads in the bulk file")
    header = (f"{'backend':<10}{'writes st/s':>12}{'ratio':>7}{'bulk quads/s':>14}{'ratio':>7}{'disk MiB':>10}"
              f"{'counts ms':>11}{'lookup ms':>11}{'2-hop ms':>10}")
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        write_ratio = r["statements_per_s"] / base["statements_per_s"] if base else float("nan")
        bulk_ratio = base["bulk_s"] / r["bulk_s"] if base else float("nan")
        print(f"{name:<10}{r['statements_per_s']:>12,.0f}{write_ratio:>7.2f}{quads / r['bulk_s']:>14,.0f}"
              f"{bulk_ratio:>7.2f}{r['disk_bytes'] / 2**20:>10,.1f}{r['counts_ms']:>11.1f}{r['lookup_ms']:>11.1f}"
              f"{r['two_hop_ms']:>10.1f}")
    claims = {(r["claims"], r["bulk_claims"]) for r in results.values()}
    if len(claims) != 1:
        print(f"ERROR: the backends disagree on what they hold: {results}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
