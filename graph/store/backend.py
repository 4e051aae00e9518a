"""Where the knowledge graph lives: an embedded Oxigraph directory, or a remote SPARQL 1.1 server.

Both backends expose the same small interface (`KnowledgeStore`): reads go
through an rdflib `Dataset` (so rdflib stays the API), writes are whole units
that the backend applies atomically, and exports/imports stream.

* Embedded (`./geokg-data`, any path): pyoxigraph (RocksDB), with rdflib's view
  through oxrdflib. The store's own queries go to pyoxigraph directly and only
  their rows are turned into rdflib terms: rdflib's result machinery costs more
  than the query (docs/scaling.md). Writes use pyoxigraph directly: one
  transaction per small write (`Store.extend` / `Store.update`) and, for
  batches, one SST ingestion (`Store.bulk_extend`), which RocksDB applies to
  every column family at once, so a batch below Oxigraph's bulk-load chunk
  (`BULK_ATOMIC_QUADS`) is stored whole or not at all. A claims index
  (graph/store/index.py) lives in the same directory. RocksDB allows one
  writing process; a second writer gets `StoreLockedError`. Read-only opens
  use `Store.read_only` and never take the lock.
* Remote (`sparql+http://HOST:PORT/PATH`): rdflib's `SPARQLUpdateStore` for
  queries and updates (one update request per write, atomic on Oxigraph), and
  the Graph Store Protocol endpoint for bulk loads and whole-store dumps. The
  endpoints follow Oxigraph's layout: PATH/query, PATH/update, PATH/store.
"""

from __future__ import annotations

import os
import re
import shutil
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox
from oxrdflib.store import OxigraphStore
from rdflib import Dataset
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result, ResultRow
from rdflib.term import Variable

from graph.store.index import ClaimIndex, SyncReport, index_path
from graph.store.rdf import PREFIXES, insert_data, to_rdflib
from graph.store.write import ensure_ontology

DEFAULT_LOCATION = "./geokg-data"
BULK_ATOMIC_QUADS = 1_000_000
"""Oxigraph's bulk-load chunk: `bulk_extend` of fewer quads builds one set of SST files, ingested atomically."""
BULK_MIN_QUADS = 2_000
"""Below this, a transaction is cheaper than building and ingesting SST files."""
REMOTE_SCHEMES = ("sparql+http://", "sparql+https://")
HTTP_TIMEOUT_S = 60.0
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class StoreError(Exception):
    """A store cannot be opened or used; the message says what to do about it."""


class StoreLockedError(StoreError):
    """Another process has the embedded store open for writing."""


class StoreNotFoundError(StoreError):
    """A read-only open of a store that does not exist."""


class StoreUnreachableError(StoreError):
    """The remote SPARQL server did not answer."""


def default_location() -> str:
    """`$GEOKG_STORE`, else `./geokg-data` (SPEC §4)."""
    return os.environ.get("GEOKG_STORE") or DEFAULT_LOCATION


def is_remote(location: str) -> bool:
    return location.startswith(REMOTE_SCHEMES)


def _prologue() -> str:
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())


