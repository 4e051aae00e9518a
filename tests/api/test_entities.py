"""GET /entities?q= and GET /entities/{id} on a store the test article was posted to."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

IRN = "https://geokg.org/id/IRN"


@pytest.mark.parametrize("query", ["Tehran", "tehran", "TEHRAN", "Tehrán", "Iranian", "iran"])
def test_names_and_aliases_find_the_country_first_whatever_the_case_or_accents(
        loaded_client: TestClient, query: str) -> None:
    response = loaded_client.get("/entities", params={"q": query})
    assert response.status_code == 200
    items = response.json()["items"]
    assert items[0]["id"] == IRN
    assert items[0]["match"] in ("label", "alias")
    assert items[0]["type"] == "Country" and items[0]["country"] == "IRN"


def test_whole_name_matches_rank_before_partial_ones(loaded_client: TestClient) -> None:
    items = loaded_client.get("/entities", params={"q": "Iran"}).json()["items"]
    kinds = [item["match"] for item in items]
    assert kinds[0] == "label" and kinds == sorted(kinds, key=["label", "alias", "prefix", "substring"].index)
    assert "https://geokg.org/id/irn-foreign-ministry" in [item["id"] for item in items[1:]]


def test_a_type_filter_and_a_name_that_matches_nothing(loaded_client: TestClient) -> None:
    people = loaded_client.get("/entities", params={"q": "Iran", "type": "Person"}).json()["items"]
    assert all(item["type"] == "Person" for item in people)
    assert loaded_client.get("/entities", params={"q": "Atlantis"}).json() == {"items": []}


def test_one_entity_shows_labels_aliases_counts_by_predicate(loaded_client: TestClient) -> None:
    entity = loaded_client.get("/entities/IRN").json()
    assert (entity["id"], entity["label"], entity["type"], entity["country"]) == (IRN, "Iran", "Country", "IRN")
    assert "Tehran" in entity["aliases"] and entity["labels"][0] == "Iran"
    counts = {row["predicate"]: row for row in entity["relations"]}
    assert counts["providesWeaponsTo"]["as_subject"] >= 4
    assert counts["hasInfluenceOver"]["as_subject"] == 1
    assert entity["claims"] >= 5


def test_a_government_body_is_affiliated_with_its_country(loaded_client: TestClient) -> None:
    body = loaded_client.get("/entities/irn-foreign-ministry").json()
    assert body["country"] == "IRN"
    iran = {"id": IRN, "label": "Iran", "type": "Country", "country": "IRN", "sector": None}
    assert {"relation": "parent", "entity": iran} in body["affiliations"]


def test_unknown_ids_and_missing_queries_are_explained(loaded_client: TestClient) -> None:
    missing = loaded_client.get("/entities/XYZ")
    assert missing.status_code == 404
    assert missing.json()["error"] == "not_found" and "/entities?q=" in missing.json()["message"]
    no_query = loaded_client.get("/entities")
    assert no_query.status_code == 422
    assert no_query.json()["errors"][0]["field"] == "query.q"
