"""Helpers for extraction tests: compare statements at the country level, as analysts do."""

from __future__ import annotations

from graph.model import Statement
from graph.ontology import predicates

SYMMETRIC = {name for name, info in predicates().items() if info.symmetric}


def triples(statements: list[Statement], rollup: bool = True, factual_only: bool = False) -> set[tuple]:
    """(subject, predicate, object, polarity) with subjects/objects rolled up to countries."""
    out = set()
    for s in statements:
        if factual_only and s.modality not in {"asserted", "intended"}:
            continue
        subj = (s.subject.country or s.subject.id) if rollup and s.predicate not in {"leaderOf", "officialOf"} else s.subject.id
        obj = (s.object.country or s.object.id) if rollup else s.object.id
        if s.predicate in SYMMETRIC:
            subj, obj = sorted((subj, obj))
        out.add((subj, s.predicate, obj, s.polarity))
    return out


def find(statements: list[Statement], subject: str, predicate: str, obj: str) -> list[Statement]:
    """Statements matching rolled-up subject/object ids (either direction for symmetric ones)."""
    hits = []
    for s in statements:
        subj = s.subject.country or s.subject.id
        o = s.object.country or s.object.id
        if s.predicate in {"leaderOf", "officialOf"}:
            subj = s.subject.id
        pairs = {(subj, o), (o, subj)} if predicate in SYMMETRIC else {(subj, o)}
        if s.predicate == predicate and (subject, obj) in pairs:
            hits.append(s)
    return hits
