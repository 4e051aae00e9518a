"""The app factory: `create_app(settings)` gives a FastAPI app serving one store (SPEC §5).

The store location comes in through `Settings`, so tests build apps on
temporary stores and `geokg serve` builds one from the environment and its
options. The store is opened when the app starts (its lifespan) and closed
when it stops; every route gets it through the `Service` dependency.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

import graph
from api import errors
from api.middleware import AccessLog, BodyLimit
from api.routers import (
    disputes,
    documents,
    dyads,
    entities,
    export,
    health,
    network,
    page,
    relations,
    sparql,
)
from api.service import Service
from api.settings import Settings

DESCRIPTION = """\
Query the geopolitical knowledge graph: who does what to whom, according to whom,
and on the evidence of which sentences.

* **/entities** finds actors by name or alias; **/relations** lists the claims
  about them, newest first, each with its evidence and its sources.
* **/paths**, **/neighbourhood** and **/rankings** work on the graph of the
  facts view (positive claims, asserted or intended).
* **/dyads** is the timeline of two actors' dealings (counts per quad class, mean
  Goldstein score, as JSON or CSV); **/disputes** lists the relations some sources
  assert and others deny, with who says yes, who says no, and their sentences.
* **/sparql** answers SPARQL 1.1 queries, read-only; **/export** streams the store as RDF, its
  relations as a network (GraphML, GEXF, Cytoscape JSON, a CSV pair for Neo4j), or its claims as an
  event table (CSV, Parquet).
* **/** is the explorer page: search an entity, see its relations, read their evidence.
* **POST /documents** ingests news text, HTML pages or page URLs; it needs the operator's API key.

Errors are JSON: `{"error", "message", "errors"?}` with a 4xx status that says whose move it is.
"""

TAGS = [
    {"name": "entities", "description": "Actors, by name or id."},
    {"name": "relations", "description": "Claims with their evidence."},
    {"name": "graph", "description": "Paths, neighbourhoods and rankings on the facts view."},
    {"name": "analysis", "description": "Dyad timelines and disputed relations."},
    {"name": "sparql", "description": "SPARQL 1.1 Protocol, read-only."},
    {"name": "export", "description": "The store as RDF, or its relations as a network."},
    {"name": "documents", "description": "Ingesting news text (needs the API key)."},
    {"name": "service", "description": "Health and counts."},
]


def create_app(settings: Settings | None = None, *, extractor: Any | None = None) -> FastAPI:
    """An app over `settings.store` (default: `Settings.from_env()`).

    `extractor` lets a caller that already loaded the extraction pipeline (the
    test session) share it; otherwise the service loads it on its first write.
    """
    config = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = Service(config, extractor=extractor)
        app.state.service = service
        try:
            yield
        finally:
            service.close()

    app = FastAPI(title="geokg", version=graph.__version__, description=DESCRIPTION, openapi_tags=TAGS,
                  lifespan=lifespan)
    errors.install(app)
    for module in (health, entities, relations, network, dyads, disputes, sparql, export, documents, page):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    if config.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(config.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Content-Type", "X-API-Key", "Accept"])
    app.add_middleware(AccessLog)
    return app
