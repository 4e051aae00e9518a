"""The store's read queries answered from the claims index (graph/store/index.py) instead of SPARQL.

`graph.store.queries` calls these when the store has an index that is in
sync, so they return exactly what its SPARQL versions return (the store tests
run both and compare). Each one reads only what its answer needs: a page of
claims walks an index in page order and stops at the page's end, support and
counts come from summaries kept at write time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from graph.store.index import ClaimIndex
from graph.store.rdf import FACT_MODALITIES

if TYPE_CHECKING:
    from graph.store.queries import (
        ClaimFilter,
        ClaimPosition,
        ClaimRecord,
        EdgeRecord,
        Link,
        PredicateCount,
        RelationSupport,
    )

_ORDER = "sort_when DESC, doc_iri, claim"
_CLAIM_COLUMNS = ("c.claim, c.subject, c.predicate, c.object, c.polarity, c.modality, c.attributed_to, "
                  "c.confidence, c.event_date, c.trigger, c.sentence, c.start, c.\"end\", c.sort_when, c.doc_iri, "
                  "c.document")


def members(index: ClaimIndex, entity_id: str) -> list[str]:
    """The entity and every entity that rolls up to it (as `queries.rollup_members`)."""
    rows = index.query("SELECT id FROM entities WHERE country = ?", (entity_id,))
    return sorted({entity_id, *(row[0] for row in rows)})


def _date_window(since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """SQL conditions on sort_when, compared at the coarser precision (as `queries.date_compare`)."""
    conditions, parameters = [], []
    for bound, operator in ((since, ">="), (until, "<=")):
        if bound:
            conditions.append(f"c.sort_when != '' AND substr(c.sort_when, 1, ?) {operator} "
                              "substr(?, 1, length(c.sort_when))")
            parameters += [len(bound), bound]
    return conditions, parameters


def search_claims(index: ClaimIndex, selection: ClaimFilter, predicates: Sequence[str] | None, *, limit: int,
                  after: ClaimPosition | None) -> list[tuple[ClaimRecord, ClaimPosition]]:
    """`queries.search_claims` on the index: the anchor (an end, else the predicates) is walked in page order.

    Every anchor value is its own ordered index range read up to the page's
    length; the ranges are merged and cut, so the cost is the page's, times
    the number of anchor values (two for `entity`, a few for sub-predicates).
    """
    def end(column: str, entity_id: str | None, sector: str | None) -> tuple[str, str] | None:
        if entity_id is None:
            return None
        rolled = selection.rollup or sector is not None  # a sector names bodies and people, never a state
        return (f"{column}_root" if rolled else column), entity_id

    subject = end("subject", selection.subject, selection.sector)
    obj = end("object", selection.object, selection.object_sector)
    conditions: list[str] = []
    parameters: list[Any] = []

    def equal(column: str, value: Any) -> None:
        conditions.append(f"c.{column} = ?")
        parameters.append(value)

    anchors: list[tuple[str, Any]]
    if subject is not None and obj is not None:
        # Walk the end with fewer claims (a hub and a rare partner: the partner's few), filter by the other.
        first, second = sorted((subject, obj), key=lambda end: _claims_of(index, end[1]))
        anchors = [first]
        equal(*second)
    elif subject is not None:
        anchors = [subject]
    elif obj is not None:
        anchors = [obj]
    elif selection.entity:
        column = "_root" if selection.rollup else ""
        anchors = [(f"subject{column}", selection.entity), (f"object{column}", selection.entity)]
    elif predicates:
        anchors = [("predicate", name) for name in predicates]
        predicates = None
    else:
        anchors = []
    if predicates:
        conditions.append(f"c.predicate IN ({','.join('?' * len(predicates))})")
        parameters += list(predicates)
    for column in ("polarity", "modality"):
        if getattr(selection, column):
            equal(column, getattr(selection, column))
    if selection.attributed_to:
        voices = members(index, selection.attributed_to) if selection.rollup else [selection.attributed_to]
        conditions.append(f"c.attributed_to IN ({','.join('?' * len(voices))})")
        parameters += voices
    if selection.min_confidence > 0:
        conditions.append("c.confidence >= ?")
        parameters.append(float(selection.min_confidence))
    for column, sector in (("subject", selection.sector), ("object", selection.object_sector)):
        if sector:
            conditions.append(f"EXISTS (SELECT 1 FROM entities e WHERE e.id = c.{column} AND e.sector = ?)")
            parameters.append(sector)
    if selection.min_sources > 1:
        conditions.append("EXISTS (SELECT 1 FROM relations r WHERE r.subject = c.subject AND "
                          "r.predicate = c.predicate AND r.object = c.object AND r.sources >= ?)")
        parameters.append(int(selection.min_sources))
    window, window_parameters = _date_window(selection.since, selection.until)
    conditions += window
    parameters += window_parameters
    if after is not None:
        when, doc, claim = after
        conditions.append("(c.sort_when < ? OR (c.sort_when = ? AND (c.doc_iri > ? OR "
                          "(c.doc_iri = ? AND c.claim > ?))))")
        parameters += [when, when, doc, doc, claim]

    def ranged(anchor: tuple[str, Any] | None) -> tuple[str, list[Any]]:
        where = ([f"c.{anchor[0]} = ?"] if anchor else []) + conditions
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return (f"SELECT {_CLAIM_COLUMNS} FROM claims c {clause} ORDER BY {_ORDER} LIMIT {int(limit)}",
                ([anchor[1]] if anchor else []) + parameters)

    parts = [ranged(anchor) for anchor in anchors] or [ranged(None)]
    if len(parts) == 1:
        sql, arguments = parts[0]
    else:
        sql = (" UNION ".join(f"SELECT * FROM ({part})" for part, _ in parts)
               + f" ORDER BY {_ORDER} LIMIT {int(limit)}")
        arguments = [value for _, part_arguments in parts for value in part_arguments]
    rows = index.query(sql, arguments)
    records = _records(index, rows)
    return [(records[row["claim"]], (row["sort_when"], row["doc_iri"], row["claim"])) for row in rows]


def _claims_of(index: ClaimIndex, entity_id: str) -> int:
    """Claims with the entity at either end (for choosing where a search starts)."""
    return index.query("SELECT COALESCE(SUM(claims), 0) FROM entity_predicates WHERE entity = ?", (entity_id,))[0][0]


def claim_records(index: ClaimIndex, claim_iris: Sequence[str]) -> dict[str, ClaimRecord]:
    """`queries.claim_records` on the index."""
    if not claim_iris:
        return {}
    rows = index.query(f"SELECT {_CLAIM_COLUMNS} FROM claims c WHERE c.claim IN ({','.join('?' * len(claim_iris))})",
                       list(claim_iris))
    return _records(index, rows)


def _records(index: ClaimIndex, rows: Sequence[sqlite3.Row]) -> dict[str, ClaimRecord]:
    from graph.store.queries import ClaimRecord  # noqa: PLC0415 - queries imports this module

    documents = _by_key(index, "documents", "id", {row["document"] for row in rows})
    entities = _by_key(index, "entities", "id", {row[name] for row in rows
                                                 for name in ("subject", "object", "attributed_to") if row[name]})

    def label(entity_id: str | None) -> str | None:
        found = entities.get(entity_id) if entity_id else None
        return None if found is None else found["label"]

    records = {}
    for row in rows:
        document = documents[row["document"]]
        records[row["claim"]] = ClaimRecord(
            claim=row["claim"], subject=row["subject"], subject_label=label(row["subject"]),
            predicate=row["predicate"], object=row["object"], object_label=label(row["object"]),
            polarity=row["polarity"], modality=row["modality"], attributed_to=row["attributed_to"],
            attributed_label=label(row["attributed_to"]), confidence=row["confidence"],
            event_date=row["event_date"], trigger=row["trigger"], sentence=row["sentence"], start=row["start"],
            end=row["end"], document=document["iri"], document_id=document["doc_id"], title=document["title"],
            url=document["url"], published=document["published"], extractor=document["extractor"],
            extractor_version=document["extractor_version"], model=document["model"],
            extracted_at=document["extracted_at"])
    return records


def _by_key(index: ClaimIndex, table: str, key: str, values: Iterable[Any]) -> dict[Any, sqlite3.Row]:
    wanted = list(values)
    if not wanted:
        return {}
    return {row[key]: row for row in index.query(
        f"SELECT * FROM {table} WHERE {key} IN ({','.join('?' * len(wanted))})", wanted)}  # noqa: S608


def relation_support(index: ClaimIndex,
                     triples: Sequence[tuple[str, str, str]]) -> dict[tuple[str, str, str], RelationSupport]:
    """`queries.relation_support` from the relation summaries."""
    from graph.store.queries import RelationSupport  # noqa: PLC0415

    if not triples:
        return {}
    # A join from the wanted triples, so that each is one primary-key lookup (an IN on a row value scans).
    rows = index.query(f"WITH wanted (s, p, o) AS (VALUES {', '.join(['(?, ?, ?)'] * len(triples))}) "
                       "SELECT r.subject, r.predicate, r.object, r.claims, r.sources, r.denying FROM wanted "
                       "JOIN relations r ON r.subject = wanted.s AND r.predicate = wanted.p AND r.object = wanted.o",
                       [value for triple in triples for value in triple])
    return {(r[0], r[1], r[2]): RelationSupport(claims=r[3], sources=r[4], denying_sources=r[5], fact=r[4] > 0)
            for r in rows}


def facts(index: ClaimIndex, subject: str | None, predicates: Sequence[str] | None,
          obj: str | None) -> list[tuple[str, str, str]]:
    """`queries.facts` from the relation summaries: a triple is a fact while a document supports it."""
    conditions, parameters = ["sources > 0"], []
    for column, value in (("subject", subject), ("object", obj)):
        if value is not None:
            conditions.append(f"{column} = ?")
            parameters.append(value)
    if predicates is not None:
        conditions.append(f"predicate IN ({','.join('?' * len(predicates))})")
        parameters += list(predicates)
    return [(r[0], r[1], r[2]) for r in index.query(
        f"SELECT subject, predicate, object FROM relations WHERE {' AND '.join(conditions)}", parameters)]


def totals(index: ClaimIndex) -> tuple[int, int, int, int]:
    """Documents, claims, facts and entities (`queries.stats`)."""
    return tuple(index.query(  # type: ignore[return-value]
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM claims), "
        "(SELECT COUNT(*) FROM relations WHERE sources > 0), (SELECT COUNT(*) FROM entities)")[0])


def count_by(index: ClaimIndex, what: str) -> dict[str, int]:
    """Entities by type, or claims by predicate (each claim has one subject: its `as_subject` count)."""
    sql = ("SELECT type, COUNT(*) FROM entities GROUP BY type" if what == "entity_type" else
           "SELECT predicate, SUM(as_subject) FROM entity_predicates GROUP BY predicate HAVING SUM(as_subject) > 0")
    return {row[0]: row[1] for row in index.query(sql)}


def entity_claim_counts(index: ClaimIndex, entity_id: str | None = None) -> dict[str, int]:
    """Claims with each entity (or only `entity_id`) as subject or object."""
    where, parameters = ("WHERE entity = ?", (entity_id,)) if entity_id is not None else ("", ())
    return {row[0]: row[1] for row in index.query(
        f"SELECT entity, SUM(claims) FROM entity_predicates {where} GROUP BY entity", parameters)}


def entity_predicate_counts(index: ClaimIndex, entity_id: str) -> list[PredicateCount]:
    from graph.store.queries import PredicateCount  # noqa: PLC0415

    return [PredicateCount(row[0], row[1], row[2]) for row in index.query(
        "SELECT predicate, as_subject, as_object FROM entity_predicates WHERE entity = ? ORDER BY predicate",
        (entity_id,))]


def relation_edges(index: ClaimIndex, *, predicates: Iterable[str] | None, rollup: bool, since: str | None,
                   until: str | None, min_confidence: float, min_sources: int, include_negative: bool,
                   include_attributed: bool, around: str | None,
                   pairs: Iterable[tuple[str, str]] | None = None) -> list[EdgeRecord]:
    """`queries.relation_edges` on the index: from the edge summaries when no claim-level filter is set.

    Dates, confidence, voice and roll-up filter or regroup single claims, so
    those projections aggregate the claims table instead (one pass in SQLite).
    """
    sql, parameters = _edge_query(predicates=predicates, rollup=rollup, since=since, until=until,
                                  min_confidence=min_confidence, min_sources=min_sources,
                                  include_negative=include_negative, include_attributed=include_attributed,
                                  around=around, pairs=pairs)
    return _edge_records(index.query(sql, parameters))


def best_relation_edges(index: ClaimIndex, limit: int, **filters: Any) -> tuple[list[EdgeRecord], int]:
    """`queries.best_relation_edges` on the index: the `limit` best-supported edges, and how many there are.

    SQLite sorts and counts, so an entity with forty thousand relations costs
    Python only the ones kept.
    """
    sql, parameters = _edge_query(**filters)
    total = index.query(f"SELECT COUNT(*) FROM ({sql})", parameters)[0][0]
    rows = index.query(f"SELECT * FROM ({sql}) ORDER BY 6 DESC, 5 DESC, 1, 2, 3, 4 LIMIT ?",
                       [*parameters, int(limit)])
    return _edge_records(rows), int(total)


def _edge_records(rows: Sequence[Sequence[Any]]) -> list[EdgeRecord]:
    from graph.store.queries import EdgeRecord  # noqa: PLC0415

    return [EdgeRecord(subject=r[0], predicate=r[1], object=r[2], polarity=r[3], claims=r[4], sources=r[5],
                       confidence=r[6], first_seen=r[7], last_seen=r[8]) for r in rows]


def _edge_query(*, predicates: Iterable[str] | None, rollup: bool, since: str | None, until: str | None,
                min_confidence: float, min_sources: int, include_negative: bool, include_attributed: bool,
                around: str | None, pairs: Iterable[tuple[str, str]] | None = None) -> tuple[str, list[Any]]:
    """The SQL of `relation_edges`: subject, predicate, object, polarity, claims, sources, confidence,
    first_seen, last_seen per edge."""
    wanted = sorted(set(predicates)) if predicates is not None else None
    conditions: list[str] = []
    parameters: list[Any] = []
    if wanted is not None:
        conditions.append(f"predicate IN ({','.join('?' * len(wanted))})")
        parameters += wanted
    if not include_negative:
        conditions.append("polarity = 'positive'")
    claim_level = bool(since or until or min_confidence > 0 or not include_attributed or rollup)
    ends = ("subject_root", "object_root") if claim_level and rollup else ("subject", "object")
    if pairs is not None:
        both = sorted({pair for s, o in pairs for pair in ((s, o), (o, s))})
        conditions.append(f"({ends[0]}, {ends[1]}) IN (VALUES {', '.join(['(?, ?)'] * len(both))})"
                          if both else "0")
        parameters += [value for pair in both for value in pair]
    if not claim_level:
        if around is not None:
            conditions.append("(subject = ? OR object = ?)")
            parameters += [around, around]
        conditions.append("sources >= ?")
        parameters.append(int(min_sources))
        return ("SELECT subject, predicate, object, polarity, claims, sources, confidence, first_seen, "
                f"last_seen FROM edges WHERE {' AND '.join(conditions)}", parameters)
    conditions.append(f"modality IN ({','.join('?' * len(FACT_MODALITIES))})")
    parameters += sorted(FACT_MODALITIES)
    if min_confidence > 0:
        conditions.append("confidence >= ?")
        parameters.append(float(min_confidence))
    if not include_attributed:
        conditions.append("attributed_to IS NULL")
    window, window_parameters = _date_window(since, until)
    conditions += [condition.replace("c.", "") for condition in window]
    parameters += window_parameters
    if rollup:
        conditions.append("(subject_root != object_root OR subject = object)")
    if around is not None:
        conditions.append(f"({ends[0]} = ? OR {ends[1]} = ?)")
        parameters += [around, around]
    return (f"SELECT {ends[0]}, predicate, {ends[1]}, polarity, COUNT(*), COUNT(DISTINCT document), "
            f"MAX(confidence), MIN(NULLIF(sort_when, '')), MAX(NULLIF(sort_when, '')) FROM claims "
            f"WHERE {' AND '.join(conditions)} GROUP BY {ends[0]}, predicate, {ends[1]}, polarity "
            f"HAVING COUNT(DISTINCT document) >= ?", [*parameters, int(min_sources)])


def relation_links(index: ClaimIndex, *, predicates: Iterable[str] | None, rollup: bool, since: str | None,
                   until: str | None, min_sources: int, symmetric: frozenset[str]) -> list[Link]:
    """`queries.relation_links` on the index: summed in SQL from the edge summaries, or from the claims
    when a filter works claim by claim (as `relation_edges`)."""
    from graph.store.queries import Link  # noqa: PLC0415

    if since or until or rollup:
        totals: dict[tuple[str, str], list[int]] = {}
        for edge in relation_edges(index, predicates=predicates, rollup=rollup, since=since, until=until,
                                   min_confidence=0.0, min_sources=min_sources, include_negative=False,
                                   include_attributed=True, around=None):
            total = totals.setdefault((edge.subject, edge.object), [0, 0])
            total[0] += edge.sources
            total[1] += edge.sources if edge.predicate in symmetric else 0
        return [Link(s, o, sources, sym) for (s, o), (sources, sym) in totals.items()]
    if predicates is None and min_sources <= 1:  # every positive relation: the links kept at write time
        return [Link(*row) for row in index.query("SELECT subject, object, sources, symmetric FROM links")]
    wanted = sorted(set(predicates)) if predicates is not None else None
    where = "polarity = 'positive' AND sources >= ?"
    parameters: list[Any] = [int(min_sources)]
    if wanted is not None:
        where += f" AND predicate IN ({','.join('?' * len(wanted))})"
        parameters += wanted
    names = sorted(symmetric)
    rows = index.query(
        f"SELECT subject, object, SUM(sources), SUM(CASE WHEN predicate IN ({','.join('?' * len(names))}) "
        f"THEN sources ELSE 0 END) FROM edges WHERE {where} GROUP BY subject, object", [*names, *parameters])
    return [Link(r[0], r[1], r[2], r[3]) for r in rows]


def edges_among(index: ClaimIndex, entities: Collection[str], limit: int, *, predicates: Iterable[str] | None,
                min_sources: int) -> tuple[list[EdgeRecord], int]:
    """`queries.edges_among` from the edge summaries: counted and cut in SQL, so only `limit` rows come back."""
    from graph.store.queries import EdgeRecord  # noqa: PLC0415

    members = sorted(entities)
    where = (f"polarity = 'positive' AND sources >= ? AND subject IN ({','.join('?' * len(members))}) "
             f"AND object IN ({','.join('?' * len(members))})")
    parameters: list[Any] = [int(min_sources), *members, *members]
    if predicates is not None:
        wanted = sorted(set(predicates))
        where += f" AND predicate IN ({','.join('?' * len(wanted))})"
        parameters += wanted
    total = index.query(f"SELECT COUNT(*) FROM edges WHERE {where}", parameters)[0][0]
    rows = index.query(f"SELECT subject, predicate, object, polarity, claims, sources, confidence, first_seen, "
                       f"last_seen FROM edges WHERE {where} ORDER BY sources DESC, claims DESC, subject, predicate, "
                       f"object LIMIT ?", [*parameters, int(limit)])
    return [EdgeRecord(*row) for row in rows], total
