"""Ingest: run the extractor over input documents and store each one atomically.

A document's identity is its id (documents.py falls back to a content hash).
A document whose stored content hash equals its current one is not extracted
again; a changed one is extracted and replaces its old claims; a new one is
added. Each document is one atomic write (see write.py), so an interrupted run
leaves whole documents only, and running it again completes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from graph.documents import Skipped
from graph.model import Document, Provenance, Statement
from graph.store.backend import KnowledgeStore
from graph.store.queries import document_hash
from graph.store.write import Gazetteer, write_document


class Extractor(Protocol):
    """What ingest needs from `graph.extract.load_extractor()`."""

    provenance: Provenance

    def extract_many(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Statement]]]: ...


@dataclass
class IngestSummary:
    """What an ingest run did, for the command's summary and for tests."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    statements: int = 0
    entities: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def documents(self) -> int:
        """Documents read successfully (added, replaced or unchanged)."""
        return self.added + self.replaced + self.unchanged


def ingest(store: KnowledgeStore, items: Iterable[Document | Skipped], extractor: Extractor,
           gazetteer: Gazetteer | None = None,
           on_item: Callable[[], None] | None = None) -> IngestSummary:
    """Extract and store every document of `items`; `on_item` is called once per input item handled.

    Unreadable inputs (Skipped) and documents whose statements cannot be
    written are recorded in the summary and skipped; store errors abort the
    run, since every later write would fail the same way.
    """
    summary = IngestSummary()
    tick = on_item or (lambda: None)

    def changed_documents() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                tick()
            elif document_hash(store, item.id) == item.content_hash:
                summary.unchanged += 1
                tick()
            else:
                yield item

    for document, statements in extractor.extract_many(changed_documents()):
        try:
            result = write_document(store, document, statements, extractor.provenance, gazetteer)
        except (ValueError, KeyError) as exc:
            summary.skipped.append(Skipped(f"document {document.id}", f"not stored: {exc}"))
        else:
            if result.replaced:
                summary.replaced += 1
            else:
                summary.added += 1
            summary.statements += result.claims
            summary.entities += result.new_entities
        tick()
    return summary
