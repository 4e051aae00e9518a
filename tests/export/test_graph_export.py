"""Network exports read back: the same nodes, edges and attributes in every format, and well-formed files.

Each format is read with the reader its users have (networkx's GraphML, GEXF
and Cytoscape readers; csv for the Neo4j pair) and compared with the graph
that was written. No official XML schema is available offline, so the XML
checks below are structural: namespaces, declared keys and attributes, typed
values, edges between declared nodes, GEXF time spans.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest
from samples import fill

from graph import analysis, graph_export
from graph.graph_export import GraphSelection
from graph.store import KnowledgeStore, open_store
from graph.store.export import ExportError

NODE_ATTRIBUTES = ("label", "type", "country", "sector", "degree")
EDGE_ATTRIBUTES = ("predicate", "label", "polarity", "symmetric", "plover", "quad_class", "goldstein", "claims",
                   "sources", "first_seen", "last_seen", "confidence")
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
GRAPHML_TYPES = {"boolean": ("true", "false"), "int": int, "long": int, "float": float, "double": float,
                 "string": str}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[KnowledgeStore]:
    with open_store(tmp_path / "store") as opened:
        yield fill(opened)


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[KnowledgeStore]:
    with open_store(tmp_path / "empty") as opened:
        yield opened


def exported(store: KnowledgeStore, format_name: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    graph_export.export(store, buffer, format_name, GraphSelection(**options))
    return buffer.getvalue()


def read_back(format_name: str, data: bytes) -> nx.MultiDiGraph:
    """The export as its users' tools read it, as a networkx multigraph."""
    if format_name == "graphml":
        return nx.read_graphml(io.BytesIO(data), edge_key_type=str, force_multigraph=True)
    if format_name == "gexf":
        return nx.read_gexf(io.BytesIO(data))
    if format_name == "cytoscape":
        return nx.cytoscape_graph(json.loads(data))
    return _read_csv_pair(data)


def _read_csv_pair(data: bytes) -> nx.MultiDiGraph:
    """The zip as neo4j-admin import reads it: typed columns by their `name:type` headers."""
    cast = {"int": int, "float": float, "boolean": lambda v: v == "true"}
    graph = nx.MultiDiGraph()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = csv.DictReader(io.TextIOWrapper(archive.open("nodes.csv"), "utf-8", newline=""))
        edges = csv.DictReader(io.TextIOWrapper(archive.open("edges.csv"), "utf-8", newline=""))
        assert tuple(nodes.fieldnames or ()) == graph_export.NODE_COLUMNS
        assert tuple(edges.fieldnames or ()) == graph_export.EDGE_COLUMNS
        for row in nodes:
            assert row[":LABEL"].split(";")[0] == "Entity"
            graph.add_node(row["id:ID"], **_typed(row, cast, skip=("id:ID", ":LABEL")))
        for row in edges:
            assert row[":TYPE"] == row["predicate"]
            graph.add_edge(row[":START_ID"], row[":END_ID"], key=row["id"],
                           **_typed(row, cast, skip=(":START_ID", ":END_ID", ":TYPE", "id")))
    return graph


def _typed(row: dict[str, str], cast: dict[str, Any], skip: tuple[str, ...]) -> dict[str, Any]:
    values = {}
    for header, value in row.items():
        if header in skip:
            continue
        name, _, kind = header.partition(":")
        if kind and value == "":
            continue  # an empty typed cell is no property (neo4j-admin import does the same)
        values[name] = cast[kind](value) if kind else value
    return values


def summary(graph: nx.MultiDiGraph) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str, str], dict[str, Any]]]:
    nodes = {node: {a: data[a] for a in NODE_ATTRIBUTES} for node, data in graph.nodes(data=True)}
    edges = {(u, v, key): {a: data[a] for a in EDGE_ATTRIBUTES if a in data}
             for u, v, key, data in graph.edges(keys=True, data=True)}
    return nodes, edges


@pytest.mark.parametrize("format_name", graph_export.FORMATS)
def test_every_format_reads_back_with_the_same_nodes_edges_and_attributes(
        store: KnowledgeStore, format_name: str) -> None:
    written = graph_export.prepare(analysis.project(store, include_negative=True))
    back = read_back(format_name, exported(store, format_name, include_negative=True))
    assert summary(back) == summary(written)
    nodes, edges = summary(back)
    assert set(nodes) == {"CHN", "PRK", "RUS", "kim-jong-un"}
    weapons = edges[("PRK", "RUS", "PRK:providesWeaponsTo:RUS")]
    assert weapons == {"predicate": "providesWeaponsTo", "label": "provides weapons to", "polarity": "positive",
                       "symmetric": False, "plover": "AID", "quad_class": "material cooperation",
                       "goldstein": 8.3, "claims": 2, "sources": 2, "first_seen": "2023-09",
                       "last_seen": "2023-11-09", "confidence": 0.9}
    assert edges[("PRK", "RUS", "PRK:providesWeaponsTo:negative:RUS")]["polarity"] == "negative"
    assert "goldstein" not in edges[("CHN", "PRK", "CHN:hasInfluenceOver:PRK")]  # structural: no score
    assert nodes["PRK"] == {"label": "North Korea", "type": "Country", "country": "PRK", "sector": "", "degree": 4}


