"""The SPARQL the store answers, as named functions over a `KnowledgeStore`.

Each function builds one query with explicit `GRAPH` clauses (so it means the
same on every backend, whatever the server takes as its default graph), runs it
through the store (pyoxigraph itself on an embedded store, rdflib's SPARQL
client on a server), and returns plain dataclasses. When the store has a
claims index in step with it (graph/store/index.py), the reads that would
otherwise scan an entity's claims are answered from it instead
(graph/store/index_reads.py), with the same results: the store tests compare
the two. Entities and predicates are
passed as ids (`"PRK"`, `"providesWeaponsTo"`); values are written into the
query as escaped RDF terms, never pasted as raw text.

Terms used below: a claim *supports* its relation when it is positive and
asserted or intended (the same rule as the facts view); its *voice* is the
entity it is attributed to, or its document when it is in the document's own
voice; a relation is *first/last seen* at the earliest/latest event date of its
claims, or their document's publication date when the text gives no date.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef
from rdflib.query import ResultRow
from rdflib.term import Node

from graph.model import ENTITY_NS
from graph.ontology import predicates as ontology_predicates
from graph.ontology import sub_predicates
from graph.store import index_reads
from graph.store.index import SECTOR_NS
from graph.store.rdf import (
    ENTITIES_GRAPH,
    FACTS_GRAPH,
    ONTOLOGY_NS,
    PROVENANCE_GRAPH,
    canonical_datetime,
    document_iri,
    entity_iri,
    predicate_iri,
)

if TYPE_CHECKING:
    from graph.store.backend import KnowledgeStore

_PROV = f"<{PROVENANCE_GRAPH}>"
_ENT = f"<{ENTITIES_GRAPH}>"
_FACTS = f"<{FACTS_GRAPH}>"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SUPPORTING = '?polarity = "positive" && ?modality IN ("asserted", "intended")'


@dataclass(frozen=True)
class Fact:
    subject: str
    predicate: str
    object: str


@dataclass(frozen=True)
class ClaimRecord:
    """One stored claim with its evidence and provenance (ids are local names, `claim` an IRI)."""

    claim: str
    subject: str
    subject_label: str | None
    predicate: str
    object: str
    object_label: str | None
    polarity: str
    modality: str
    attributed_to: str | None
    attributed_label: str | None
    confidence: float
    event_date: str | None
    trigger: str | None
    sentence: str
    start: int
    end: int
    document: str
    document_id: str
    title: str | None
    url: str | None
    published: str | None
    extractor: str
    extractor_version: str
    model: str
    extracted_at: str


@dataclass(frozen=True)
class RelationSummary:
    """One (subject, predicate, object) across all its claims."""

    subject: str
    predicate: str
    object: str
    claims: int
    sources: int
    """Documents with at least one supporting claim."""
    denying_sources: int
    """Documents with at least one negative claim."""
    asserted_by: tuple[str, ...]
    """Voices (entity or document IRIs) of the supporting claims."""
    denied_by: tuple[str, ...]
    """Voices of the negative claims."""
    first_seen: str | None
    last_seen: str | None
    is_fact: bool


@dataclass(frozen=True)
class EntityRecord:
    id: str
    label: str
    type: str
    aliases: tuple[str, ...]
    country: str | None
    parent: str | None
    wikidata: str | None
    member_of: tuple[str, ...]
    claims: int
    """Claims with this entity as subject or object."""


@dataclass(frozen=True)
class StoreStats:
    documents: int
    claims: int
    facts: int
    entities: int


def _iri(value: str) -> str:
    return URIRef(value).n3()


def _lit(value: str) -> str:
    return Literal(value).n3()


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(_iri(i) for i in iris)} }}"


def _local(node: Node | None, namespace: str) -> str | None:
    return None if node is None else str(node).removeprefix(namespace)


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _predicate_iris(predicate: str, narrower: bool) -> list[str]:
    names = sorted(sub_predicates(predicate)) if narrower else [predicate]
    return [predicate_iri(name) for name in names]


def _relation_filter(subject: str | None, predicate: str | None, obj: str | None,
                     narrower: bool, names: tuple[str, str, str] = ("s", "p", "o")) -> str:
    parts = []
    if subject:
        parts.append(_values(names[0], [entity_iri(subject)]))
    if predicate:
        parts.append(_values(names[1], _predicate_iris(predicate, narrower)))
    if obj:
        parts.append(_values(names[2], [entity_iri(obj)]))
    return "\n".join(parts)


def _page(limit: int | None, offset: int) -> str:
    return (f"LIMIT {int(limit)} " if limit is not None else "") + (f"OFFSET {int(offset)}" if offset else "")


_CLAIM_VARIABLES = """?claim ?s ?sLabel ?p ?o ?oLabel ?polarity ?modality ?attr ?attrLabel ?confidence ?eventDate
       ?trigger ?exact ?start ?end ?doc ?docId ?title ?url ?issued ?agentName ?version ?model ?generated"""
_CLAIM_PATTERN = f"""GRAPH {_PROV} {{
    ?claim a geokg:Claim ; geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ;
           geokg:polarity ?polarity ; geokg:modality ?modality ; geokg:confidence ?confidence ;
           prov:wasDerivedFrom ?doc ; prov:wasGeneratedBy ?activity ;
           geokg:evidence/oa:hasTarget/oa:hasSelector ?position, ?quote .
    ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
    ?doc geokg:documentId ?docId .
    ?activity prov:wasAssociatedWith ?agent ; prov:startedAtTime ?generated .
    ?agent rdfs:label ?agentName ; geokg:extractorVersion ?version ; geokg:modelName ?model .
  }}
  OPTIONAL {{ GRAPH {_PROV} {{ ?claim geokg:eventDate ?eventDate }} }}
  OPTIONAL {{ GRAPH {_PROV} {{ ?claim geokg:triggerText ?trigger }} }}
  OPTIONAL {{ GRAPH {_PROV} {{ ?doc dcterms:title ?title }} }}
  OPTIONAL {{ GRAPH {_PROV} {{ ?doc geokg:url ?url }} }}
  OPTIONAL {{ GRAPH {_PROV} {{ ?doc dcterms:issued ?issued }} }}"""
"""A claim with its evidence, document and extractor (the variables of _CLAIM_VARIABLES)."""
_CLAIM_LABELS = f"""OPTIONAL {{ GRAPH {_ENT} {{ ?s rdfs:label ?sLabel }} }}
  OPTIONAL {{ GRAPH {_ENT} {{ ?o rdfs:label ?oLabel }} }}
  OPTIONAL {{
    GRAPH {_PROV} {{ ?claim geokg:attributedTo ?attr }}
    OPTIONAL {{ GRAPH {_ENT} {{ ?attr rdfs:label ?attrLabel }} }}
  }}"""


# ---- bookkeeping used by the writer -------------------------------------------------------------

def document_hash(store: KnowledgeStore, doc_id: str) -> str | None:
    """The content hash the store holds for a document id, or None if it is not stored."""
    rows = store.select(f"SELECT ?hash WHERE {{ GRAPH {_PROV} {{ "
                        f"{_iri(document_iri(doc_id))} geokg:contentHash ?hash }} }} LIMIT 1")
    return str(rows[0][0]) if rows else None


def document_hashes(store: KnowledgeStore, doc_ids: Sequence[str]) -> dict[str, str]:
    """The content hashes the store holds for these document ids (ids it lacks are absent), in one query."""
    if not doc_ids:
        return {}
    by_iri = {document_iri(doc_id): doc_id for doc_id in doc_ids}
    rows = store.select(f"SELECT ?doc ?hash WHERE {{ {_values('doc', by_iri)} GRAPH {_PROV} {{ "
                        f"?doc geokg:contentHash ?hash }} }}")
    return {by_iri[str(row[0])]: str(row[1]) for row in rows}


def document_claims(store: KnowledgeStore, doc_id: str) -> list[str]:
    """IRIs of the claims derived from a document."""
    rows = store.select(f"SELECT ?claim WHERE {{ GRAPH {_PROV} {{ ?claim a geokg:Claim ; "
                        f"prov:wasDerivedFrom {_iri(document_iri(doc_id))} }} }}")
    return [str(row[0]) for row in rows]


def known_entities(store: KnowledgeStore, ids: Sequence[str]) -> set[str]:
    """The subset of entity ids the entities graph already describes."""
    if not ids:
        return set()
    rows = store.select(f"SELECT DISTINCT ?e WHERE {{ {_values('e', (entity_iri(i) for i in ids))} "
                        f"GRAPH {_ENT} {{ ?e a ?type }} }}")
    by_iri = {entity_iri(i): i for i in ids}
    return {by_iri[str(row[0])] for row in rows}


# ---- reads for users ----------------------------------------------------------------------------

def facts(store: KnowledgeStore, subject: str | None = None, predicate: str | None = None,
          obj: str | None = None, *, narrower: bool = False) -> list[Fact]:
    """Triples of the facts view, optionally filtered; `narrower` also matches sub-predicates."""
    if store.index is not None:
        names = (sorted(sub_predicates(predicate)) if narrower else [predicate]) if predicate else None
        found = index_reads.facts(store.index, subject, names, obj)
        # Sorted as SPARQL sorts the IRIs: entity and predicate IRIs share their namespaces.
        return [Fact(*triple) for triple in sorted(found)]
    rows = store.select(f"""SELECT ?s ?p ?o WHERE {{
  {_relation_filter(subject, predicate, obj, narrower)}
  GRAPH {_FACTS} {{ ?s ?p ?o }}
}} ORDER BY ?s ?p ?o""")
    return [Fact(_local(s, ENTITY_NS), _local(p, ONTOLOGY_NS), _local(o, ENTITY_NS))  # type: ignore[arg-type]
            for s, p, o in rows]


def claims(store: KnowledgeStore, subject: str | None = None, predicate: str | None = None,
           obj: str | None = None, *, polarity: str | None = None, narrower: bool = False,
           limit: int | None = None, offset: int = 0) -> list[ClaimRecord]:
    """Claims with their evidence and provenance, newest event first."""
    polarity_filter = f"FILTER (?polarity = {_lit(polarity)})" if polarity else ""
    rows = store.select(f"""
