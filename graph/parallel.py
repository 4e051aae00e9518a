"""Extraction on many processes or machines: a Dask cluster extracts, one process writes.

`geokg ingest --workers N` starts a Dask `LocalCluster` of N single-threaded
worker processes on this machine; `--scheduler tcp://HOST:PORT` uses a running
cluster instead (with `--workers N`, it waits until N workers have joined).
Either way:

* each worker process loads the spaCy pipeline once (`load_extractor` caches
  it) and extracts whole batches of documents: the parse and geokg's rule
  components run together, and only plain `Statement` dataclasses travel back;
* this process reads the inputs, sends batches, and keeps at most
  `2 × workers` of them in flight, so memory stays flat however long the
  corpus is; results come back in input order;
* by default the results are written here, by the usual `ingest` loop (one
  writer, as an embedded store requires); with `write_on_workers` and a SPARQL
  server store, each worker writes its own documents straight to the server.

spaCy's own `nlp.pipe(n_process=...)` is not used: it sends `Doc`s back to the
parent as bytes, and geokg's components leave their results in `Doc`
extensions (spans, relation candidates) that do not survive the trip.

All documents of a run are stored with one `Provenance`: the extractor, version
and model the workers report (they must agree) and the time the run started.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from functools import cache
from itertools import islice
from typing import Any, TypeVar

from graph.documents import Skipped
from graph.model import Document, Provenance, Statement
from graph.store.ingest import IngestSummary, ingest

BATCH_DOCUMENTS = 32
"""Documents per task: enough to amortise Dask's per-task cost and fill spaCy's batches."""
IN_FLIGHT_PER_WORKER = 2
"""Batches queued per worker: one running, one waiting, so no worker idles between tasks."""
CONNECT_TIMEOUT_S = 10.0
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
"""Dask settings for the local cluster (a running cluster keeps its own), both measured here.

Dask's diagnostics (a 10 ms stack profiler, a 20 ms event-loop tick, frequent system and
memory polls) serve its dashboard, which geokg does not start: on 2 workers at rest they cost
0.14 CPU-seconds per second, 0.02 without. Dask also starts workers with glibc's
MALLOC_TRIM_THRESHOLD_ at 64 KiB, to hand memory back to the system at once: with spaCy's
allocation pattern that made the workers spend 28% more CPU on the same documents, and their
memory stays flat without it (docs/scaling.md, Extraction)."""
WORKERS_TIMEOUT_S = 120.0

T = TypeVar("T")
Identity = tuple[str, str, str]
"""(extractor name, version, model): what every worker of a run must share."""


class ClusterError(Exception):
    """The cluster cannot be started, reached or used; the message says what to do."""


@contextmanager
def dask_client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A Dask client: on a `LocalCluster` of `workers` processes, or on the cluster at `scheduler`."""
    import dask  # noqa: PLC0415 - heavy import, only for parallel runs
    from distributed import Client, LocalCluster  # noqa: PLC0415

    with ExitStack() as stack:
        if scheduler is None:
            if not workers or workers < 1:
                raise ClusterError("a local cluster needs --workers N (N ≥ 1)")
            stack.enter_context(dask.config.set(LOCAL_CLUSTER_CONFIG))
            try:
                cluster = stack.enter_context(LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None))
            except Exception as exc:  # noqa: BLE001 - distributed raises many kinds; all mean "could not start"
                raise ClusterError(f"could not start a local Dask cluster of {workers} workers: {exc}") from exc
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT_S))
            except (OSError, TimeoutError, ValueError) as exc:
                raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}; start one with "
                                   "`dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`") from exc
            wanted = workers or 1
            try:
                client.wait_for_workers(wanted, timeout=WORKERS_TIMEOUT_S)
            except TimeoutError as exc:
                have = len(client.scheduler_info().get("workers", {}))
                raise ClusterError(f"the scheduler at {scheduler} has {have} worker(s), {wanted} wanted, after "
                                   f"{WORKERS_TIMEOUT_S:.0f} s; start workers with `dask worker {scheduler}`") from exc
        yield client


