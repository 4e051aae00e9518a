"""The SPARQL the store answers, as named functions over a `KnowledgeStore`.

Each function builds one query with explicit `GRAPH` clauses (so it means the
same on every backend, whatever the server takes as its default graph), runs it
through rdflib, and returns plain dataclasses. Entities and predicates are
passed as ids (`"PRK"`, `"providesWeaponsTo"`); values are written into the
query as escaped RDF terms, never pasted as raw text.

Terms used below: a claim *supports* its relation when it is positive and
asserted or intended (the same rule as the facts view); its *voice* is the
entity it is attributed to, or its document when it is in the document's own
voice; a relation is *first/last seen* at the earliest/latest event date of its
claims, or their document's publication date when the text gives no date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.model import ENTITY_NS
from graph.ontology import sub_predicates
from graph.store.rdf import (
    ENTITIES_GRAPH,
    FACTS_GRAPH,
    ONTOLOGY_NS,
    PROVENANCE_GRAPH,
    document_iri,
    entity_iri,
    predicate_iri,
)

if TYPE_CHECKING:
    from graph.store.backend import KnowledgeStore

_PROV = f"<{PROVENANCE_GRAPH}>"
_ENT = f"<{ENTITIES_GRAPH}>"
_FACTS = f"<{FACTS_GRAPH}>"
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


# ---- bookkeeping used by the writer -------------------------------------------------------------

def document_hash(store: KnowledgeStore, doc_id: str) -> str | None:
    """The content hash the store holds for a document id, or None if it is not stored."""
    rows = store.select(f"SELECT ?hash WHERE {{ GRAPH {_PROV} {{ "
                        f"{_iri(document_iri(doc_id))} geokg:contentHash ?hash }} }} LIMIT 1")
    return str(rows[0][0]) if rows else None


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
SELECT ?claim ?s ?sLabel ?p ?o ?oLabel ?polarity ?modality ?attr ?attrLabel ?confidence ?eventDate
       ?trigger ?exact ?start ?end ?doc ?docId ?title ?url ?issued ?agentName ?version ?model ?generated
WHERE {{
  {_relation_filter(subject, predicate, obj, narrower)}
  GRAPH {_PROV} {{
    ?claim a geokg:Claim ; geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ;
           geokg:polarity ?polarity ; geokg:modality ?modality ; geokg:confidence ?confidence ;
           prov:wasDerivedFrom ?doc ; prov:wasGeneratedBy ?activity ; prov:generatedAtTime ?generated ;
           geokg:evidence/oa:hasTarget/oa:hasSelector ?position, ?quote .
    ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
    ?doc geokg:documentId ?docId .
    ?activity prov:wasAssociatedWith ?agent .
    ?agent rdfs:label ?agentName ; geokg:extractorVersion ?version ; geokg:modelName ?model .
    OPTIONAL {{ ?claim geokg:eventDate ?eventDate }}
    OPTIONAL {{ ?claim geokg:triggerText ?trigger }}
    OPTIONAL {{ ?doc dcterms:title ?title }}
    OPTIONAL {{ ?doc geokg:url ?url }}
    OPTIONAL {{ ?doc dcterms:issued ?issued }}
  }}
  {polarity_filter}
  OPTIONAL {{ GRAPH {_ENT} {{ ?s rdfs:label ?sLabel }} }}
  OPTIONAL {{ GRAPH {_ENT} {{ ?o rdfs:label ?oLabel }} }}
  OPTIONAL {{
    GRAPH {_PROV} {{ ?claim geokg:attributedTo ?attr }}
    OPTIONAL {{ GRAPH {_ENT} {{ ?attr rdfs:label ?attrLabel }} }}
  }}
}}
ORDER BY DESC(COALESCE(?eventDate, STR(?issued), "")) ?docId ?start ?claim
{_page(limit, offset)}""")
    return [ClaimRecord(
        claim=str(r.claim), subject=_local(r.s, ENTITY_NS), subject_label=_text(r.sLabel),  # type: ignore[arg-type]
        predicate=_local(r.p, ONTOLOGY_NS), object=_local(r.o, ENTITY_NS),  # type: ignore[arg-type]
        object_label=_text(r.oLabel), polarity=str(r.polarity), modality=str(r.modality),
        attributed_to=_local(r.attr, ENTITY_NS), attributed_label=_text(r.attrLabel),
        confidence=float(r.confidence), event_date=_text(r.eventDate), trigger=_text(r.trigger),
        sentence=str(r.exact), start=int(r.start), end=int(r.end), document=str(r.doc),
        document_id=str(r.docId), title=_text(r.title), url=_text(r.url), published=_text(r.issued),
        extractor=str(r.agentName), extractor_version=str(r.version), model=str(r.model),
        extracted_at=str(r.generated),
    ) for r in rows]


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
        OPTIONAL {{ ?claim geokg:attributedTo ?attr }}
        OPTIONAL {{ ?claim geokg:eventDate ?eventDate }}
        OPTIONAL {{ ?doc dcterms:issued ?issued }}
      }}
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
    count = store.select(f"""SELECT (COUNT(DISTINCT ?claim) AS ?n) WHERE {{ GRAPH {_PROV} {{
  {{ ?claim geokg:claimSubject {node} }} UNION {{ ?claim geokg:claimObject {node} }} }} }}""")
    return EntityRecord(
        id=entity_id, label=str(row.label), type=_local(row.type, ONTOLOGY_NS),  # type: ignore[arg-type]
        aliases=tuple(sorted(str(row.aliases).split("\x1f"))) if row.aliases else (),
        country=_local(row.c, ENTITY_NS), parent=_local(row.par, ENTITY_NS),
        wikidata=_local(row.wd, "http://www.wikidata.org/entity/"),
        member_of=tuple(sorted(_local(URIRef(o), ENTITY_NS) for o in str(row.orgs).split()))  # type: ignore[misc]
        if row.orgs else (),
        claims=int(count[0][0]),
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