SELECT {_CLAIM_VARIABLES}
WHERE {{
  {_relation_filter(subject, predicate, obj, narrower)}
  {_CLAIM_PATTERN}
  {polarity_filter}
  {_CLAIM_LABELS}
}}
ORDER BY DESC(COALESCE(?eventDate, STR(?issued), "")) ?docId ?start ?claim
{_page(limit, offset)}""")
    return [_claim_record(r) for r in rows]


def _timestamp(value: object) -> str:
    """An xsd:dateTime in the one written form the store and its index use ("...Z") whichever
    engine answered: Oxigraph writes UTC as "Z", rdflib and Virtuoso as "+00:00"."""
    try:
        return canonical_datetime(str(value))
    except ValueError:
        return str(value)


def _claim_record(r: ResultRow) -> ClaimRecord:
    return ClaimRecord(
        claim=str(r.claim), subject=_local(r.s, ENTITY_NS), subject_label=_text(r.sLabel),  # type: ignore[arg-type]
        predicate=_local(r.p, ONTOLOGY_NS), object=_local(r.o, ENTITY_NS),  # type: ignore[arg-type]
        object_label=_text(r.oLabel), polarity=str(r.polarity), modality=str(r.modality),
        attributed_to=_local(r.attr, ENTITY_NS), attributed_label=_text(r.attrLabel),
        confidence=float(r.confidence), event_date=_text(r.eventDate), trigger=_text(r.trigger),
        sentence=str(r.exact), start=int(r.start), end=int(r.end), document=str(r.doc),
        document_id=str(r.docId), title=_text(r.title), url=_text(r.url), published=_text(r.issued),
        extractor=str(r.agentName), extractor_version=str(r.version), model=str(r.model),
        extracted_at=_timestamp(r.generated),
    )


def relations(store: KnowledgeStore, subject: str | None = None, predicate: str | None = None,
              obj: str | None = None, *, narrower: bool = False, facts_only: bool = False,
              limit: int | None = None, offset: int = 0) -> list[RelationSummary]:
    """Relations with how many sources support them, who asserts and denies them, first/last seen.

    Newest (last seen) first. `facts_only` keeps the relations in the facts view.
    """
    fact_filter = "FILTER (?fact)" if facts_only else ""
    rows = store.select(f"""
