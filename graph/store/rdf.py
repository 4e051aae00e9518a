"""How documents, statements and entities are written as RDF quads.

One extracted statement becomes one `geokg:Claim` (nanopublication style):

* the claim's own named graph, whose IRI is the claim's IRI, holds its one triple
  `(subject predicate object)`;
* the provenance graph describes the document (with its text, which the
  evidence offsets point into) and the claim (subject, predicate, object, polarity,
  modality, attribution, confidence, event date, trigger), its W3C Web Annotation
  evidence (an `oa:TextPositionSelector` and an `oa:TextQuoteSelector` on the
  document), the document, the extraction activity and the extractor (PROV-O);
  the claim's extraction time is its activity's `prov:startedAtTime`;
* the facts graph holds `(subject predicate object)` while at least one positive
  claim that is asserted or intended supports it;
* the entities graph describes each entity once.

The evidence belongs to the sentence, not to the claim: every claim read from
one sentence points to the same annotation (`doc/ID#sentence-START-END`), so a
sentence's selectors and text are stored once, however many claims it holds.
Nothing is written twice that a query can reach once (docs/scaling.md counts the
quads per statement this costs).

Every node is an IRI derived from stable inputs (document id, the statement's
identity within it), never a blank node: writing the same document twice gives
the same quads, so ingest is idempotent and exports round-trip quad for quad.
Literals are written in the canonical form Oxigraph stores them in (decimals
without trailing zeros, `Z` for UTC, `xsd:integer` offsets) so that what is
written, stored and exported is the same string.

Terms are pyoxigraph terms because the embedded store takes them without
conversion; `to_rdflib` turns them into rdflib terms where rdflib is wanted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from urllib.parse import quote, unquote

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from graph.model import (
    ENTITY_NS,
    MODALITIES,
    ONTOLOGY_NS,
    POLARITIES,
    Document,
    Entity,
    Provenance,
    Statement,
)
from graph.ontology import SECTOR_NS, entity_class_iri, predicates, sector_iri

DOCUMENT_NS = "https://geokg.org/doc/"
CLAIM_NS = "https://geokg.org/claim/"
EXTRACTION_NS = "https://geokg.org/extraction/"
EXTRACTOR_NS = "https://geokg.org/extractor/"
GRAPH_NS = "https://geokg.org/graph/"
WIKIDATA_NS = "http://www.wikidata.org/entity/"

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
PROV_NS = "http://www.w3.org/ns/prov#"
OA_NS = "http://www.w3.org/ns/oa#"
DCTERMS_NS = "http://purl.org/dc/terms/"

PREFIXES: dict[str, str] = {
    "geokg": ONTOLOGY_NS,
    "id": ENTITY_NS,
    "doc": DOCUMENT_NS,
    "claim": CLAIM_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "xsd": XSD_NS,
    "owl": OWL_NS,
    "skos": SKOS_NS,
    "prov": PROV_NS,
    "oa": OA_NS,
    "dcterms": DCTERMS_NS,
    "wd": WIKIDATA_NS,
}
"""Prefixes bound in exports and prepended to the store's SPARQL."""

ONTOLOGY_GRAPH = GRAPH_NS + "ontology"
ENTITIES_GRAPH = GRAPH_NS + "entities"
PROVENANCE_GRAPH = GRAPH_NS + "provenance"
FACTS_GRAPH = GRAPH_NS + "facts"
SHARED_GRAPHS: tuple[str, ...] = (ONTOLOGY_GRAPH, ENTITIES_GRAPH, PROVENANCE_GRAPH, FACTS_GRAPH)

FACT_MODALITIES: frozenset[str] = frozenset({"asserted", "intended"})
"""Modalities under which a positive claim supports a fact (SPEC §3: never requested or hypothetical)."""

_N = ox.NamedNode
_RDF_TYPE = _N(RDF_NS + "type")


