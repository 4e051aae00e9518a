"""Dyad timelines: how two actors have dealt with each other, period by period.

For each month, ISO week or day, the claims between the two (either
direction) are counted per quad class, split by direction, and averaged on
the Goldstein scale (standing relations, which have no score, are counted but
not averaged). A claim counts when it reports the relation as done or
pledged: positive and asserted or intended, the rule of the facts view.
Denials, requests and hypotheticals are not events.

A claim sits at its event date, else its document's publication date. Claims
with no date at all are counted as `undated`; claims dated less precisely
than the interval (a month, when days are asked for) as `imprecise`: neither
is spread over periods it may not belong to. Periods between the first and
the last are all listed, with zeros, so the series can be drawn as it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from graph.ontology import predicates, quad_classes
from graph.store.backend import KnowledgeStore
from graph.store.claims import Actor, ClaimQuery, describe_actors, iter_claims
from graph.store.rdf import FACT_MODALITIES

Interval = Literal["month", "week", "day"]
INTERVALS: tuple[str, ...] = ("month", "week", "day")
MAX_PERIODS = 5000
"""Longest series served (13 years of days): a longer one asks for a coarser interval or a date window."""


@dataclass(frozen=True)
class Period:
    """One interval of the timeline."""

    period: str
    """`2023-09` (month), `2023-W37` (ISO week) or `2023-09-15` (day)."""
    start: str
    """The ISO day the period starts on."""
    claims: int
    source_to_target: int
    target_to_source: int
    counts: dict[str, int]
    """Claims per quad class, every class present."""
    goldstein_mean: float | None
    """Mean Goldstein score of the period's scored claims; None when it has none."""


@dataclass(frozen=True)
class Timeline:
    source: str
    target: str
    interval: str
    rollup: bool
    quad_classes: tuple[str, ...]
    periods: list[Period] = field(default_factory=list)
    undated: int = 0
    imprecise: int = 0


def dyad_timeline(store: KnowledgeStore, source: str, target: str, interval: Interval = "month",
                  rollup: bool = False, since: str | None = None, until: str | None = None) -> Timeline:
    """The timeline of the claims between `source` and `target` (entity ids).

    With `rollup` each end is the country it rolls up to, and stands for
    everything that rolls up to that country; `Timeline.source`/`target` say
    which ends were used.

    Raises ValueError for two ends that are one actor, an unknown interval or a series longer than MAX_PERIODS.
    """
    if interval not in INTERVALS:
        raise ValueError(f"interval {interval!r}: use one of {', '.join(INTERVALS)}")
    if rollup:  # Kim Jong Un stands for North Korea
        ends = describe_actors(store, {source, target})
        source, target = (ends[source].country or source), (ends[target].country or target)
    if source == target:
        raise ValueError("source and target are the same actor: a dyad needs two")
    catalogue = predicates()
    classes = quad_classes()
    buckets: dict[str, list[tuple[str, str, float | None]]] = {}
    undated = imprecise = 0

    def side(actor: Actor) -> str:
        return (actor.country or actor.id) if rollup else actor.id

    for claim in iter_claims(store, ClaimQuery(between=(source, target), since=since, until=until, rollup=rollup)):
        if claim.polarity != "positive" or claim.modality not in FACT_MODALITIES:
            continue
        if claim.when is None:
            undated += 1
            continue
        period = period_of(claim.when, interval)
        if period is None:
            imprecise += 1
            continue
        info = catalogue.get(claim.predicate)
        direction = "out" if side(claim.subject) == source else "in"
        buckets.setdefault(period, []).append((direction, (info.quad_class if info else None) or "structural",
                                               info.goldstein if info else None))
    return Timeline(source, target, interval, rollup, classes,
                    [_period(label, buckets.get(label, []), classes) for label in _span(sorted(buckets), interval)],
                    undated, imprecise)


def period_of(when: str, interval: str) -> str | None:
    """The period label of an ISO date, or None when the date is coarser than the interval."""
    if interval == "month":
        return when[:7] if len(when) >= 7 else None
    if len(when) < 10:
        return None
    if interval == "day":
        return when[:10]
    year, week, _ = date.fromisoformat(when[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def period_start(label: str) -> date:
    """The first day of a period label."""
    if "-W" in label:
        return date.fromisocalendar(int(label[:4]), int(label[6:]), 1)
    return date.fromisoformat(label if len(label) == 10 else label + "-01")


def _span(labels: list[str], interval: str) -> list[str]:
    """Every period from the first label to the last, gaps included."""
    if not labels:
        return []
    current, last = period_start(labels[0]), period_start(labels[-1])
    found: list[str] = []
    while current <= last:
        found.append(period_of(current.isoformat(), interval))  # type: ignore[arg-type]
        if len(found) > MAX_PERIODS:
            raise ValueError(f"more than {MAX_PERIODS:,} {interval}s between the first and the last claim: choose "
                             "a coarser interval, or narrow the dates with since and until")
        if interval == "month":
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            current += timedelta(days=7 if interval == "week" else 1)
    return found


def _period(label: str, claims: list[tuple[str, str, float | None]], classes: tuple[str, ...]) -> Period:
    counts = Counter(quad for _, quad, _ in claims)
    scores = [score for _, _, score in claims if score is not None]
    return Period(label, period_start(label).isoformat(), len(claims),
                  sum(1 for direction, _, _ in claims if direction == "out"),
                  sum(1 for direction, _, _ in claims if direction == "in"),
                  {quad: counts.get(quad, 0) for quad in classes},
                  round(sum(scores) / len(scores), 3) if scores else None)