SELECT ?s ?p ?o ?claims ?sources ?denying ?asserters ?deniers ?first ?last ?fact WHERE {{
  {{
    SELECT ?s ?p ?o (COUNT(DISTINCT ?claim) AS ?claims)
           (COUNT(DISTINCT ?supportingDoc) AS ?sources) (COUNT(DISTINCT ?denyingDoc) AS ?denying)
           (GROUP_CONCAT(DISTINCT ?asserter; separator=" ") AS ?asserters)
           (GROUP_CONCAT(DISTINCT ?denier; separator=" ") AS ?deniers)
           (MIN(?whenOrLast) AS ?first) (MAX(?whenOrFirst) AS ?last)
    WHERE {{
      {_relation_filter(subject, predicate, obj, narrower)}
      GRAPH {_PROV} {{
        ?claim a geokg:Claim ; geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ;
               geokg:polarity ?polarity ; geokg:modality ?modality ; prov:wasDerivedFrom ?doc .
      }}
      OPTIONAL {{ GRAPH {_PROV} {{ ?claim geokg:attributedTo ?attr }} }}
      OPTIONAL {{ GRAPH {_PROV} {{ ?claim geokg:eventDate ?eventDate }} }}
      OPTIONAL {{ GRAPH {_PROV} {{ ?doc dcterms:issued ?issued }} }}
      # Aggregates fail as a whole on one unbound value, so every aggregated
      # expression is always bound: "" (skipped when split) and sentinels for dates.
      BIND (COALESCE(?eventDate, STR(?issued), "~") AS ?whenOrLast)
      BIND (COALESCE(?eventDate, STR(?issued), "") AS ?whenOrFirst)
      BIND (STR(COALESCE(?attr, ?doc)) AS ?voice)
      BIND (IF({_SUPPORTING}, ?doc, ?none) AS ?supportingDoc)
      BIND (IF({_SUPPORTING}, ?voice, "") AS ?asserter)
      BIND (IF(?polarity = "negative", ?doc, ?none) AS ?denyingDoc)
      BIND (IF(?polarity = "negative", ?voice, "") AS ?denier)
    }}
    GROUP BY ?s ?p ?o
  }}
  BIND (EXISTS {{ GRAPH {_FACTS} {{ ?s ?p ?o }} }} AS ?fact)
  {fact_filter}
}}
ORDER BY DESC(?last) ?s ?p ?o
{_page(limit, offset)}""")
    return [RelationSummary(
        subject=_local(r.s, ENTITY_NS), predicate=_local(r.p, ONTOLOGY_NS),  # type: ignore[arg-type]
        object=_local(r.o, ENTITY_NS), claims=int(r.claims), sources=int(r.sources),  # type: ignore[arg-type]
        denying_sources=int(r.denying),
        asserted_by=tuple(sorted(str(r.asserters).split())),
        denied_by=tuple(sorted(str(r.deniers).split())),
        first_seen=None if str(r.first) == "~" else str(r.first), last_seen=str(r.last) or None,
        is_fact=bool(r.fact.toPython()),
    ) for r in rows]


def entity(store: KnowledgeStore, entity_id: str) -> EntityRecord | None:
    """One entity's description and how many claims mention it, or None if the store does not know it."""
    node = _iri(entity_iri(entity_id))
    rows = store.select(f"""
SELECT ?label ?type
       (GROUP_CONCAT(DISTINCT STR(?alias); separator="\\u001f") AS ?aliases)
       (SAMPLE(?country) AS ?c) (SAMPLE(?parent) AS ?par) (SAMPLE(?sameAs) AS ?wd)
       (GROUP_CONCAT(DISTINCT STR(?org); separator=" ") AS ?orgs)
WHERE {{
  GRAPH {_ENT} {{
    {node} rdfs:label ?label ; a ?type .
    OPTIONAL {{ {node} skos:altLabel ?alias }}
    OPTIONAL {{ {node} geokg:country ?country }}
    OPTIONAL {{ {node} geokg:parent ?parent }}
    OPTIONAL {{ {node} owl:sameAs ?sameAs }}
    OPTIONAL {{ {node} geokg:memberOf ?org }}
  }}
}} GROUP BY ?label ?type LIMIT 1""")
    if not rows:
        return None
    row = rows[0]
    if store.index is not None:
        claims = index_reads.entity_claim_counts(store.index, entity_id).get(entity_id, 0)
    else:
        claims = int(store.select(f"""SELECT (COUNT(DISTINCT ?claim) AS ?n) WHERE {{ GRAPH {_PROV} {{
  {{ ?claim geokg:claimSubject {node} }} UNION {{ ?claim geokg:claimObject {node} }} }} }}""")[0][0])
    return EntityRecord(
        id=entity_id, label=str(row.label), type=_local(row.type, ONTOLOGY_NS),  # type: ignore[arg-type]
        aliases=tuple(sorted(str(row.aliases).split("\x1f"))) if row.aliases else (),
        country=_local(row.c, ENTITY_NS), parent=_local(row.par, ENTITY_NS),
        wikidata=_local(row.wd, "http://www.wikidata.org/entity/"),
        member_of=tuple(sorted(_local(URIRef(o), ENTITY_NS) for o in str(row.orgs).split()))  # type: ignore[misc]
        if row.orgs else (),
        claims=claims,
    )