def _g(local: str) -> ox.NamedNode:
    return _N(ONTOLOGY_NS + local)


def _string(value: str) -> ox.Literal:
    return ox.Literal(value)


def _typed(value: str, xsd_local: str) -> ox.Literal:
    return ox.Literal(value, datatype=_N(XSD_NS + xsd_local))


# Safe characters in an IRI path segment built from a caller's id: RFC 3986
# unreserved plus sub-delims that cannot end an IRI in N-Triples or SPARQL.
_ID_SAFE = "-._~!$&'()*+,;=:@"


def document_iri(doc_id: str) -> str:
    """The document's IRI; ids that are not IRI-safe are percent-encoded (a plain id stays as it is)."""
    return DOCUMENT_NS + quote(doc_id, safe=_ID_SAFE)


@lru_cache(maxsize=65536)
def entity_iri(entity_id: str) -> str:
    return ENTITY_NS + quote(entity_id, safe=_ID_SAFE)


@lru_cache(maxsize=256)
def predicate_iri(predicate: str) -> str:
    return ONTOLOGY_NS + predicate


def _digest(*parts: object) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def claim_iri(statement: Statement) -> str:
    """A claim's IRI: a digest of its document and its identity within it (`Statement.key`)."""
    return CLAIM_NS + _digest(statement.doc_id, *statement.key())


def evidence_iri(doc_id: str, start: int, end: int) -> str:
    """The annotation on a sentence of a document (`#target`, `#position`, `#quote` hang off it)."""
    return f"{document_iri(doc_id)}#sentence-{int(start)}-{int(end)}"


def extractor_iri(provenance: Provenance) -> str:
    return EXTRACTOR_NS + quote(
        f"{provenance.extractor}/{provenance.version}/{provenance.model}", safe=_ID_SAFE + "/")


def extraction_iri(document: Document, provenance: Provenance) -> str:
    """One extraction activity per (document text, extractor, run time)."""
    return EXTRACTION_NS + _digest(document.id, document.content_hash,
                                   extractor_iri(provenance), provenance.extracted_at)


def canonical_decimal(value: float) -> str:
    """A confidence as Oxigraph's canonical xsd:decimal: 3 places, no trailing zeros ("0.87", "1")."""
    number = Decimal(repr(float(value))).quantize(Decimal("0.001"), rounding=ROUND_HALF_EVEN)
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def canonical_datetime(value: str) -> str:
    """An ISO 8601 timestamp in UTC with a `Z` (naive times are taken as UTC).

    Raises ValueError for text that is not a timestamp, so a bad extraction time
    fails at the writer instead of being stored as an ill-typed literal.
    """
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def document_quads(document: Document) -> list[ox.Quad]:
    """The document's description in the provenance graph."""
    doc = _N(document_iri(document.id))
    graph = _N(PROVENANCE_GRAPH)
    quads = [
        ox.Quad(doc, _RDF_TYPE, _g("Document"), graph),
        ox.Quad(doc, _g("documentId"), _string(document.id), graph),
        ox.Quad(doc, _g("contentHash"), _string(document.content_hash), graph),
        ox.Quad(doc, _g("text"), _string(document.text), graph),
    ]
    if document.title:
        quads.append(ox.Quad(doc, _N(DCTERMS_NS + "title"), _string(document.title), graph))
    if document.published:
        quads.append(ox.Quad(doc, _N(DCTERMS_NS + "issued"),
                             _typed(document.published.isoformat(), "date"), graph))
    if document.url:
        quads.append(ox.Quad(doc, _g("url"), _typed(document.url, "anyURI"), graph))
    return quads


