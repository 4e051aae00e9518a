"""Two short reports and the claims a careful reader takes from them, written by hand for the export tests.

Hand-made statements (not the extractor's) keep these tests about the
exporters alone, and fast. Between them the claims cover what the exports
must carry: a relation two documents support, a denial, a claim reported
from someone else's mouth, a person who rolls up to a country, a symmetric
relation, a structural one without a Goldstein score, month and day dates,
and an undated document.
"""

from __future__ import annotations

from datetime import date

from graph.model import Document, Entity, Provenance, Span, Statement
from graph.store import KnowledgeStore, write_document

PRK = Entity("PRK", "North Korea", "Country", "PRK", ("DPRK", "Pyongyang"), "Q423")
RUS = Entity("RUS", "Russia", "Country", "RUS", ("Moscow", "the Kremlin"), "Q159")
CHN = Entity("CHN", "China", "Country", "CHN", ("Beijing",), "Q148")
KOR = Entity("KOR", "South Korea", "Country", "KOR", ("Seoul",), "Q884")
KIM = Entity("kim-jong-un", "Kim Jong Un", "Person", "PRK", ("Kim",), parent="PRK")

PROVENANCE = Provenance("geokg-test", "0.0.1", "hand-written", "2024-05-01T10:00:00Z")

RAIL_TEXT = (
    "Seoul, Oct 2 (Wire) - Freight trains carried North Korean shells into Russia in September, "
    "South Korean officials said. Moscow denied that Pyongyang had sent it any arms. "
    "Kim Jong Un travelled to Russia last month. North Korea and Russia held talks on the border."
)
PORT_TEXT = (
    "Ships loaded with North Korean munitions docked in Russia on Nov 9. "
    "Beijing keeps a firm hold over Pyongyang."
)


def _claim(document: Document, sentence: str, subject: Entity, predicate: str, obj: Entity, *,
           polarity: str = "positive", by: Entity | None = None, when: str | None = None,
           confidence: float = 0.8) -> Statement:
    start = document.text.index(sentence)
    return Statement(document.id, subject, predicate, obj, polarity, "asserted", by,
                     Span(start, start + len(sentence), sentence), confidence, when,
                     document.published.isoformat() if document.published else None, None, PROVENANCE)


def reports() -> list[tuple[Document, list[Statement]]]:
    rail = Document("rail-report", RAIL_TEXT, date(2023, 10, 2), "https://news.example/rail", "Shells by rail")
    port = Document("port-report", PORT_TEXT, None, None, "Munitions by sea")
    return [
        (rail, [
            _claim(rail, "Seoul, Oct 2 (Wire) - Freight trains carried North Korean shells into Russia in "
                         "September, South Korean officials said.", PRK, "providesWeaponsTo", RUS,
                   by=KOR, when="2023-09", confidence=0.9),
            _claim(rail, "Moscow denied that Pyongyang had sent it any arms.", PRK, "providesWeaponsTo", RUS,
                   polarity="negative", by=RUS, confidence=0.85),
            _claim(rail, "Kim Jong Un travelled to Russia last month.", KIM, "visits", RUS, when="2023-09",
                   confidence=0.7),
            _claim(rail, "North Korea and Russia held talks on the border.", PRK, "meetsWith", RUS,
                   confidence=0.6),
        ]),
        (port, [
            _claim(port, "Ships loaded with North Korean munitions docked in Russia on Nov 9.", PRK,
                   "providesWeaponsTo", RUS, when="2023-11-09", confidence=0.75),
            _claim(port, "Beijing keeps a firm hold over Pyongyang.", CHN, "hasInfluenceOver", PRK,
                   confidence=0.65),
        ]),
    ]


def fill(store: KnowledgeStore) -> KnowledgeStore:
    """`store` with both reports written to it."""
    for document, statements in reports():
        write_document(store, document, statements, PROVENANCE)
    return store