def find_entities(store: KnowledgeStore, name: str, limit: int = 20) -> list[str]:
    """Ids of entities whose label or alias matches `name` (case-insensitive): exact matches first."""
    needle = _lit(name.strip().lower())
    rows = store.select(f"""
SELECT ?e (MAX(?exact) AS ?best) WHERE {{
  GRAPH {_ENT} {{ ?e rdfs:label|skos:altLabel ?name }}
  BIND (LCASE(STR(?name)) AS ?lower)
  FILTER (CONTAINS(?lower, {needle}))
  BIND (IF(?lower = {needle}, 1, 0) AS ?exact)
}} GROUP BY ?e ORDER BY DESC(?best) ?e LIMIT {int(limit)}""")
    return [_local(row[0], ENTITY_NS) for row in rows]  # type: ignore[misc]


def stats(store: KnowledgeStore) -> StoreStats:
    """How many documents, claims, facts and entities the store holds."""
    if store.index is not None:
        return StoreStats(*index_reads.totals(store.index))
    row = store.select(f"""SELECT
  (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?claim) AS ?claims)
  (COUNT(DISTINCT ?fact) AS ?facts) (COUNT(DISTINCT ?entity) AS ?entities)
WHERE {{
  {{ GRAPH {_PROV} {{ ?doc a geokg:Document }} }}
  UNION {{ GRAPH {_PROV} {{ ?claim a geokg:Claim }} }}
  UNION {{ GRAPH {_FACTS} {{ ?s ?p ?o }} BIND (CONCAT(STR(?s), " ", STR(?p), " ", STR(?o)) AS ?fact) }}
  UNION {{ GRAPH {_ENT} {{ ?entity a ?type }} }}
}}""")[0]
    return StoreStats(documents=int(row[0]), claims=int(row[1]), facts=int(row[2]), entities=int(row[3]))



# ---- reads for the service and the graph-analysis layer -----------------------------------------

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MODALITY_FILTER = 'FILTER (?modality IN ("asserted", "intended"))'


def check_date(value: str | None, name: str) -> None:
    """Refuse a date bound that is not YYYY, YYYY-MM or YYYY-MM-DD (ValueError naming the parameter)."""
    if value is not None and not _DATE.match(value):
        raise ValueError(f"{name} {value!r}: expected a date like 2023, 2023-09 or 2023-09-15")


def _date_window(since: str | None, until: str | None) -> str:
    """FILTERs on ?when (a claim's event date, else its document's publication date), inclusive.

    Both sides are cut to the shorter precision, so a claim dated "2023-11" is
    inside `since=2023-11-15` (the month may include that day) and a claim dated
    "2023-10-02" is inside `until=2023-10`. Claims without any date are outside
    every window.
    """
    check_date(since, "since")
    check_date(until, "until")
    parts = []
    if since:
        parts.append(f"FILTER (?when != \"\" && {date_compare('?when', '>=', since)})")
    if until:
        parts.append(f"FILTER (?when != \"\" && {date_compare('?when', '<=', until)})")
    return "\n".join(parts)


def date_compare(variable: str, operator: str, bound: str) -> str:
    """A SPARQL comparison of an ISO date variable with a bound, at the coarser of the two precisions."""
    return f"SUBSTR({variable}, 1, {len(bound)}) {operator} SUBSTR({_lit(bound)}, 1, STRLEN({variable}))"


def _rolled(var: str, rollup: bool) -> str:
    """Bind ?{var}R to the entity ?{var} rolls up to (its country) when `rollup`, else to ?{var} itself."""
    if not rollup:
        return f"BIND (?{var} AS ?{var}R)"
    return (f"OPTIONAL {{ GRAPH {_ENT} {{ ?{var} geokg:country ?{var}Country }} }}\n"
            f"BIND (COALESCE(?{var}Country, ?{var}) AS ?{var}R)")


@dataclass(frozen=True)
class EdgeRecord:
    """A relation of the projection: claims that pass the filters, grouped by (subject, predicate, object, polarity)."""

    subject: str
    predicate: str
    object: str
    polarity: str
    claims: int
    sources: int
    """Documents with at least one of the grouped claims."""
    confidence: float
    """The highest confidence among the grouped claims."""
    first_seen: str | None
    last_seen: str | None