def extraction_quads(document: Document, provenance: Provenance) -> list[ox.Quad]:
    """The extraction activity that read `document`, and the extractor that ran it."""
    graph = _N(PROVENANCE_GRAPH)
    activity = _N(extraction_iri(document, provenance))
    agent = _N(extractor_iri(provenance))
    return [
        ox.Quad(activity, _RDF_TYPE, _g("Extraction"), graph),
        ox.Quad(activity, _N(PROV_NS + "used"), _N(document_iri(document.id)), graph),
        ox.Quad(activity, _N(PROV_NS + "wasAssociatedWith"), agent, graph),
        ox.Quad(activity, _N(PROV_NS + "startedAtTime"),
                _typed(canonical_datetime(provenance.extracted_at), "dateTime"), graph),
        ox.Quad(agent, _RDF_TYPE, _g("Extractor"), graph),
        ox.Quad(agent, _N(RDFS_NS + "label"), _string(provenance.extractor), graph),
        ox.Quad(agent, _g("extractorVersion"), _string(provenance.version), graph),
        ox.Quad(agent, _g("modelName"), _string(provenance.model), graph),
    ]


def supports_fact(statement: Statement) -> bool:
    """Whether the claim puts its triple into the facts view."""
    return statement.polarity == "positive" and statement.modality in FACT_MODALITIES


def check_statement(statement: Statement) -> None:
    """Refuse a statement the shapes would reject, before anything is written (ValueError)."""
    problems = []
    if statement.predicate not in predicates():
        problems.append(f"predicate {statement.predicate!r} is not a relation of the ontology")
    if statement.polarity not in POLARITIES:
        problems.append(f"polarity {statement.polarity!r} is not one of {', '.join(POLARITIES)}")
    if statement.modality not in MODALITIES:
        problems.append(f"modality {statement.modality!r} is not one of {', '.join(MODALITIES)}")
    if not 0.0 <= statement.confidence <= 1.0:
        problems.append(f"confidence {statement.confidence} is outside [0, 1]")
    if not 0 <= statement.sentence.start < statement.sentence.end:
        problems.append(f"sentence offsets {statement.sentence.start}..{statement.sentence.end} are not a span")
    if problems:
        raise ValueError(f"statement {statement.subject.id} {statement.predicate} {statement.object.id}: "
                         + "; ".join(problems))


def statement_quads(statement: Statement, document: Document, provenance: Provenance) -> list[ox.Quad]:
    """One claim: its own graph, its description and evidence, and its fact if it supports one."""
    check_statement(statement)
    claim_text = claim_iri(statement)
    claim = _N(claim_text)
    prov = _N(PROVENANCE_GRAPH)
    doc = _N(document_iri(document.id))
    subject = _N(entity_iri(statement.subject.id))
    predicate = _N(predicate_iri(statement.predicate))
    obj = _N(entity_iri(statement.object.id))
    sentence = statement.sentence
    evidence = evidence_iri(document.id, sentence.start, sentence.end)
    annotation = _N(evidence)
    target = _N(evidence + "/target")
    position = _N(evidence + "/position")
    quote_selector = _N(evidence + "/quote")
    quads = [
        ox.Quad(subject, predicate, obj, claim),
        ox.Quad(claim, _RDF_TYPE, _g("Claim"), prov),
        ox.Quad(claim, _g("claimSubject"), subject, prov),
        ox.Quad(claim, _g("claimPredicate"), predicate, prov),
        ox.Quad(claim, _g("claimObject"), obj, prov),
        ox.Quad(claim, _g("polarity"), _string(statement.polarity), prov),
        ox.Quad(claim, _g("modality"), _string(statement.modality), prov),
        ox.Quad(claim, _g("confidence"), _typed(canonical_decimal(statement.confidence), "decimal"), prov),
        ox.Quad(claim, _g("evidence"), annotation, prov),
        ox.Quad(claim, _N(PROV_NS + "wasDerivedFrom"), doc, prov),
        ox.Quad(claim, _N(PROV_NS + "wasGeneratedBy"), _N(extraction_iri(document, provenance)), prov),
        ox.Quad(annotation, _RDF_TYPE, _N(OA_NS + "Annotation"), prov),
        ox.Quad(annotation, _N(OA_NS + "hasTarget"), target, prov),
        ox.Quad(target, _N(OA_NS + "hasSource"), doc, prov),
        ox.Quad(target, _N(OA_NS + "hasSelector"), position, prov),
        ox.Quad(target, _N(OA_NS + "hasSelector"), quote_selector, prov),
        ox.Quad(position, _RDF_TYPE, _N(OA_NS + "TextPositionSelector"), prov),
        ox.Quad(position, _N(OA_NS + "start"), _typed(str(sentence.start), "integer"), prov),
        ox.Quad(position, _N(OA_NS + "end"), _typed(str(sentence.end), "integer"), prov),
        ox.Quad(quote_selector, _RDF_TYPE, _N(OA_NS + "TextQuoteSelector"), prov),
        ox.Quad(quote_selector, _N(OA_NS + "exact"), _string(sentence.text), prov),
    ]
    if statement.attributed_to is not None:
        quads.append(ox.Quad(claim, _g("attributedTo"), _N(entity_iri(statement.attributed_to.id)), prov))
    if statement.date:
        quads.append(ox.Quad(claim, _g("eventDate"), _string(statement.date), prov))
    if statement.trigger is not None and statement.trigger.text:
        quads.append(ox.Quad(claim, _g("triggerText"), _string(statement.trigger.text), prov))
    if supports_fact(statement):
        quads.append(ox.Quad(subject, predicate, obj, _N(FACTS_GRAPH)))
    return quads


