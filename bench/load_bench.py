"""Load benchmark of the HTTP service: concurrent clients on every route over a large synthetic store.

    python bench/load_bench.py [--statements 100000] [--clients 8] [--requests 4000] [--seconds 90] [--store DIR]

Builds a store from the synthetic feed of bench/generate_corpus.py with the
store's bulk path (or reuses `--store`, e.g. the one `store_bench.py --keep`
left), starts `geokg serve` on a free loopback port, times the first (cold)
/paths and /rankings and the explorer's view of the busiest actor (every
relation, and the page's first view of 300), warms up, then lets `--clients` threads send at most
`--requests` requests in at most `--seconds` seconds, and prints requests/s
and p50/p99 latency per route and overall. Entities are drawn the way the
feed names them (a Zipf law), so the busiest actors, with a sixth of all
claims, are asked about most. Traffic goes to 127.0.0.1 only, to the server
this script started. The clients run on the same machine as the server.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import ZIPF_S, actors  # noqa: E402
from store_bench import bulk_load, documents, uptime  # noqa: E402

from graph.ontology import predicates  # noqa: E402
from graph.store import open_store  # noqa: E402
from graph.store.backend import EmbeddedStore  # noqa: E402

LOOPBACK = "127.0.0.1"


def build_store(location: Path, statements: int) -> float:
    """Bulk-load the synthetic feed into a new embedded store and index it; returns the seconds it took."""
    started = time.perf_counter()
    with open_store(location, index=False) as store:
        assert isinstance(store, EmbeddedStore)
        bulk_load(store, documents(statements))
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def start_server(store: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    geokg = Path(sys.executable).parent / "geokg"
    process = subprocess.Popen([str(geokg), "serve", "--store", str(store), "--host", LOOPBACK, "--port", str(port),
                                "--log-level", "warning"], stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"geokg serve exited: {log.read_text()}")
        try:
            if httpx.get(f"http://{LOOPBACK}:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("geokg serve did not start within 60 s")


ENTITIES = [entity.id for entity in actors()]
_ZIPF = list(itertools.accumulate(1 / rank ** ZIPF_S for rank in range(1, len(ENTITIES) + 1)))
PREDICATES = sorted(predicates())
SPARQL = ("SELECT ?o WHERE { GRAPH <https://geokg.org/graph/facts> { "
          "<https://geokg.org/id/USA> geokg:criticizes ?o } } LIMIT 10")


def some_entity(rng: random.Random) -> str:
    """An entity the store holds, as often as the feed names it."""
    while True:
        entity = ENTITIES[bisect.bisect(_ZIPF, rng.random() * _ZIPF[-1])]
        if entity in STORED:
            return entity


STORED: set[str] = set(ENTITIES)
"""The entities the store under test mentions (set by main: a small store lacks the rarest)."""


EXPLORER_VIEW: dict[str, object] = {"format": "cytoscape", "rollup": "false", "include_negative": "false",
                                    "include_attributed": "true", "limit": 300}
"""What the explorer page asks for an entity: its 300 best-sourced relations first (api/static/explorer.js)."""


def request_mix(rng: random.Random) -> tuple[str, str, dict[str, object]]:
    """One request of the mix: every route, /relations and /entities most (what the explorer and clients send)."""
    entity, other = some_entity(rng), some_entity(rng)
    routes: list[tuple[float, tuple[str, str, dict[str, object]]]] = [
        (0.15, ("relations?subject", "/relations", {"subject": entity, "limit": 20})),
        (0.08, ("relations?subject&predicate", "/relations", {
            "subject": entity, "predicate": rng.choice(PREDICATES), "limit": 20})),
        (0.06, ("relations?subject&object", "/relations", {"subject": entity, "object": other, "limit": 20})),
        (0.05, ("relations?entity&rollup", "/relations", {"entity": entity, "rollup": "true", "limit": 20})),
        (0.05, ("relations?object&since", "/relations", {"object": entity, "since": "2023-06", "limit": 20})),
        (0.12, ("entities?q", "/entities", {"q": rng.choice(("united", "official 2 of", "armed forces", "ira"))})),
        (0.12, ("entities/{id}", f"/entities/{entity}", {})),
        (0.08, ("explorer export", "/export", EXPLORER_VIEW | {"entity": entity})),
        (0.07, ("neighbourhood", "/neighbourhood", {"entity": entity})),
        (0.07, ("paths", "/paths", {"source": entity, "target": other, "max_hops": 3})),
        (0.05, ("rankings", "/rankings", {"metric": rng.choice(("pagerank", "degree"))})),
        (0.04, ("stats", "/stats", {})),
        (0.03, ("health", "/health", {})),
        (0.03, ("sparql", "/sparql", {"query": SPARQL})),
    ]
    roll = rng.random() * sum(weight for weight, _ in routes)
    for weight, request in routes:
        roll -= weight
        if roll <= 0:
            return request
    return routes[-1][1]


def drive(base: str, clients: int, total: int, seconds: float) -> dict[str, list[float]]:
    """Send requests from `clients` threads until `total` are sent or `seconds` pass; latencies in ms by kind."""
    latencies: dict[str, list[float]] = {}
    failures: list[str] = []
    lock = threading.Lock()
    budget = iter(range(total))
    deadline = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.monotonic() < deadline:
                with lock:
                    if next(budget, None) is None:
                        return
                kind, path, params = request_mix(rng)
                started = time.perf_counter()
                response = http.get(path, params=params, headers={"Accept": "application/sparql-results+json"}
                                    if path == "/sparql" else None)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if response.status_code != 200:
                        failures.append(f"{response.status_code} {path} {params}")
                    latencies.setdefault(kind, []).append(elapsed)

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        print(f"{len(failures)} failed requests, e.g. {failures[:3]}", file=sys.stderr)
    return latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def cold(base: str, path: str, params: dict[str, object]) -> float:
    """Milliseconds of one request (the first of its kind after start: nothing cached)."""
    started = time.perf_counter()
    response = httpx.get(base + path, params=params, timeout=300)
    response.raise_for_status()
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=4000, help="at most this many requests (after warm-up)")
    parser.add_argument("--seconds", type=float, default=90.0, help="and for at most this long")
    parser.add_argument("--store", type=Path, help="reuse (or build once into) this store directory")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="geokg-load-"))
    store = args.store or workdir / "store"
    try:
        if not (store / "CURRENT").exists():
            print(f"building {args.statements:,} statements into {store} ...", flush=True)
            print(f"  bulk load and index {build_store(store, args.statements):.1f} s", flush=True)
        with open_store(store, read_only=True) as reader:
            assert reader.index is not None, "the store has no claims index in step with it: open it writable once"
            claims = reader.index.query("SELECT COUNT(*) FROM claims")[0][0]
            STORED.intersection_update(row[0] for row in reader.index.query(
                "SELECT DISTINCT entity FROM entity_predicates"))
        port = free_port()
        started = time.perf_counter()
        server = start_server(store, port, workdir / "server.log")
        base = f"http://{LOOPBACK}:{port}"
        print(f"store of {claims:,} claims; geokg serve answered /health after {time.perf_counter() - started:.1f} s")
        try:
            first = {"paths": cold(base, "/paths", {"source": "USA", "target": "PRK"}),
                     "rankings": cold(base, "/rankings", {"metric": "pagerank"}),
                     "rankings?since (claims aggregated)": cold(base, "/rankings", {"since": "2024-01"})}
            print("cold (first request after start): " + ", ".join(f"/{k} {v:,.0f} ms" for k, v in first.items()))
            whole = {key: value for key, value in EXPLORER_VIEW.items() if key != "limit"}
            view = {"every relation": cold(base, "/export", whole | {"entity": "USA"}),
                    "first view (300)": cold(base, "/export", EXPLORER_VIEW | {"entity": "USA"})}
            print("explorer view of the United States, cold: " + ", ".join(f"{k} {v:,.0f} ms" for k, v in view.items())
                  + f", ratio {view['every relation'] / view['first view (300)']:.1f}")
            started = time.perf_counter()
            drive(base, 2, 300, 120)  # warm-up: name index, caches, first queries
            print(f"warm-up (300 requests) {time.perf_counter() - started:.1f} s; load {uptime()}")
            started = time.perf_counter()
            latencies = drive(base, args.clients, args.requests, args.seconds)
            wall = time.perf_counter() - started
            print(f"after the run: load {uptime()}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    everything = [v for values in latencies.values() for v in values]
    print(f"\n{len(everything):,} requests from {args.clients} clients in {wall:.1f} s: "
          f"{len(everything) / wall:,.0f} requests/s")
    print(f"{'route':<36}{'n':>7}{'p50 ms':>9}{'p99 ms':>9}{'mean ms':>9}")
    for kind in sorted(latencies):
        values = latencies[kind]
        print(f"{kind:<36}{len(values):>7}{percentile(values, 0.5):>9.1f}{percentile(values, 0.99):>9.1f}"
              f"{statistics.fmean(values):>9.1f}")
    print(f"{'all':<36}{len(everything):>7}{percentile(everything, 0.5):>9.1f}{percentile(everything, 0.99):>9.1f}"
          f"{statistics.fmean(everything):>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
