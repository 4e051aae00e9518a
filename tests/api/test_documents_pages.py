"""POST /documents with web pages: an HTML body, or a URL the service fetches within its fetch policy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from service_samples import WRITE

from graph.web.fetch import FetchPolicy
from tests.fixture_site import DATA, Site, fixture_site

TEXT_AND_URL = """SELECT ?text ?url WHERE { GRAPH <https://geokg.org/graph/provenance> {
  ?doc geokg:documentId %s ; geokg:text ?text . OPTIONAL { ?doc geokg:url ?url } } }"""


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with fixture_site() as running:
        yield running


def stored(client: TestClient, doc_id: str) -> dict[str, str]:
    """The document's stored text and URL, read back through /sparql."""
    response = client.post("/sparql", data={"query": TEXT_AND_URL % f'"{doc_id}"'},
                           headers={"Accept": "application/sparql-results+json"})
    [row] = response.json()["results"]["bindings"]
    return {key: value["value"] for key, value in row.items()}


def test_a_url_is_fetched_read_and_stored_with_its_text(make_client, site: Site) -> None:  # noqa: ANN001
    client = make_client(fetch_policy=FetchPolicy(allow_private=True))
    url = f"{site.url}/articles/shells.html"
    response = client.post("/documents", json={"url": url}, headers=WRITE)
    assert response.status_code == 200, response.text
    [document] = response.json()["documents"]
    assert (document["id"], document["status"]) == (url, "added")
    assert {(s["predicate"], s["polarity"]) for s in document["statements"]} >= {
        ("providesWeaponsTo", "positive"), ("providesWeaponsTo", "negative")}
    saved = stored(client, url)
    assert saved["url"] == "https://news.example/2024/03/05/shells-by-rail"
    assert "Subscribe" not in saved["text"] and "All rights reserved" not in saved["text"]
    for statement in document["statements"]:
        assert saved["text"][statement["start"]:statement["end"]] == statement["sentence"]
    assert all(s["published"] == "2024-03-05" for s in document["statements"])
    again = client.post("/documents", json={"url": url}, headers=WRITE).json()["documents"][0]
    assert again["status"] == "unchanged"


def test_an_html_body_is_read_without_fetching(make_client, site: Site) -> None:  # noqa: ANN001
    client = make_client()
    before = len(site.requests)
    page = {"id": "drills", "html": (DATA / "drills.html").read_text(encoding="utf-8"), "published": "2024-03-11",
            "url": "https://news.example/drills"}
    [document] = client.post("/documents", json=page, headers=WRITE).json()["documents"]
    assert (document["id"], document["status"]) == ("drills", "added")
    assert {s["predicate"] for s in document["statements"]} >= {"cooperatesMilitarilyWith", "criticizes"}
    saved = stored(client, "drills")
    assert saved["url"] == "https://news.example/drills" and saved["text"].startswith("Chinese and Russian warships")
    assert "newsletter" not in saved["text"]
    assert len(site.requests) == before


def test_private_addresses_are_refused_by_default_and_other_documents_still_stored(make_client, site: Site) -> None:  # noqa: ANN001
    client = make_client()
    before = len(site.requests)
    body = [{"url": f"{site.url}/articles/shells.html"}, {"id": "note", "text": "Iran supplied drones to Russia."},
            {"url": "file:///etc/hostname"}]
    response = client.post("/documents", json=body, headers=WRITE)
    assert response.status_code == 200
    refused, note, scheme = response.json()["documents"]
    assert refused["status"] == "skipped" and "loopback or private address" in refused["reason"]
    assert scheme["status"] == "skipped" and "only http and https" in scheme["reason"]
    assert note["status"] == "added" and response.json()["statements"] == len(note["statements"]) >= 1
    assert len(site.requests) == before
    assert client.get("/stats").json()["documents"] == 1
    no_fetching = make_client(fetch_urls=False, fetch_policy=FetchPolicy(allow_private=True))
    [off] = no_fetching.post("/documents", json=body[:1], headers=WRITE).json()["documents"]
    assert off["status"] == "skipped" and "GEOKG_FETCH_URLS=0" in off["reason"]
    assert len(site.requests) == before


def test_which_fields_go_together_is_checked(loaded_client: TestClient) -> None:
    cases = [
        ({}, "body.text"),
        ({"id": "x", "text": "Iran armed Russia.", "html": "<p>Iran armed Russia.</p>"}, "body.html"),
        ({"html": "<p>Iran armed Russia.</p>"}, "body.id"),
        ([{"url": "https://news.example/a"}, {"text": "no id"}], "body.1.id"),
    ]
    for body, field in cases:
        response = loaded_client.post("/documents", json=body, headers=WRITE)
        assert response.status_code == 422, body
        assert [e["field"] for e in response.json()["errors"]] == [field], response.json()
    page_without_article = {"id": "empty", "html": "<html><body><div id=\"app\"></div><script>render()</script></body></html>"}
    [skipped] = loaded_client.post("/documents", json=page_without_article, headers=WRITE).json()["documents"]
    assert skipped["status"] == "skipped" and "no article text" in skipped["reason"]
