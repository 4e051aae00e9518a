"""Explorer page benchmark: how long a high-degree entity's neighbourhood takes to appear on a big store.

    python bench/page_bench.py [--statements 100000] [--runs 3]

Builds a store of synthetic statements with full provenance (store_bench's
generator, loaded through the store's bulk path), serves it with
`geokg serve`, opens the explorer in headless Chromium at 1280×800, searches
the entity that takes part in the most statements and waits until its graph
is drawn. Prints, in milliseconds:

* the page's own timings (`window.geokgExplorer.timings`): the /export
  request, then building and drawing the graph;
* the wall-clock time from pressing Enter to the drawn graph, which adds the
  name search;

first on a fresh service (its projection of the store is computed by that
request), then warm (median of `--runs`, a new page each time, the service's
projection cached). It reports; it does not assert.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "bench"))

from live import chromium, missing_browser  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from store_bench import documents, synthetic_quads  # noqa: E402

from graph.model import Document, Statement  # noqa: E402
from graph.store import open_store  # noqa: E402
from graph.store.backend import EmbeddedStore  # noqa: E402
from tests.servers import geokg_serve  # noqa: E402


def build(location: Path, statements: int, per_document: int) -> tuple[str, str, int]:
    """Bulk-load the synthetic store; returns the id and label of the busiest entity and its statement count."""
    mentions: collections.Counter[tuple[str, str]] = collections.Counter()

    def counted() -> Iterator[tuple[Document, list[Statement]]]:
        for document, batch in documents(statements, per_document):
            for statement in batch:
                mentions[(statement.subject.id, statement.subject.label)] += 1
                mentions[(statement.object.id, statement.object.label)] += 1
            yield document, batch

    with open_store(location) as store:
        assert isinstance(store, EmbeddedStore)
        store.bulk_insert(synthetic_quads(counted()))
    (entity, label), count = mentions.most_common(1)[0]
    return entity, label, count


def measure(site: str, label: str, entity: str) -> dict[str, float]:
    """One visit: open the page, search `label`, wait for `entity`'s graph; the page's timings plus wall time."""
    with chromium(1280, 800) as browser:
        browser.get(site + "/")
        box = browser.find_element(By.ID, "query")
        box.send_keys(label)
        started = time.perf_counter()
        box.send_keys(Keys.ENTER)
        WebDriverWait(browser, 300, poll_frequency=0.02).until(
            lambda d: d.find_element(By.ID, "graph").get_attribute("data-rendered") == entity)
        wall = (time.perf_counter() - started) * 1000
        timings = browser.execute_script("return window.geokgExplorer.timings")
    return {**timings, "wallMs": wall}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--per-document", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3, help="warm visits (the median is reported)")
    args = parser.parse_args(argv)
    reason = missing_browser()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="geokg-page-bench-"))
    try:
        started = time.perf_counter()
        entity, label, count = build(workdir / "store", args.statements, args.per_document)
        print(f"{args.statements:,} statements bulk-loaded in {time.perf_counter() - started:.1f} s; "
              f"busiest entity {entity} ({label!r}) in {count:,} statements")
        with geokg_serve(workdir / "store", workdir / "serve.log") as server:
            site = server.url
            cold = measure(site, label, entity)
            warm = [measure(site, label, entity) for _ in range(args.runs)]
        print(f"graph drawn: {int(cold['nodes'])} nodes, {int(cold['edges'])} edges")
        print(f"{'visit':<22}{'/export ms':>12}{'draw ms':>10}{'page ms':>10}{'wall ms':>10}")

        def row(name: str, values: dict[str, float]) -> None:
            print(f"{name:<22}{values['fetchMs']:>12.0f}{values['renderMs']:>10.0f}{values['totalMs']:>10.0f}"
                  f"{values['wallMs']:>10.0f}")

        row("cold (fresh service)", cold)
        row(f"warm (median of {args.runs})",
            {key: statistics.median(run[key] for run in warm) for key in ("fetchMs", "renderMs", "totalMs",
                                                                          "wallMs")})
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
