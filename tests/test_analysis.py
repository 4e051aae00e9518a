"""graph.analysis on hand-written statements: the projection's shape and attributes, paths, rankings."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from graph import analysis
from graph.model import Document, Entity, Provenance, Span, Statement
from graph.store import open_store, write_document

PROVENANCE = Provenance("geokg-test", "0.0.1", "hand-written", "2024-05-01T10:00:00Z")
IRN = Entity("IRN", "Iran", "Country", "IRN")
RUS = Entity("RUS", "Russia", "Country", "RUS")
SYR = Entity("SYR", "Syria", "Country", "SYR")
MINISTRY = Entity("irn-foreign-ministry", "Iran foreign ministry", "Organization", "IRN", parent="IRN")


def document(doc_id: str, published: date, *claims: tuple) -> tuple[Document, list[Statement]]:
    sentences = [f"Sentence {i} of {doc_id}." for i in range(len(claims))]
    doc = Document(doc_id, " ".join(sentences), published)
    statements, offset = [], 0
    for sentence, (subject, predicate, obj, polarity, by, confidence, when) in zip(sentences, claims):
        statements.append(Statement(doc_id, subject, predicate, obj, polarity, "asserted", by,
                                    Span(offset, offset + len(sentence), sentence), confidence, when,
                                    published.isoformat(), None, PROVENANCE))
        offset += len(sentence) + 1
    return doc, statements


@pytest.fixture
def store(tmp_path: Path):  # noqa: ANN201
    with open_store(tmp_path / "store") as opened:
        for doc, statements in (
            document("one", date(2025, 3, 4),
                     (IRN, "providesWeaponsTo", RUS, "positive", None, 0.9, "2025-03-03"),
                     (MINISTRY, "providesWeaponsTo", RUS, "negative", MINISTRY, 0.8, None),
                     (IRN, "hasInfluenceOver", SYR, "positive", None, 0.6, None)),
            document("two", date(2025, 4, 2), (IRN, "providesWeaponsTo", RUS, "positive", RUS, 0.7, "2025-03")),
        ):
            write_document(opened, doc, statements, PROVENANCE)
        yield opened


def test_the_default_projection_is_the_facts_view_with_plain_attributes(store) -> None:  # noqa: ANN001
    graph = analysis.project(store)
    assert set(graph.edges(keys=True)) == {("IRN", "RUS", "providesWeaponsTo"), ("IRN", "SYR", "hasInfluenceOver")}
    assert graph.nodes["IRN"] == {"id": "IRN", "label": "Iran", "type": "Country", "country": "IRN", "sector": ""}
    weapons = graph.edges["IRN", "RUS", "providesWeaponsTo"]
    assert (weapons["sources"], weapons["claims"], weapons["confidence"]) == (2, 2, 0.9)
    assert (weapons["first_seen"], weapons["last_seen"]) == ("2025-03", "2025-03-03")
    assert weapons["plover"] == "AID" and isinstance(weapons["goldstein"], float)
    for _, _, data in graph.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    nx.write_graphml(graph, io.BytesIO())  # the writers take every attribute
    nx.write_gexf(graph, io.BytesIO())


def test_options_filter_and_roll_up(store) -> None:  # noqa: ANN001
    assert analysis.project(store, min_sources=2).number_of_edges() == 1
    assert analysis.project(store, since="2025-03-10").number_of_edges() == 1  # "2025-03" may be after the 10th
    assert list(analysis.project(store, include_attributed=False, predicates={"providesWeaponsTo"}).edges(keys=True)) \
        == [("IRN", "RUS", "providesWeaponsTo")]
    denials = analysis.project(store, include_negative=True)
    assert ("irn-foreign-ministry", "RUS", "providesWeaponsTo:negative") in denials.edges(keys=True)
    rolled = analysis.project(store, include_negative=True, rollup=True)
    assert ("IRN", "RUS", "providesWeaponsTo:negative") in rolled.edges(keys=True)
    with pytest.raises(KeyError):
        analysis.project(store, predicates={"sendsFlowersTo"})
    with pytest.raises(ValueError):
        analysis.project(store, since="March")


def test_paths_neighbourhoods_and_rankings(store) -> None:  # noqa: ANN001
    graph = analysis.project(store)
    [path] = analysis.shortest_paths(graph, "SYR", "RUS")
    assert [(step.source, step.target) for step in path] == [("SYR", "IRN"), ("IRN", "RUS")]
    assert analysis.shortest_paths(graph, "SYR", "RUS", directed=True) == []
    assert set(analysis.neighbourhood(graph, "SYR", 1).nodes) == {"SYR", "IRN"}
    assert analysis.rank(graph, "degree")[0][0] == "IRN"
    assert {node for node, _ in analysis.rank(graph, "pagerank")} == {"IRN", "RUS", "SYR"}


@pytest.mark.parametrize("rollup", [False, True])
@pytest.mark.parametrize("centre", ["RUS", "SYR", "irn-foreign-ministry"])
def test_around_an_entity_is_the_full_projection_cut_to_its_relations(store, centre, rollup) -> None:  # noqa: ANN001
    full = analysis.project(store, rollup=rollup, include_negative=True)
    around = analysis.project(store, rollup=rollup, include_negative=True, around=centre)
    expected = {(u, v, k) for u, v, k in full.edges(keys=True) if centre in (u, v)}
    assert set(around.edges(keys=True)) == expected
    for u, v, k in expected:
        assert around.edges[u, v, k] == full.edges[u, v, k]


@pytest.mark.parametrize("options", [{}, {"rollup": True}, {"since": "2025-03-10"}, {"min_sources": 2}])
def test_links_rank_and_walk_as_the_projection_does(store, options) -> None:  # noqa: ANN001
    graph, links = analysis.project(store, **options), analysis.project_links(store, **options)
    assert set(links.edges) == {(u, v) for u, v, d in graph.edges(data=True) if d["polarity"] == "positive"}
    for metric in analysis.METRICS:
        by_links, by_graph = analysis.rank(links, metric), analysis.rank(graph, metric)
        assert [node for node, _ in by_links] == [node for node, _ in by_graph]
        assert [score for _, score in by_links] == pytest.approx([score for _, score in by_graph])
    for source, target in (("SYR", "RUS"), ("IRN", "RUS")):
        if source in links and target in links:
            walks = analysis.path_pairs(links, source, target)
            assert analysis.steps(graph, walks) == analysis.shortest_paths(graph, source, target)


def test_pagerank_is_networkx_pagerank() -> None:
    weights = [("a", "b", 3), ("b", "c", 1), ("c", "a", 2), ("a", "c", 1), ("a", "b", 1), ("d", "a", 5)]
    graph = nx.DiGraph()
    graph.add_nodes_from("abcde")
    for u, v, w in weights:
        graph.add_edge(u, v, weight=graph.get_edge_data(u, v, {"weight": 0})["weight"] + w)
    expected = nx.pagerank(graph, weight="weight")
    found = analysis.pagerank(list("abcde"), weights)
    assert found == pytest.approx(expected)
