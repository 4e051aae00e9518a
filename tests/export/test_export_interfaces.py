"""`geokg export` and GET /export in the network formats: options in, files out, misuse explained."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from samples import fill
from typer.testing import CliRunner

from api.app import create_app
from api.settings import Settings
from graph.cli import app
from graph.store import open_store

runner = CliRunner()


@pytest.fixture(scope="module")
def location(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A closed store holding the two sample reports (the CLI and the service each open it themselves)."""
    path = tmp_path_factory.mktemp("exports") / "store"
    with open_store(path) as store:
        fill(store)
    return str(path)


@pytest.fixture(scope="module")
def client(location: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store=location))) as opened:
        yield opened


def test_the_cli_writes_each_network_format_to_a_file(location: str, tmp_path: Path) -> None:
    graphml = tmp_path / "arms.graphml"
    result = runner.invoke(app, ["export", "--format", "graphml", "-o", str(graphml), "--store", location,
                                 "--rollup", "--predicate", "providesAidTo", "--predicate", "visits"])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(graphml, edge_key_type=str)
    assert sorted(key for _, _, key in graph.edges(keys=True)) == ["PRK:providesWeaponsTo:RUS", "PRK:visits:RUS"]
    archive = tmp_path / "neo4j.zip"
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(archive), "--store", location, "--negative",
                                 "--min-confidence", "0.7"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(archive) as opened:
        edges = [row.split(",")[3] for row in opened.read("edges.csv").decode().splitlines()[1:]]
    assert sorted(edges) == ["PRK:providesWeaponsTo:RUS", "PRK:providesWeaponsTo:negative:RUS",
                             "kim-jong-un:visits:RUS"]
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(archive), "--store", location, "--negative",
                                 "--no-attributed"])
    with zipfile.ZipFile(archive) as opened:
        assert ",negative," not in opened.read("edges.csv").decode()  # the Kremlin's denial is reported speech


def test_the_cli_streams_to_stdout(location: str) -> None:
    result = runner.invoke(app, ["export", "--format", "cytoscape", "--store", location, "--entity", "CHN"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [edge["data"]["id"] for edge in document["elements"]["edges"]] == ["CHN:hasInfluenceOver:PRK"]


@pytest.mark.parametrize(("arguments", "message"), [
    (["--format", "trig", "--rollup"], "--rollup applies to the network formats"),
    (["--format", "turtle", "--no-attributed"], "--no-attributed applies to the network formats"),
    (["--format", "nquads", "--predicate", "visits", "--predicate", "meetsWith"], "takes one --predicate"),
    (["--format", "gexf", "--predicate", "sellsTo"], "'sellsTo' is not a predicate"),
    (["--format", "graphml", "--min-confidence", "2"], "expected a number from 0 to 1"),
])
def test_the_cli_explains_options_that_do_not_fit(location: str, arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["export", *arguments, "--store", location])
    assert result.exit_code == 2 and message in result.output


def test_the_service_serves_network_formats_with_names_for_entities(client: TestClient) -> None:
    response = client.get("/export", params={"format": "cytoscape", "entity": "Pyongyang"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    assert 'filename="geokg.cyjs"' in response.headers["content-disposition"]
    document = response.json()
    assert document["data"]["entity"] == "PRK"
    assert {edge["data"]["id"] for edge in document["elements"]["edges"]} == {
        "CHN:hasInfluenceOver:PRK", "PRK:meetsWith:RUS", "PRK:providesWeaponsTo:RUS"}
    rolled = client.get("/export", params={"format": "cytoscape", "entity": "Kim Jong Un", "rollup": True}).json()
    assert rolled["data"]["entity"] == "PRK" and "PRK:visits:RUS" in {e["data"]["id"] for e in
                                                                      rolled["elements"]["edges"]}


def test_the_service_takes_every_projection_option(client: TestClient) -> None:
    params: dict[str, str | list[str]] = {
        "format": "gexf", "predicate": ["providesAidTo", "meetsWith"], "since": "2023-09-01",
        "until": "2023-12-31", "min_confidence": "0.6", "min_sources": "1", "include_negative": "true",
        "include_attributed": "true"}
    response = client.get("/export", params=params)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/gexf+xml")
    graph = nx.read_gexf(io.BytesIO(response.content))
    assert sorted(key for _, _, key in graph.edges(keys=True)) == [
        "PRK:meetsWith:RUS", "PRK:providesWeaponsTo:RUS", "PRK:providesWeaponsTo:negative:RUS"]
    archive = client.get("/export", params={"format": "csv", "min_sources": 2})
    with zipfile.ZipFile(io.BytesIO(archive.content)) as opened:
        assert len(opened.read("edges.csv").decode().splitlines()) == 1 + 1


def test_the_service_refuses_network_options_for_rdf_and_bad_values(client: TestClient) -> None:
    rdf = client.get("/export", params={"format": "turtle", "rollup": True})
    assert rdf.status_code == 400 and "rollup apply to the network formats" in rdf.json()["message"]
    several = client.get("/export", params={"format": "trig", "predicate": ["visits", "meetsWith"]})
    assert several.status_code == 400 and "one predicate" in several.json()["message"]
    assert client.get("/export", params={"format": "trig", "predicate": "visits"}).status_code == 200
    assert client.get("/export", params={"format": "graphml", "min_confidence": 2}).status_code == 422
    unknown = client.get("/export", params={"format": "graphml", "entity": "Atlantis"})
    assert unknown.status_code == 404 and "/entities?q=Atlantis" in unknown.json()["message"]