def relation_edges(store: KnowledgeStore, *, predicates: Iterable[str] | None = None, rollup: bool = False,
                   since: str | None = None, until: str | None = None, min_confidence: float = 0.0,
                   min_sources: int = 1, include_negative: bool = False,
                   include_attributed: bool = True, around: str | None = None,
                   pairs: Iterable[tuple[str, str]] | None = None) -> list[EdgeRecord]:
    """Relations as asserted or intended claims support them: the facts view, with filters.

    `pairs` keeps only the relations between these (subject, object) pairs,
    either way round (the steps of paths).

    `around` keeps only the claims with that entity (an id) as subject or object,
    selected first so that one entity's relations cost what that entity has
    (without roll-up; with it, the ends are compared after rolling up).

    Without filters the positive edges are exactly the triples of the facts
    graph. `include_negative` adds groups of denials (polarity "negative");
    `include_attributed=False` keeps only claims in a document's own voice;
    `rollup` replaces each end by the country it rolls up to (self-loops that
    creates, such as a leader of their own country, are dropped). `min_sources`
    and `min_confidence` apply to the claims left after the other filters.
    """
    if store.index is not None:
        check_date(since, "since")
        check_date(until, "until")
        return index_reads.relation_edges(
            store.index, predicates=predicates, rollup=rollup, since=since, until=until,
            min_confidence=min_confidence, min_sources=min_sources, include_negative=include_negative,
            include_attributed=include_attributed, around=around, pairs=pairs)
    if pairs is not None:
        wanted = {pair for s, o in pairs for pair in ((s, o), (o, s))}
        return [edge for edge in relation_edges(
            store, predicates=predicates, rollup=rollup, since=since, until=until, min_confidence=min_confidence,
            min_sources=min_sources, include_negative=include_negative, include_attributed=include_attributed,
            around=around) if (edge.subject, edge.object) in wanted]
    predicate_filter = _values("p", (predicate_iri(p) for p in sorted(set(predicates)))) \
        if predicates is not None else ""
    polarity_filter = "" if include_negative else 'FILTER (?polarity = "positive")'
    voice_filter = "" if include_attributed else \
        f"FILTER NOT EXISTS {{ GRAPH {_PROV} {{ ?claim geokg:attributedTo ?anyone }} }}"
    centre = ""
    if around is not None and not rollup:
        # The entity's claims first, handed over as VALUES, so the rest reads only those.
        iri = _iri(entity_iri(around))
        claims = store.select(f"SELECT DISTINCT ?claim WHERE {{ GRAPH {_PROV} {{ "
                              f"{{ ?claim geokg:claimSubject {iri} }} UNION {{ ?claim geokg:claimObject {iri} }} }} }}")
        centre = _values("claim", (str(row[0]) for row in claims))
    elif around is not None:
        centre = f"FILTER (?sR = {_iri(entity_iri(around))} || ?oR = {_iri(entity_iri(around))})"
    rows = store.select(f"""
SELECT ?sR ?p ?oR ?polarity (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(DISTINCT ?doc) AS ?sources)
       (MAX(?confidence) AS ?best) (MIN(?whenOrLast) AS ?first) (MAX(?when) AS ?last)
WHERE {{
  {predicate_filter}
  {centre if not rollup else ""}
  GRAPH {_PROV} {{
    ?claim a geokg:Claim ; geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ;
           geokg:polarity ?polarity ; geokg:modality ?modality ; geokg:confidence ?confidence ;
           prov:wasDerivedFrom ?doc .
  }}
  OPTIONAL {{ GRAPH {_PROV} {{ ?claim geokg:eventDate ?eventDate }} }}
  OPTIONAL {{ GRAPH {_PROV} {{ ?doc dcterms:issued ?issued }} }}
  {_MODALITY_FILTER}
  {polarity_filter}
  FILTER (?confidence >= {float(min_confidence)!r})
  {voice_filter}
  BIND (COALESCE(?eventDate, STR(?issued), "") AS ?when)
  BIND (IF(?when = "", "~", ?when) AS ?whenOrLast)
  {_date_window(since, until)}
  {_rolled("s", rollup)}
  {_rolled("o", rollup)}
  FILTER (?sR != ?oR || ?s = ?o)
  {centre if rollup else ""}
}}
GROUP BY ?sR ?p ?oR ?polarity
HAVING (COUNT(DISTINCT ?doc) >= {int(min_sources)})""")
    return [EdgeRecord(
        subject=_local(r.sR, ENTITY_NS), predicate=_local(r.p, ONTOLOGY_NS),  # type: ignore[arg-type]
        object=_local(r.oR, ENTITY_NS), polarity=str(r.polarity), claims=int(r.claims),  # type: ignore[arg-type]
        sources=int(r.sources), confidence=float(r.best),
        first_seen=None if str(r.first) == "~" else str(r.first), last_seen=str(r.last) or None,
    ) for r in rows]


def best_relation_edges(store: KnowledgeStore, limit: int, **filters: Any) -> tuple[list[EdgeRecord], int]:
    """`relation_edges(store, **filters)` cut to the `limit` best sourced (most sources, then most
    claims, then by subject, predicate, object, polarity), and how many there are in all: a bounded
    view of a busy entity."""
    if store.index is not None and filters.get("pairs") is None:
        check_date(filters.get("since"), "since")
        check_date(filters.get("until"), "until")
        defaults = {"predicates": None, "rollup": False, "since": None, "until": None, "min_confidence": 0.0,
                    "min_sources": 1, "include_negative": False, "include_attributed": True, "around": None}
        return index_reads.best_relation_edges(store.index, limit, **{**defaults, **filters})
    found = relation_edges(store, **filters)
    found.sort(key=lambda e: (-e.sources, -e.claims, e.subject, e.predicate, e.object, e.polarity))
    return found[:limit], len(found)


def edges_among(store: KnowledgeStore, entities: Collection[str], limit: int, *,
                predicates: Iterable[str] | None = None, rollup: bool = False, since: str | None = None,
                until: str | None = None, min_sources: int = 1) -> tuple[list[EdgeRecord], int]:
    """The positive relations between entities of a set (an ego network): the `limit` best sourced (most
    sources, then most claims, then by subject, predicate, object) and how many there are in all."""
    if store.index is not None and not (since or until or rollup):
        return index_reads.edges_among(store.index, entities, limit, predicates=predicates, min_sources=min_sources)
    found = [edge for edge in relation_edges(store, predicates=predicates, rollup=rollup, since=since, until=until,
                                             min_sources=min_sources)
             if edge.subject in entities and edge.object in entities]
    found.sort(key=lambda e: (-e.sources, -e.claims, e.subject, e.predicate, e.object))
    return found[:limit], len(found)


@dataclass(frozen=True)
class Link:
    """Positive relations from one entity to another, over every predicate: what paths and rankings walk."""

    subject: str
    object: str
    sources: int
    """Supporting documents, summed over the predicates linking the two (as rankings weigh them)."""
    symmetric_sources: int
    """The part of `sources` from symmetric predicates (which link the two both ways)."""


def relation_links(store: KnowledgeStore, *, predicates: Iterable[str] | None = None, rollup: bool = False,
                   since: str | None = None, until: str | None = None, min_sources: int = 1) -> list[Link]:
    """The positive edges of `relation_edges` (same filters) summed per (subject, object)."""
    if store.index is not None:
        check_date(since, "since")
        check_date(until, "until")
        return index_reads.relation_links(store.index, predicates=predicates, rollup=rollup, since=since,
                                          until=until, min_sources=min_sources, symmetric=_symmetric())
    totals: dict[tuple[str, str], list[int]] = {}
    symmetric = _symmetric()
    for edge in relation_edges(store, predicates=predicates, rollup=rollup, since=since, until=until,
                               min_sources=min_sources):
        total = totals.setdefault((edge.subject, edge.object), [0, 0])
        total[0] += edge.sources
        total[1] += edge.sources if edge.predicate in symmetric else 0
    return [Link(s, o, sources, sym) for (s, o), (sources, sym) in totals.items()]


