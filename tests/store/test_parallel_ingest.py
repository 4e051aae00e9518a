"""Ingest on a real Dask cluster stores the same graph as ingest in one process.

The corpus is the sample corpus and the tuning set's 220 short items: seven
batches of 32 documents, more than the cluster keeps in flight, so ordering and
back-pressure are exercised. Runs differ only in their run time (see
`quads_apart_from_run_time`); every other quad must be equal.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_samples import quads_apart_from_run_time
from typer.testing import CliRunner

from graph.cli import app
from graph.documents import read_paths
from graph.model import Document
from graph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [str(ROOT / "data" / "sample-corpus.jsonl"), str(ROOT / "tests" / "data" / "tuning-gold.jsonl")]
DOCUMENTS = sum(1 for d in read_paths(CORPUS) if isinstance(d, Document))

runner = CliRunner()


def ingest(*options: str) -> str:
    result = runner.invoke(app, ["ingest", *CORPUS, *options])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The corpus ingested by one process: what every parallel run must store."""
    location = tmp_path_factory.mktemp("reference") / "store"
    assert f"{DOCUMENTS} added" in ingest("--store", str(location))
    with open_store(location, read_only=True) as store:
        return quads_apart_from_run_time(store)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A running Dask cluster of two worker processes; yields its scheduler's tcp:// address."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_workers_2_starts_a_local_cluster_and_stores_the_same_graph(reference: set[str], tmp_path: Path) -> None:
    location = tmp_path / "store"
    assert f"{DOCUMENTS} added" in ingest("--store", str(location), "--workers", "2")
    with open_store(location, read_only=True) as store:
        assert quads_apart_from_run_time(store) == reference


@pytest.mark.slow
def test_a_running_cluster_extracts_and_a_rerun_sends_it_nothing(reference: set[str], scheduler: str,
                                                                 tmp_path: Path) -> None:
    location = tmp_path / "store"
    ingest("--store", str(location), "--scheduler", scheduler, "--workers", "2")
    with open_store(location, read_only=True) as store:
        stored = quads_apart_from_run_time(store)
    assert stored == reference
    assert f"0 added, 0 replaced, {DOCUMENTS} unchanged" in ingest("--store", str(location), "--scheduler", scheduler)
    with open_store(location, read_only=True) as store:
        assert quads_apart_from_run_time(store) == stored
    assert set(pipeline_loads(scheduler).values()) == {1}  # each worker loaded the model once, for both runs


def pipeline_loads(scheduler: str) -> dict[str, int]:
    """How many times each worker process of the cluster has built an extractor."""
    from distributed import Client

    from graph.extract import load_extractor

    with Client(scheduler) as client:
        return client.run(lambda: load_extractor.cache_info().misses)


@pytest.mark.slow
def test_workers_write_straight_to_a_sparql_server(reference: set[str], scheduler: str, oxigraph_server: str) -> None:
    from conftest import empty_server

    empty_server(oxigraph_server)
    output = ingest("--store", oxigraph_server, "--scheduler", scheduler, "--write-on-workers")
    assert f"{DOCUMENTS} added" in output
    with open_store(oxigraph_server, read_only=True) as store:
        assert quads_apart_from_run_time(store) == reference


def test_writing_on_workers_needs_a_server_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", *CORPUS, "--store", str(tmp_path / "store"), "--workers", "2",
                                 "--write-on-workers"])
    assert result.exit_code == 2
    assert "needs a SPARQL server store" in result.output
    assert not (tmp_path / "store").exists()


@pytest.mark.slow
def test_the_cluster_reads_ahead_a_bounded_window_and_answers_in_input_order(scheduler: str) -> None:
    from distributed import Client

    from graph import parallel

    documents = [d for d in read_paths(CORPUS[1:]) if isinstance(d, Document)]
    pulled = 0

    def feed():  # noqa: ANN202
        nonlocal pulled
        for document in documents:
            pulled += 1
            yield document

    batch = 4
    with Client(scheduler) as client:
        pool = parallel.ClusterExtractor(client, None, parallel.run_provenance(client, None), batch_documents=batch)
        window = parallel.IN_FLIGHT_PER_WORKER * parallel.worker_count(client)
        answered = []
        for document, _statements in pool.extract_many(feed()):
            answered.append(document.id)
            assert pulled - len(answered) <= window * batch  # never more than the window ahead of the writer
    assert answered == [d.id for d in documents]