class KnowledgeStore(ABC):
    """A geokg store, whichever the backend. Use as a context manager, or call `close()`."""

    location: str
    read_only: bool
    dataset: Dataset
    """The rdflib view, with the union of all graphs as its default graph."""
    index: ClaimIndex | None = None
    """The claims index, when the store has one that is in step with it (embedded stores only)."""

    def select(self, sparql: str) -> list[ResultRow]:
        """Run a SELECT through rdflib, with the store's prefixes (PREFIXES) declared."""
        return list(self._query(sparql))

    def ask(self, sparql: str) -> bool:
        return bool(self._query(sparql).askAnswer)

    def _query(self, sparql: str) -> Result:
        try:
            return self.dataset.query(sparql, initNs=PREFIXES)
        except Exception as exc:
            translated = _http_failure(exc, self.location)
            if translated is None:
                raise
            raise translated from exc

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location} was opened read-only; open it without read_only to write")

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Apply one SPARQL Update request (operations separated by `;`) atomically."""

    @abstractmethod
    def insert(self, quads: list[ox.Quad]) -> None:
        """Add the quads in one atomic write (at most BULK_ATOMIC_QUADS of them)."""

    @abstractmethod
    def select_stream(self, sparql: str) -> Iterator[ox.QuerySolution]:
        """A SELECT whose rows are read lazily (exports), as pyoxigraph solutions."""

    @abstractmethod
    def dump(self, output: IO[bytes], rdf_format: ox.RdfFormat) -> None:
        """Stream every quad of the store to `output` (a dataset format: TriG, N-Quads, JSON-LD)."""

    @abstractmethod
    def load(self, source: IO[bytes], rdf_format: ox.RdfFormat) -> None:
        """Bulk-add a serialised dataset (an import; not atomic on the embedded store)."""

    @abstractmethod
    def close(self) -> None:
        """Release the store (the embedded write lock, the HTTP connections)."""

    def __enter__(self) -> KnowledgeStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


class EmbeddedStore(KnowledgeStore):
    """rdflib on Oxigraph (RocksDB) in a local directory."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.location = str(path)
        self.read_only = read_only
        self.ox = self._open(Path(path), read_only)
        self.dataset = Dataset(store=OxigraphStore(store=self.ox), default_union=True)

    def open_index(self) -> SyncReport | None:
        """Use the claims index: a writable store brings it level with the RDF data first (see index.py);
        a read-only one uses it only if it is level already. Returns what a sync redid."""
        path = index_path(self.location)
        if self.read_only:
            if path.exists():
                candidate = ClaimIndex(path, read_only=True)
                if candidate.in_sync(self):
                    self.index = candidate
                else:
                    candidate.close()
            return None
        index = ClaimIndex(path)
        report = index.sync(self)
        self.index = index
        return report

    def select(self, sparql: str) -> list[ResultRow]:
        """A SELECT run by pyoxigraph itself, its rows as rdflib `ResultRow`s (see the module doc)."""
        result = self.ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("select takes a SELECT query")
        names = [Variable(v.value) for v in result.variables]
        return [ResultRow({name: to_rdflib(term, normalize=False) for name, term in zip(names, solution)
                           if term is not None},
                          names) for solution in result]

    def ask(self, sparql: str) -> bool:
        return bool(self.ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True))

    @staticmethod
    def _open(path: Path, read_only: bool) -> ox.Store:
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store directory; pass a directory with --store")
        if read_only:
            if not (path / "CURRENT").exists():
                raise StoreNotFoundError(
                    f"no geokg store at {path}: run `geokg ingest` with --store {path} first")
            try:
                return ox.Store.read_only(str(path))
            except OSError as exc:
                raise StoreError(f"cannot open the store at {path} read-only: {exc}") from exc
        try:
            return ox.Store(str(path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"the store at {path} is open for writing by another process "
                    "(only one writer at a time); wait for it to finish, or open it read-only") from exc
            raise StoreError(f"cannot open the store at {path}: {exc}") from exc

    def update(self, sparql: str) -> None:
        self._check_writable()
        self.ox.update(sparql)

    def insert(self, quads: list[ox.Quad]) -> None:
        self._check_writable()
        if len(quads) > BULK_ATOMIC_QUADS:
            raise ValueError(f"{len(quads):,} quads in one atomic write: split it (at most {BULK_ATOMIC_QUADS:,})")
        if len(quads) >= BULK_MIN_QUADS:
            self.ox.bulk_extend(quads)  # one SST ingestion: atomic, and no WAL to replay (see the module doc)
        else:
            self.ox.extend(quads)

    def select_stream(self, sparql: str) -> Iterator[ox.QuerySolution]:
        result = self.ox.query(sparql, prefixes=PREFIXES)
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("select_stream takes a SELECT query")
        return iter(result)

    def dump(self, output: IO[bytes], rdf_format: ox.RdfFormat) -> None:
        self.ox.dump(output, rdf_format, prefixes=PREFIXES)

    def load(self, source: IO[bytes], rdf_format: ox.RdfFormat) -> None:
        self._check_writable()
        self.ox.bulk_load(source, rdf_format)

    def bulk_insert(self, quads: Iterable[ox.Quad]) -> None:
        """Add many quads without a transaction (fast initial loads; not atomic)."""
        self._check_writable()
        self.ox.bulk_extend(quads)

    def disk_size(self) -> int:
        """Bytes the RDF store's files take on disk (the claims index not included: `index.size()`)."""
        if not self.read_only:
            self.ox.flush()
        index = index_path(self.location).name
        return sum(f.stat().st_size for f in Path(self.location).rglob("*")
                   if f.is_file() and not f.name.startswith(index))

    def compact(self) -> None:
        """Compact RocksDB (`Store.optimize`) after a large load: docs/scaling.md has what it saves, and when."""
        self._check_writable()
        self.ox.flush()
        self.ox.optimize()

    def close(self) -> None:
        if getattr(self, "ox", None) is not None:
            if not self.read_only:
                self.ox.flush()
            if self.index is not None:
                self.index.close()
                self.index = None
            self.dataset.close()
            del self.ox
            self.ox = None  # type: ignore[assignment]


class RemoteStore(KnowledgeStore):
    """A SPARQL 1.1 server (Query, Update, Graph Store Protocol) laid out like Oxigraph's."""

    def __init__(self, url: str, read_only: bool = False) -> None:
        self.location = url
        self.read_only = read_only
        base = _http_base(url)
        self.query_endpoint = base + "/query"
        self.update_endpoint = base + "/update"
        self.store_endpoint = base + "/store"
        # returnFormat="json": Virtuoso answers XML result requests badly; JSON works everywhere.
        self._sparql = SPARQLUpdateStore(query_endpoint=self.query_endpoint,
                                         update_endpoint=self.update_endpoint,
                                         returnFormat="json", autocommit=True)
        # default_union=True: otherwise rdflib scopes queries to one graph and GRAPH ?g finds nothing.
        self.dataset = Dataset(store=self._sparql, default_union=True)
        self._probe()

    def _probe(self) -> None:
        """Fail at open, with a message saying what is wrong, rather than at the first query."""
        request = urllib.request.Request(f"{self.query_endpoint}?{urlencode({'query': 'ASK {}'})}",
                                         headers={"Accept": "application/sparql-results+json"})
        try:
            self._open_url(request).close()
        except StoreUnreachableError as exc:
            raise StoreUnreachableError(f"{exc}; is the server running, and is the URL right?") from exc
        except StoreError as exc:
            raise StoreError(f"{self.query_endpoint} does not answer SPARQL queries: {exc}") from exc

    def update(self, sparql: str) -> None:
        self._check_writable()
        try:
            # Straight to the store: no rdflib prefix injection or graph rewriting, one request.
            self._sparql.update(sparql)
        except urllib.error.HTTPError as exc:
            raise StoreError(f"update rejected by {self.update_endpoint}: {_http_detail(exc)}") from exc
        except (urllib.error.URLError, ConnectionError) as exc:
            raise StoreUnreachableError(f"update to {self.update_endpoint} failed: {_reason(exc)}") from exc

    def insert(self, quads: list[ox.Quad]) -> None:
        if quads:
            self.update(insert_data(quads))

    def select_stream(self, sparql: str) -> Iterator[ox.QuerySolution]:
        body = urlencode({"query": _prologue() + sparql}).encode()
        response = self._http(self.query_endpoint, body, {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json"})
        solutions = ox.parse_query_results(response, ox.QueryResultsFormat.JSON)
        if not isinstance(solutions, ox.QuerySolutions):
            raise ValueError("select_stream takes a SELECT query")
        return iter(solutions)

    def dump(self, output: IO[bytes], rdf_format: ox.RdfFormat) -> None:
        request = urllib.request.Request(self.store_endpoint, headers={"Accept": "application/n-quads"})
        response = self._open_url(request)
        with response:
            if rdf_format == ox.RdfFormat.N_QUADS:
                shutil.copyfileobj(response, output)
            else:
                ox.serialize(ox.parse(response, ox.RdfFormat.N_QUADS), output, rdf_format,
                             prefixes=PREFIXES)

    def load(self, source: IO[bytes], rdf_format: ox.RdfFormat) -> None:
        self._check_writable()
        response = self._http(self.store_endpoint, source, {"Content-Type": rdf_format.media_type})
        response.close()

    def _http(self, url: str, body: bytes | IO[bytes], headers: dict[str, str]) -> Any:
        return self._open_url(urllib.request.Request(url, data=body, headers=headers, method="POST"))

    def _open_url(self, request: urllib.request.Request) -> Any:
        try:
            return urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S)
        except urllib.error.HTTPError as exc:
            raise StoreError(f"{request.full_url} answered {exc.code}: {_http_detail(exc)}") from exc
        except (urllib.error.URLError, ConnectionError) as exc:
            raise StoreUnreachableError(f"cannot reach {request.full_url}: {_reason(exc)}") from exc

    def close(self) -> None:
        self.dataset.close()


def _http_base(url: str) -> str:
    """`sparql+http://host:port/path` → `http://host:port/path` (no trailing slash); rejects malformed URLs."""
    http_url = url.removeprefix("sparql+")
    parts = urlsplit(http_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"malformed store URL {url!r}: expected sparql+http://HOST[:PORT][/PATH]")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise StoreError(f"malformed store URL {url!r}: bad port ({exc})") from exc
    if parts.query or parts.fragment:
        raise StoreError(f"malformed store URL {url!r}: no query string or fragment allowed")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def _http_failure(exc: BaseException, location: str) -> StoreError | None:
    """The store error behind an exception from rdflib's SPARQL client, or None if it is not an HTTP failure.

    rdflib wraps every failed GET query in a bare ValueError; the cause is in the exception chain.
    """
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, urllib.error.HTTPError):
            return StoreError(f"{location} rejected the query: {_http_detail(seen)}")
        if isinstance(seen, (urllib.error.URLError, ConnectionError)):
            return StoreUnreachableError(f"cannot reach {location}: {_reason(seen)}")
        seen = seen.__cause__ or seen.__context__
    return None


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason if reason is not None else exc)


