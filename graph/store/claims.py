"""Claims as analysts read them: one record per claim, with its actors and provenance, streamed in batches.

Event tables, dyad timelines and disputes all start here, and only here: two
functions with plain dataclasses in and out. Today they are SPARQL over the
store, one streamed query per batch of claims; a derived claims index
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
from graph.store.queries import check_date, date_compare, rollup_members
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
        records = _records(store, chunk)
        wanted = {end for record in records.values() for end in (record["s"], record["o"], record.get("attr"))}
        actors.update(describe_actors(store, {e for e in wanted if e} - actors.keys()))
        for iri in chunk:
            r = records.get(iri)
            if r is None:  # removed by a write since the IRIs were read
                continue
            yield Claim(
                iri=iri, subject=actors[r["s"]], predicate=r["p"], object=actors[r["o"]], polarity=r["polarity"],
                modality=r["modality"], attributed_to=actors[r["attr"]] if r.get("attr") else None,
                confidence=float(r["confidence"]), event_date=r.get("eventDate"), published=r.get("issued"),
                sentence=r["exact"], start=int(r["start"]), end=int(r["end"]), trigger=r.get("trigger"),
                document_id=r["docId"], title=r.get("title"), url=r.get("url"), extractor=r["agentName"],
                extractor_version=r["version"])


_RECORD = f"""GRAPH {_PROV} {{
    ?claim geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ; geokg:polarity ?polarity ;
           geokg:modality ?modality ; geokg:confidence ?confidence ; prov:wasDerivedFrom ?doc ;
           prov:wasGeneratedBy ?activity ; geokg:evidence/oa:hasTarget/oa:hasSelector ?position, ?quote .
    ?position oa:start ?start ; oa:end ?end .
    ?quote oa:exact ?exact .
    ?doc geokg:documentId ?docId .
    ?activity prov:wasAssociatedWith ?agent .
    ?agent rdfs:label ?agentName ; geokg:extractorVersion ?version .
  }}"""
"""What every claim has: its triple, stance, evidence, document and extractor."""
_OPTIONAL = {"eventDate": ONTOLOGY_NS + "eventDate", "trigger": ONTOLOGY_NS + "triggerText",
             "attr": ONTOLOGY_NS + "attributedTo", "title": "http://purl.org/dc/terms/title",
             "url": ONTOLOGY_NS + "url", "issued": "http://purl.org/dc/terms/issued"}
"""What a claim or its document may have, by the name `_records` gives it."""
_DOCUMENT_VALUES = frozenset({"title", "url", "issued"})


def _records(store: KnowledgeStore, iris: list[str]) -> dict[str, dict[str, str]]:
    """The stored values of each claim, by claim IRI, as plain strings (entity and predicate ids shortened).

    Two streamed queries, whose rows come as pyoxigraph terms without the cost
    of rdflib terms: what every claim has, then the optional values looked up
    by subject, one UNION branch each (as OPTIONALs, or as one pattern with two
    VALUES, Oxigraph reads far more than the batch's own values).
    """
    found: dict[str, dict[str, str]] = {}
    documents: dict[str, list[str]] = {}
    values = " ".join(f"<{iri}>" for iri in iris)
    for row in store.select_stream(f"SELECT * WHERE {{ VALUES ?claim {{ {values} }} {_RECORD} }}"):
        record = {name: row[name].value for name in _FIELDS}
        record["s"], record["o"] = record["s"].removeprefix(ENTITY_NS), record["o"].removeprefix(ENTITY_NS)
        record["p"] = record["p"].removeprefix(ONTOLOGY_NS)
        found[row["claim"].value] = record
        documents.setdefault(row["doc"].value, []).append(row["claim"].value)
    claims, docs = " ".join(f"<{iri}>" for iri in found), " ".join(f"<{iri}>" for iri in documents)
    branches = " UNION ".join(
        f"{{ VALUES ?node {{ {docs if name in _DOCUMENT_VALUES else claims} }} GRAPH {_PROV} {{ ?node <{iri}> ?value }}"
        f' BIND ("{name}" AS ?name) }}' for name, iri in _OPTIONAL.items())
    for row in store.select_stream(f"SELECT ?node ?name ?value WHERE {{ {branches} }}"):
        name, value = row["name"].value, row["value"].value
        for claim in documents.get(row["node"].value, [row["node"].value]):
            found[claim][name] = value.removeprefix(ENTITY_NS) if name == "attr" else value
    return found


_FIELDS = ("s", "p", "o", "polarity", "modality", "confidence", "start", "end", "exact", "docId", "agentName",
           "version")
"""The values `_records` keeps of `_RECORD`, less the nodes in between."""


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
    rows = [(row["s"].value.removeprefix(ENTITY_NS), row["p"].value.removeprefix(ONTOLOGY_NS),
             row["o"].value.removeprefix(ENTITY_NS), int(row["asserting"].value), int(row["denying"].value))
            for row in store.select_stream(f"""
SELECT ?s ?p ?o (SUM(?yes) AS ?asserting) (SUM(?no) AS ?denying) WHERE {{
  {" ".join(conditions)}
  GRAPH {_PROV} {{
    ?claim geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ;
           geokg:polarity ?polarity ; geokg:modality ?modality .
  }}
  FILTER (?modality IN ("asserted", "intended"))
  BIND (IF(?polarity = "positive", 1, 0) AS ?yes)
  BIND (IF(?polarity = "negative", 1, 0) AS ?no)
}} GROUP BY ?s ?p ?o""")]
    ends = describe_actors(store, {end for s, _, o, _, _ in rows for end in (s, o)})
    return [Stance(s, p, o, ends[s].country, ends[o].country, yes, no) for s, p, o, yes, no in rows]


def _claims_sparql(store: KnowledgeStore, query: ClaimQuery) -> str:
    """A SELECT of the matching claim IRIs. Unordered, so the store streams them without sorting."""
    def members(entity_id: str) -> list[str]:
        return [entity_iri(e) for e in (rollup_members(store, entity_id) if query.rollup else [entity_id])]

    anchor, filters = "", []
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
SELECT ?claim WHERE {{
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


def _last_segment(iri: str | None) -> str | None:
    return iri.rstrip("/").rsplit("/", 1)[-1] if iri else None
