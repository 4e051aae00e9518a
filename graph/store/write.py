"""Writing to a store: the ontology graph, and one document with its claims as one atomic unit.

A document is written in a single backend write (`Store.extend` or one SPARQL
Update request), so a crash leaves it either fully stored or absent. A changed
document is replaced in one update request that, in this order, removes the
facts only its old claims supported, drops the old claim graphs, deletes the
old claim, evidence, document and extraction descriptions, and inserts the new
ones. Entities are described once: only those the store does not know yet are
written.

The writer reads (the stored hash, the old claims, the known entities) before
it writes, so it assumes one writer per store: the embedded store enforces
that with its lock; on a shared SPARQL server, run one ingest at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from graph.model import Document, Entity, Provenance, Statement
from graph.ontology import load_ontology_graph
from graph.store import queries
from graph.store.rdf import (
    FACTS_GRAPH,
    ONTOLOGY_GRAPH,
    ONTOLOGY_NS,
    PROVENANCE_GRAPH,
    document_iri,
    document_quads,
    entity_quads,
    extraction_quads,
    insert_data,
    statement_entities,
    statement_quads,
    unique_statements,
)

if TYPE_CHECKING:
    from graph.store.backend import KnowledgeStore

_PROV = "http://www.w3.org/ns/prov#"
_OA = "http://www.w3.org/ns/oa#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class Gazetteer(Protocol):
    """What the writer needs from `graph.gazetteer`: entity lookup and organization memberships."""

    def get(self, entity_id: str) -> Entity | None: ...

    def memberships(self, entity_id: str) -> Iterable[str]: ...


@dataclass(frozen=True)
class WriteResult:
    """What one document write did."""

    claims: int
    new_entities: int
    replaced: bool


def ensure_ontology(store: KnowledgeStore) -> None:
    """Replace the ontology graph with the current `ontology/geokg.ttl`, in one update."""
    lines = [f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in load_ontology_graph()]
    # INSERT … WHERE {} rather than INSERT DATA: the ontology has blank nodes, which Virtuoso refuses in DATA.
    store.update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}> ;\n"
                 f"INSERT {{ GRAPH <{ONTOLOGY_GRAPH}> {{\n" + "\n".join(lines) + "\n} } WHERE {}")


def write_document(store: KnowledgeStore, document: Document, statements: Iterable[Statement],
                   provenance: Provenance, gazetteer: Gazetteer | None = None) -> WriteResult:
    """Store `document` and its statements atomically, replacing an older version of it.

    Raises ValueError/KeyError for a statement that cannot be written (an unknown
    entity type, a malformed extraction time) before anything is written.
    """
    claims = unique_statements(statements)
    entities = _entities_to_describe(claims, gazetteer)
    known = queries.known_entities(store, list(entities))
    new = [entity for entity_id, entity in entities.items() if entity_id not in known]
    quads: list[ox.Quad] = document_quads(document) + extraction_quads(document, provenance)
    for statement in claims:
        quads += statement_quads(statement, document, provenance)
    for entity in new:
        memberships = gazetteer.memberships(entity.id) if gazetteer is not None else ()
        quads += entity_quads(entity, memberships)
    replaced = queries.document_hash(store, document.id) is not None
    if replaced:
        store.update(delete_document_update(store, document.id) + " ;\n" + insert_data(quads))
    else:
        store.insert(quads)
    return WriteResult(claims=len(claims), new_entities=len(new), replaced=replaced)


def delete_document_update(store: KnowledgeStore, doc_id: str) -> str:
    """The SPARQL Update operations that remove a document, its claims and the facts only they supported."""
    doc = f"<{document_iri(doc_id)}>"
    prov = f"<{PROVENANCE_GRAPH}>"
    geokg = ONTOLOGY_NS
    stale_facts = f"""
DELETE {{ GRAPH <{FACTS_GRAPH}> {{ ?s ?p ?o }} }}
WHERE {{
  GRAPH {prov} {{
    ?claim <{_PROV}wasDerivedFrom> {doc} ; <{geokg}claimSubject> ?s ;
           <{geokg}claimPredicate> ?p ; <{geokg}claimObject> ?o .
  }}
  FILTER NOT EXISTS {{
    GRAPH {prov} {{
      ?other <{geokg}claimSubject> ?s ; <{geokg}claimPredicate> ?p ; <{geokg}claimObject> ?o ;
             <{geokg}polarity> "positive" ; <{geokg}modality> ?modality ;
             <{_PROV}wasDerivedFrom> ?source .
    }}
    FILTER (?source != {doc} && ?modality IN ("asserted", "intended"))
  }}
}}"""
    drops = [f"DROP SILENT GRAPH <{claim}>" for claim in queries.document_claims(store, doc_id)]
    descriptions = f"""
DELETE {{ GRAPH {prov} {{ ?node ?p ?o }} }}
WHERE {{
  GRAPH {prov} {{
    {{ BIND({doc} AS ?node) }}
    UNION {{ ?node <{_PROV}used> {doc} ; <{_RDF_TYPE}> <{geokg}Extraction> }}
    UNION {{ ?node <{_PROV}wasDerivedFrom> {doc} ; <{_RDF_TYPE}> <{geokg}Claim> }}
    UNION {{ ?claim <{_PROV}wasDerivedFrom> {doc} ; <{geokg}evidence> ?node }}
    UNION {{ ?claim <{_PROV}wasDerivedFrom> {doc} ; <{geokg}evidence>/<{_OA}hasTarget> ?node }}
    UNION {{ ?claim <{_PROV}wasDerivedFrom> {doc} ;
                    <{geokg}evidence>/<{_OA}hasTarget>/<{_OA}hasSelector> ?node }}
    ?node ?p ?o .
  }}
}}"""
    return " ;\n".join([stale_facts, *drops, descriptions])


def delete_document(store: KnowledgeStore, doc_id: str) -> bool:
    """Remove a document and everything derived from it, atomically. False if it was not stored."""
    if queries.document_hash(store, doc_id) is None:
        return False
    store.update(delete_document_update(store, doc_id))
    return True


def _entities_to_describe(statements: list[Statement], gazetteer: Gazetteer | None) -> dict[str, Entity]:
    """The statements' entities, plus the countries and parents they roll up to when the gazetteer knows them."""
    entities = statement_entities(statements)
    if gazetteer is None:
        return entities
    for entity in list(entities.values()):
        for related in (entity.country, entity.parent):
            if related and related not in entities:
                found = _lookup(gazetteer, related)
                if found is not None:
                    entities[related] = found
    return entities


def _lookup(gazetteer: Gazetteer, entity_id: str) -> Entity | None:
    try:
        return gazetteer.get(entity_id)
    except KeyError:
        return None
