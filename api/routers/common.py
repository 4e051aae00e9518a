"""Query parameters several routers share: predicates (with their sub-predicates) and date bounds."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import Query

from graph.ontology import abstract_predicates, predicates

PredicateName = Enum(  # type: ignore[misc]
    "PredicateName", {name: name for name in sorted({*predicates(), *abstract_predicates()})}, type=str)
"""Every relation predicate of the ontology, the grouping ones (`relation`, `eventRelation` ...) included."""

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Predicate = Annotated[PredicateName | None, Query(
    description="Only this predicate and its sub-predicates (`providesAidTo` also finds `providesWeaponsTo`).")]
Since = Annotated[str | None, Query(pattern=DATE_PATTERN, description=(
    "On or after this date (YYYY, YYYY-MM or YYYY-MM-DD): the event date, else the publication date. "
    "Undated claims are left out."), examples=["2023-09"])]
Until = Annotated[str | None, Query(pattern=DATE_PATTERN, description="On or before this date (as `since`).",
                                    examples=["2023-12-31"])]
Rollup = Annotated[bool, Query(description=(
    "Country roll-up: an entity also stands for everything that rolls up to it (PRK for the North Korean "
    "foreign ministry and Kim Jong Un)."))]