def _symmetric() -> frozenset[str]:
    return frozenset(name for name, info in ontology_predicates().items() if info.symmetric)


@dataclass(frozen=True)
class EntitySummary:
    """An entity of the entities graph with its names and how many claims mention it."""

    id: str
    label: str
    type: str
    country: str | None
    aliases: tuple[str, ...]
    claims: int
    sector: str | None = None
    """The actor's sector code (`MIL`, `GOV` ...), when the entities graph gives one."""


def entity_summaries(store: KnowledgeStore) -> list[EntitySummary]:
    """Every entity the store describes, with its aliases and claim count (for name indexes and graph nodes)."""
    counted = store.index is not None
    mentions = "" if counted else f"""OPTIONAL {{
    SELECT ?e (COUNT(DISTINCT ?claim) AS ?mentions) WHERE {{
      GRAPH {_PROV} {{ ?claim geokg:claimSubject|geokg:claimObject ?e }}
    }} GROUP BY ?e
  }}"""
    rows = store.select(f"""
SELECT ?e ?label ?type ?country ?sector ?aliases (COALESCE(?mentions, 0) AS ?n) WHERE {{
  {{
    SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) (SAMPLE(?c) AS ?country) (SAMPLE(?sec) AS ?sector)
           (GROUP_CONCAT(DISTINCT STR(?alias); separator="\\u001f") AS ?aliases)
    WHERE {{
      GRAPH {_ENT} {{
        ?e a ?t ; rdfs:label ?l .
        OPTIONAL {{ ?e skos:altLabel ?alias }}
        OPTIONAL {{ ?e geokg:country ?c }}
        OPTIONAL {{ ?e geokg:sector ?sec }}
      }}
    }} GROUP BY ?e
  }}
  {mentions}
}}""")
    claims = index_reads.entity_claim_counts(store.index) if store.index is not None else {}
    return [EntitySummary(
        id=_local(r.e, ENTITY_NS), label=str(r.label), type=_local(r.type, ONTOLOGY_NS),  # type: ignore[arg-type]
        country=_local(r.country, ENTITY_NS),
        aliases=tuple(sorted(str(r.aliases).split("\x1f"))) if str(r.aliases) else (),
        claims=claims.get(_local(r.e, ENTITY_NS), 0) if counted else int(r.n),  # type: ignore[arg-type]
        sector=_local(r.sector, SECTOR_NS),
    ) for r in rows]


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims `search_claims` returns. Entity fields hold entity ids; empty fields match anything.

    `predicate` also matches its sub-predicates. With `rollup`, an entity
    matches itself and every entity that rolls up to it (PRK matches the North
    Korean foreign ministry and Kim Jong Un). `min_sources` counts the
    documents that support the claim's own (subject, predicate, object) with a
    positive asserted or intended claim.
    """

    subject: str | None = None
    object: str | None = None
    entity: str | None = None
    """Either end: the subject or the object."""
    predicate: str | None = None
    polarity: str | None = None
    modality: str | None = None
    attributed_to: str | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float = 0.0
    min_sources: int = 1
    rollup: bool = False
    sector: str | None = None
    """Only claims whose subject is of this sector (`MIL`); with `subject`, among what rolls up to it."""
    object_sector: str | None = None
    """The same for the object."""


ClaimPosition = tuple[str, str, str]
"""Where a claim sorts in `search_claims` order: (date or "", document IRI, claim IRI)."""


def rollup_members(store: KnowledgeStore, entity_id: str) -> list[str]:
    """The entity and every entity that rolls up to it (its ministries, officials, forces ...)."""
    rows = store.select(f"SELECT ?e WHERE {{ GRAPH {_ENT} {{ ?e geokg:country {_iri(entity_iri(entity_id))} }} }}")
    return sorted({entity_id, *(_local(row[0], ENTITY_NS) for row in rows)})  # type: ignore[misc]


def _in(var: str, iris: Iterable[str]) -> str:
    return f"FILTER (?{var} IN ({', '.join(_iri(i) for i in iris)}))"


def search_claims(store: KnowledgeStore, selection: ClaimFilter, *, limit: int,
                  after: ClaimPosition | None = None) -> list[tuple[ClaimRecord, ClaimPosition]]:
    """Claims matching `selection`, newest first, at most `limit`, starting after the position `after`.

    The order (date descending, then document IRI, then claim IRI) is total,
    so paging by position is stable while documents are added: a page never
    repeats or skips a claim that existed when the first page was read.

    Two steps: find the page with only what filtering and sorting need, then
    read the page's claims in full (`claim_records`). One query doing both
    makes Oxigraph join every matching claim's evidence and evaluate
    OPTIONALs over the whole store: seconds on 100,000 claims instead of
    milliseconds. The most selective filter (an entity, else the predicate)
    is the VALUES the query starts from; the others are FILTERs.
    """
    predicate_names = sorted(sub_predicates(selection.predicate)) if selection.predicate else None
    if store.index is not None:
        return index_reads.search_claims(store.index, selection, predicate_names, limit=limit, after=after)

    def members(entity_id: str, rolled: bool = False) -> list[str]:
        return rollup_members(store, entity_id) if selection.rollup or rolled else [entity_id]

    # A sector names bodies and people, never a state: with one, an end matches what rolls up to it.
    subjects = [entity_iri(i) for i in members(selection.subject, bool(selection.sector))] \
        if selection.subject else None
    objects = [entity_iri(i) for i in members(selection.object, bool(selection.object_sector))] \
        if selection.object else None
    either = [entity_iri(i) for i in members(selection.entity)] if selection.entity else None
    voices = [entity_iri(i) for i in members(selection.attributed_to)] if selection.attributed_to else None
    predicates_ = _predicate_iris(selection.predicate, narrower=True) if selection.predicate else None

    anchor, constraints = "", []
    if subjects:
        anchor = _values("s", subjects)
    elif objects:
        anchor = _values("o", objects)
    elif predicates_:
        anchor = _values("p", predicates_)
    if subjects and anchor != _values("s", subjects):
        constraints.append(_in("s", subjects))
    if objects and not anchor.startswith("VALUES ?o"):
        constraints.append(_in("o", objects))
    if predicates_ and not anchor.startswith("VALUES ?p"):
        constraints.append(_in("p", predicates_))
    if either:
        constraints.append(f"FILTER (?s IN ({', '.join(map(_iri, either))}) || ?o IN ({', '.join(map(_iri, either))}))")
    claim_pattern = ("?claim geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ; "
                     "prov:wasDerivedFrom ?doc .")
    if either and not anchor:  # start from the entity: its claims as subject, and as object
        claim_pattern = (f"{{ {_values('s', either)} ?claim geokg:claimSubject ?s }} UNION "
                         f"{{ {_values('o', either)} ?claim geokg:claimObject ?o }} " + claim_pattern)
    extra = []
    if selection.polarity:
        extra.append("?claim geokg:polarity ?polarity .")
        constraints.append(f"FILTER (?polarity = {_lit(selection.polarity)})")
    if selection.modality:
        extra.append("?claim geokg:modality ?modality .")
        constraints.append(f"FILTER (?modality = {_lit(selection.modality)})")
    if selection.min_confidence > 0:
        extra.append("?claim geokg:confidence ?confidence .")
        constraints.append(f"FILTER (?confidence >= {float(selection.min_confidence)!r})")
    if voices:
        extra.append("?claim geokg:attributedTo ?attr .")
        constraints.append(_in("attr", voices))
    for variable, sector in (("s", selection.sector), ("o", selection.object_sector)):
        if sector:
            constraints.append(f"GRAPH {_ENT} {{ ?{variable} geokg:sector {_iri(SECTOR_NS + sector)} }}")
    if selection.min_sources > 1:
        constraints.append(f"""{{ SELECT ?s ?p ?o WHERE {{
    {anchor}
    GRAPH {_PROV} {{ ?support geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ;
                        geokg:polarity "positive" ; geokg:modality ?supportModality ;
                        prov:wasDerivedFrom ?supportDoc }}
    FILTER (?supportModality IN ("asserted", "intended"))
  }} GROUP BY ?s ?p ?o HAVING (COUNT(DISTINCT ?supportDoc) >= {int(selection.min_sources)}) }}""")
    constraints.append(_date_window(selection.since, selection.until))
    if after is not None:
        when, doc, claim_iri = after
        constraints.append(
            f"FILTER (?when < {_lit(when)} || (?when = {_lit(when)} && (STR(?doc) > {_lit(doc)} || "
            f"(STR(?doc) = {_lit(doc)} && STR(?claim) > {_lit(claim_iri)}))))")
    rows = store.select(f"""
