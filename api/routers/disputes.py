"""GET /disputes: relations some sources assert and others deny, most contested first, with who says what."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api import present, schemas
from api.deps import ServiceDep, resolve
from api.errors import responses
from api.names import NameIndex
from api.routers.common import Predicate, Rollup
from graph.disputes import Dispute, Voice, disputes
from graph.ontology import predicates, sub_predicates
from graph.store.claims import Claim
from graph.store.rdf import document_iri

router = APIRouter(tags=["analysis"])


@router.get("/disputes", response_model=schemas.Disputes, responses=responses(404, 422))
def list_disputes(
    service: ServiceDep,
    entity: Annotated[str | None, Query(max_length=200, description=(
        "Only relations with this entity (id or name) at one end."))] = None,
    predicate: Predicate = None,
    rollup: Rollup = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> schemas.Disputes:
    """Relations that some voices assert and others deny, ranked by how contested they are.

    A voice is whoever a claim is attributed to, or the document itself when it speaks in its own voice; only
    asserted or intended claims take a side. Each side lists its voices with the sentences they say it in.
    """
    names = service.names()
    centre = resolve(names, entity, "entity").id if entity else None
    wanted = sub_predicates(predicate.value) if predicate else None
    key = ("disputes", centre, tuple(sorted(wanted)) if wanted else None, rollup, limit)
    found = service.cached(key, lambda: disputes(service.store, centre, wanted, rollup, limit))
    return schemas.Disputes(items=[_dispute(names, dispute) for dispute in found])


def _dispute(names: NameIndex, dispute: Dispute) -> schemas.Dispute:
    info = predicates().get(dispute.predicate)
    return schemas.Dispute(
        subject=present.entity(names, dispute.subject.id, dispute.subject.label), predicate=dispute.predicate,
        label=info.label if info else dispute.predicate,
        object=present.entity(names, dispute.object.id, dispute.object.label), symmetric=dispute.symmetric,
        score=dispute.score, asserted_by=[_voice(names, v) for v in dispute.asserted_by],
        denied_by=[_voice(names, v) for v in dispute.denied_by], first_seen=dispute.first_seen,
        last_seen=dispute.last_seen)


def _voice(names: NameIndex, voice: Voice) -> schemas.DisputeVoice:
    return schemas.DisputeVoice(
        label=voice.label,
        entity=present.entity(names, voice.entity.id, voice.entity.label) if voice.entity else None,
        document=_document(voice.claims[0]) if voice.document_id else None,
        claims=[schemas.ClaimEvidence(claim=c.iri, sentence=c.sentence, trigger=c.trigger, document=_document(c),
                                      date=c.when, modality=c.modality,  # type: ignore[arg-type]
                                      confidence=c.confidence) for c in voice.claims])


def _document(claim: Claim) -> schemas.DocumentRef:
    return schemas.DocumentRef(id=claim.document_id, iri=document_iri(claim.document_id), title=claim.title,
                               url=claim.url, published=claim.published)