def test_attributes_are_plain_values_of_one_type_each(store: KnowledgeStore) -> None:
    graph = graph_export.prepare(analysis.project(store, include_negative=True))
    for items in (graph.nodes(data=True), ((key, data) for _, _, key, data in graph.edges(keys=True, data=True))):
        types: dict[str, set[type]] = {}
        for _, data in items:
            for name, value in data.items():
                assert isinstance(value, (str, int, float, bool)), (name, value)
                types.setdefault(name, set()).add(type(value))
        assert all(len(kinds) == 1 for kinds in types.values()), types


def test_graphml_is_well_formed_with_declared_typed_keys(store: KnowledgeStore) -> None:
    root = ElementTree.fromstring(exported(store, "graphml", include_negative=True))
    assert root.tag == f"{GRAPHML}graphml"
    keys = {key.get("id"): key for key in root.iter(f"{GRAPHML}key")}
    assert all(key.get("attr.type") in GRAPHML_TYPES and key.get("for") in ("graph", "node", "edge")
               for key in keys.values())
    [graph] = root.iter(f"{GRAPHML}graph")
    assert graph.get("edgedefault") == "directed"
    node_ids = [node.get("id") for node in graph.iter(f"{GRAPHML}node")]
    assert len(node_ids) == len(set(node_ids)) == 4
    edge_ids = []
    for scope, element in [("node", n) for n in graph.iter(f"{GRAPHML}node")] + \
                          [("edge", e) for e in graph.iter(f"{GRAPHML}edge")]:
        if scope == "edge":
            assert element.get("source") in node_ids and element.get("target") in node_ids
            edge_ids.append(element.get("id"))
        for data in element.iter(f"{GRAPHML}data"):
            key = keys[data.get("key")]
            assert key.get("for") == scope
            _check_value(key.get("attr.type"), data.text or "")
    assert len(edge_ids) == len(set(edge_ids)) == 5


def _check_value(kind: str | None, text: str) -> None:
    check = GRAPHML_TYPES[kind or "string"]
    if isinstance(check, tuple):
        assert text in check
    else:
        check(text)