SELECT DISTINCT ?claim ?when ?doc WHERE {{
  {anchor}
  GRAPH {_PROV} {{
    {claim_pattern}
    {" ".join(extra)}
  }}
  OPTIONAL {{ GRAPH {_PROV} {{ ?claim geokg:eventDate ?eventDate }} }}
  OPTIONAL {{ GRAPH {_PROV} {{ ?doc dcterms:issued ?issued }} }}
  BIND (COALESCE(?eventDate, STR(?issued), "") AS ?when)
  {chr(10).join(part for part in constraints if part)}
}}
ORDER BY DESC(?when) ?doc ?claim
LIMIT {int(limit)}""")
    positions = [(str(r.when), str(r.doc), str(r.claim)) for r in rows]
    records = claim_records(store, [position[2] for position in positions])
    return [(records[position[2]], position) for position in positions]


def claim_records(store: KnowledgeStore, claim_iris: Sequence[str]) -> dict[str, ClaimRecord]:
    """The full records of the given claims, by claim IRI (claims the store lacks are absent).

    The optional values (event date, trigger, attribution, document title,
    URL and date, entity labels) come from a second query that looks them up
    by subject: as OPTIONALs, Oxigraph would evaluate each over the whole store.
    """
    if not claim_iris:
        return {}
    if store.index is not None:
        return index_reads.claim_records(store.index, claim_iris)
    claims_ = _values("claim", claim_iris)
    rows = store.select(f"""
SELECT ?claim ?s ?p ?o ?polarity ?modality ?confidence ?exact ?start ?end ?doc ?docId ?agentName ?version ?model
       ?generated WHERE {{
  {claims_}
  GRAPH {_PROV} {{
    ?claim geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ;
           geokg:polarity ?polarity ; geokg:modality ?modality ; geokg:confidence ?confidence ;
           prov:wasDerivedFrom ?doc ; prov:wasGeneratedBy ?activity ;
           geokg:evidence/oa:hasTarget/oa:hasSelector ?position, ?quote .
    ?position oa:start ?start ; oa:end ?end .
    ?quote oa:exact ?exact .
    ?doc geokg:documentId ?docId .
    ?activity prov:wasAssociatedWith ?agent ; prov:startedAtTime ?generated .
    ?agent rdfs:label ?agentName ; geokg:extractorVersion ?version ; geokg:modelName ?model .
  }}
}}""")
    documents = _values("node", sorted({str(r.doc) for r in rows}))
    entities = _values("node", sorted({str(r.s) for r in rows} | {str(r.o) for r in rows}))
    values: dict[tuple[str, str], str] = {}
    for r in store.select(f"""
