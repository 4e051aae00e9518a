"""Hand-written documents and the statements a careful reader takes from them.

The statements are built by hand (not by the extractor) so the store tests
check the store alone: every offset points at the real sentence in the text.
"""

from __future__ import annotations

import io
from datetime import date

import pyoxigraph as ox

from graph.model import Document, Entity, Provenance, Span, Statement
from graph.store import KnowledgeStore

PRK = Entity("PRK", "North Korea", "Country", "PRK", ("DPRK", "Pyongyang", "North Korean"), "Q423")
RUS = Entity("RUS", "Russia", "Country", "RUS", ("the Kremlin", "Moscow"), "Q159")
CHN = Entity("CHN", "China", "Country", "CHN", ("Beijing",), "Q148")
KOR = Entity("KOR", "South Korea", "Country", "KOR", ("Seoul",), "Q884")
USA = Entity("USA", "United States", "Country", "USA", ("Washington", "the White House"), "Q30")
UKR = Entity("UKR", "Ukraine", "Country", "UKR", ("Kyiv",), "Q212")
NATO = Entity("nato", "NATO", "Organization", None, ("North Atlantic Treaty Organization",), "Q7184",
              members=("USA",))
PESKOV = Entity("dmitry-peskov", "Dmitry Peskov", "Person", "RUS", ("Peskov",), parent="RUS")

PROVENANCE = Provenance("geokg-test", "0.0.1", "hand-written", "2024-05-01T10:00:00Z")

ARMS_TEXT = (
    "Seoul, Nov 9 (Wire) - South Korea said on Thursday that North Korea has shipped artillery "
    "shells to Russia. The Kremlin denied that Pyongyang had supplied any weapons. "
    "China retains considerable influence over North Korea, analysts say. "
    "Washington urged Beijing to use that influence. "
    "Ukraine called on China to send air defence systems. "
    "Russia would attack NATO if the alliance intervened, Dmitry Peskov warned."
)
FOLLOW_UP_TEXT = (
    "Kyiv, Dec 1 (Wire) - North Korea delivered more shells to Russia in November, "
    "Ukrainian intelligence said."
)


def span(text: str, sentence: str) -> Span:
    start = text.index(sentence)
    return Span(start, start + len(sentence), sentence)


def claim(document: Document, sentence: str, subject: Entity, predicate: str, obj: Entity, *,
          polarity: str = "positive", modality: str = "asserted", by: Entity | None = None,
          when: str | None = None, confidence: float = 0.8, trigger: str | None = None) -> Statement:
    sentence_span = span(document.text, sentence)
    trigger_span = span(document.text, trigger) if trigger else None
    return Statement(document.id, subject, predicate, obj, polarity, modality, by, sentence_span,
                     confidence, when, document.published.isoformat() if document.published else None,
                     trigger_span, PROVENANCE)


def arms_report(text: str = ARMS_TEXT, doc_id: str = "arms-report") -> tuple[Document, list[Statement]]:
    """The main test article: an assertion, a denial, influence, a request, a hypothetical.

    Pass an edited `text` to get the claims of the sentences it still contains.
    """
    doc = Document(doc_id, text, date(2023, 11, 9), "https://news.example/arms", "Arms for Russia")
    first = ("Seoul, Nov 9 (Wire) - South Korea said on Thursday that North Korea has shipped "
             "artillery shells to Russia.")
    readings = [
        (first, PRK, "providesWeaponsTo", RUS,
         dict(by=KOR, when="2023-11-09", confidence=0.91, trigger="shipped")),
        ("The Kremlin denied that Pyongyang had supplied any weapons.", PRK, "providesWeaponsTo", RUS,
         dict(polarity="negative", by=RUS, confidence=0.84, trigger="supplied")),
        ("China retains considerable influence over North Korea, analysts say.", CHN, "hasInfluenceOver", PRK,
         dict(confidence=0.7, trigger="influence")),
        ("Washington urged Beijing to use that influence.", USA, "urges", CHN, dict(confidence=0.75)),
        ("Ukraine called on China to send air defence systems.", CHN, "providesWeaponsTo", UKR,
         dict(modality="requested", by=UKR, confidence=0.6)),
        ("Russia would attack NATO if the alliance intervened, Dmitry Peskov warned.", RUS, "attacks", NATO,
         dict(modality="hypothetical", by=PESKOV, confidence=0.55)),
    ]
    statements = [claim(doc, sentence, subject, predicate, obj, **options)  # type: ignore[arg-type]
                  for sentence, subject, predicate, obj, options in readings if sentence in text]
    return doc, statements


def follow_up(text: str = FOLLOW_UP_TEXT) -> tuple[Document, list[Statement]]:
    """A second source for (PRK providesWeaponsTo RUS), dated a month later."""
    doc = Document("follow-up", text, date(2023, 12, 1), None, "More shells")
    statements = []
    if "North Korea delivered" in text:
        statements.append(claim(doc, text, PRK, "providesWeaponsTo", RUS, by=UKR, when="2023-11",
                                confidence=0.8))
    return doc, statements


def numbered_document(number: int, statements_per_document: int) -> tuple[Document, list[Statement]]:
    """A synthetic document with a known number of claims (for the crash test)."""
    sentences = [f"Report {number}.{i}: North Korea sent shipment {i} of shells to Russia."
                 for i in range(statements_per_document)]
    doc = Document(f"bulk-{number:04d}", " ".join(sentences), date(2023, 1, 1 + number % 28))
    return doc, [claim(doc, sentence, PRK, "providesWeaponsTo", RUS) for sentence in sentences]


def canonical_quads(data: bytes, rdf_format: ox.RdfFormat) -> set[str]:
    """A serialised dataset as a set of N-Quads lines with canonical blank node labels (RDFC-1.0)."""
    dataset = ox.Dataset(ox.parse(data, rdf_format))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(quad) for quad in dataset}


def store_quads(store: KnowledgeStore) -> set[str]:
    """Every quad of a store, canonicalised, for comparing two states of a store."""
    buffer = io.BytesIO()
    store.dump(buffer, ox.RdfFormat.N_QUADS)
    return canonical_quads(buffer.getvalue(), ox.RdfFormat.N_QUADS)


_RUN_TIMES = ("http://www.w3.org/ns/prov#startedAtTime", "http://www.w3.org/ns/prov#generatedAtTime")


def quads_apart_from_run_time(store: KnowledgeStore) -> set[str]:
    """Every quad of a store, with the time of the extraction run taken out.

    Two ingests of the same corpus differ only in when they ran: the
    `startedAtTime`/`generatedAtTime` literals, and the extraction activity's
    IRI, which is derived from that time. Those are replaced by placeholders
    (the activity by one named after the document it read); everything else
    must be equal quad for quad.
    """
    buffer = io.BytesIO()
    store.dump(buffer, ox.RdfFormat.N_QUADS)
    quads = list(ox.parse(buffer.getvalue(), ox.RdfFormat.N_QUADS))
    activities = {quad.subject: ox.NamedNode(f"urn:extraction-of:{quad.object.value}")
                  for quad in quads if quad.predicate.value == "http://www.w3.org/ns/prov#used"}
    placeholder = ox.Literal("run time")
    dataset = ox.Dataset()
    for quad in quads:
        subject = activities.get(quad.subject, quad.subject)
        obj = placeholder if quad.predicate.value in _RUN_TIMES else activities.get(quad.object, quad.object)
        dataset.add(ox.Quad(subject, quad.predicate, obj, quad.graph_name))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)  # the ontology's blank nodes
    return {str(quad) for quad in dataset}
