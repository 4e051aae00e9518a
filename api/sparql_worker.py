"""Running /sparql queries in worker processes, so that a runaway query can be stopped.

pyoxigraph cannot cancel a query, and a thread stuck in one keeps a core busy
for as long as the query runs (a cross product over the store runs for hours).
So each query goes to a worker process, and the service kills the worker when
the timeout passes and starts a fresh one: the query is really stopped, and the
rest of the service never waits on it.

Where a worker reads:

* embedded store: a checkpoint of the store (pyoxigraph `Store.backup`, hard
  links on the same file system), taken after the latest write and opened
  read-only. The service process owns the store itself; pyoxigraph calls a
  read-only open of a directory another process is writing undefined, while a
  checkpoint is never written to.
* remote store: the server's query endpoint. The worker asks for the union of
  all graphs as the default graph (`union-default-graph`, Oxigraph's
  parameter), as the embedded store's queries get, so a query means the same
  on both backends. Killing the worker closes the connection.

Workers import pyoxigraph and the standard library only, so one starts in a
fraction of a second.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

RESULTS_MEDIA_TYPES: tuple[str, ...] = (
    "application/sparql-results+json", "application/sparql-results+xml",
    "text/csv", "text/tab-separated-values")
"""Formats of SELECT and ASK results, the first being the default."""
GRAPH_MEDIA_TYPES: tuple[str, ...] = (
    "text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")
"""Formats of CONSTRUCT and DESCRIBE results, the first being the default."""


class SparqlError(Exception):
    """A query the service will not or cannot answer, with the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class SparqlRequest:
    """One query as the protocol delivers it."""

    query: str
    accept: tuple[str, ...] = ()
    """Acceptable media types, most preferred first; empty means any."""
    default_graphs: tuple[str, ...] = ()
    """`default-graph-uri` values; empty means the union of all graphs."""
    named_graphs: tuple[str, ...] = ()
    """`named-graph-uri` values; empty means every named graph."""
    prefixes: tuple[tuple[str, str], ...] = ()
    """Prefixes a query may use without declaring them."""


@dataclass(frozen=True)
class SparqlAnswer:
    media_type: str
    body: bytes


# ---- the worker process -------------------------------------------------------------------------

class _TooLarge(Exception):
    pass


class _CappedBuffer:
    """A write target that refuses to grow past `limit` bytes, which also stops a lazily evaluated query."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge()
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the parts are kept in memory."""

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def _choose(accept: tuple[str, ...], offered: tuple[str, ...]) -> str:
    if not accept:
        return offered[0]
    for wanted in accept:
        if wanted in ("*/*", "application/*", "text/*"):
            return next(m for m in offered if m.startswith(wanted[:-1]) or wanted == "*/*")
        if wanted in offered:
            return wanted
        if wanted == "application/json":
            return offered[0] if offered is RESULTS_MEDIA_TYPES else "application/ld+json"
    raise SparqlError(406, f"none of the accepted types ({', '.join(accept)}) fits this result; "
                           f"use one of {', '.join(offered)}")


def _answer_embedded(store: ox.Store, request: SparqlRequest, max_bytes: int) -> SparqlAnswer:
    options: dict[str, Any] = {"prefixes": dict(request.prefixes)}
    try:
        if request.default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
        else:
            options["use_default_graph_as_union"] = True
        if request.named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    except ValueError as exc:
        raise SparqlError(400, f"default-graph-uri and named-graph-uri take absolute IRIs: {exc}") from exc
    try:
        result = store.query(request.query, **options)
    except SyntaxError as exc:
        raise SparqlError(400, f"malformed query: {exc}") from exc
    if isinstance(result, ox.QueryTriples):
        media_type = _choose(request.accept, GRAPH_MEDIA_TYPES)
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        buffer = _CappedBuffer(max_bytes)
        _serialise(lambda: result.serialize(buffer, rdf_format), max_bytes)
    else:
        media_type = _choose(request.accept, RESULTS_MEDIA_TYPES)
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        buffer = _CappedBuffer(max_bytes)
        _serialise(lambda: result.serialize(buffer, results_format), max_bytes)
    return SparqlAnswer(media_type, buffer.getvalue())


