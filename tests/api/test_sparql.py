"""/sparql: the protocol's query forms, result formats, the union default graph, and what it refuses."""

from __future__ import annotations

import csv
import io
import time

from fastapi.testclient import TestClient

FACTS = "SELECT ?s ?o WHERE { GRAPH <https://geokg.org/graph/facts> { ?s geokg:providesWeaponsTo ?o } }"
PAIR = {"s": "https://geokg.org/id/IRN", "o": "https://geokg.org/id/RUS"}
# Three unconstrained patterns over the whole store: about n³ rows to sort, never finishing in time.
RUNAWAY = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


def bindings(response) -> list[dict[str, str]]:  # noqa: ANN001
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]]


def test_select_over_the_facts_view_by_get_and_by_post(loaded_client: TestClient) -> None:
    assert bindings(loaded_client.get("/sparql", params={"query": FACTS})) == [PAIR]
    assert bindings(loaded_client.post("/sparql", data={"query": FACTS})) == [PAIR]
    direct = loaded_client.post("/sparql", content=FACTS, headers={"Content-Type": "application/sparql-query"})
    assert bindings(direct) == [PAIR]


def test_results_in_the_format_the_client_accepts(loaded_client: TestClient) -> None:
    as_csv = loaded_client.get("/sparql", params={"query": FACTS}, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert list(csv.DictReader(io.StringIO(as_csv.text))) == [PAIR]
    as_xml = loaded_client.get("/sparql", params={"query": FACTS},
                               headers={"Accept": "text/html;q=0.9, application/sparql-results+xml"})
    assert as_xml.headers["content-type"].startswith("application/sparql-results+xml") and "<sparql" in as_xml.text
    graph = loaded_client.get("/sparql", params={"query": "CONSTRUCT { ?s geokg:providesWeaponsTo ?o } WHERE { "
                                                          "GRAPH <https://geokg.org/graph/facts> { ?s geokg:providesWeaponsTo ?o } }"})
    assert graph.headers["content-type"].startswith("text/turtle") and "providesWeaponsTo" in graph.text
    refused = loaded_client.get("/sparql", params={"query": FACTS}, headers={"Accept": "image/png"})
    assert refused.status_code == 406


def test_the_default_graph_is_the_union_of_all_graphs(loaded_client: TestClient) -> None:
    rows = bindings(loaded_client.get("/sparql", params={"query": "SELECT DISTINCT ?o WHERE { id:IRN geokg:providesWeaponsTo ?o }"}))
    assert rows == [{"o": PAIR["o"]}]
    scoped = loaded_client.get("/sparql", params={
        "query": "ASK { id:IRN geokg:providesWeaponsTo ?o }", "default-graph-uri": "https://geokg.org/graph/entities"})
    assert scoped.json()["boolean"] is False


def test_updates_are_refused_however_they_are_sent(loaded_client: TestClient) -> None:
    insert = "INSERT DATA { GRAPH <https://geokg.org/graph/facts> { id:SYR geokg:attacks id:IRN } }"
    attempts = [
        loaded_client.get("/sparql", params={"query": insert}),
        loaded_client.get("/sparql", params={"update": insert}),
        loaded_client.post("/sparql", data={"update": insert}),
        loaded_client.post("/sparql", content=insert, headers={"Content-Type": "application/sparql-update"}),
    ]
    for response in attempts:
        assert response.status_code == 400
        assert "read-only" in response.json()["message"]
    assert loaded_client.get("/sparql", params={"query": "ASK { id:SYR geokg:attacks id:IRN }"}).json()["boolean"] is False


def test_malformed_and_missing_queries_are_400s(loaded_client: TestClient) -> None:
    malformed = loaded_client.get("/sparql", params={"query": "SELECT WHERE {"})
    assert malformed.status_code == 400 and malformed.json()["message"].startswith("malformed query")
    assert loaded_client.get("/sparql").status_code == 400
    assert loaded_client.post("/sparql", content=b"query", headers={"Content-Type": "text/plain"}).status_code == 415


def test_a_runaway_query_is_stopped_and_the_service_goes_on(make_client) -> None:  # noqa: ANN001
    client = make_client(sparql_timeout=1.0)
    started = time.monotonic()
    stopped = client.get("/sparql", params={"query": RUNAWAY})
    assert stopped.status_code == 503 and "was stopped" in stopped.json()["message"]
    assert time.monotonic() - started < 10
    assert client.get("/health").status_code == 200
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    runner = client.app.state.service.sparql  # type: ignore[attr-defined]
    assert all(worker.alive() for worker in runner._idle)  # the killed worker was replaced, not reused


def test_results_larger_than_the_cap_are_refused(make_client) -> None:  # noqa: ANN001
    client = make_client(sparql_max_bytes=2_000)
    too_big = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert too_big.status_code == 400 and "LIMIT" in too_big.json()["message"]
    assert client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"}).status_code == 200
