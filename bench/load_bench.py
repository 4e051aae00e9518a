"""Load benchmark of the HTTP service: concurrent clients on /relations and /entities over a 100,000-statement store.

    python bench/load_bench.py [--statements 100000] [--clients 8] [--requests 3000] [--seconds 60]

Builds a synthetic store with the store's bulk path (the generator of
bench/store_bench.py: full provenance, 300 entities; nothing is shipped),
starts `geokg serve` on a free loopback port, warms it up, then lets
`--clients` threads send at most `--requests` requests in at most `--seconds`
seconds, and prints requests/s and p50/p99 latency per route and overall.
Traffic goes to 127.0.0.1 only, to the server this script started.
"""

from __future__ import annotations

import argparse
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

from store_bench import ENTITY_COUNT, documents, synthetic_quads  # noqa: E402

from graph.ontology import predicates  # noqa: E402
from graph.store import open_store  # noqa: E402
from graph.store.backend import EmbeddedStore  # noqa: E402

LOOPBACK = "127.0.0.1"


def build_store(location: Path, statements: int) -> float:
    """Bulk-load the synthetic statements into a new embedded store; returns the seconds it took."""
    started = time.perf_counter()
    with open_store(location) as store:
        assert isinstance(store, EmbeddedStore)
        store.bulk_insert(synthetic_quads(documents(statements, 10)))
        store.ox.optimize()
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


def request_mix(rng: random.Random) -> tuple[str, str, dict[str, object]]:
    """One request of the mix: half /relations (by subject, some with a predicate or object), half /entities."""
    entity = f"E{rng.randrange(ENTITY_COUNT):03d}"
    roll = rng.random()
    if roll < 0.25:
        return "relations?subject", "/relations", {"subject": entity, "limit": 20}
    if roll < 0.40:
        return "relations?subject&predicate", "/relations", {
            "subject": entity, "predicate": rng.choice(sorted(predicates())), "limit": 20}
    if roll < 0.50:
        return "relations?subject&object", "/relations", {
            "subject": entity, "object": f"E{rng.randrange(ENTITY_COUNT):03d}", "limit": 20}
    if roll < 0.80:
        return "entities?q=name", "/entities", {"q": f"entity {rng.randrange(ENTITY_COUNT)}"}
    return "entities?q=part", "/entities", {"q": f"alias {rng.randrange(30)}", "limit": 10}


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
                response = http.get(path, params=params)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=3000, help="at most this many requests (after warm-up)")
    parser.add_argument("--seconds", type=float, default=60.0, help="and for at most this long")
    parser.add_argument("--store", type=Path, help="reuse (or build once into) this store directory")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="geokg-load-"))
    store = args.store or workdir / "store"
    try:
        if not (store / "CURRENT").exists():
            print(f"building {args.statements:,} statements into {store} ...", flush=True)
            print(f"  bulk load {build_store(store, args.statements):.1f} s", flush=True)
        port = free_port()
        server = start_server(store, port, workdir / "server.log")
        base = f"http://{LOOPBACK}:{port}"
        try:
            started = time.perf_counter()
            drive(base, 2, 200, 60)  # warm-up: name index, caches, first queries
            print(f"warm-up (200 requests, includes the name index) {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            latencies = drive(base, args.clients, args.requests, args.seconds)
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    everything = [v for values in latencies.values() for v in values]
    print(f"\n{len(everything):,} requests from {args.clients} clients in {wall:.1f} s: "
          f"{len(everything) / wall:,.0f} requests/s")
    print(f"{'route':<30}{'n':>7}{'p50 ms':>9}{'p99 ms':>9}{'mean ms':>9}")
    for kind in sorted(latencies):
        values = latencies[kind]
        print(f"{kind:<30}{len(values):>7}{percentile(values, 0.5):>9.1f}{percentile(values, 0.99):>9.1f}"
              f"{statistics.fmean(values):>9.1f}")
    print(f"{'all':<30}{len(everything):>7}{percentile(everything, 0.5):>9.1f}{percentile(everything, 0.99):>9.1f}"
          f"{statistics.fmean(everything):>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
