"""Checking a store against `ontology/shapes.ttl` (SHACL) and the one-triple-per-claim-graph rule.

The data graph SHACL sees is the merge of the entities, provenance and facts
graphs, because claims refer to entities and documents described in other
graphs. It is built in memory, so this is meant for tests and small stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyshacl
from rdflib import Graph

from graph.ontology import load_ontology_graph
from graph.resources import data_path
from graph.store.rdf import (
    ENTITIES_GRAPH,
    FACTS_GRAPH,
    PROVENANCE_GRAPH,
    plain_string,
    to_rdflib,
)

if TYPE_CHECKING:
    from graph.store.backend import KnowledgeStore

SHAPES_PATH: Path = data_path("shapes.ttl")


@dataclass(frozen=True)
class Validation:
    conforms: bool
    report: str
    """pyshacl's text report, plus one line per claim graph that does not hold exactly one triple."""


def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def data_graph(store: KnowledgeStore) -> Graph:
    """The entities, provenance and facts graphs merged into one in-memory rdflib graph."""
    graph = Graph()
    for row in store.select_stream(f"""SELECT ?s ?p ?o WHERE {{
  VALUES ?g {{ <{ENTITIES_GRAPH}> <{PROVENANCE_GRAPH}> <{FACTS_GRAPH}> }}
  GRAPH ?g {{ ?s ?p ?o }} }}"""):
        graph.add((to_rdflib(row["s"]), to_rdflib(row["p"]), plain_string(to_rdflib(row["o"]))))
    return graph


def malformed_claim_graphs(store: KnowledgeStore) -> list[str]:
    """Claims whose own graph does not hold exactly their one triple (subject, predicate, object)."""
    rows = store.select(f"""SELECT ?claim (COUNT(?x) AS ?n) (SUM(?match) AS ?matching) WHERE {{
  GRAPH <{PROVENANCE_GRAPH}> {{
    ?claim a geokg:Claim ; geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o }}
  OPTIONAL {{ GRAPH ?claim {{ ?cs ?cp ?co }} }}
  # Outside the OPTIONAL: inside it, ?s ?p ?o are out of scope (Virtuoso keeps to that; Oxigraph does not).
  BIND (CONCAT(STR(?cs), STR(?cp), STR(?co)) AS ?x)
  BIND (IF(BOUND(?cs) && ?cs = ?s && ?cp = ?p && ?co = ?o, 1, 0) AS ?match)
}} GROUP BY ?claim HAVING (COUNT(?x) != 1 || SUM(?match) != 1)""")
    return [str(row[0]) for row in rows]


def validate(store: KnowledgeStore) -> Validation:
    """SHACL-validate the store with the ontology as ontology graph, and check every claim graph."""
    conforms, _, report = pyshacl.validate(
        data_graph(store), shacl_graph=shapes_graph(), ont_graph=load_ontology_graph(),
        inference="none", advanced=True)
    bad = malformed_claim_graphs(store)
    lines = [str(report)] + [f"claim graph {claim} does not hold exactly its one triple" for claim in bad]
    return Validation(conforms=bool(conforms) and not bad, report="\n".join(lines))
