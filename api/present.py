"""Turning store records and graph elements into the response models of `api.schemas`."""

from __future__ import annotations

from typing import Any

from api import schemas
from api.names import NameIndex
from graph.model import Statement
from graph.store.queries import ClaimRecord, EntitySummary, RelationSupport
from graph.store.rdf import document_iri, entity_iri


def entity(names: NameIndex, entity_id: str, label: str | None = None) -> schemas.EntityRef:
    """An entity in the SPEC §4 shape; one the store does not describe keeps its id as label."""
    known = names.get(entity_id)
    if known is not None:
        return summary(known)
    return schemas.EntityRef(id=entity_iri(entity_id), label=label or entity_id, type="", country=None)


def summary(record: EntitySummary) -> schemas.EntityRef:
    return schemas.EntityRef(id=entity_iri(record.id), label=record.label, type=record.type, country=record.country,
                             sector=record.sector)


def statement(names: NameIndex, claim: ClaimRecord, support: RelationSupport | None) -> schemas.StatementOut:
    """A stored claim as SPEC §4 prints a statement, with its evidence and its relation's support."""
    document = schemas.DocumentRef(id=claim.document_id, iri=document_iri(claim.document_id), title=claim.title,
                                   url=claim.url, published=claim.published)
    return schemas.StatementOut(
        claim=claim.claim, doc_id=claim.document_id,
        subject=entity(names, claim.subject, claim.subject_label), predicate=claim.predicate,
        object=entity(names, claim.object, claim.object_label),
        polarity=claim.polarity,  # type: ignore[arg-type]
        modality=claim.modality,  # type: ignore[arg-type]
        attributed_to=entity(names, claim.attributed_to, claim.attributed_label) if claim.attributed_to else None,
        date=claim.event_date, sentence=claim.sentence, start=claim.start, end=claim.end,
        confidence=claim.confidence, published=claim.published,
        trigger=schemas.Trigger(text=claim.trigger) if claim.trigger else None,
        extractor=schemas.ExtractorInfo(name=claim.extractor, version=claim.extractor_version, model=claim.model,
                                        extracted_at=claim.extracted_at),
        evidence=[schemas.Evidence(document=document, sentence=claim.sentence, start=claim.start, end=claim.end)],
        relation=schemas.RelationSupport(
            claims=support.claims if support else 1, sources=support.sources if support else 0,
            denying_sources=support.denying_sources if support else 0, fact=support.fact if support else False),
    )


def extracted(statement_: Statement) -> schemas.ExtractedStatement:
    return schemas.ExtractedStatement.model_validate(statement_.to_json())


def edge(names: NameIndex, subject: str, obj: str, data: dict[str, Any]) -> schemas.Edge:
    """A projection edge; its attributes are the ones `graph.analysis.project` documents."""
    return schemas.Edge(subject=entity_iri(subject), predicate=data["predicate"], label=data["label"],
                        object=entity_iri(obj), polarity=data["polarity"], claims=data["claims"],
                        sources=data["sources"], first_seen=data["first_seen"] or None,
                        last_seen=data["last_seen"] or None, confidence=data["confidence"])


def node(names: NameIndex, node_id: str, data: dict[str, Any]) -> schemas.EntityRef:
    known = names.get(node_id)
    if known is not None:
        return summary(known)
    return schemas.EntityRef(id=entity_iri(node_id), label=data.get("label") or node_id,
                             type=data.get("type", ""), country=data.get("country") or None)
