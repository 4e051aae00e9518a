"""Ingest: run the extractor over input documents and store each one atomically.

A document's identity is its id (documents.py falls back to a content hash).
A document whose stored content hash equals its current one is not extracted
again; a changed one is extracted and replaces its old claims; a new one is
added. Documents are written in batches (write.py), each document atomically,
so an interrupted run leaves whole documents only, and running it again
completes the rest. A batch is written when it holds BATCH_STATEMENTS
statements or BATCH_DOCUMENTS documents, or BATCH_SECONDS after the previous
write, so a slow extraction still stores its documents as it goes. A run
that wrote COMPACT_AFTER statements or more compacts an embedded store at the
end (RocksDB moves the many batches' files into its compressed levels).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from graph.documents import Skipped
from graph.model import Document, Provenance, Statement
from graph.store.backend import EmbeddedStore, KnowledgeStore
from graph.store.queries import document_hashes
from graph.store.write import Gazetteer, write_documents


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


COMPACT_AFTER = 100_000
"""Statements written by one run after which an embedded store is compacted (docs/scaling.md: a million
statements written in batches shrink from 6.7 to 3.9 GB; a hundred thousand barely change)."""
BATCH_STATEMENTS = 20_000
BATCH_DOCUMENTS = 1_000
BATCH_SECONDS = 2.0
LOOKUP_CHUNK = 500
"""Input documents whose stored hashes are looked up in one query."""


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
        for chunk in _chunks(items, LOOKUP_CHUNK):
            stored = document_hashes(store, [item.id for item in chunk if isinstance(item, Document)])
            for item in chunk:
                if isinstance(item, Skipped):
                    summary.skipped.append(item)
                    tick()
                elif stored.get(item.id) == item.content_hash:
                    summary.unchanged += 1
                    tick()
                else:
                    yield item

    def write(batch: list[tuple[Document, list[Statement]]]) -> None:
        for outcome in write_documents(store, batch, extractor.provenance, gazetteer):
            if outcome.result is None:
                summary.skipped.append(Skipped(f"document {outcome.document.id}", outcome.problem or "not stored"))
            else:
                summary.replaced += outcome.result.replaced
                summary.added += not outcome.result.replaced
                summary.statements += outcome.result.claims
                summary.entities += outcome.result.new_entities
            tick()

    batch: list[tuple[Document, list[Statement]]] = []
    pending = 0
    last_write = time.monotonic()
    for document, statements in extractor.extract_many(changed_documents()):
        batch.append((document, statements))
        pending += len(statements)
        if pending >= BATCH_STATEMENTS or len(batch) >= BATCH_DOCUMENTS or \
                time.monotonic() - last_write >= BATCH_SECONDS:
            write(batch)
            batch, pending, last_write = [], 0, time.monotonic()
    if batch:
        write(batch)
    if summary.statements >= COMPACT_AFTER and isinstance(store, EmbeddedStore):
        store.compact()
    return summary


def _chunks(items: Iterable[Document | Skipped], size: int) -> Iterator[list[Document | Skipped]]:
    chunk: list[Document | Skipped] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
