"""The one vocabulary every stage speaks: entities, documents and statements.

Extraction produces these objects, the store maps them to RDF, the API
serialises them. They are plain dataclasses so that each stage can be tested
without the others; `to_json` gives the exact shapes fixed by SPEC §3/§4.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Literal

ENTITY_NS = "https://geokg.org/id/"
ONTOLOGY_NS = "https://geokg.org/ontology#"
DOCUMENT_NS = "https://geokg.org/doc/"

EntityType = Literal["Country", "Organization", "Person", "Location", "Group"]
Polarity = Literal["positive", "negative"]
Modality = Literal["asserted", "intended", "requested", "hypothetical"]

ENTITY_TYPES: tuple[str, ...] = ("Country", "Organization", "Person", "Location", "Group")
POLARITIES: tuple[str, ...] = ("positive", "negative")
MODALITIES: tuple[str, ...] = ("asserted", "intended", "requested", "hypothetical")


@dataclass(frozen=True)
class Entity:
    """A canonical actor or place. `id` is the IRI's local name (`PRK`, `nato`, `kim-jong-un`)."""

    id: str
    label: str
    type: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    members: tuple[str, ...] = ()
    """For organizations: the ids of member entities the gazetteer knows."""
    parent: str | None = None
    """For government bodies and roles: the entity they belong to (their country)."""
    sector: str | None = None
    """The actor's sector within its country, a code of the ontology's `geokg:Sector`
    vocabulary ("GOV", "MIL", "REB" ...), where the text or the gazetteer says it."""

    @property
    def iri(self) -> str:
        return ENTITY_NS + self.id

    def to_json(self) -> dict[str, Any]:
        return {"id": self.iri, "label": self.label, "type": self.type, "country": self.country,
                "sector": self.sector}


@dataclass(frozen=True)
class Document:
    """One input text. `id` is the caller's id, or a content hash when there is none."""

    id: str
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None

    @property
    def iri(self) -> str:
        return DOCUMENT_NS + self.id

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the text (computed once: the writer asks for it with every claim)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """Character offsets into the original document text (end exclusive)."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Provenance:
    """Who made a statement, and when: the extractor's name, version and model."""

    extractor: str
    version: str
    model: str
    extracted_at: str


@dataclass(frozen=True)
class Statement:
    """One extracted claim (SPEC §3): a relation plus how and by whom it is claimed."""

    doc_id: str
    subject: Entity
    predicate: str
    object: Entity
    polarity: str
    modality: str
    attributed_to: Entity | None
    sentence: Span
    confidence: float
    date: str | None = None
    published: str | None = None
    trigger: Span | None = None
    """The words that express the relation, for highlighting the evidence."""
    provenance: Provenance | None = field(default=None, compare=False)

    def key(self) -> tuple:
        """Identity of the claim within one document (used to drop duplicates)."""
        return (
            self.subject.id, self.predicate, self.object.id, self.polarity, self.modality,
            self.attributed_to.id if self.attributed_to else None, self.sentence.start,
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "subject": self.subject.to_json(),
            "predicate": self.predicate,
            "object": self.object.to_json(),
            "polarity": self.polarity,
            "modality": self.modality,
            "attributed_to": self.attributed_to.to_json() if self.attributed_to else None,
            "date": self.date,
            "sentence": self.sentence.text,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "confidence": round(self.confidence, 3),
            "published": self.published,
            "trigger": self.trigger.to_json() if self.trigger else None,
        }
        if self.provenance:
            out["extractor"] = {
                "name": self.provenance.extractor,
                "version": self.provenance.version,
                "model": self.provenance.model,
                "extracted_at": self.provenance.extracted_at,
            }
        return out
