"""GET /export in the network formats (GraphML, GEXF, Cytoscape JSON, the Neo4j CSV zip).

The export router hands these formats here. They are drawn from the
service's cached graph projection, the one /neighbourhood and /paths use, so
the explorer page, which loads its graphs as Cytoscape JSON from /export,
gets a repeated view at once. The options only a projection has (roll-up,
confidence, sources, denials, reported claims) come in as one dependency,
`NetworkOptions`, and an RDF export that is given one is refused, not
silently ignored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Annotated, Any

from fastapi import Query
from fastapi.responses import Response, StreamingResponse

from api.deps import resolve
from api.errors import ApiError
from api.routers.common import PredicateName, Rollup
from api.service import Service, projection_key
from graph import graph_export
from graph.store.export import ExportError

Predicates = Annotated[list[PredicateName] | None, Query(description=(
    "Only this predicate and its sub-predicates (`providesAidTo` also finds `providesWeaponsTo`). Network "
    "formats take several: repeat the parameter."))]


@dataclass
class NetworkOptions:
    """Query parameters of the network formats: `analysis.project`'s options."""

    rollup: Rollup = False
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0, description=(
        "Network formats: only claims at or above this confidence."))] = 0.0
    min_sources: Annotated[int, Query(ge=1, le=1000, description=(
        "Network formats: only relations that this many documents support."))] = 1
    include_negative: Annotated[bool, Query(description=(
        "Network formats: add denials, as edges whose polarity is negative."))] = False
    include_attributed: Annotated[bool, Query(description=(
        "Network formats: keep claims a document reports others making; false keeps the document's own "
        "voice only."))] = True
    limit: Annotated[int | None, Query(ge=1, le=1_000_000, description=(
        "Network formats: only this many relations, the best sourced; the graph's `relations_total` says how "
        "many there are (the explorer asks for a few hundred at a time)."))] = None

    def given(self) -> list[str]:
        """The options set away from their defaults."""
        return [f.name for f in fields(self) if getattr(self, f.name) != f.default]


def check_rdf(predicates: list[PredicateName], options: NetworkOptions) -> str | None:
    """The one predicate an RDF export may take; a 400 for network-only options or several predicates."""
    given = options.given()
    if given:
        raise ApiError(400, f"{', '.join(given)} apply to the network formats ({', '.join(graph_export.FORMATS)}) "
                            f"only; leave them out of an RDF export")
    if len(predicates) > 1:
        raise ApiError(400, "an RDF export takes one predicate (which brings its sub-predicates); the network "
                            "formats take several")
    return predicates[0].value if predicates else None


def response(service: Service, format_name: str, entity: str | None, predicates: list[PredicateName],
             since: str | None, until: str | None, options: NetworkOptions) -> StreamingResponse:
    """The network export of the cached projection, `entity`'s relations only when one is named."""
    centre = None
    if entity:
        found = resolve(service.names(), entity, "entity")
        centre = (found.country or found.id) if options.rollup else found.id
    try:
        selection = graph_export.GraphSelection(entity=centre, predicates=tuple(p.value for p in predicates),
                                                since=since, until=until, **asdict(options))
    except ExportError as exc:
        raise ApiError(400, str(exc)) from exc
    options_ = selection.project_options()

    def prepared() -> Any:
        # One entity's view needs only its relations (the best ones, with a limit): project just
        # those unless the whole projection is cached already (the first view of a large store
        # would take seconds).
        whole = {key: value for key, value in options_.items() if key != "best"}
        projection = service.cached_projection(**whole)
        if projection is None:
            projection = service.projection(**options_, around=centre) if centre else service.projection(**options_)
        return graph_export.prepare(projection, centre, selection.limit)

    headers = {"Content-Disposition": f'attachment; filename="geokg.{graph_export.EXTENSIONS[format_name]}"'}
    media_type = graph_export.MEDIA_TYPES[format_name]
    if centre is None:
        return StreamingResponse(graph_export.chunks(prepared(), format_name), media_type=media_type,
                                 headers=headers)
    # The explorer asks for the same busy entities again and again: keep their files, not only their graphs.
    body = service.cached(("export", format_name, centre, projection_key(options_)),
                          lambda: b"".join(graph_export.chunks(prepared(), format_name)), answer=True)
    return Response(body, media_type=media_type, headers=headers)
