"""POST /documents: ingest one document or a list, with the API key; answers what was stored."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends

from api import present, schemas
from api.deps import ServiceDep, require_writer
from api.errors import ApiError, responses
from graph.model import Document

router = APIRouter(tags=["documents"])


@router.post("/documents", response_model=schemas.IngestResult, dependencies=[Depends(require_writer)],
             responses=responses(400, 401, 403, 413, 422))
def post_documents(
    service: ServiceDep,
    body: Annotated[schemas.DocumentIn | list[schemas.DocumentIn], Body(description=(
        "One document `{\"id\", \"text\", \"published\"?, \"url\"?, \"title\"?}` or a list of them."))],
) -> schemas.IngestResult:
    """Extract statements from the documents and store them, each document atomically.

    A document already stored with the same text is left as it is
    (`unchanged`); one with a changed text replaces its old claims. Writes are
    serialised: a request waits for the one before it, while reads go on.
    """
    items = body if isinstance(body, list) else [body]
    if not items:
        raise ApiError(422, "the list of documents is empty; send at least one")
    if len(items) > service.settings.max_documents:
        raise ApiError(413, f"{len(items)} documents in one request; send at most "
                            f"{service.settings.max_documents} per request")
    if len({item.id for item in items}) < len(items):
        raise ApiError(422, "the same document id appears twice in the request; ids must be unique")
    documents = [Document(item.id, item.text, item.published, item.url, item.title) for item in items]
    outcomes = service.ingest(documents)
    return schemas.IngestResult(
        documents=[schemas.IngestedDocument(id=o.document.id, status=o.status,  # type: ignore[arg-type]
                                            statements=[present.extracted(s) for s in o.statements],
                                            new_entities=o.new_entities, reason=o.reason) for o in outcomes],
        statements=sum(len(o.statements) for o in outcomes))