def entity_quads(entity: Entity, memberships: Iterable[str] = ()) -> list[ox.Quad]:
    """An entity's description: type, labels, aliases, country roll-up, parent, Wikidata, memberships.

    `memberships` are ids of organizations the entity belongs to (from the
    gazetteer); `entity.members` gives the reverse edges for an organization.
    """
    graph = _N(ENTITIES_GRAPH)
    node = _N(entity_iri(entity.id))
    label = _string(entity.label)
    quads = [
        ox.Quad(node, _RDF_TYPE, _N(entity_class_iri(entity.type)), graph),
        ox.Quad(node, _N(RDFS_NS + "label"), label, graph),
        ox.Quad(node, _N(SKOS_NS + "prefLabel"), label, graph),
    ]
    quads += [ox.Quad(node, _N(SKOS_NS + "altLabel"), _string(alias), graph)
              for alias in sorted(set(entity.aliases) - {entity.label})]
    if entity.country:
        quads.append(ox.Quad(node, _g("country"), _N(entity_iri(entity.country)), graph))
    if entity.parent:
        quads.append(ox.Quad(node, _g("parent"), _N(entity_iri(entity.parent)), graph))
    if entity.sector:
        quads.append(ox.Quad(node, _g("sector"), _N(sector_iri(entity.sector)), graph))
    if entity.wikidata:
        quads.append(ox.Quad(node, _N(OWL_NS + "sameAs"), _N(WIKIDATA_NS + entity.wikidata), graph))
    member_of = _g("memberOf")
    quads += [ox.Quad(node, member_of, _N(entity_iri(org)), graph) for org in sorted(set(memberships))]
    quads += [ox.Quad(_N(entity_iri(member)), member_of, node, graph) for member in sorted(set(entity.members))]
    return quads