def _serialise(write: Callable[[], object], max_bytes: int) -> None:
    try:
        write()
    except _TooLarge as exc:
        raise SparqlError(400, f"the result is larger than {max_bytes:,} bytes, this endpoint's cap; "
                               "add a LIMIT or select fewer variables") from exc
    except OSError as exc:
        raise SparqlError(400, f"the query failed: {exc}") from exc


def _answer_remote(endpoint: str, request: SparqlRequest, max_bytes: int, timeout: float) -> SparqlAnswer:
    try:  # the same syntax check and messages as the embedded store, on an empty in-memory store
        ox.Store().query(request.query, prefixes=dict(request.prefixes))
    except SyntaxError as exc:
        raise SparqlError(400, f"malformed query: {exc}") from exc
    prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in request.prefixes)
    form: list[tuple[str, str]] = [("query", prologue + request.query)]
    form += [("default-graph-uri", g) for g in request.default_graphs]
    form += [("named-graph-uri", g) for g in request.named_graphs]
    if not request.default_graphs:
        form.append(("union-default-graph", ""))
    http = urllib.request.Request(endpoint, data=urllib.parse.urlencode(form).encode(), method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": ", ".join(request.accept) if request.accept else "*/*"})
    try:
        with urllib.request.urlopen(http, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            media_type = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        detail = exc.read(2000).decode("utf-8", "replace").strip()
        status = exc.code if 400 <= exc.code < 500 else 502
        raise SparqlError(status, f"the SPARQL server answered {exc.code}: {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise SparqlError(502, f"the SPARQL server at {endpoint} did not answer: {exc}") from exc
    if len(body) > max_bytes:
        raise SparqlError(400, f"the result is larger than {max_bytes:,} bytes, this endpoint's cap; "
                               "add a LIMIT or select fewer variables")
    return SparqlAnswer(media_type, body)


def _worker_main(connection: Connection, source: str, remote: bool, max_bytes: int, timeout: float) -> None:
    """A worker's loop: answer requests from the service until told to stop (None) or the pipe closes.

    Messages are plain dicts and tuples: the worker runs this module as
    `__main__`, so its classes could not be unpickled by the service.
    """
    store = None if remote else ox.Store.read_only(source)
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        request = SparqlRequest(**request)
        try:
            if store is None:
                answer: Any = _answer_remote(source, request, max_bytes, timeout)
            else:
                answer = _answer_embedded(store, request, max_bytes)
            connection.send(("ok", answer.media_type, answer.body))
        except SparqlError as exc:
            connection.send(("error", exc.status, exc.message))
        except Exception as exc:  # noqa: BLE001 - report any failure to the service instead of dying
            connection.send(("error", 500, f"the query failed: {type(exc).__name__}: {exc}"))


# ---- the service side ---------------------------------------------------------------------------

class _Worker:
    """One worker process, started as `python -m api.sparql_worker` and talked to over a socket pair.

    A fresh interpreter rather than multiprocessing's spawn, which would re-run
    the parent's main script in the child (a bench or a user's script that
    builds an app at import time would then try to open the store twice).
    """

    def __init__(self, source: str, remote: bool, max_bytes: int, timeout: float) -> None:
        self.source = source
        ours, theirs = socket.socketpair()
        package_root = str(Path(__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
        arguments = json.dumps({"source": source, "remote": remote, "max_bytes": max_bytes, "timeout": timeout})
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "api.sparql_worker", str(theirs.fileno()), arguments],
                pass_fds=(theirs.fileno(),), env=env, stdin=subprocess.DEVNULL)
        finally:
            theirs.close()
        self.connection = Connection(ours.detach())

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.connection.send(None)
                self.process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                kill = True
        if kill:
            self.process.kill()
            self.process.wait()
        self.connection.close()


class SparqlRunner:
    """Answers SPARQL requests with a small pool of worker processes, each query under a time limit.

    `snapshot(target)` must write a checkpoint of the embedded store into the
    new directory `target`; for a remote store pass `endpoint` instead.
    Call `invalidate()` after every write so the next query reads a fresh
    checkpoint. Thread-safe: `run` blocks, so call it from a worker thread.
    """

    def __init__(self, *, workers: int, timeout: float, max_bytes: int,
                 snapshot: Callable[[Path], None] | None = None, scratch: Path | None = None,
                 endpoint: str | None = None) -> None:
        if (snapshot is None) == (endpoint is None):
            raise ValueError("give either snapshot and scratch (embedded store) or endpoint (remote store)")
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._snapshot = snapshot
        self._scratch = scratch
        self._endpoint = endpoint
        self._slots = threading.BoundedSemaphore(max(1, workers))
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._generation = 0
        self._source: str | None = endpoint
        self._source_generation = 0 if endpoint else -1
        self._users: dict[str, int] = {}
        self._closed = False

    def invalidate(self) -> None:
        """The store changed: answer later queries from a new checkpoint."""
        with self._lock:
            self._generation += 1

    def run(self, request: SparqlRequest) -> SparqlAnswer:
        """Answer one request, or raise SparqlError (503 when it runs out of time or every worker is busy)."""
        if not self._slots.acquire(timeout=self.timeout):
            raise SparqlError(503, "every SPARQL worker is busy with other queries; try again shortly")
        try:
            worker = self._checkout()
            try:
                worker.connection.send(asdict(request))
                finished = worker.connection.poll(self.timeout)
                reply = worker.connection.recv() if finished else None
            except (EOFError, OSError) as exc:
                self._retire(worker, kill=True)
                raise SparqlError(500, "the SPARQL worker stopped unexpectedly; the query was not answered") from exc
            if reply is None:
                self._retire(worker, kill=True)
                raise SparqlError(503, f"the query ran longer than {self.timeout:g} s and was stopped; "
                                       "narrow it, add a LIMIT, or ask the operator for a longer timeout")
            self._checkin(worker)
            if reply[0] == "ok":
                return SparqlAnswer(reply[1], reply[2])
            raise SparqlError(reply[1], reply[2])
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop every worker and delete the checkpoints."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def _current_source(self) -> str:
        """The checkpoint (or endpoint) that reflects the latest write, taking a new checkpoint if needed."""
        if self._endpoint is not None:
            return self._endpoint
        with self._lock:
            if self._source is not None and self._source_generation == self._generation:
                return self._source
            generation = self._generation
            assert self._scratch is not None and self._snapshot is not None
            target = self._scratch / f"checkpoint-{generation}"
            self._snapshot(target)
            previous, self._source, self._source_generation = self._source, str(target), generation
            self._users.setdefault(str(target), 0)
            if previous is not None and self._users.get(previous, 0) == 0:
                self._drop(previous)
            return str(target)

    def _checkout(self) -> _Worker:
        source = self._current_source()
        with self._lock:
            if self._closed:
                raise SparqlError(503, "the service is shutting down")
            while self._idle:
                worker = self._idle.pop()
                if worker.source == source and worker.alive():
                    return worker
                self._release_source(worker.source)
                threading.Thread(target=worker.stop, daemon=True).start()
            self._users[source] = self._users.get(source, 0) + 1
        return _Worker(source, self._endpoint is not None, self.max_bytes, self.timeout)

    def _checkin(self, worker: _Worker) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(worker)
                return
        worker.stop()

    def _retire(self, worker: _Worker, kill: bool) -> None:
        worker.stop(kill=kill)
        with self._lock:
            self._release_source(worker.source)

    def _release_source(self, source: str) -> None:
        """One worker less reads `source`; delete an outdated checkpoint nobody reads (lock held)."""
        self._users[source] = self._users.get(source, 1) - 1
        if self._users[source] <= 0 and source != self._source:
            self._drop(source)

    def _drop(self, source: str) -> None:
        self._users.pop(source, None)
        if self._scratch is not None and Path(source).parent == self._scratch:
            shutil.rmtree(source, ignore_errors=True)


if __name__ == "__main__":
    _settings = json.loads(sys.argv[2])
    _worker_main(Connection(int(sys.argv[1])), _settings["source"], _settings["remote"],
                 _settings["max_bytes"], _settings["timeout"])
