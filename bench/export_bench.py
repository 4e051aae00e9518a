"""Export benchmark: a whole store to N-Quads (and TriG), as `geokg export --format nquads` writes it.

    python bench/export_bench.py --store DIR

DIR is a store `store_bench.py --keep DIR` left. The output is counted, not
kept (nothing lands on disk), so this measures the store's reading and
serialising. Prints quads, seconds, quads/s and MiB/s per format, and the
ratio of N-Quads to a bare scan of the store's quads (`quads_for_pattern`),
the least any export can cost.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_bench import uptime  # noqa: E402

from graph.store import open_store  # noqa: E402
from graph.store.backend import EmbeddedStore  # noqa: E402
from graph.store.export import export  # noqa: E402


class Counter:
    """A binary sink that only counts bytes and lines."""

    def __init__(self) -> None:
        self.bytes = 0
        self.lines = 0

    def write(self, data: bytes) -> int:
        self.bytes += len(data)
        self.lines += data.count(b"\n")
        return len(data)

    def flush(self) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--formats", default="nquads,trig", help="comma-separated: nquads, trig")
    parser.add_argument("--no-scan", action="store_true", help="skip the bare scan (the ratio's baseline)")
    args = parser.parse_args(argv)
    print(f"load {uptime()}")
    with open_store(args.store, read_only=True, index=False) as store:
        assert isinstance(store, EmbeddedStore)
        quads, scan = len(store.ox), None
        if not args.no_scan:
            started = time.perf_counter()
            quads = sum(1 for _ in store.ox.quads_for_pattern(None, None, None, None))
            scan = time.perf_counter() - started
            print(f"scan of every quad: {quads:,} quads in {scan:.1f} s, {quads / scan:,.0f} quads/s")
        for name in args.formats.split(","):
            sink = Counter()
            started = time.perf_counter()
            export(store, sink, name)  # type: ignore[arg-type]
            seconds = time.perf_counter() - started
            print(f"{name:<7} {sink.lines:,} lines, {sink.bytes / 2**20:,.0f} MiB in {seconds:.1f} s: "
                  f"{quads / seconds:,.0f} quads/s, {sink.bytes / 2**20 / seconds:,.1f} MiB/s"
                  + (f", x{seconds / scan:.2f} the scan" if scan else ""))
    print(f"load {uptime()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