SELECT ?node ?prop ?value WHERE {{
  {{ {claims_} GRAPH {_PROV} {{ ?claim ?prop ?value }} BIND (?claim AS ?node)
     VALUES ?prop {{ geokg:eventDate geokg:triggerText geokg:attributedTo }} }}
  UNION {{ {documents} GRAPH {_PROV} {{ ?node ?prop ?value }} VALUES ?prop {{ dcterms:title geokg:url dcterms:issued }} }}
  UNION {{ {entities} GRAPH {_ENT} {{ ?node rdfs:label ?value }} BIND (rdfs:label AS ?prop) }}
  UNION {{ {claims_} GRAPH {_PROV} {{ ?claim geokg:attributedTo ?node }} GRAPH {_ENT} {{ ?node rdfs:label ?value }}
           BIND (rdfs:label AS ?prop) }}
}}"""):
        values[(str(r.node), str(r.prop))] = str(r.value)

    def get(node: object, prop: str) -> str | None:
        return values.get((str(node), prop))

    label, geokg, dcterms = RDFS_LABEL, ONTOLOGY_NS, "http://purl.org/dc/terms/"
    records = {}
    for r in rows:
        attributed = get(r.claim, geokg + "attributedTo")
        records[str(r.claim)] = ClaimRecord(
            claim=str(r.claim), subject=_local(r.s, ENTITY_NS), subject_label=get(r.s, label),  # type: ignore[arg-type]
            predicate=_local(r.p, ONTOLOGY_NS), object=_local(r.o, ENTITY_NS),  # type: ignore[arg-type]
            object_label=get(r.o, label), polarity=str(r.polarity), modality=str(r.modality),
            attributed_to=attributed.removeprefix(ENTITY_NS) if attributed else None,
            attributed_label=get(attributed, label) if attributed else None,
            confidence=float(r.confidence), event_date=get(r.claim, geokg + "eventDate"),
            trigger=get(r.claim, geokg + "triggerText"), sentence=str(r.exact), start=int(r.start),
            end=int(r.end), document=str(r.doc), document_id=str(r.docId), title=get(r.doc, dcterms + "title"),
            url=get(r.doc, geokg + "url"), published=get(r.doc, dcterms + "issued"),
            extractor=str(r.agentName), extractor_version=str(r.version), model=str(r.model),
            extracted_at=_timestamp(r.generated))
    return records


@dataclass(frozen=True)
class RelationSupport:
    """How a (subject, predicate, object) stands across all its claims."""

    claims: int
    sources: int
    """Documents with a positive asserted or intended claim of it."""
    denying_sources: int
    """Documents with a negative claim of it."""
    fact: bool
    """Whether the facts view holds it."""


def relation_support(store: KnowledgeStore,
                     triples: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str, str], RelationSupport]:
    """Support of each given (subject id, predicate, object id), in one query; unknown triples are absent."""
    wanted = sorted(set(triples))
    if not wanted:
        return {}
    if store.index is not None:
        return index_reads.relation_support(store.index, wanted)
    values = " ".join(f"({_iri(entity_iri(s))} {_iri(predicate_iri(p))} {_iri(entity_iri(o))})"
                      for s, p, o in wanted)
    rows = store.select(f"""
SELECT ?s ?p ?o (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(DISTINCT ?supportingDoc) AS ?sources)
       (COUNT(DISTINCT ?denyingDoc) AS ?denying) (SAMPLE(?isFact) AS ?fact)
WHERE {{
  VALUES (?s ?p ?o) {{ {values} }}
  GRAPH {_PROV} {{
    ?claim geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ;
           geokg:polarity ?polarity ; geokg:modality ?modality ; prov:wasDerivedFrom ?doc .
  }}
  BIND (IF({_SUPPORTING}, ?doc, ?none) AS ?supportingDoc)
  BIND (IF(?polarity = "negative", ?doc, ?none) AS ?denyingDoc)
  BIND (EXISTS {{ GRAPH {_FACTS} {{ ?s ?p ?o }} }} AS ?isFact)
}} GROUP BY ?s ?p ?o""")
    return {(_local(r.s, ENTITY_NS), _local(r.p, ONTOLOGY_NS), _local(r.o, ENTITY_NS)):  # type: ignore[misc]
            RelationSupport(claims=int(r.claims), sources=int(r.sources), denying_sources=int(r.denying),
                            fact=bool(r.fact.toPython()))
            for r in rows}


@dataclass(frozen=True)
class PredicateCount:
    predicate: str
    as_subject: int
    """Claims of this predicate with the entity as subject."""
    as_object: int


def entity_predicate_counts(store: KnowledgeStore, entity_id: str) -> list[PredicateCount]:
    """How many claims of each predicate have the entity as subject and as object, by predicate name."""
    if store.index is not None:
        return index_reads.entity_predicate_counts(store.index, entity_id)
    node = _iri(entity_iri(entity_id))
    rows = store.select(f"""
SELECT ?p (SUM(?subjectSide) AS ?asSubject) (SUM(?objectSide) AS ?asObject) WHERE {{
  GRAPH {_PROV} {{
    {{ ?claim geokg:claimSubject {node} ; geokg:claimPredicate ?p . BIND (1 AS ?subjectSide) BIND (0 AS ?objectSide) }}
    UNION {{ ?claim geokg:claimObject {node} ; geokg:claimPredicate ?p . BIND (0 AS ?subjectSide) BIND (1 AS ?objectSide) }}
  }}
}} GROUP BY ?p ORDER BY ?p""")
    return [PredicateCount(_local(r.p, ONTOLOGY_NS), int(r.asSubject), int(r.asObject))  # type: ignore[arg-type]
            for r in rows]


def count_by(store: KnowledgeStore, what: str) -> dict[str, int]:
    """Counts for the stats page: `"entity_type"` (entities by class) or `"predicate"` (claims by predicate)."""
    if store.index is not None and what in ("entity_type", "predicate"):
        return index_reads.count_by(store.index, what)
    if what == "entity_type":
        sparql = f"SELECT ?key (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH {_ENT} {{ ?e a ?key }} }} GROUP BY ?key"
    elif what == "predicate":
        sparql = (f"SELECT ?key (COUNT(?claim) AS ?n) WHERE {{ GRAPH {_PROV} {{ "
                  f"?claim a geokg:Claim ; geokg:claimPredicate ?key }} }} GROUP BY ?key")
    else:
        raise ValueError(f"count_by({what!r}): expected 'entity_type' or 'predicate'")
    return {_local(r.key, ONTOLOGY_NS): int(r.n) for r in store.select(sparql)}  # type: ignore[misc]