def worker_count(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def run_provenance(client: Any, model: str | None) -> Provenance:
    """Load the pipeline on every worker now (errors show at start, not mid-run); the run's provenance."""
    try:
        identities: dict[str, Identity] = client.run(_load_on_worker, model)
    except RuntimeError as exc:  # the worker's own error: e.g. the model is not installed there
        raise ClusterError(f"a worker could not load the extractor: {exc}") from exc
    found = set(identities.values())
    if len(found) != 1:
        listing = "; ".join(f"{address}: {' '.join(identity)}" for address, identity in sorted(identities.items()))
        raise ClusterError(f"the workers run different extractors or models ({listing}); "
                           "install the same geokg and spaCy pipeline on every worker")
    name, version, model_name = found.pop()
    return Provenance(name, version, model_name, datetime.now(timezone.utc).isoformat(timespec="seconds"))


@dataclass
class ClusterExtractor:
    """The ingest `Extractor` interface, served by the workers of a Dask cluster."""

    client: Any
    model: str | None
    provenance: Provenance
    batch_documents: int = BATCH_DOCUMENTS

    def extract_many(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Statement]]]:
        """Statements per document, in input order."""
        expected = _identity(self.provenance)
        for batch, (identity, found) in _in_order(self.client, _extract_on_worker, _batches(documents,
                                                  self.batch_documents), self.model):
            _check_identity(identity, expected)
            yield from zip(batch, found)


def ingest_on_workers(client: Any, location: str, items: Iterable[Document | Skipped], model: str | None,
                      provenance: Provenance, on_item: Callable[[], None] | None = None,
                      batch_documents: int = BATCH_DOCUMENTS) -> IngestSummary:
    """Each worker extracts a batch and writes it to the SPARQL server at `location` itself.

    Every write stays one atomic update per document; the workers' summaries add up to the run's.
    """
    summary = IngestSummary()
    tick = on_item or (lambda: None)

    def documents() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                tick()
            else:
                yield item

    for batch, part in _in_order(client, _ingest_on_worker, _batches(documents(), batch_documents),
                                 model, location, provenance):
        _add(summary, part)
        for _ in batch:
            tick()
    return summary


def _in_order(client: Any, function: Callable[..., T], batches: Iterable[list[Document]],
              *arguments: Any) -> Iterator[tuple[list[Document], T]]:
    """Run `function(batch, *arguments)` on the cluster per batch, a bounded number at a time, in order."""
    window = IN_FLIGHT_PER_WORKER * worker_count(client)
    pending: deque[tuple[list[Document], Any]] = deque()
    for batch in batches:
        pending.append((batch, client.submit(function, batch, *arguments, pure=False)))
        if len(pending) >= window:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(submitted: tuple[list[Document], Any]) -> tuple[list[Document], Any]:
    batch, future = submitted
    try:
        return batch, future.result()
    finally:
        future.release()


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _identity(provenance: Provenance) -> Identity:
    return provenance.extractor, provenance.version, provenance.model


def _check_identity(identity: Identity, expected: Identity) -> None:
    if identity != expected:
        raise ClusterError(f"a worker that joined mid-run extracts with {' '.join(identity)}, the run with "
                           f"{' '.join(expected)}; install the same geokg and spaCy pipeline on every worker")


def _add(total: IngestSummary, part: IngestSummary) -> None:
    for field in fields(IngestSummary):
        setattr(total, field.name, getattr(total, field.name) + getattr(part, field.name))


# --- what runs on the workers -------------------------------------------------------------

_EXTRACTING = threading.Lock()
"""One batch at a time per process: a worker started with several threads shares one pipeline."""


def _load_on_worker(model: str | None) -> Identity:
    from graph.extract import load_extractor  # noqa: PLC0415 - imported on the worker, not by the CLI

    return _identity(load_extractor(model).provenance)


def _extract_on_worker(documents: list[Document], model: str | None) -> tuple[Identity, list[list[Statement]]]:
    from graph.extract import load_extractor  # noqa: PLC0415

    extractor = load_extractor(model)
    with _EXTRACTING:
        return _identity(extractor.provenance), [found for _, found in extractor.extract_many(documents)]


@dataclass
class _RunExtractor:
    """The worker's extractor, stamping the run's provenance on what it writes."""

    inner: Any
    provenance: Provenance

    def extract_many(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Statement]]]:
        return self.inner.extract_many(documents)


def _ingest_on_worker(documents: list[Document], model: str | None, location: str,
                      provenance: Provenance) -> IngestSummary:
    from graph.extract import load_extractor  # noqa: PLC0415
    from graph.gazetteer import load_gazetteer  # noqa: PLC0415

    extractor = load_extractor(model)
    _check_identity(_identity(extractor.provenance), _identity(provenance))
    with _EXTRACTING:
        return ingest(_worker_store(location), documents, _RunExtractor(extractor, provenance), load_gazetteer())


@cache
def _worker_store(location: str) -> Any:
    """The server store, opened once per worker process (and left open for the process's life).

    Not through `open_store`: that rewrites the ontology graph, which the coordinator has
    done already, and concurrent rewrites would each leave their own blank nodes behind.
    """
    from graph.store.virtuoso import remote_store  # noqa: PLC0415

    return remote_store(location)