def test_gexf_is_dynamic_with_day_spans_that_gephi_can_play(store: KnowledgeStore) -> None:
    root = ElementTree.fromstring(exported(store, "gexf", include_negative=True))
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.2"
    [graph] = root.iter(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == ("dynamic", "date",
                                                                                        "directed")
    declared = {(block.get("class"), attribute.get("id"))
                for block in graph.iter(f"{GEXF}attributes") for attribute in block.iter(f"{GEXF}attribute")}
    spans = {}
    for kind in ("node", "edge"):
        for element in graph.iter(f"{GEXF}{kind}"):
            assert all((kind, value.get("for")) in declared for value in element.iter(f"{GEXF}attvalue"))
            if element.get("start"):
                start, end = date.fromisoformat(element.get("start", "")), date.fromisoformat(element.get("end", ""))
                assert start <= end
                spans[element.get("id")] = (start.isoformat(), end.isoformat())
    assert spans["PRK:providesWeaponsTo:RUS"] == ("2023-09-01", "2023-11-09")  # a month widens to its first day
    assert spans["kim-jong-un:visits:RUS"] == ("2023-09-01", "2023-09-30")  # ... and to its last
    assert spans["RUS"] == ("2023-09-01", "2023-11-09")  # a node lives from its first relation to its last
    assert "CHN:hasInfluenceOver:PRK" not in spans and "PRK" not in spans  # undated: always on screen


def test_cytoscape_json_is_what_cytoscape_js_loads(store: KnowledgeStore) -> None:
    document = json.loads(exported(store, "cytoscape"))
    assert isinstance(document["data"], dict) and document["directed"] is True
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    ids = [element["data"]["id"] for element in nodes + edges]
    assert len(ids) == len(set(ids))  # Cytoscape.js needs unique ids across nodes and edges
    node_ids = {node["data"]["id"] for node in nodes}
    assert all(edge["data"]["source"] in node_ids and edge["data"]["target"] in node_ids for edge in edges)
    assert {node["data"]["name"] for node in nodes} == {"China", "North Korea", "Russia", "Kim Jong Un"}


@pytest.mark.parametrize("format_name", graph_export.FORMATS)
def test_an_empty_store_exports_a_valid_empty_file(empty: KnowledgeStore, format_name: str) -> None:
    data = exported(empty, format_name)
    graph = read_back(format_name, data)
    assert graph.number_of_nodes() == graph.number_of_edges() == 0
    if format_name in ("graphml", "gexf"):
        ElementTree.fromstring(data)


def test_options_pick_the_relations(store: KnowledgeStore) -> None:
    def edges(**options: Any) -> set[str]:
        return {key for _, _, key in read_back("graphml", exported(store, "graphml", **options)).edges(keys=True)}

    everything = {"CHN:hasInfluenceOver:PRK", "PRK:meetsWith:RUS", "PRK:providesWeaponsTo:RUS",
                  "kim-jong-un:visits:RUS"}
    assert edges() == everything
    assert edges(rollup=True) == everything - {"kim-jong-un:visits:RUS"} | {"PRK:visits:RUS"}
    assert edges(predicates=("providesAidTo",)) == {"PRK:providesWeaponsTo:RUS"}  # with its sub-predicates
    assert edges(predicates=("visits", "meetsWith")) == {"PRK:meetsWith:RUS", "kim-jong-un:visits:RUS"}
    assert edges(min_sources=2) == {"PRK:providesWeaponsTo:RUS"}
    assert edges(min_confidence=0.7) == {"PRK:providesWeaponsTo:RUS", "kim-jong-un:visits:RUS"}
    assert edges(since="2023-10-01", until="2023-10-31") == {"PRK:meetsWith:RUS"}  # dated by its publication
    assert "PRK:providesWeaponsTo:negative:RUS" in edges(include_negative=True)
    own_voice = read_back("graphml", exported(store, "graphml", include_attributed=False))
    assert own_voice.edges["PRK", "RUS", "PRK:providesWeaponsTo:RUS"]["sources"] == 1  # Seoul's claim left out


def test_an_entity_keeps_its_own_relations_and_rolls_up_with_the_graph(store: KnowledgeStore) -> None:
    graph = read_back("cytoscape", exported(store, "cytoscape", entity="CHN"))
    assert list(graph.edges(keys=True)) == [("CHN", "PRK", "CHN:hasInfluenceOver:PRK")]
    assert graph.nodes["PRK"]["degree"] == 1  # degrees count what the file holds
    rolled = read_back("cytoscape", exported(store, "cytoscape", entity="kim-jong-un", rollup=True))
    assert {key for _, _, key in rolled.edges(keys=True)} == {"CHN:hasInfluenceOver:PRK", "PRK:meetsWith:RUS",
                                                              "PRK:providesWeaponsTo:RUS", "PRK:visits:RUS"}
    assert read_back("cytoscape", exported(store, "cytoscape", entity="USA")).number_of_nodes() == 0


def test_bad_options_and_formats_are_refused_with_the_option_named() -> None:
    for options, message in (({"since": "last year"}, "--since"), ({"predicates": ("sellsTo",)}, "sellsTo"),
                             ({"min_confidence": 1.5}, "--min-confidence"), ({"min_sources": 0}, "--min-sources")):
        with pytest.raises(ExportError, match=message):
            GraphSelection(**options)
    with pytest.raises(ExportError, match="graphml, gexf, cytoscape, csv"):
        graph_export.check_format("dot")


def test_every_format_carries_an_actors_sector(tmp_path: Path) -> None:
    from graph.model import Document, Entity, Span, Statement
    from graph.store import write_document
    from samples import PROVENANCE, RUS

    army = Entity("ukr-armed-forces", "Ukraine Armed Forces", "Organization", "UKR", parent="UKR", sector="MIL")
    text = "Ukrainian troops shelled Russian positions near Belgorod."
    document = Document("shelling", text, date(2024, 3, 1))
    claim = Statement(document.id, army, "attacks", RUS, "positive", "asserted", None, Span(0, len(text), text),
                      0.8, None, "2024-03-01", None, PROVENANCE)
    with open_store(tmp_path / "sectors") as opened:
        write_document(opened, document, [claim], PROVENANCE)
        for format_name in ("graphml", "gexf", "cytoscape"):
            graph = read_back(format_name, exported(opened, format_name))
            assert graph.nodes["ukr-armed-forces"]["sector"] == "MIL", format_name
            assert graph.nodes["RUS"].get("sector", "") == "", format_name
        with zipfile.ZipFile(io.BytesIO(exported(opened, "csv"))) as archive:
            nodes = {row["id:ID"]: row for row in csv.DictReader(io.TextIOWrapper(archive.open("nodes.csv")))}
        assert nodes["ukr-armed-forces"]["sector"] == "MIL"


@pytest.mark.parametrize("format_name", ["cytoscape", "graphml"])
def test_a_limited_view_keeps_the_best_sourced_relations_and_says_how_many_there_are(
        store: KnowledgeStore, format_name: str) -> None:
    projection = analysis.project(store)
    busiest = max(projection.nodes, key=projection.degree)
    every = [d for u, v, d in projection.edges(data=True) if busiest in (u, v)]
    cut = read_back(format_name, exported(store, format_name, entity=busiest, limit=2))
    assert len(every) > 2 and cut.number_of_edges() == 2
    kept = sorted(int(d["sources"]) for _, _, d in cut.edges(data=True))
    assert kept == sorted(d["sources"] for d in every)[-2:]
    if format_name == "cytoscape":
        data = json.loads(exported(store, format_name, entity=busiest, limit=2))["data"]
        assert (data["relations_total"], data["relations_shown"]) == (len(every), 2)


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ExportError, match="--limit"):
        GraphSelection(limit=0)
