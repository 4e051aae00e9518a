"""The one object behind every route: the open store, its write lock, the caches and the SPARQL workers.

The service process owns an embedded store: it opens it read-write once and
keeps it open, serves reads from any thread (Oxigraph reads a consistent
snapshot while a write goes on) and runs writes one at a time under
`write_lock`. A `geokg ingest` started from another process meanwhile gets the
store's lock error instead of corrupting it.

What is derived from the whole store (the name index behind /entities?q=, the
networkx projection behind /neighbourhood and the entity-to-entity links
behind /paths and /rankings) is computed on first use and cached; every write through the service drops it at
once, and `Settings.cache_seconds` bounds how stale it can get when other
processes write to a remote store.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from api.names import NameIndex
from api.settings import Settings
from api.sparql_worker import SparqlRunner
from graph import analysis
from graph.documents import Skipped
from graph.model import Document, Statement
from graph.store.backend import EmbeddedStore, KnowledgeStore, RemoteStore, open_store
from graph.store.ingest import Extractor, ingest
from graph.store.queries import entity_summaries
from graph.store.rdf import PREFIXES

T = TypeVar("T")
CACHE_ENTRIES = 64
"""Most cached values (projections per distinct filter, rankings, the name index); the oldest go first."""
ANSWER_ENTRIES = 256
"""Most cached answers to requests (see `Service.cached`)."""


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one posted document."""

    document: Document
    status: str
    """added, replaced, unchanged or skipped."""
    statements: list[Statement]
    new_entities: int
    reason: str | None = None


