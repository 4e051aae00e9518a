"""Claims as analysts read them: one record per claim, with its actors and provenance, streamed in batches.

Event tables, dyad timelines and disputes all start here, and only here: two
functions with plain dataclasses in and out. Today they are SPARQL over the
store (`graph.store.queries` reads each batch in full); a derived claims index
can answer them instead without any change to their callers.

* `iter_claims(store, ClaimQuery(...))` yields every matching claim once, a
  batch of claim IRIs at a time, so memory stays flat however many claims the
  store holds. Order: the store's own (stable for an unchanged store).
* `stance_counts(store, ...)` says, for each stored (subject, predicate,
  object), how many claims state it and how many deny it.

An `Actor` carries the entity's label, the country it rolls up to and its
sector (`geokg:sector`, such as `MIL`) when the entities graph has one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from graph.model import ENTITY_NS, ONTOLOGY_NS
from graph.store.backend import KnowledgeStore
from graph.store.queries import check_date, claim_records, date_compare, rollup_members
from graph.store.rdf import CLAIM_NS, ENTITIES_GRAPH, PROVENANCE_GRAPH, entity_iri, predicate_iri

SECTOR_NS = "https://geokg.org/sector/"
BATCH = 500
"""Claims read per batch: large enough that per-query overhead vanishes, small enough to keep memory flat."""
_PROV, _ENT = f"<{PROVENANCE_GRAPH}>", f"<{ENTITIES_GRAPH}>"


@dataclass(frozen=True)
class Actor:
    """An entity as a claim's subject, object or source sees it."""

    id: str
    label: str
    country: str | None
    """The ISO alpha-3 code it rolls up to (itself for a country), if any."""
    sector: str | None
    """Its sector code (`MIL`, `GOV` ...) when the store records one."""


@dataclass(frozen=True)
class Claim:
    """One stored claim with everything an event table row needs."""

    iri: str
    subject: Actor
    predicate: str
    object: Actor
    polarity: str
    modality: str
    attributed_to: Actor | None
    confidence: float
    event_date: str | None
    """ISO 8601 at the precision the text gives: `2023-11-09`, `2023-11` or `2023`."""
    published: str | None
    """The document's publication date (ISO day)."""
    sentence: str
    start: int
    end: int
    trigger: str | None
    document_id: str
    title: str | None
    url: str | None
    extractor: str
    extractor_version: str

    @property
    def id(self) -> str:
        """The claim's short id: its IRI without the `https://geokg.org/claim/` namespace."""
        return self.iri.removeprefix(CLAIM_NS)

    @property
    def when(self) -> str | None:
        """The date analyses place it at: its event date, else its document's publication date."""
        return self.event_date or self.published


@dataclass(frozen=True)
class ClaimQuery:
    """Which claims `iter_claims` reads; the default reads them all.

    Entity fields hold entity ids. With `rollup`, an entity also stands for
    everything that rolls up to it (PRK for the North Korean foreign ministry
    and Kim Jong Un). `predicates` are exact names: callers that want
    sub-predicates expand them (`graph.ontology.sub_predicates`). `since` and
    `until` (YYYY, YYYY-MM or YYYY-MM-DD, inclusive) bound `Claim.when`, at
    the coarser of the two precisions; undated claims are then left out.
    """

    entity: str | None = None
    """Either end: the subject or the object."""
    between: tuple[str, str] | None = None
    """A pair of entities, in either direction."""
    predicates: frozenset[str] | None = None
    relations: frozenset[tuple[str, str, str]] | None = None
    """Exact (subject, predicate, object) triples."""
    since: str | None = None
    until: str | None = None
    rollup: bool = False

    def __post_init__(self) -> None:
        check_date(self.since, "since")
        check_date(self.until, "until")


def iter_claims(store: KnowledgeStore, query: ClaimQuery = ClaimQuery(), batch: int = BATCH) -> Iterator[Claim]:
    """Every claim `query` matches, once each, read `batch` claims at a time."""
    iris = (str(row["claim"].value) for row in store.select_stream(_claims_sparql(store, query)))
    actors: dict[str, Actor] = {}
    while chunk := list(islice(iris, batch)):
        records = claim_records(store, chunk)
        wanted = {r.subject for r in records.values()} | {r.object for r in records.values()} \
            | {r.attributed_to for r in records.values() if r.attributed_to}
        actors.update(describe_actors(store, wanted - actors.keys()))
        for iri in chunk:
            record = records.get(iri)
            if record is None:  # removed by a write since the IRIs were read
                continue
            yield Claim(
                iri=iri, subject=actors[record.subject], predicate=record.predicate, object=actors[record.object],
                polarity=record.polarity, modality=record.modality,
                attributed_to=actors[record.attributed_to] if record.attributed_to else None,
                confidence=record.confidence, event_date=record.event_date, published=record.published,
                sentence=record.sentence, start=record.start, end=record.end, trigger=record.trigger,
                document_id=record.document_id, title=record.title, url=record.url, extractor=record.extractor,
                extractor_version=record.extractor_version)


@dataclass(frozen=True)
class Stance:
    """How the claims of one stored (subject, predicate, object) stand: how many state it, how many deny it.

    Only asserted or intended claims take a side; requests and hypotheticals do not.
    `subject_country`/`object_country` are what the ends roll up to (None when nothing).
    """

    subject: str
    predicate: str
    object: str
    subject_country: str | None
    object_country: str | None
    asserting: int
    denying: int


