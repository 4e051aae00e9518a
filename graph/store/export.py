"""Streaming RDF out of a store (and back in): TriG, N-Quads, JSON-LD, Turtle.

Quads go from the backend to the output without being collected in Python:
a whole-store export in a dataset format is the backend's own dump, anything
else is a lazily read SELECT fed to `pyoxigraph.serialize`.

Turtle has no named graphs, so a Turtle export is the merge of the shared
graphs (ontology, entities, provenance, facts) without the per-claim graphs:
merging those would put a denied triple next to asserted ones, while every
claim's triple is still there as its geokg:claimSubject/Predicate/Object.

A filtered export holds the matching claims: their graphs, their descriptions
and evidence, their documents, extractions and extractors, the entities they
name, and the facts they support.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import pyoxigraph as ox

from graph.ontology import sub_predicates
from graph.store.backend import KnowledgeStore
from graph.store.queries import date_compare
from graph.store.rdf import (
    ENTITIES_GRAPH,
    FACTS_GRAPH,
    PREFIXES,
    PROVENANCE_GRAPH,
    SHARED_GRAPHS,
    entity_iri,
    predicate_iri,
)

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "csv")
"""Network formats (SPEC §4, and a Neo4j CSV pair): `graph.graph_export` writes them from the graph projection."""

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class ExportError(ValueError):
    """An export request that cannot be served (unknown format, malformed filter)."""


@dataclass(frozen=True)
class ExportFilter:
    """Which claims to export. Empty means the whole store.

    `entity` matches claims with that entity as subject or object; `predicate`
    matches the predicate and its sub-predicates; `since`/`until` (YYYY,
    YYYY-MM or YYYY-MM-DD, inclusive) match the claim's event date, else its
    document's publication date, at the precision of the claim's date.
    """

    entity: str | None = None
    predicate: str | None = None
    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(value):
                raise ExportError(f"--{name} {value!r}: expected a date like 2023, 2023-09 or 2023-09-15")
        if self.predicate is not None:
            try:
                sub_predicates(self.predicate)
            except KeyError as exc:
                raise ExportError(f"--predicate {self.predicate!r} is not a predicate of the ontology") from exc

    @property
    def empty(self) -> bool:
        return not (self.entity or self.predicate or self.since or self.until)


def rdf_format(name: str) -> ox.RdfFormat:
    """The pyoxigraph format for an export format name; network formats are `graph.graph_export`'s."""
    key = name.lower()
    if key in GRAPH_FORMATS:
        raise ExportError(f"format {name!r} is a network format, written by graph.graph_export from the "
                          f"graph projection; RDF exports take one of {', '.join(RDF_FORMATS)}")
    if key not in RDF_FORMATS:
        raise ExportError(f"unknown format {name!r}: use one of {', '.join(RDF_FORMATS)}")
    return RDF_FORMATS[key]


def export(store: KnowledgeStore, output: IO[bytes], format_name: str,
           selection: ExportFilter | None = None) -> None:
    """Write the store, or the claims `selection` picks, to `output` in `format_name`."""
    rdf = rdf_format(format_name)
    if selection is None or selection.empty:
        if rdf == ox.RdfFormat.TURTLE:
            quads = _quads(store, f"SELECT ?s ?p ?o ?g WHERE {{ {_shared_graphs()} GRAPH ?g {{ ?s ?p ?o }} }}")
        else:
            store.dump(output, rdf)
            return
    else:
        quads = _quads(store, _filtered_query(selection))
    if rdf == ox.RdfFormat.TURTLE:
        shared = set(SHARED_GRAPHS)
        triples: Iterator[ox.Triple | ox.Quad] = (
            q.triple for q in quads if q.graph_name.value in shared)  # type: ignore[union-attr]
        ox.serialize(triples, output, rdf, prefixes=PREFIXES)
    else:
        ox.serialize(quads, output, rdf, prefixes=PREFIXES)


def load(store: KnowledgeStore, source: IO[bytes], format_name: str) -> None:
    """Add a serialised dataset (an export) to the store: the inverse of `export` for dataset formats."""
    rdf = rdf_format(format_name)
    if not rdf.supports_datasets:
        raise ExportError(f"{format_name} holds no named graphs; import trig, nquads or jsonld")
    store.load(source, rdf)


def _shared_graphs() -> str:
    return "VALUES ?g { " + " ".join(f"<{g}>" for g in SHARED_GRAPHS) + " }"


def _quads(store: KnowledgeStore, sparql: str) -> Iterator[ox.Quad]:
    for row in store.select_stream(sparql):
        yield ox.Quad(row["s"], row["p"], row["o"], row["g"])  # type: ignore[arg-type]


def _filtered_query(selection: ExportFilter) -> str:
    conditions = []
    if selection.entity:
        conditions.append(f"?claim geokg:claimSubject|geokg:claimObject <{entity_iri(selection.entity)}> .")
    if selection.predicate:
        names = " ".join(f"<{predicate_iri(n)}>" for n in sorted(sub_predicates(selection.predicate)))
        conditions.append(f"?claim geokg:claimPredicate ?predicate . VALUES ?predicate {{ {names} }}")
    date_filters = ""
    if selection.since or selection.until:
        conditions.append("OPTIONAL { ?claim geokg:eventDate ?eventDate } "
                          "OPTIONAL { ?doc dcterms:issued ?issued }")
        date_filters = "BIND (COALESCE(?eventDate, STR(?issued)) AS ?when) FILTER (BOUND(?when))"
        if selection.since:
            date_filters += f" FILTER ({date_compare('?when', '>=', selection.since)})"
        if selection.until:
            date_filters += f" FILTER ({date_compare('?when', '<=', selection.until)})"
    prov, entities, facts = f"<{PROVENANCE_GRAPH}>", f"<{ENTITIES_GRAPH}>", f"<{FACTS_GRAPH}>"
    described = ("geokg:evidence | geokg:evidence/oa:hasTarget | geokg:evidence/oa:hasTarget/oa:hasSelector"
                 " | prov:wasDerivedFrom | prov:wasGeneratedBy | prov:wasGeneratedBy/prov:wasAssociatedWith")
    newline = "\n      "
    return f"""
SELECT DISTINCT ?s ?p ?o ?g WHERE {{
  {{
    SELECT DISTINCT ?claim WHERE {{
      GRAPH {prov} {{
        ?claim a geokg:Claim ; prov:wasDerivedFrom ?doc .
        {newline.join(conditions)}
      }}
      {date_filters}
    }}
  }}
  {{ GRAPH ?claim {{ ?s ?p ?o }} BIND (?claim AS ?g) }}
  UNION {{ GRAPH {prov} {{ ?claim ({described})? ?s . ?s ?p ?o }} BIND ({prov} AS ?g) }}
  UNION {{ GRAPH {prov} {{ ?claim geokg:claimSubject|geokg:claimObject|geokg:attributedTo ?s }}
          GRAPH {entities} {{ ?s ?p ?o }} BIND ({entities} AS ?g) }}
  UNION {{ GRAPH {prov} {{ ?claim geokg:claimSubject ?s ; geokg:claimPredicate ?p ; geokg:claimObject ?o ;
                                 geokg:polarity "positive" ; geokg:modality ?modality }}
          FILTER (?modality IN ("asserted", "intended"))
          GRAPH {facts} {{ ?s ?p ?o }} BIND ({facts} AS ?g) }}
}}"""
