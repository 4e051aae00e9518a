"""GET /export: streamed RDF in the formats of `geokg export`, and no way to name a file."""

from __future__ import annotations

import rdflib
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings


def test_turtle_and_trig_exports_parse_and_hold_the_facts(loaded_client: TestClient) -> None:
    turtle = loaded_client.get("/export", params={"format": "turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    weapons = rdflib.URIRef("https://geokg.org/ontology#providesWeaponsTo")
    assert (rdflib.URIRef("https://geokg.org/id/IRN"), weapons, rdflib.URIRef("https://geokg.org/id/RUS")) in graph
    trig = loaded_client.get("/export", params={"format": "trig"})
    dataset = rdflib.Dataset().parse(data=trig.text, format="trig")
    assert len(list(dataset.graphs())) > 5  # every claim keeps its own graph
    assert 'filename="geokg.trig"' in trig.headers["content-disposition"]


def test_a_filtered_export_holds_only_the_matching_claims(loaded_client: TestClient) -> None:
    syria = loaded_client.get("/export", params={"format": "nquads", "entity": "Syria"}).text
    assert "hasInfluenceOver" in syria and "providesWeaponsTo" not in syria


def test_formats_and_entities_are_checked_and_no_parameter_names_a_file(loaded_client: TestClient) -> None:
    for attempt in ("../../../etc/passwd", "/etc/passwd", "turtle/../../x", "%2e%2e%2fetc"):
        response = loaded_client.get("/export", params={"format": attempt})
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "query.format"
    unknown = loaded_client.get("/export", params={"format": "turtle", "entity": "../../etc/passwd"})
    assert unknown.status_code == 404
    parameters = create_app(Settings(store="unused")).openapi()["paths"]["/export"]["get"]["parameters"]
    assert {p["name"] for p in parameters} == {"format", "entity", "predicate", "since", "until", "rollup",
                                                "min_confidence", "min_sources", "include_negative",
                                                "include_attributed", "limit"}


def test_network_formats_come_from_the_projection(loaded_client: TestClient) -> None:
    response = loaded_client.get("/export", params={"format": "graphml"})
    assert response.status_code == 200 and "providesWeaponsTo" in response.text
    assert 'filename="geokg.graphml"' in response.headers["content-disposition"]
