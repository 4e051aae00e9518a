"""The knowledge store: claims with provenance, the facts view and entities, on Oxigraph or a SPARQL server.

`open_store(location)` gives a `KnowledgeStore`; `write_documents` stores
documents' statements, each document atomically, in batches; `graph.store.queries` answers questions;
`graph.store.export` streams RDF out; `graph.store.ingest` runs the extractor
over input files into a store.
"""

from graph.store.backend import (
    KnowledgeStore,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
    StoreUnreachableError,
    default_location,
    open_store,
)
from graph.store.write import Outcome, WriteResult, delete_document, write_document, write_documents

__all__ = [
    "KnowledgeStore",
    "Outcome",
    "StoreError",
    "StoreLockedError",
    "StoreNotFoundError",
    "StoreUnreachableError",
    "WriteResult",
    "default_location",
    "delete_document",
    "open_store",
    "write_document",
    "write_documents",
]
