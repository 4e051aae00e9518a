"""GET /export?format=F: the store (or a slice of its claims) streamed in the formats of `geokg export`.

RDF and event tables are written by a thread into a bounded queue that the
response drains; network formats come from the cached graph projection.

There is no file or path parameter: the format is one of a fixed list, the
output goes to the response and nowhere else, so no request names a file.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from enum import Enum
from typing import IO, Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from api import network_export
from api.deps import ServiceDep, resolve
from api.errors import ApiError, responses
from api.routers.common import PredicateName, Since, Until
from api.service import Service
from graph import event_table, graph_export
from graph.store.export import (
    GRAPH_FORMATS,
    RDF_FORMATS,
    ExportError,
    ExportFilter,
    export,
    rdf_format,
)

router = APIRouter(tags=["export"])

FORMAT_NAMES = (*RDF_FORMATS, *GRAPH_FORMATS, *event_table.FORMATS)
ExportFormat = Enum("ExportFormat", {name: name for name in FORMAT_NAMES}, type=str)  # type: ignore[misc]
MEDIA_TYPES = {**{name: fmt.media_type for name, fmt in RDF_FORMATS.items()}, **graph_export.MEDIA_TYPES,
               **event_table.MEDIA_TYPES}
CHUNK = 64 * 1024


class _Pipe:
    """A file-like writer whose chunks a response iterates: the export runs in a thread, bounded by the queue."""

    def __init__(self) -> None:
        self.chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=16)
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self.chunks.put(bytes(self.buffer))
            self.buffer.clear()


def _stream(write: Callable[[IO[bytes]], None]) -> Iterator[bytes]:
    """The bytes `write` produces, streamed as it goes (it runs in a thread, ahead of the response)."""
    pipe = _Pipe()

    def produce() -> None:
        try:
            write(pipe)  # type: ignore[arg-type]
            pipe.flush()
            pipe.chunks.put(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the response, which ends the stream
            pipe.chunks.put(exc)

    threading.Thread(target=produce, name="geokg-export", daemon=True).start()
    while True:
        item = pipe.chunks.get()
        if item is None:
            return
        if isinstance(item, BaseException):
            raise item
        yield item


@router.get("/export", responses={200: {"content": {m: {"schema": {} if "json" in m else {"type": "string"}}
                                                    for m in MEDIA_TYPES.values()},
                                        "description": "The export, streamed."}, **responses(400, 404, 422)})
def export_store(
    service: ServiceDep,
    format: Annotated[ExportFormat, Query(description=(  # noqa: A002 - the public parameter name
        "turtle (the shared graphs merged), trig, nquads or jsonld (every named graph); "
        "graphml, gexf, cytoscape (Cytoscape.js JSON) or csv (a zip of nodes.csv and edges.csv for Neo4j): "
        "the facts view as a network; events-csv or events-parquet: an event table, one row per claim."))],
    network: Annotated[network_export.NetworkOptions, Depends()],
    entity: Annotated[str | None, Query(max_length=200, description="Only claims about this entity (id or name).")] = None,
    predicate: network_export.Predicates = None, since: Since = None, until: Until = None,
) -> StreamingResponse:
    """Stream the store, or the claims matching the filters with everything they rest on, as RDF, a network
    or an event table."""
    name = format.value
    if name in GRAPH_FORMATS:
        return network_export.response(service, name, entity, predicate or [], since, until, network)
    if name in event_table.FORMATS:
        return _event_table(service, name, entity, predicate or [], since, until, network)
    try:
        rdf_format(name)
        selection = ExportFilter(entity=resolve(service.names(), entity, "entity").id if entity else None,
                                 predicate=network_export.check_rdf(predicate or [], network), since=since,
                                 until=until)
    except ExportError as exc:
        raise ApiError(400, str(exc)) from exc
    extension = {"turtle": "ttl", "jsonld": "jsonld", "trig": "trig", "nquads": "nq"}[name]
    return StreamingResponse(_stream(lambda out: export(service.store, out, name, selection)),
                             media_type=MEDIA_TYPES[name],
                             headers={"Content-Disposition": f'attachment; filename="geokg.{extension}"'})


def _event_table(service: Service, name: str, entity: str | None, predicates: list[PredicateName],
                 since: str | None, until: str | None,
                 network: network_export.NetworkOptions) -> StreamingResponse:
    if network.given():
        raise ApiError(400, f"{', '.join(network.given())} apply to the network formats only; an event table "
                            "takes entity, predicate, since and until")
    try:
        query = event_table.claim_query(resolve(service.names(), entity, "entity").id if entity else None,
                                        tuple(p.value for p in predicates), since, until)
    except ExportError as exc:
        raise ApiError(400, str(exc)) from exc
    return StreamingResponse(_stream(lambda out: event_table.export(service.store, out, name, query)),
                             media_type=MEDIA_TYPES[name],
                             headers={"Content-Disposition": f'attachment; filename="geokg-events.'
                                                             f'{event_table.EXTENSIONS[name]}"'})