class _Recorder:
    """An extractor wrapper that keeps the statements it produced, stamped with the time of this request."""

    def __init__(self, extractor: Extractor) -> None:
        self._extractor = extractor
        self.provenance = replace(extractor.provenance,
                                  extracted_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self.statements: dict[str, list[Statement]] = {}

    def extract_many(self, documents):  # noqa: ANN001, ANN201 - the Extractor protocol's signature
        for document, statements in self._extractor.extract_many(documents):
            stamped = [replace(s, provenance=self.provenance) for s in statements]
            self.statements[document.id] = stamped
            yield document, stamped


class Service:
    """Store, caches and workers for one app; created by the app's lifespan and closed with it."""

    def __init__(self, settings: Settings, extractor: Extractor | None = None,
                 gazetteer: Any | None = None) -> None:
        self.settings = settings
        self.store: KnowledgeStore = open_store(settings.store)
        self.write_lock = threading.Lock()
        self._extractor = extractor
        self._gazetteer = gazetteer
        self._extractor_lock = threading.Lock()
        self._cache: dict[Hashable, tuple[float, int, Any]] = {}
        self._answers: dict[Hashable, tuple[float, int, Any]] = {}
        self._cache_lock = threading.Lock()
        self._generation = 0
        self.started = time.time()
        self.sparql = self._sparql_runner()

    def _sparql_runner(self) -> SparqlRunner:
        limits = dict(workers=self.settings.sparql_workers, timeout=self.settings.sparql_timeout,
                      max_bytes=self.settings.sparql_max_bytes)
        if isinstance(self.store, RemoteStore):
            return SparqlRunner(endpoint=self.store.query_endpoint, **limits)  # type: ignore[arg-type]
        assert isinstance(self.store, EmbeddedStore)
        where = Path(self.store.location).resolve()
        # Beside the store, so that the checkpoint's hard links stay on its file system.
        scratch = Path(tempfile.mkdtemp(prefix=f".{where.name}-sparql-", dir=where.parent))
        store = self.store

        def snapshot(target: Path) -> None:
            with self.write_lock:
                store.ox.backup(str(target))

        return SparqlRunner(snapshot=snapshot, scratch=scratch, **limits)  # type: ignore[arg-type]

    @property
    def prefixes(self) -> tuple[tuple[str, str], ...]:
        return tuple(PREFIXES.items())

    def close(self) -> None:
        self.sparql.close()
        with self.write_lock:
            self.store.close()

    # ---- caches ---------------------------------------------------------------------------------

    def cached(self, key: Hashable, compute: Callable[[], T], *, answer: bool = False) -> T:
        """`compute()`'s value, reused until the next write or `cache_seconds`, whichever comes first.

        `answer=True` keeps it among the cached answers to requests (paths,
        neighbourhoods, explorer exports of the most asked-about entities),
        which are bounded apart, so that many distinct requests never push
        out the projections and the name index they are computed from.

        Two threads may compute the same value at once after an invalidation;
        both results are right, so that costs time, not correctness.
        """
        cache, bound = (self._answers, ANSWER_ENTRIES) if answer else (self._cache, CACHE_ENTRIES)
        now = time.monotonic()
        with self._cache_lock:
            hit = cache.get(key)
            generation = self._generation
        if hit is not None and hit[1] == generation and now - hit[0] < self.settings.cache_seconds:
            return hit[2]  # type: ignore[no-any-return]
        value = compute()
        with self._cache_lock:
            if self._generation == generation:
                cache[key] = (now, generation, value)
                while len(cache) > bound:  # filters come from requests: bound what they can fill
                    cache.pop(next(iter(cache)))
        return value

    def invalidate(self) -> None:
        """The store changed: drop everything derived from it."""
        with self._cache_lock:
            self._generation += 1
            self._cache.clear()
            self._answers.clear()
        self.sparql.invalidate()

    def names(self) -> NameIndex:
        return self.cached("names", lambda: NameIndex(entity_summaries(self.store)))

    def projection(self, **options: Any) -> nx.MultiDiGraph:
        """`graph.analysis.project(store, **options)`, cached per distinct options."""
        return self.cached(projection_key(options),
                           lambda: analysis.project(self.store, **options, entities=self.names().by_id))

    def links(self, **options: Any) -> nx.DiGraph:
        """`graph.analysis.project_links(store, **options)`, cached per distinct options (paths, rankings)."""
        return self.cached(("links", *projection_key(options)[1:]), lambda: analysis.project_links(self.store,
                                                                                                   **options))

    def cached_projection(self, **options: Any) -> nx.MultiDiGraph | None:
        """The projection for `options` if it is cached and fresh, without computing it."""
        with self._cache_lock:
            hit = self._cache.get(projection_key(options))
            fresh = hit is not None and hit[1] == self._generation and \
                time.monotonic() - hit[0] < self.settings.cache_seconds
        return hit[2] if fresh else None  # type: ignore[index,return-value]

    # ---- writes ---------------------------------------------------------------------------------

    def extractor(self) -> Extractor:
        """The extraction pipeline, loaded on the first write (about 1.5 s) so reads start at once."""
        with self._extractor_lock:
            if self._extractor is None:
                from graph.extract import load_extractor  # noqa: PLC0415 - loads spaCy

                self._extractor = load_extractor(self.settings.model)
            return self._extractor

    def gazetteer(self) -> Any:
        if self._gazetteer is None:
            from graph.gazetteer import load_gazetteer  # noqa: PLC0415

            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def ingest(self, documents: list[Document]) -> list[IngestOutcome]:
        """Extract and store documents one at a time, each atomically, under the write lock."""
        extractor = self.extractor()
        gazetteer = self.gazetteer()
        outcomes = []
        with self.write_lock:
            try:
                for document in documents:
                    recorder = _Recorder(extractor)
                    summary = ingest(self.store, [document], recorder, gazetteer)
                    outcomes.append(_outcome(document, summary, recorder.statements.get(document.id, [])))
            finally:
                if any(o.status in ("added", "replaced") for o in outcomes):
                    self.invalidate()
        return outcomes


def _outcome(document: Document, summary: Any, statements: list[Statement]) -> IngestOutcome:
    if summary.skipped:
        skipped: Skipped = summary.skipped[0]
        return IngestOutcome(document, "skipped", [], 0, skipped.reason)
    status = "added" if summary.added else "replaced" if summary.replaced else "unchanged"
    return IngestOutcome(document, status, statements if status != "unchanged" else [], summary.entities)


def projection_key(options: dict[str, Any]) -> Hashable:
    return ("projection", tuple(sorted((k, _hashable(v)) for k, v in options.items())))


def _hashable(value: Any) -> Hashable:
    if isinstance(value, (set, frozenset, list, tuple)):
        return tuple(sorted(value))
    return value  # type: ignore[no-any-return]
