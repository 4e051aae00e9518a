"""GET /dyads: the timeline of two actors' dealings, per quad class and mean Goldstein score, as JSON or CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api import present, schemas
from api.deps import ServiceDep, resolve
from api.errors import ApiError, responses
from api.routers.common import Rollup, Since, Until
from graph.dyads import Timeline, dyad_timeline

router = APIRouter(tags=["analysis"])

EndParam = Query(max_length=200, description="Entity id or name.")


@router.get("/dyads", response_model=schemas.DyadTimeline, responses={
    200: {"content": {"text/csv": {"schema": {"type": "string"}}},
          "description": "The timeline, as JSON or (format=csv) one CSV row per period."},
    **responses(400, 404, 422)})
def dyads(
    service: ServiceDep,
    source: Annotated[str, EndParam],
    target: Annotated[str, EndParam],
    interval: Annotated[Literal["month", "week", "day"], Query(description=(
        "Period length: calendar months, ISO weeks (Monday to Sunday) or days."))] = "month",
    rollup: Rollup = False,
    since: Since = None,
    until: Until = None,
    format: Annotated[Literal["json", "csv"], Query(description=(  # noqa: A002 - the public parameter name
        "json, or csv: period, start, claims, source_to_target, target_to_source, one column per quad class, "
        "goldstein_mean."))] = "json",
) -> schemas.DyadTimeline | Response:
    """Per period, how many claims link the two actors (either way) in each quad class, and their mean Goldstein score.

    Counted: claims that report a relation as done or pledged (positive, asserted or intended). A claim sits at
    its event date, else at its document's publication date; undated claims and claims dated less precisely
    than the interval are counted apart (`undated`, `imprecise`). With `rollup`, each end is its country, and
    its ministries, forces and officials count as it.
    """
    names = service.names()
    first, second = resolve(names, source, "source"), resolve(names, target, "target")
    key = ("dyads", first.id, second.id, interval, rollup, since, until)
    try:
        timeline = service.cached(key, lambda: dyad_timeline(service.store, first.id, second.id, interval, rollup,
                                                             since, until))
    except ValueError as exc:
        raise ApiError(400, str(exc)) from exc
    if format == "csv":
        return Response(_csv(timeline), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="dyad-{timeline.source}-{timeline.target}-'
                                   f'{interval}.csv"'})
    return schemas.DyadTimeline(
        source=present.entity(names, timeline.source), target=present.entity(names, timeline.target),
        interval=interval, rollup=rollup, quad_classes=list(timeline.quad_classes),
        periods=[schemas.DyadPeriod(**asdict(period)) for period in timeline.periods],
        undated=timeline.undated, imprecise=timeline.imprecise)


def _csv(timeline: Timeline) -> str:
    text = io.StringIO()
    rows = csv.writer(text, lineterminator="\r\n")
    rows.writerow(["period", "start", "claims", "source_to_target", "target_to_source",
                   *(quad.replace(" ", "_") for quad in timeline.quad_classes), "goldstein_mean"])
    for period in timeline.periods:
        rows.writerow([period.period, period.start, period.claims, period.source_to_target, period.target_to_source,
                       *(period.counts[quad] for quad in timeline.quad_classes),
                       "" if period.goldstein_mean is None else period.goldstein_mean])
    return text.getvalue()
