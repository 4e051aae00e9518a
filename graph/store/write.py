"""Writing to a store: the ontology graph, and documents with their claims, each document atomically.

`write_documents` stores a batch: every new document of it in one backend
write (one SST ingestion or transaction on the embedded store, one SPARQL
Update request on a server), so a crash leaves each document, indeed the
whole batch, either fully stored or absent; `write_document` is a batch of
one. The store is read once per batch (stored hashes, known entities), not
once per document, which is most of what batching saves. A changed
document is replaced in one update request that, in this order, removes the
facts only its old claims supported, drops the old claim graphs, deletes the
old claim, evidence, document and extraction descriptions, and inserts the new
ones. Entities are described once: only those the store does not know yet are
written.

After the RDF store has committed, the claims index (embedded stores) records
the same documents; a crash between the two is repaired when the store is
next opened (graph/store/index.py).

The writer reads (the stored hash, the old claims, the known entities) before
it writes, so it assumes one writer per store: the embedded store enforces
that with its lock; on a shared SPARQL server, run one ingest at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from graph.model import Document, Entity, Provenance, Statement
from graph.ontology import load_ontology_graph
from graph.store import queries
from graph.store.index import IndexedDocument
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


BATCH_QUADS = 500_000
"""Most quads `write_documents` puts in one write (well below the embedded store's atomic limit)."""


@dataclass(frozen=True)
class Outcome:
    """What `write_documents` did with one document: its result, or why it was not stored."""

    document: Document
    result: WriteResult | None
    problem: str | None = None


def write_document(store: KnowledgeStore, document: Document, statements: Iterable[Statement],
                   provenance: Provenance, gazetteer: Gazetteer | None = None) -> WriteResult:
    """Store `document` and its statements atomically, replacing an older version of it.

    Raises ValueError/KeyError for a statement that cannot be written (an unknown
    entity type, a malformed extraction time) before anything is written.
    """
    outcome = write_documents(store, [(document, list(statements))], provenance, gazetteer, strict=True)[0]
    assert outcome.result is not None
    return outcome.result


def write_documents(store: KnowledgeStore, items: Iterable[tuple[Document, Sequence[Statement]]],
                    provenance: Provenance, gazetteer: Gazetteer | None = None, *,
                    strict: bool = False) -> list[Outcome]:
    """Store documents with their statements, each atomically; a changed document replaces its older version.

    New documents go in together, BATCH_QUADS at a time; each changed one is its
    own replacing update. A document whose statements cannot be written (an
    unknown entity type, a malformed extraction time) is left out with its
    reason in the outcome, or, with `strict`, raises ValueError/KeyError before
    anything is written.
    """
    outcomes: list[Outcome] = []
    chunk: list[tuple[Document, list[Statement]]] = []
    ids: set[str] = set()
    for document, statements in items:
        if document.id in ids:  # a later version of one in this chunk
            outcomes += _write_chunk(store, chunk, provenance, gazetteer, strict)
            chunk, ids = [], set()
        chunk.append((document, unique_statements(statements)))
        ids.add(document.id)
    if chunk:
        outcomes += _write_chunk(store, chunk, provenance, gazetteer, strict)
    return outcomes


@dataclass
class _Prepared:
    document: Document
    claims: list[Statement]
    quads: list[ox.Quad]
    entity_quads: list[ox.Quad]
    new_entities: int
    replaced: bool


def _write_chunk(store: KnowledgeStore, chunk: list[tuple[Document, list[Statement]]], provenance: Provenance,
                 gazetteer: Gazetteer | None, strict: bool) -> list[Outcome]:
    """Documents with distinct ids: read the store once, then write (see `write_documents`)."""
    stored = queries.document_hashes(store, [document.id for document, _ in chunk])
    wanted = {}
    for _, claims in chunk:
        wanted.update(_entities_to_describe(claims, gazetteer))
    known = queries.known_entities(store, list(wanted))
    outcomes: dict[str, Outcome] = {}
    prepared: list[_Prepared] = []
    for document, claims in chunk:
        try:
            quads = document_quads(document) + extraction_quads(document, provenance)
            for statement in claims:
                quads += statement_quads(statement, document, provenance)
            described = [e for i, e in _entities_to_describe(claims, gazetteer).items() if i not in known]
            entities: list[ox.Quad] = []
            for entity in described:
                entities += entity_quads(entity, gazetteer.memberships(entity.id) if gazetteer is not None else ())
        except (ValueError, KeyError) as exc:
            if strict:
                raise
            outcomes[document.id] = Outcome(document, None, f"not stored: {exc}")
            continue
        known.update(entity.id for entity in described)
        prepared.append(_Prepared(document, claims, quads, entities, len(described), document.id in stored))
    for item in prepared:
        if item.replaced:
            store.update(delete_document_update(store, item.document.id) + " ;\n"
                         + insert_data(item.quads + item.entity_quads))
    fresh = [item for item in prepared if not item.replaced]
    batch: list[ox.Quad] = []
    for item in fresh:
        if batch and len(batch) + len(item.quads) + len(item.entity_quads) > BATCH_QUADS:
            store.insert(batch)
            batch = []
        batch += item.quads + item.entity_quads
    if batch:
        store.insert(batch)
    if store.index is not None and prepared:
        _record(store, prepared, provenance)
    for item in prepared:
        outcomes[item.document.id] = Outcome(item.document, WriteResult(
            claims=len(item.claims), new_entities=item.new_entities, replaced=item.replaced))
    return [outcomes[document.id] for document, _ in chunk]


def _record(store: KnowledgeStore, prepared: list[_Prepared], provenance: Provenance) -> None:
    """The claims index follows the RDF store (after its commit: see graph/store/index.py)."""
    assert store.index is not None
    entity_quads = [quad for item in prepared for quad in item.entity_quads]
    store.index.record([IndexedDocument(item.document, item.claims, provenance) for item in prepared],
                       entity_quads)
    if entity_quads:
        store.index.note_entities(store)


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
    if store.index is not None:
        store.index.forget_document(doc_id)
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
