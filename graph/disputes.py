"""Disputes: relations that some sources assert and others deny, ranked by how contested they are.

This is what keeping attribution and polarity is for: "North Korea supplies
weapons to Russia" stated by Seoul's spy agency and by US officials, denied by
the Kremlin, is one dispute with two voices for and one against, each with
the sentences in which it takes its side.

A *voice* is whoever a claim is attributed to, or the document itself when it
speaks in its own voice. Only asserted or intended claims take a side. How
contested a relation is: the number of voices times the binary entropy of the
split between them, so 1 for one voice on each side, 2 for two against two,
and less when one side has nearly all the voices. Symmetric relations are one
relation whichever end is the subject; with roll-up, ministries, forces and
officials count as their country.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from graph.ontology import predicates as ontology_predicates
from graph.store.backend import KnowledgeStore
from graph.store.claims import Actor, Claim, ClaimQuery, describe_actors, iter_claims, stance_counts


@dataclass(frozen=True)
class Voice:
    """One side-taker: an entity, or a document in its own voice, with the claims where it takes its side."""

    entity: Actor | None
    document_id: str | None
    """Set when the voice is a document's own."""
    label: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Dispute:
    subject: Actor
    predicate: str
    object: Actor
    symmetric: bool
    asserted_by: tuple[Voice, ...]
    denied_by: tuple[Voice, ...]
    score: float
    """Voices times the entropy of their split: higher is more contested."""
    first_seen: str | None
    last_seen: str | None


def disputes(store: KnowledgeStore, entity: str | None = None, predicates: Iterable[str] | None = None,
             rollup: bool = False, limit: int = 50) -> list[Dispute]:
    """The most contested relations (with `entity` at one end, if given), most contested first."""
    catalogue = ontology_predicates()
    groups: dict[tuple[str, str, str], list[tuple[str, str, str]]] = {}
    sides: dict[tuple[str, str, str], list[int]] = {}
    for stance in stance_counts(store, entity, predicates, rollup):
        key = _key(stance.subject_country if rollup and stance.subject_country else stance.subject, stance.predicate,
                   stance.object_country if rollup and stance.object_country else stance.object, catalogue)
        groups.setdefault(key, []).append((stance.subject, stance.predicate, stance.object))
        counts = sides.setdefault(key, [0, 0])
        counts[0] += stance.asserting
        counts[1] += stance.denying
    contested = {key: triples for key, triples in groups.items() if min(sides[key]) > 0}
    if not contested:
        return []
    member_of = {triple: key for key, triples in contested.items() for triple in triples}
    claims: dict[tuple[str, str, str], list[Claim]] = {key: [] for key in contested}
    for claim in iter_claims(store, ClaimQuery(relations=frozenset(member_of))):
        if claim.modality in ("asserted", "intended"):
            claims[member_of[(claim.subject.id, claim.predicate, claim.object.id)]].append(claim)
    ends = describe_actors(store, {end for s, _, o in contested for end in (s, o)})
    found = [_dispute(ends[s], p, ends[o], catalogue[p].symmetric if p in catalogue else False, claims[(s, p, o)])
             for s, p, o in contested]
    found = [d for d in found if d.asserted_by and d.denied_by]
    found.sort(key=lambda d: (-d.score, -sum(len(v.claims) for v in (*d.asserted_by, *d.denied_by)),
                              _desc(d.last_seen), d.subject.id, d.predicate, d.object.id))
    return found[:limit]


def contest_score(yes: int, no: int) -> float:
    """Voices times the binary entropy of their split (0 when one side is empty)."""
    total = yes + no
    if not yes or not no:
        return 0.0
    p = yes / total
    return round(total * -(p * math.log2(p) + (1 - p) * math.log2(1 - p)), 3)


def _key(subject: str, predicate: str, obj: str, catalogue: dict) -> tuple[str, str, str]:  # type: ignore[type-arg]
    info = catalogue.get(predicate)
    if info is not None and info.symmetric and obj < subject:
        subject, obj = obj, subject
    return subject, predicate, obj


def _dispute(subject: Actor, predicate: str, obj: Actor, symmetric: bool, claims: list[Claim]) -> Dispute:
    yes = _voices(c for c in claims if c.polarity == "positive")
    no = _voices(c for c in claims if c.polarity == "negative")
    dates = sorted(c.when for c in claims if c.when)
    return Dispute(subject, predicate, obj, symmetric, yes, no, contest_score(len(yes), len(no)),
                   dates[0] if dates else None, dates[-1] if dates else None)


def _voices(claims: Iterable[Claim]) -> tuple[Voice, ...]:
    """Claims grouped by who makes them; voices with more claims first."""
    grouped: dict[str, list[Claim]] = {}
    for claim in claims:
        key = f"entity:{claim.attributed_to.id}" if claim.attributed_to else f"document:{claim.document_id}"
        grouped.setdefault(key, []).append(claim)
    voices = []
    for key, said in grouped.items():
        first = said[0]
        voices.append(Voice(first.attributed_to, None if first.attributed_to else first.document_id,
                            first.attributed_to.label if first.attributed_to else (first.title or first.document_id),
                            tuple(sorted(said, key=lambda c: (c.when or "", c.document_id, c.start)))))
    return tuple(sorted(voices, key=lambda v: (-len(v.claims), v.label)))


def _desc(value: str | None) -> str:
    """A sort key that puts later ISO dates first (and undated last)."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in value) if value else "\U0010ffff"
