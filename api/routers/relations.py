"""GET /relations: claims filtered by who, what, whom, by whom, when and how well supported; paged by cursor."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated

from fastapi import APIRouter, Query

from api import present, schemas
from api.deps import ServiceDep, resolve
from api.errors import ApiError, responses
from api.routers.common import Predicate, Rollup, Since, Until
from graph.store.queries import (
    ClaimFilter,
    ClaimPosition,
    relation_support,
    search_claims,
)

router = APIRouter(tags=["relations"])

SECTOR_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"
EntityParam = Query(max_length=200, description="An entity id (`PRK`), IRI or name (`North Korea`, `DPRK`).")


def encode_cursor(position: ClaimPosition) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(position)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> ClaimPosition:
    """The position a cursor from `next_cursor` stands for; anything else is a 400."""
    try:
        when, document, claim = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not all(isinstance(part, str) for part in (when, document, claim)):
            raise ValueError(cursor)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise ApiError(400, "cursor is not one this service issued; pass the `next_cursor` of the previous "
                            "page unchanged, or leave it out for the first page") from exc
    return when, document, claim


@router.get("/relations", response_model=schemas.RelationsPage, responses=responses(400, 404, 422))
def list_relations(
    service: ServiceDep,
    subject: Annotated[str | None, EntityParam] = None,
    predicate: Predicate = None,
    object: Annotated[str | None, EntityParam] = None,  # noqa: A002 - the public parameter name
    entity: Annotated[str | None, Query(max_length=200, description="Either end: subject or object (id or name).")] = None,
    polarity: Annotated[schemas.PolarityName | None, Query(description="`negative` lists denials.")] = None,
    modality: Annotated[schemas.ModalityName | None, Query()] = None,
    attributed_to: Annotated[str | None, Query(max_length=200, description=(
        "Only claims made by this entity (id or name), such as a government that denies something."))] = None,
    since: Since = None,
    until: Until = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
    min_sources: Annotated[int, Query(ge=1, le=1000, description=(
        "Only claims whose (subject, predicate, object) that many documents support."))] = 1,
    rollup: Rollup = False,
    sector: Annotated[str | None, Query(max_length=50, pattern=SECTOR_PATTERN, description=(
        "Only claims whose subject is of this sector (`MIL`); with `subject`, among everything that rolls up to "
        "it: `subject=ISR&sector=MIL` is what Israel's armed forces do."))] = None,
    object_sector: Annotated[str | None, Query(max_length=50, pattern=SECTOR_PATTERN, description=(
        "The same for the object: `object=IRN&object_sector=MIL`."))] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000, description="`next_cursor` of the previous page.")] = None,
) -> schemas.RelationsPage:
    """Claims, newest first (event date, else publication date), each with its evidence and sources.

    `/relations?subject=PRK&predicate=providesWeaponsTo` lists every claim that
    North Korea supplies weapons to someone: who says so, in which sentence of
    which document, and the denials (`polarity: negative`).
    """
    names = service.names()
    selection = ClaimFilter(
        subject=resolve(names, subject, "subject").id if subject else None,
        object=resolve(names, object, "object").id if object else None,
        entity=resolve(names, entity, "entity").id if entity else None,
        predicate=predicate.value if predicate else None, polarity=polarity, modality=modality,
        attributed_to=resolve(names, attributed_to, "attributed_to").id if attributed_to else None,
        since=since, until=until, min_confidence=min_confidence, min_sources=min_sources, rollup=rollup,
        sector=sector, object_sector=object_sector)
    after = decode_cursor(cursor) if cursor else None
    found = search_claims(service.store, selection, limit=limit + 1, after=after)
    page = found[:limit]
    support = relation_support(service.store, {(c.subject, c.predicate, c.object) for c, _ in page})
    return schemas.RelationsPage(
        items=[present.statement(names, claim, support.get((claim.subject, claim.predicate, claim.object)))
               for claim, _ in page],
        next_cursor=encode_cursor(page[-1][1]) if len(found) > limit else None)
