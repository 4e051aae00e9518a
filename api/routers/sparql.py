"""GET and POST /sparql: the SPARQL 1.1 Protocol's query operation, read-only, under a timeout and a size cap.

The protocol part is small and written here; the work is in
`api.sparql_worker` (queries run in worker processes the service can kill).
The rdflib-endpoint package was considered: it runs queries in the server
process through rdflib, where a runaway query cannot be stopped, and has no
size cap, so it would have had to be bypassed for everything but the routing.

The default graph is the union of all graphs on every backend (unless the
request names `default-graph-uri`s); the store's prefixes (geokg:, id:, prov:,
oa: ...) may be used without declaring them.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import StringConstraints
from rdflib.plugins.sparql.parser import parseUpdate

from api.deps import ServiceDep
from api.errors import ApiError, responses
from api.sparql_worker import (
    GRAPH_MEDIA_TYPES,
    RESULTS_MEDIA_TYPES,
    SparqlError,
    SparqlRequest,
)

router = APIRouter(tags=["sparql"])

GraphIri = Annotated[str, StringConstraints(max_length=200)]
"""A graph IRI of the protocol's GET parameters; the whole URL stays far below the server's limit."""

READ_ONLY = "this endpoint is read-only: SPARQL Update requests are refused"
QUERY_DOC = ("A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE). Example: "
             "`SELECT ?s ?o WHERE { GRAPH <https://geokg.org/graph/facts> { ?s geokg:providesWeaponsTo ?o } }`")
EXAMPLE = "SELECT ?s ?o WHERE { GRAPH <https://geokg.org/graph/facts> { ?s geokg:providesWeaponsTo ?o } }"
RESULT_CONTENT = {media: {"schema": {} if "json" in media else {"type": "string"}}
                  for media in (*RESULTS_MEDIA_TYPES, *GRAPH_MEDIA_TYPES)}
POST_BODY = {"requestBody": {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": {
        "type": "object", "required": ["query"], "properties": {
            "query": {"type": "string", "description": QUERY_DOC, "example": EXAMPLE},
            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
            "named-graph-uri": {"type": "array", "items": {"type": "string"}}}}},
    "application/sparql-query": {"schema": {"type": "string"}, "example": EXAMPLE},
}}}


def accepted(header: str | None) -> tuple[str, ...]:
    """Media types of an Accept header, most preferred first (q=0 ones dropped)."""
    ranked = []
    for position, item in enumerate((header or "").split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media.lower()))
    return tuple(media for _, _, media in sorted(ranked))


async def answer(service: ServiceDep, request: Request, query: str | None, default_graphs: list[str],
                 named_graphs: list[str]) -> Response:
    if not query or not query.strip():
        raise ApiError(400, "no query: pass the SPARQL text as the `query` parameter")
    sparql = SparqlRequest(query=query, accept=accepted(request.headers.get("accept")),
                           default_graphs=tuple(default_graphs), named_graphs=tuple(named_graphs),
                           prefixes=service.prefixes)
    try:
        result = await run_in_threadpool(service.sparql.run, sparql)
    except SparqlError as exc:
        if exc.status == 400 and exc.message.startswith("malformed query") and _is_update(query):
            raise ApiError(400, READ_ONLY) from exc
        raise
    return Response(result.body, media_type=result.media_type)


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any parse failure means it is not an update either
        return False
    return True


@router.get("/sparql", responses={200: {"content": RESULT_CONTENT, "description": "The query's results."},
                                  **responses(400, 406, 503)})
async def sparql_get(
    service: ServiceDep, request: Request,
    query: Annotated[str | None, Query(max_length=2500, description=QUERY_DOC + " Longer queries: use POST.",
                                       examples=[EXAMPLE])] = None,
    default_graph_uri: Annotated[list[GraphIri], Query(alias="default-graph-uri", max_length=4)] = [],  # noqa: B006
    named_graph_uri: Annotated[list[GraphIri], Query(alias="named-graph-uri", max_length=4)] = [],  # noqa: B006
    update: Annotated[str | None, Query(include_in_schema=False)] = None,
) -> Response:
    """Run a SPARQL query. Results as JSON, XML, CSV or TSV (SELECT, ASK) or Turtle, N-Triples, RDF/XML,
    JSON-LD (CONSTRUCT, DESCRIBE), by the Accept header. Updates are refused with 400."""
    if update is not None:
        raise ApiError(400, READ_ONLY)
    return await answer(service, request, query, default_graph_uri, named_graph_uri)


@router.post("/sparql", openapi_extra=POST_BODY,
             responses={200: {"content": RESULT_CONTENT, "description": "The query's results."},
                        **responses(400, 406, 413, 415, 503)})
async def sparql_post(service: ServiceDep, request: Request) -> Response:
    """Run a SPARQL query sent as a form (`query=`) or as `application/sparql-query`; updates are refused."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/sparql-update":
        raise ApiError(400, READ_ONLY)
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "the request body is not UTF-8 text") from exc
    if media_type == "application/sparql-query":
        return await answer(service, request, text, [], [])
    if media_type == "application/x-www-form-urlencoded":
        form = parse_qs(text, keep_blank_values=True)
        if "update" in form:
            raise ApiError(400, READ_ONLY)
        queries = form.get("query", [])
        if len(queries) > 1:
            raise ApiError(400, "more than one `query` parameter; send one query per request")
        return await answer(service, request, queries[0] if queries else None,
                            form.get("default-graph-uri", []), form.get("named-graph-uri", []))
    raise ApiError(415, "send the query as application/x-www-form-urlencoded (query=...) or as "
                        "application/sparql-query")
