"""GET /health and GET /stats."""

from __future__ import annotations

from fastapi import APIRouter

from api import schemas
from api.deps import ServiceDep
from api.errors import ApiError, responses
from graph.store.backend import RemoteStore, StoreError
from graph.store.queries import count_by, stats
from graph.store.rdf import ONTOLOGY_GRAPH

router = APIRouter(tags=["service"])


@router.get("/health", response_model=schemas.Health, responses=responses(503))
def health(service: ServiceDep) -> schemas.Health:
    """200 when the store answers a query (its ontology graph is there); 503 otherwise."""
    try:
        readable = service.store.ask(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}")
    except StoreError as exc:
        raise ApiError(503, f"the store does not answer: {exc}") from exc
    if not readable:
        raise ApiError(503, "the store answers but holds no ontology graph; was it created by geokg?")
    return schemas.Health(status="ok", store="remote" if isinstance(service.store, RemoteStore) else "embedded")


@router.get("/stats", response_model=schemas.Stats, responses=responses(503))
def store_stats(service: ServiceDep) -> schemas.Stats:
    """How many documents, statements, facts and entities the store holds, by entity type and predicate."""

    def compute() -> schemas.Stats:
        totals = stats(service.store)
        return schemas.Stats(documents=totals.documents, statements=totals.claims, facts=totals.facts,
                             entities=totals.entities, entities_by_type=count_by(service.store, "entity_type"),
                             statements_by_predicate=count_by(service.store, "predicate"))

    return service.cached("stats", compute)
