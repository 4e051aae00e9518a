"""GET /relations by actor sector: `subject=ISR&sector=MIL` is what Israel's armed forces do, not its government."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from service_samples import relations

from api.app import create_app
from api.settings import Settings
from graph.model import Document, Entity, Provenance, Span, Statement
from graph.store import open_store, write_documents
from graph.store.rdf import ENTITIES_GRAPH

ISR = Entity("ISR", "Israel", "Country", "ISR")
IRN = Entity("IRN", "Iran", "Country", "IRN")
IDF = Entity("idf", "Israeli army", "Organization", "ISR", parent="ISR")
IRGC = Entity("irgc", "Revolutionary Guards", "Organization", "IRN", parent="IRN")
CABINET = Entity("isr-cabinet", "Israeli cabinet", "Organization", "ISR", parent="ISR")
SECTORS = {"idf": "MIL", "irgc": "MIL", "isr-cabinet": "GOV"}
PROVENANCE = Provenance("geokg-test", "0.0.1", "hand-written", "2025-01-01T00:00:00Z")


def report(number: int) -> tuple[Document, list[Statement]]:
    sentences = [("The Israeli army shelled a base of the Revolutionary Guards.", IDF, "attacks", IRGC),
                 ("The Israeli cabinet condemned Iran.", CABINET, "criticizes", IRN),
                 ("Iran threatened Israel.", IRN, "threatens", ISR)]
    text = " ".join(sentence for sentence, *_ in sentences)
    document = Document(f"front-{number}", text + f" Dispatch {number}.", date(2025, 1, 1 + number))
    statements = []
    for sentence, subject, predicate, obj in sentences:
        start = text.index(sentence)
        statements.append(Statement(document.id, subject, predicate, obj, "positive", "asserted", None,
                                    Span(start, start + len(sentence), sentence), 0.8))
    return document, statements


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    location: Path = tmp_path_factory.mktemp("sectors") / "store"
    with open_store(location) as store:
        write_documents(store, [report(n) for n in range(3)], PROVENANCE)
        triples = " ".join(f"<https://geokg.org/id/{e}> <https://geokg.org/ontology#sector> "
                           f"<https://geokg.org/sector/{code}> ." for e, code in SECTORS.items())
        store.update(f"INSERT DATA {{ GRAPH <{ENTITIES_GRAPH}> {{ {triples} }} }}")
    with TestClient(create_app(Settings(store=str(location)))) as opened:
        yield opened


def test_a_sector_narrows_a_country_to_its_armed_forces(client: TestClient) -> None:
    items = relations(client, subject="ISR", sector="MIL")
    assert [(i["subject"]["label"], i["predicate"], i["object"]["label"]) for i in items] == \
        [("Israeli army", "attacks", "Revolutionary Guards")] * 3
    assert items[0]["subject"]["sector"] == "MIL" and items[0]["object"]["sector"] == "MIL"
    assert list(items[0]["subject"]) == ["id", "label", "type", "country", "sector"]
    government = relations(client, subject="ISR", sector="GOV")
    assert {i["subject"]["id"] for i in government} == {"https://geokg.org/id/isr-cabinet"}


def test_the_object_sector_and_a_sector_alone(client: TestClient) -> None:
    assert {i["object"]["id"] for i in relations(client, object="IRN", object_sector="MIL")} == \
        {"https://geokg.org/id/irgc"}
    assert relations(client, object="IRN", object_sector="GOV") == []
    assert {i["subject"]["id"] for i in relations(client, sector="MIL")} == {"https://geokg.org/id/idf"}
    everything = relations(client, subject="ISR", rollup=True)
    assert len(everything) == 6 and relations(client, subject="ISR") == []  # Israel itself acts in none


def test_a_malformed_sector_is_a_client_error(client: TestClient) -> None:
    response = client.get("/relations", params={"subject": "ISR", "sector": "MIL; DROP"})
    assert response.status_code == 422