def _http_detail(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read().decode("utf-8", "replace").strip()
    except OSError:
        body = ""
    return f"{exc.code} {exc.reason}" + (f": {body[:500]}" if body else "")


def open_store(location: str | Path | None = None, *, read_only: bool = False, index: bool = True) -> KnowledgeStore:
    """Open the store at `location` (default: `default_location()`).

    A `sparql+http(s)://` URL opens a remote server, anything else a directory
    (created on a writable open). Writable opens make sure the ontology graph is
    loaded, so every store describes itself, and bring the claims index level
    with the store (`index=False`: no index, every read through SPARQL).
    """
    where = str(location) if location is not None else default_location()
    if is_remote(where):
        from graph.store.virtuoso import remote_store  # noqa: PLC0415 - the dialect module builds on this one

        store: KnowledgeStore = remote_store(where, read_only=read_only)
    elif _URL.match(where):
        raise StoreError(f"{where!r}: a remote store URL starts with sparql+http:// or sparql+https://; "
                         "anything else is taken as a directory")
    else:
        store = EmbeddedStore(where, read_only=read_only)
    try:
        if not read_only:
            ensure_ontology(store)
        if index and isinstance(store, EmbeddedStore):
            store.open_index()
    except BaseException:
        store.close()
        raise
    return store
