"""GET /entities?q= (find by name or alias) and GET /entities/{id} (one entity in full)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api import present, schemas
from api.deps import ServiceDep
from api.errors import ApiError, responses
from graph.store import queries

router = APIRouter(tags=["entities"])

ROLES = ("leaderOf", "officialOf")


@router.get("/entities", response_model=schemas.EntitiesPage, responses=responses(422))
def find_entities(
    service: ServiceDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description=(
        "A name or part of one. Case, accents and punctuation do not matter: `pyongyang`, `DPRK` and "
        "`North Korean` all find North Korea."), examples=["Pyongyang"])],
    type: Annotated[list[schemas.EntityTypeName] | None, Query(  # noqa: A002 - the public parameter name
        description="Only entities of these types (repeat the parameter for several).")] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Most matches returned.")] = 20,
) -> schemas.EntitiesPage:
    """Entities whose label or alias matches `q`: whole-name matches first, then the better known."""
    matches = service.names().search(q, types=type or (), limit=limit)
    return schemas.EntitiesPage(items=[
        schemas.EntityMatch(**present.summary(m.entity).model_dump(), aliases=list(m.entity.aliases),
                            claims=m.entity.claims, match=m.kind, matched_name=m.name)  # type: ignore[arg-type]
        for m in matches])


@router.get("/entities/{entity_id}", response_model=schemas.EntityDetail, responses=responses(404))
def get_entity(
    service: ServiceDep,
    entity_id: Annotated[str, Path(max_length=200, description="An entity id: `PRK`, `nato`, `kim-jong-un`.",
                                   examples=["PRK"])],
) -> schemas.EntityDetail:
    """One entity: labels, aliases, type, country, affiliations and its claims counted by predicate."""
    names = service.names()
    record = queries.entity(service.store, entity_id) if names.get(entity_id) else None
    if record is None:
        raise ApiError(404, f"no entity with id {entity_id!r}; find ids with GET /entities?q={entity_id[:50]}")
    affiliations = [schemas.Affiliation(relation="memberOf", entity=present.entity(names, org))
                    for org in record.member_of]
    if record.parent:
        affiliations.append(schemas.Affiliation(relation="parent", entity=present.entity(names, record.parent)))
    for role in ROLES:
        affiliations += [schemas.Affiliation(relation=role, entity=present.entity(names, fact.object))  # type: ignore[arg-type]
                         for fact in queries.facts(service.store, entity_id, role)]
    counts = queries.entity_predicate_counts(service.store, entity_id)
    return schemas.EntityDetail(
        **present.entity(names, entity_id).model_dump(), labels=[record.label, *record.aliases],
        aliases=list(record.aliases), wikidata=record.wikidata, affiliations=affiliations, claims=record.claims,
        relations=[schemas.PredicateCount(predicate=c.predicate, as_subject=c.as_subject, as_object=c.as_object)
                   for c in counts])
