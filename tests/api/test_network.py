"""GET /paths, /neighbourhood and /rankings, and the projection cache that a write refreshes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from service_samples import WRITE, drones_document, follow_up_document

IRN, RUS, SYR, BLR = (f"https://geokg.org/id/{code}" for code in ("IRN", "RUS", "SYR", "BLR"))


def test_a_path_runs_through_the_middle_country(loaded_client: TestClient) -> None:
    body = loaded_client.get("/paths", params={"source": "SYR", "target": "Russia"}).json()
    assert (body["source"]["id"], body["target"]["id"]) == (SYR, RUS)
    [path] = body["paths"]
    assert path["hops"] == 2
    assert [(step["source"]["id"], step["target"]["id"]) for step in path["steps"]] == [(SYR, IRN), (IRN, RUS)]
    first, second = (step["relations"] for step in path["steps"])
    assert [(r["subject"], r["predicate"], r["object"]) for r in first] == [(IRN, "hasInfluenceOver", SYR)]
    assert (IRN, "providesWeaponsTo", RUS) in [(r["subject"], r["predicate"], r["object"]) for r in second]


def test_directed_paths_follow_subject_to_object_and_hops_are_capped(loaded_client: TestClient) -> None:
    assert loaded_client.get("/paths", params={"source": "SYR", "target": "RUS", "directed": True}).json()["paths"] == []
    assert loaded_client.get("/paths", params={"source": "SYR", "target": "RUS", "max_hops": 1}).json()["paths"] == []
    forward = loaded_client.get("/paths", params={"source": "IRN", "target": "RUS", "directed": True}).json()
    assert [p["hops"] for p in forward["paths"]] == [1]


def test_paths_filtered_by_predicate_and_date(loaded_client: TestClient) -> None:
    weapons_only = loaded_client.get("/paths", params={"source": "SYR", "target": "RUS",
                                                      "predicate": "providesAidTo"}).json()
    assert weapons_only["paths"] == []
    assert loaded_client.get("/paths", params={"source": "SYR", "target": "RUS", "since": "2026"}).json()["paths"] == []


def test_the_neighbourhood_of_an_entity(loaded_client: TestClient) -> None:
    body = loaded_client.get("/neighbourhood", params={"entity": "IRN"}).json()
    assert {node["id"] for node in body["nodes"]} >= {IRN, RUS, SYR}
    assert body["total_edges"] == len(body["edges"]) and not body["truncated"]
    limited = loaded_client.get("/neighbourhood", params={"entity": "IRN", "limit": 1}).json()
    assert len(limited["edges"]) == 1 and limited["truncated"]
    assert limited["edges"][0]["predicate"] == "providesWeaponsTo"  # the best-sourced first


@pytest.mark.parametrize("metric", ["pagerank", "degree", "betweenness"])
def test_rankings_put_the_hub_first(loaded_client: TestClient, metric: str) -> None:
    body = loaded_client.get("/rankings", params={"metric": metric}).json()
    assert body["metric"] == metric
    scores = [item["score"] for item in body["items"]]
    assert scores == sorted(scores, reverse=True)
    top = body["items"][0]["entity"]["id"]
    assert top == (RUS if metric == "pagerank" else IRN)  # Russia receives; Iran links the others


def test_a_write_refreshes_the_cached_projection(make_client) -> None:  # noqa: ANN001
    client = make_client()
    client.post("/documents", json=drones_document(), headers=WRITE)
    before = client.get("/neighbourhood", params={"entity": "RUS"}).json()
    assert BLR not in {node["id"] for node in before["nodes"]}
    assert client.get("/paths", params={"source": "SYR", "target": "BLR"}).status_code == 404
    client.post("/documents", json=follow_up_document(), headers=WRITE)
    after = client.get("/neighbourhood", params={"entity": "RUS"}).json()
    assert BLR in {node["id"] for node in after["nodes"]}
    assert [p["hops"] for p in client.get("/paths", params={"source": "SYR", "target": "BLR"}).json()["paths"]] == [3]


def test_the_explorer_view_of_an_entity_can_be_bounded(loaded_client: TestClient) -> None:
    whole = loaded_client.get("/export", params={"format": "cytoscape", "entity": "IRN"}).json()
    bounded = loaded_client.get("/export", params={"format": "cytoscape", "entity": "IRN", "limit": 1}).json()
    assert len(whole["elements"]["edges"]) > 1 and len(bounded["elements"]["edges"]) == 1
    assert bounded["data"]["relations_total"] == len(whole["elements"]["edges"])
    assert bounded["elements"]["edges"][0]["data"]["predicate"] == "providesWeaponsTo"  # the best-sourced
    refused = loaded_client.get("/export", params={"format": "turtle", "limit": 1})
    assert refused.status_code == 400 and "limit" in refused.text
