"""Exports: dataset formats round-trip unchanged, Turtle is readable, filters slice by claim."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from store_samples import (
    PROVENANCE,
    arms_report,
    canonical_quads,
    follow_up,
    store_quads,
)

from graph.store import KnowledgeStore, open_store, write_document
from graph.store.export import ExportError, ExportFilter, export, load
from graph.store.rdf import PROVENANCE_GRAPH, plain_string

DATASET_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}


def filled(store: KnowledgeStore) -> KnowledgeStore:
    for document, statements in (arms_report(), follow_up()):
        write_document(store, document, statements, PROVENANCE)
    return store


def exported(store: KnowledgeStore, name: str, selection: ExportFilter | None = None) -> bytes:
    buffer = io.BytesIO()
    export(store, buffer, name, selection)
    return buffer.getvalue()


@pytest.mark.parametrize("name", sorted(DATASET_FORMATS))
def test_export_then_import_into_an_empty_store_gives_the_same_dataset(
        store: KnowledgeStore, tmp_path, name: str) -> None:
    data = exported(filled(store), name)
    assert canonical_quads(data, DATASET_FORMATS[name]) == store_quads(store)
    with open_store(tmp_path / "copy") as copy:
        copy.update("DROP ALL")  # not even the ontology graph: the import alone must rebuild it
        load(copy, io.BytesIO(data), name)
        assert store_quads(copy) == store_quads(store)


def test_a_store_reloaded_from_its_own_trig_export_is_unchanged(store: KnowledgeStore) -> None:
    """The backend's own import path (bulk load, or the Graph Store Protocol on a server)."""
    before = store_quads(filled(store))
    data = exported(store, "trig")
    store.update("DROP ALL")
    load(store, io.BytesIO(data), "trig")
    assert store_quads(store) == before


def test_rdflib_reads_the_trig_export_as_isomorphic_graphs(store: KnowledgeStore) -> None:
    data = exported(filled(store), "trig")
    parsed = rdflib.Dataset()
    parsed.parse(data=data, format="trig")
    graph_names = {str(g.identifier) for g in parsed.graphs() if len(g)}
    assert PROVENANCE_GRAPH in graph_names and len(graph_names) == 4 + 7  # shared graphs + one per claim
    for name in graph_names:
        mine = rdflib.Graph()
        for row in store.select_stream(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"):
            mine.add(tuple(_rdflib(row[v]) for v in ("s", "p", "o")))  # type: ignore[arg-type]
        theirs = rdflib.Graph()
        for s, p, o in parsed.graph(rdflib.URIRef(name)):
            theirs.add((s, p, plain_string(o)))
        assert isomorphic(mine, theirs), name


def _rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    from graph.store.rdf import to_rdflib

    return plain_string(to_rdflib(term))


def test_turtle_is_readable_and_holds_no_claim_graph_triples(store: KnowledgeStore) -> None:
    text = exported(filled(store), "turtle").decode()
    assert "@prefix geokg: <https://geokg.org/ontology#>" in text
    assert "id:PRK geokg:providesWeaponsTo id:RUS" in text.replace("\t", " ")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    geokg = rdflib.Namespace("https://geokg.org/ontology#")
    chn, ukr = rdflib.URIRef("https://geokg.org/id/CHN"), rdflib.URIRef("https://geokg.org/id/UKR")
    assert (chn, geokg.providesWeaponsTo, ukr) not in graph  # a request stays a claim, never a triple
    assert len(list(graph.subjects(rdflib.RDF.type, geokg.Claim))) == 7


def claims_in(data: bytes) -> set[str]:
    graph = rdflib.Dataset(default_union=True)
    graph.parse(data=data, format="trig")
    return {str(c) for c in graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://geokg.org/ontology#Claim"))}


def test_filters_select_claims_by_entity_predicate_and_date(store: KnowledgeStore) -> None:
    from graph.store import queries as q

    filled(store)
    by_iri = {c.claim: c for c in q.claims(store)}
    china = claims_in(exported(store, "trig", ExportFilter(entity="CHN")))
    assert china == {c for c, r in by_iri.items() if "CHN" in (r.subject, r.object)}
    assert len(china) == 3
    aid = claims_in(exported(store, "trig", ExportFilter(predicate="providesAidTo")))
    assert {by_iri[c].predicate for c in aid} == {"providesWeaponsTo"} and len(aid) == 4
    december = claims_in(exported(store, "trig", ExportFilter(since="2023-11-10")))
    assert {by_iri[c].document_id for c in december} == {"follow-up"}  # its month, 2023-11, overlaps
    november_9 = claims_in(exported(store, "trig", ExportFilter(since="2023-11-09", until="2023-11-09")))
    assert len(november_9) == 7  # month "2023-11" overlaps the day; undated claims use 2023-11-09
    assert claims_in(exported(store, "trig", ExportFilter(until="2023-10"))) == set()
    # a month or year bound includes the days inside it
    assert claims_in(exported(store, "trig", ExportFilter(until="2023-11"))) == set(by_iri)
    assert claims_in(exported(store, "trig", ExportFilter(since="2023", until="2023"))) == set(by_iri)


def test_a_filtered_export_is_self_contained_and_valid(store: KnowledgeStore, tmp_path) -> None:
    from graph.store.validate import validate

    data = exported(filled(store), "nquads", ExportFilter(entity="CHN"))
    with open_store(tmp_path / "slice") as piece:
        load(piece, io.BytesIO(data), "nquads")
        validation = validate(piece)
        assert validation.conforms, validation.report


@pytest.mark.parametrize("name", ["graphml", "gexf", "cytoscape", "csv"])
def test_network_formats_are_left_to_the_graph_exporter(store: KnowledgeStore, name: str) -> None:
    with pytest.raises(ExportError, match="network format, written by graph.graph_export"):
        export(store, io.BytesIO(), name)


def test_bad_filters_are_refused() -> None:
    with pytest.raises(ExportError, match="expected a date"):
        ExportFilter(since="last week")
    with pytest.raises(ExportError, match="not a predicate"):
        ExportFilter(predicate="sellsTo")