def entities_from_quads(quads: Iterable[ox.Quad]) -> dict[str, Entity]:
    """Entities read back from their description in the entities graph (the inverse of `entity_quads`).

    Other graphs' quads are ignored; members and memberships stay edges of the
    graph (an organization's `members` are read from the `memberOf` edges that
    point at it). Ids come back percent-decoded as the writer encoded them.
    """
    fields: dict[str, dict] = {}
    member_of: list[tuple[str, str]] = []
    classes = {entity_class_iri(name): name for name in ("Country", "Organization", "Person", "Location", "Group")}

    def local(term) -> str:
        return unquote(term.value.removeprefix(ENTITY_NS))

    for quad in quads:
        if quad.graph_name.value != ENTITIES_GRAPH or not quad.subject.value.startswith(ENTITY_NS):
            continue
        record = fields.setdefault(local(quad.subject), {"aliases": []})
        predicate, obj = quad.predicate.value, quad.object
        if predicate == _RDF_TYPE.value and obj.value in classes:
            record["type"] = classes[obj.value]
        elif predicate == RDFS_NS + "label":
            record["label"] = obj.value
        elif predicate == SKOS_NS + "altLabel":
            record["aliases"].append(obj.value)
        elif predicate == ONTOLOGY_NS + "country":
            record["country"] = local(obj)
        elif predicate == ONTOLOGY_NS + "parent":
            record["parent"] = local(obj)
        elif predicate == ONTOLOGY_NS + "sector":
            record["sector"] = obj.value.removeprefix(SECTOR_NS)
        elif predicate == OWL_NS + "sameAs":
            record["wikidata"] = obj.value.removeprefix(WIKIDATA_NS)
        elif predicate == ONTOLOGY_NS + "memberOf":
            member_of.append((local(quad.subject), local(obj)))
    members: dict[str, list[str]] = {}
    for member, org in member_of:
        members.setdefault(org, []).append(member)
    return {entity_id: Entity(entity_id, r["label"], r["type"], r.get("country"),
                              tuple(sorted(r["aliases"])), r.get("wikidata"),
                              tuple(sorted(members.get(entity_id, ()))), r.get("parent"), r.get("sector"))
            for entity_id, r in fields.items() if "label" in r and "type" in r}


def statement_entities(statements: Iterable[Statement]) -> dict[str, Entity]:
    """Every entity a set of statements mentions (subject, object, attribution), by id."""
    found: dict[str, Entity] = {}
    for statement in statements:
        for entity in (statement.subject, statement.object, statement.attributed_to):
            if entity is not None:
                found.setdefault(entity.id, entity)
    return found


def unique_statements(statements: Iterable[Statement]) -> list[Statement]:
    """Statements with duplicates (same `key`) dropped, first one kept: one claim per identity."""
    seen: dict[tuple, Statement] = {}
    for statement in statements:
        seen.setdefault(statement.key(), statement)
    return list(seen.values())


def insert_data(quads: Iterable[ox.Quad]) -> str:
    """A SPARQL `INSERT DATA` for the quads, grouped by graph (terms in N-Triples syntax, no prefixes)."""
    by_graph: dict[str, list[str]] = {}
    for quad in quads:
        by_graph.setdefault(str(quad.graph_name), []).append(
            f"{quad.subject} {quad.predicate} {quad.object} .")
    blocks = [f"GRAPH {graph} {{\n" + "\n".join(lines) + "\n}" for graph, lines in by_graph.items()]
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal, *, normalize: bool = True) -> Node:
    """A pyoxigraph term as the rdflib term with the same meaning.

    `normalize=False` keeps the store's lexical form ("2024-05-01T10:00:00Z"),
    already canonical, where rdflib would rewrite it ("...+00:00").
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_NS + "string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=normalize)


def plain_string(term: Node) -> Node:
    """An `xsd:string` literal as the plain literal it equals in RDF 1.1.

    rdflib tells the two apart, and backends differ in which one they return
    (pyoxigraph: typed, SPARQL JSON results: plain), so graphs read back from a
    store are normalised before rdflib compares them or SHACL checks `sh:in`.
    """
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == XSD_NS + "string":
        return Literal(str(term))
    return term


def rdflib_quads(quads: Iterable[ox.Quad]) -> Iterator[tuple[Node, Node, Node, URIRef]]:
    """Quads as rdflib 4-tuples, for `Dataset.addN` (used to compare against rdflib's own stores)."""
    for quad in quads:
        yield (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object),
               URIRef(quad.graph_name.value))
