"""POST /documents: what it stores and returns, and what it refuses (no key, bad key, bad body, too big)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from service_samples import API_KEY, WRITE, drones_document


def test_posting_stores_the_document_and_says_what_was_stored(make_client) -> None:  # noqa: ANN001
    client = make_client()
    response = client.post("/documents", json=drones_document(), headers=WRITE)
    assert response.status_code == 200
    [stored] = response.json()["documents"]
    assert (stored["id"], stored["status"]) == ("drones-report", "added")
    statements = stored["statements"]
    assert response.json()["statements"] == len(statements) >= 5
    assert {(s["subject"]["id"], s["predicate"], s["object"]["id"]) for s in statements} >= {
        ("https://geokg.org/id/IRN", "providesWeaponsTo", "https://geokg.org/id/RUS")}
    assert all(s["doc_id"] == "drones-report" and s["extractor"]["name"] == "geokg-rules" for s in statements)
    assert client.get("/stats").json()["documents"] == 1


def test_posting_again_is_idempotent_and_a_changed_text_replaces_the_old(make_client) -> None:  # noqa: ANN001
    client = make_client()
    first = drones_document()
    client.post("/documents", json=first, headers=WRITE)
    claims = client.get("/stats").json()["statements"]
    again = client.post("/documents", json=[first], headers=WRITE).json()["documents"][0]
    assert (again["status"], again["statements"]) == ("unchanged", [])
    assert client.get("/stats").json()["statements"] == claims
    shorter = {**first, "text": first["text"].split("\n\nUS officials")[0]}
    replaced = client.post("/documents", json=shorter, headers=WRITE).json()["documents"][0]
    assert replaced["status"] == "replaced"
    assert client.get("/stats").json()["statements"] == len(replaced["statements"]) < claims


def test_writes_need_the_configured_key(make_client) -> None:  # noqa: ANN001
    client = make_client()
    for headers, status in (({}, 401), ({"X-API-Key": "wrong"}, 401), ({"X-API-Key": API_KEY[:-1]}, 401)):
        response = client.post("/documents", json=drones_document(), headers=headers)
        assert response.status_code == status and "X-API-Key" in response.json()["message"]
    assert client.get("/stats").json()["documents"] == 0


def test_without_a_configured_key_every_write_is_refused(make_client) -> None:  # noqa: ANN001
    client = make_client(api_key=None)
    response = client.post("/documents", json=drones_document(), headers=WRITE)
    assert response.status_code == 403 and "GEOKG_API_KEY" in response.json()["message"]


def test_a_malformed_body_gets_a_422_naming_the_field(loaded_client: TestClient) -> None:
    cases = [
        ({"id": "x"}, "body.text"),
        ([{"id": "a", "text": "Iran armed Russia."}, {"text": "no id"}], "body.1.id"),
        ({"id": "x", "text": "Iran armed Russia.", "published": "yesterday"}, "body.published"),
        ({"id": "", "text": "Iran armed Russia."}, "body.id"),
    ]
    for body, field in cases:
        response = loaded_client.post("/documents", json=body, headers=WRITE)
        assert response.status_code == 422, body
        assert [e["field"] for e in response.json()["errors"]] == [field]
        assert field in response.json()["message"]
    not_json = loaded_client.post("/documents", content=b"{not json", headers={**WRITE, "Content-Type": "application/json"})
    assert not_json.status_code == 422
    duplicate = loaded_client.post("/documents", json=[drones_document(), drones_document()], headers=WRITE)
    assert duplicate.status_code == 422 and "twice" in duplicate.json()["message"]


def test_oversized_bodies_are_refused_before_anything_is_stored(make_client) -> None:  # noqa: ANN001
    client = make_client(max_body_bytes=5_000, max_documents=3)
    big = {"id": "big", "text": "Iran supplied drones to Russia. " * 400}
    declared = client.post("/documents", json=big, headers=WRITE)
    assert declared.status_code == 413 and "5,000 bytes" in declared.json()["message"]

    def chunks():  # no Content-Length: the cap counts the bytes as they arrive
        yield b'{"id": "big", "text": "'
        for _ in range(200):
            yield b"Iran supplied drones to Russia. "
        yield b'"}'

    streamed = client.post("/documents", content=chunks(), headers={**WRITE, "Content-Type": "application/json"})
    assert streamed.status_code == 413
    many = client.post("/documents", json=[{"id": f"d{i}", "text": "Iran armed Russia."} for i in range(4)],
                       headers=WRITE)
    assert many.status_code == 413 and "at most 3" in many.json()["message"]
    assert client.get("/stats").json()["documents"] == 0