def stance_counts(store: KnowledgeStore, entity: str | None = None, predicates: Iterable[str] | None = None,
                  rollup: bool = False) -> list[Stance]:
    """Stances of every stored relation (`entity`'s only, with `rollup` also what rolls up to it).

    Every relation, not only denied ones: a denial of (RUS meetsWith PRK) and
    an assertion of (PRK meetsWith RUS), or a denial by the state and an
    assertion about its ministry, meet only once the caller groups them.
    """
    conditions = []
    if entity:
        either = _listed(entity_iri(e) for e in (rollup_members(store, entity) if rollup else [entity]))
        conditions.append(f"FILTER (?s IN ({either}) || ?o IN ({either}))")
    if predicates is not None:
        conditions.append("VALUES ?p { " + " ".join(f"<{predicate_iri(p)}>" for p in sorted(predicates)) + " }")
    rows = store.select(f"""
SELECT ?s ?p ?o (SAMPLE(?sCountry) AS ?sc) (SAMPLE(?oCountry) AS ?oc) (SUM(?yes) AS ?asserting)
       (SUM(?no) AS ?denying) WHERE {{
  {" ".join(conditions)}
  GRAPH {_PROV} {{
    ?claim geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ;
           geokg:polarity ?polarity ; geokg:modality ?modality .
  }}
  FILTER (?modality IN ("asserted", "intended"))
  OPTIONAL {{ GRAPH {_ENT} {{ ?s geokg:country ?sCountry }} }}
  OPTIONAL {{ GRAPH {_ENT} {{ ?o geokg:country ?oCountry }} }}
  BIND (IF(?polarity = "positive", 1, 0) AS ?yes)
  BIND (IF(?polarity = "negative", 1, 0) AS ?no)
}} GROUP BY ?s ?p ?o""")
    return [Stance(_local(r.s), str(r.p).removeprefix(ONTOLOGY_NS), _local(r.o),  # type: ignore[arg-type]
                   _local(r.sc), _local(r.oc), int(r.asserting), int(r.denying)) for r in rows]


def _claims_sparql(store: KnowledgeStore, query: ClaimQuery) -> str:
    """A SELECT of the matching claim IRIs. Unordered, so the store streams them without sorting."""
    def members(entity_id: str) -> list[str]:
        return [entity_iri(e) for e in (rollup_members(store, entity_id) if query.rollup else [entity_id])]

    anchor, filters, distinct = "", [], ""
    if query.relations is not None:
        anchor = "VALUES (?s ?p ?o) { " + " ".join(
            f"(<{entity_iri(s)}> <{predicate_iri(p)}> <{entity_iri(o)}>)" for s, p, o in sorted(query.relations)) + " }"
    if query.between is not None:
        first, second = members(query.between[0]), members(query.between[1])
        anchor += " VALUES ?s { " + " ".join(f"<{i}>" for i in sorted({*first, *second})) + " }"
        filters.append(f"FILTER ((?s IN ({_listed(first)}) && ?o IN ({_listed(second)})) || "
                       f"(?s IN ({_listed(second)}) && ?o IN ({_listed(first)})))")
    if query.entity is not None:
        either = members(query.entity)
        filters.append(f"FILTER (?s IN ({_listed(either)}) || ?o IN ({_listed(either)}))")
        distinct = "DISTINCT"
    if query.predicates is not None:
        filters.append(f"FILTER (?p IN ({', '.join(f'<{predicate_iri(p)}>' for p in sorted(query.predicates))}))")
    dated = ""
    if query.since or query.until:
        dated = (f"OPTIONAL {{ GRAPH {_PROV} {{ ?claim geokg:eventDate ?eventDate }} }}\n"
                 f"  OPTIONAL {{ GRAPH {_PROV} {{ ?doc dcterms:issued ?issued }} }}\n"
                 f"  BIND (COALESCE(?eventDate, STR(?issued), \"\") AS ?when) FILTER (?when != \"\")")
        for bound, operator in ((query.since, ">="), (query.until, "<=")):
            if bound:
                filters.append(f"FILTER ({date_compare('?when', operator, bound)})")
    return f"""
SELECT {distinct} ?claim WHERE {{
  {anchor}
  GRAPH {_PROV} {{
    ?claim geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ; prov:wasDerivedFrom ?doc .
  }}
  {dated}
  {chr(10).join(filters)}
}}"""


def _listed(iris: Iterable[str]) -> str:
    """IRIs for a SPARQL `IN (...)`."""
    return ", ".join(f"<{i}>" for i in iris)


def describe_actors(store: KnowledgeStore, ids: set[str]) -> dict[str, Actor]:
    """Label, country and sector of each entity id; an entity the store does not describe keeps its id as label."""
    if not ids:
        return {}
    values = " ".join(f"<{entity_iri(i)}>" for i in sorted(ids))
    found: dict[str, dict[str, str]] = {i: {} for i in ids}
    by_iri = {entity_iri(i): i for i in ids}
    for r in store.select(f"""
SELECT ?e ?prop ?value WHERE {{
  VALUES ?e {{ {values} }}
  VALUES ?prop {{ rdfs:label geokg:country geokg:sector }}
  GRAPH {_ENT} {{ ?e ?prop ?value }}
}}"""):
        found[by_iri[str(r.e)]].setdefault(str(r.prop).rsplit("#", 1)[-1], str(r.value))
    return {i: Actor(i, values_.get("label", i), _last_segment(values_.get("country")),
                     _last_segment(values_.get("sector"))) for i, values_ in found.items()}


def _local(node: object) -> str | None:
    return None if node is None else str(node).removeprefix(ENTITY_NS)


def _last_segment(iri: str | None) -> str | None:
    return iri.rstrip("/").rsplit("/", 1)[-1] if iri else None
