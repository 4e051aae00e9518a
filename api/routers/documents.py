"""POST /documents: ingest one document or a list, with the API key; answers what was stored.

A document comes as plain text, as an HTML page, or as a URL the service
fetches (`graph.web`, within the operator's fetch policy). Fetching and
reading pages happens before the write lock is taken; a page that cannot be
fetched or read is reported as skipped with the reason, and the others are
stored.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Body, Depends
from fastapi.exceptions import RequestValidationError

from api import present, schemas
from api.deps import ServiceDep, require_writer
from api.errors import ApiError, responses
from graph.documents import MAX_CHARS, Skipped, limit_size
from graph.model import Document
from graph.web.fetch import Fetcher
from graph.web.pages import document_from_html
from graph.web.read import read_url

router = APIRouter(tags=["documents"])


@router.post("/documents", response_model=schemas.IngestResult, dependencies=[Depends(require_writer)],
             responses=responses(400, 401, 403, 413, 422))
def post_documents(
    service: ServiceDep,
    body: Annotated[schemas.DocumentIn | list[schemas.DocumentIn], Body(description=(
        "One document or a list: `{\"id\", \"text\", \"published\"?, \"url\"?, \"title\"?}`, an HTML page "
        "`{\"html\", \"url\"?, \"id\"?, ...}`, or `{\"url\"}` alone for the service to fetch the page."))],
) -> schemas.IngestResult:
    """Extract statements from the documents and store them, each document atomically.

    A document already stored with the same text is left as it is
    (`unchanged`); one with a changed text replaces its old claims. Writes are
    serialised: a request waits for the one before it, while reads go on.
    A page is stored as its article text (which the evidence offsets point
    into) with its URL; a page that cannot be fetched or has no article text
    is `skipped`, with the reason.
    """
    items = body if isinstance(body, list) else [body]
    if not items:
        raise ApiError(422, "the list of documents is empty; send at least one")
    if len(items) > service.settings.max_documents:
        raise ApiError(413, f"{len(items)} documents in one request; send at most "
                            f"{service.settings.max_documents} per request")
    _check(items, body)
    ids = [item.id or item.url for item in items]
    if len(set(ids)) < len(ids):
        raise ApiError(422, "the same document id appears twice in the request; ids must be unique")
    with Fetcher(service.settings.fetch_policy) as fetcher:
        fetch = fetcher if service.settings.fetch_urls else None
        read = list(limit_size((_document(item, fetch) for item in items), MAX_CHARS))
    outcomes = iter(service.ingest([item for item in read if isinstance(item, Document)]))
    documents = []
    for doc_id, item in zip(ids, read):
        if isinstance(item, Skipped):
            documents.append(schemas.IngestedDocument(id=doc_id, status="skipped", statements=[], new_entities=0,
                                                      reason=item.reason))
            continue
        outcome = next(outcomes)
        documents.append(schemas.IngestedDocument(
            id=outcome.document.id, status=outcome.status,  # type: ignore[arg-type]
            statements=[present.extracted(s) for s in outcome.statements], new_entities=outcome.new_entities,
            reason=outcome.reason))
    return schemas.IngestResult(documents=documents, statements=sum(len(d.statements) for d in documents))


def _check(items: list[schemas.DocumentIn], body: object) -> None:
    """A 422 naming each field at fault, in the same shape as pydantic's own errors."""
    errors = [{"loc": ("body", *((index,) if isinstance(body, list) else ()), field), "msg": message,
               "type": "value_error"}
              for index, item in enumerate(items) for field, message in item.problems()]
    if errors:
        raise RequestValidationError(errors, body=body)


def _document(item: schemas.DocumentIn, fetcher: Fetcher | None) -> Document | Skipped:
    """The posted text as it is, a posted page's article, or the article fetched from the posted URL.

    `fetcher` is None when the operator turned fetching off.
    """
    doc_id = item.id or item.url or ""  # `problems` made sure one of them is there
    if item.text is not None:
        return Document(doc_id, item.text, item.published, item.url, item.title)
    if item.html is not None:
        read = document_from_html(item.html, doc_id, doc_id, url=item.url)
    elif fetcher is None:
        return Skipped(doc_id, "this service does not fetch pages (GEOKG_FETCH_URLS=0): post the page's html "
                               "instead")
    else:
        read = read_url(item.url or doc_id, fetcher)
    if isinstance(read, Skipped):
        return read
    return replace(read, id=doc_id, published=item.published or read.published, title=item.title or read.title)
