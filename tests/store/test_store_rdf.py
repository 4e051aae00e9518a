"""The RDF mapping on its own: stable identities, canonical literals, and shapes that catch bad data."""

from __future__ import annotations

import re
from dataclasses import replace

import pyoxigraph as ox
import pytest
from store_samples import PROVENANCE, arms_report

from graph.model import Entity
from graph.store import open_store, write_document
from graph.store.rdf import (
    ENTITIES_GRAPH,
    canonical_datetime,
    canonical_decimal,
    claim_iri,
    document_iri,
    entities_from_quads,
    entity_quads,
    evidence_iri,
    statement_quads,
    unique_statements,
)
from graph.store.validate import malformed_claim_graphs, validate


def test_claim_identity_is_stable_and_depends_on_document_and_reading() -> None:
    document, statements = arms_report()
    first = statements[0]
    assert claim_iri(first) == claim_iri(replace(first, confidence=0.1))  # a new score is the same claim
    assert claim_iri(first) != claim_iri(replace(first, doc_id="elsewhere"))
    assert claim_iri(first) != claim_iri(replace(first, polarity="negative"))
    assert len({claim_iri(s) for s in statements}) == len(statements)
    assert unique_statements(statements + statements[:2]) == statements


def test_one_statement_maps_to_its_graph_evidence_and_fact() -> None:
    document, statements = arms_report()
    quads = statement_quads(statements[0], document, PROVENANCE)
    claim = claim_iri(statements[0])
    in_own_graph = [q for q in quads if q.graph_name == ox.NamedNode(claim)]
    assert len(in_own_graph) == 1
    assert {q.graph_name.value for q in quads} == {
        claim, "https://geokg.org/graph/provenance", "https://geokg.org/graph/facts"}
    assert not any(isinstance(term, ox.BlankNode) for q in quads for term in (q.subject, q.object))
    evidence = evidence_iri(document.id, statements[0].sentence.start, statements[0].sentence.end)
    assert {q.object.value for q in quads if q.predicate.value.endswith("#evidence")} == {evidence}
    denial = statement_quads(statements[1], document, PROVENANCE)
    assert "https://geokg.org/graph/facts" not in {q.graph_name.value for q in denial}


def test_literals_are_written_in_the_canonical_form_the_store_keeps() -> None:
    assert [canonical_decimal(v) for v in (0.87, 1.0, 0.0, 0.1234, 0.5)] == ["0.87", "1", "0", "0.123", "0.5"]
    assert canonical_datetime("2024-05-01T12:00:00+02:00") == "2024-05-01T10:00:00Z"
    assert canonical_datetime("2024-05-01T10:00:00") == "2024-05-01T10:00:00Z"
    with pytest.raises(ValueError):
        canonical_datetime("yesterday")


def test_document_ids_that_are_not_iri_safe_are_encoded() -> None:
    assert document_iri("seed-article") == "https://geokg.org/doc/seed-article"
    assert document_iri("a b/c?d") == "https://geokg.org/doc/a%20b%2Fc%3Fd"


def test_the_shapes_catch_a_broken_claim(tmp_path) -> None:
    with open_store(tmp_path / "store") as store:
        document, statements = arms_report()
        write_document(store, document, statements, PROVENANCE)
        assert validate(store).conforms
        claim = claim_iri(statements[0])
        position = evidence_iri(document.id, statements[0].sentence.start, statements[0].sentence.end) + "/position"
        store.update(f"""
            DELETE DATA {{ GRAPH <https://geokg.org/graph/provenance> {{
                <{claim}> <https://geokg.org/ontology#polarity> "positive" .
                <{position}> <http://www.w3.org/ns/oa#start> 0 . }} }} ;
            INSERT DATA {{
              GRAPH <https://geokg.org/graph/provenance> {{
                <{claim}> <https://geokg.org/ontology#polarity> "maybe" ;
                          <https://geokg.org/ontology#confidence> 1.5 .
                <{position}> <http://www.w3.org/ns/oa#start> 500 . }}
              GRAPH <{claim}> {{ <https://geokg.org/id/RUS> <https://geokg.org/ontology#attacks> 
                                 <https://geokg.org/id/UKR> }} }}""")
        validation = validate(store)
        assert not validation.conforms
        for message in ("polarity is", "one confidence", "before its end", "exactly its one triple"):
            assert message in validation.report, message
        assert malformed_claim_graphs(store) == [claim]


@pytest.mark.parametrize("change, message", [
    (dict(predicate="sellsTo"), "not a relation of the ontology"),
    (dict(polarity="maybe"), "polarity 'maybe'"),
    (dict(modality="rumoured"), "modality 'rumoured'"),
    (dict(confidence=1.5), "outside [0, 1]"),
])
def test_a_statement_the_shapes_would_reject_is_refused_before_writing(change: dict, message: str) -> None:
    document, statements = arms_report()
    with pytest.raises(ValueError, match=re.escape(message)):
        statement_quads(replace(statements[0], **change), document, PROVENANCE)


SOLDIERS = Entity("isr-armed-forces", "Israel Armed Forces", "Organization", "ISR", ("IDF",),
                  parent="ISR", sector="MIL")


def _entities_graph(store) -> list[ox.Quad]:
    graph = ox.NamedNode(ENTITIES_GRAPH)
    return [ox.Quad(row["s"], row["p"], row["o"], graph) for row in store.select_stream(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}")]


def test_an_entity_and_its_sector_round_trip_through_a_store(tmp_path) -> None:
    quads = entity_quads(SOLDIERS)
    assert ox.Quad(ox.NamedNode("https://geokg.org/id/isr-armed-forces"),
                   ox.NamedNode("https://geokg.org/ontology#sector"),
                   ox.NamedNode("https://geokg.org/sector/MIL"), ox.NamedNode(ENTITIES_GRAPH)) in quads
    without = replace(SOLDIERS, id="pse-militants", sector=None)
    with open_store(tmp_path / "store") as store:
        store.insert(quads + entity_quads(without))
        read = entities_from_quads(_entities_graph(store))
    assert read == {"isr-armed-forces": SOLDIERS, "pse-militants": without}


def test_a_sector_the_ontology_does_not_name_is_refused_and_caught_by_the_shapes(tmp_path) -> None:
    with pytest.raises(KeyError, match="XYZ"):
        entity_quads(replace(SOLDIERS, sector="XYZ"))
    with open_store(tmp_path / "store") as store:
        document, statements = arms_report()
        write_document(store, document, statements, PROVENANCE)
        store.insert(entity_quads(SOLDIERS))
        assert validate(store).conforms
        store.update(f"""INSERT DATA {{ GRAPH <{ENTITIES_GRAPH}> {{
            <https://geokg.org/id/isr-armed-forces> <https://geokg.org/ontology#sector>
            <https://example.org/sector/MIL> }} }}""")
        validation = validate(store)
    assert not validation.conforms and "at most one sector" in validation.report
