"""Event table benchmark: does `events-parquet` stream, or does its memory grow with the store?

    python bench/event_table_bench.py [--claims 25000] [--factor 4]

Builds two synthetic stores (bench/store_bench.py's generator, bulk-loaded),
one with N claims and one with FACTOR x N, then in a child process each:

* `stream`: `graph.event_table.export(..., "events-parquet")`, the exporter as shipped;
* `whole`: the baseline a naive exporter would be, every row collected into one
  pyarrow table before writing.

It prints time, claims/s and the peak memory each child added over its
start-up, and the ratios that answer the question: the streaming exporter's
added memory should barely move from N to FACTOR x N claims, while the
baseline's grows with the claims. Memory is the process's anonymous memory
(heap: Python objects, Arrow buffers), sampled every 20 ms; the store's files
mapped into memory are the operating system's cache, not the exporter's.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MODES = ("stream", "whole")


def build(location: Path, claims: int) -> None:
    from store_bench import documents, synthetic_quads

    from graph.store import open_store
    from graph.store.backend import EmbeddedStore

    with open_store(location) as store:
        assert isinstance(store, EmbeddedStore)
        store.bulk_insert(synthetic_quads(documents(claims, 10)))


def _status(field: str) -> int:
    """A memory figure of this process from /proc/self/status, in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


class _Peak(threading.Thread):
    """The highest anonymous memory (RssAnon) of this process while it runs."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _status("RssAnon")
        self.running = True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, _status("RssAnon"))
            time.sleep(0.02)


def run_child(mode: str, location: Path) -> dict[str, float]:
    """Export the store once in this process: time, and the peak anonymous memory the export added."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from graph import event_table
    from graph.store import open_store

    with open_store(location, read_only=True) as store:
        baseline = _status("RssAnon")
        sampler = _Peak()
        sampler.start()
        sink = io.BytesIO() if mode == "whole" else open(location.parent / f"{location.name}.parquet", "wb")  # noqa: SIM115
        started = time.perf_counter()
        if mode == "stream":
            event_table.export(store, sink, "events-parquet")
        else:
            pq.write_table(pa.Table.from_pylist(list(event_table.rows(store)), schema=event_table.SCHEMA), sink)
        seconds = time.perf_counter() - started
        sink.close()
        sampler.running = False
        sampler.join()
    return {"seconds": seconds, "added_mib": (sampler.peak - baseline) / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=25_000,
                        help="claims in the smaller store (keep it over event_table.ROW_GROUP, 10,000)")
    parser.add_argument("--factor", type=int, default=4)
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, args.store)))
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="geokg-events-bench-"))
    sizes = (args.claims, args.claims * args.factor)
    results: dict[tuple[str, int], dict[str, float]] = {}
    try:
        for size in sizes:
            build(workdir / f"store-{size}", size)
            for mode in MODES:
                output = subprocess.run(
                    [sys.executable, __file__, "--child", mode, "--store", str(workdir / f"store-{size}")],
                    check=True, capture_output=True, text=True, cwd=Path(__file__).parent).stdout
                results[(mode, size)] = json.loads(output.strip().splitlines()[-1])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"{'mode':8} {'claims':>9} {'seconds':>8} {'claims/s':>9} {'added memory':>13}")
    for (mode, size), result in results.items():
        print(f"{mode:8} {size:9,} {result['seconds']:8.1f} {size / result['seconds']:9,.0f} "
              f"{result['added_mib']:10,.0f} MiB")
    small, large = sizes
    for mode in MODES:
        growth = results[(mode, large)]["added_mib"] / max(results[(mode, small)]["added_mib"], 1.0)
        print(f"{mode}: memory at {large:,} claims / at {small:,} claims = {growth:.2f} "
              f"(claims grew {args.factor}x)")
    ratio = results[("stream", large)]["added_mib"] / max(results[("whole", large)]["added_mib"], 1.0)
    speed = results[("stream", large)]["seconds"] / results[("whole", large)]["seconds"]
    print(f"stream / whole at {large:,} claims: memory {ratio:.2f}, time {speed:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
