"""Network exports of the facts view: GraphML, GEXF, Cytoscape JSON and a Neo4j CSV pair.

Everything here starts from `graph.analysis.project`, so the files hold the
same relations as /paths, /neighbourhood and /rankings, with the same filters.
The XML and JSON come from networkx's own writers; the projection already
keeps every attribute a plain `str`, `int`, `float` or `bool` (those writers
reject `None`, lists and dates), and `prepare` only adds what the viewers need:

* nodes: id, label, type, country ("" when none), sector ("" when none), degree (relations it takes
  part in, in this export);
* edges, keyed by a stable id (`PRK:providesWeaponsTo:RUS`, with `:negative`
  before the object for a group of denials): predicate, label, polarity,
  symmetric, plover, quad_class, goldstein (absent for structural relations),
  claims, sources, first_seen, last_seen (ISO dates or ""), confidence.

Per format:

* `graphml`: opens in Gephi, yEd and Cytoscape desktop; edge ids are the keys.
* `gexf`: dynamic mode, each edge spanning [first_seen, last_seen] widened to
  whole days ("2023-09" runs from 2023-09-01 to 2023-09-30), each node from
  its first relation to its last, so Gephi's timeline plays the graph; undated
  edges (and their nodes) are always shown.
* `cytoscape`: networkx's Cytoscape.js JSON with `data` as an object and an
  `id` on every edge, so `cytoscape({elements: json.elements})` takes it as is.
* `csv`: a zip of `nodes.csv` and `edges.csv` with neo4j-admin import headers
  (`id:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, typed columns); LOAD CSV
  reads the same files (README, "Exports").
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from graph import analysis
from graph.ontology import sub_predicates
from graph.store.backend import KnowledgeStore
from graph.store.export import GRAPH_FORMATS, ExportError
from graph.store.queries import entity as entity_record

FORMATS: tuple[str, ...] = GRAPH_FORMATS
MEDIA_TYPES = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml",
               "cytoscape": "application/json", "csv": "application/zip"}
EXTENSIONS = {"graphml": "graphml", "gexf": "gexf", "cytoscape": "cyjs", "csv": "zip"}
"""File name extensions; `.cyjs` is what Cytoscape desktop expects of Cytoscape.js JSON."""

NODE_COLUMNS = ("id:ID", "label", "type", "country", "sector", "degree:int", ":LABEL")
EDGE_COLUMNS = (":START_ID", ":END_ID", ":TYPE", "id", "predicate", "label", "polarity", "symmetric:boolean",
                "plover", "quad_class", "goldstein:float", "claims:int", "sources:int", "first_seen",
                "last_seen", "confidence:float")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_XML_DECLARATION = b"<?xml version='1.0' encoding='utf-8'?>\n"
CHUNK = 64 * 1024


@dataclass(frozen=True)
class GraphSelection:
    """Which relations a network export holds: `analysis.project`'s options, and optionally one entity's edges.

    `predicates` are names of the ontology; each also brings its sub-predicates
    (`providesAidTo` includes `providesWeaponsTo`), as the RDF export's filter
    does. `entity` keeps only the relations with that entity at either end,
    like `geokg export --entity` for RDF; with `rollup` a body or person stands
    for the country it rolls up to. Bad values raise `ExportError` with a
    message naming the option.
    """

    entity: str | None = None
    predicates: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    rollup: bool = False
    min_confidence: float = 0.0
    min_sources: int = 1
    include_negative: bool = False
    include_attributed: bool = True
    limit: int | None = None
    """Only this many relations, the best sourced; the graph's `relations_total` counts them all."""

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(value):
                raise ExportError(f"--{name} {value!r}: expected a date like 2023, 2023-09 or 2023-09-15")
        for predicate in self.predicates:
            try:
                sub_predicates(predicate)
            except KeyError as exc:
                raise ExportError(f"--predicate {predicate!r} is not a predicate of the ontology") from exc
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ExportError(f"--min-confidence {self.min_confidence}: expected a number from 0 to 1")
        if self.min_sources < 1:
            raise ExportError(f"--min-sources {self.min_sources}: expected 1 or more")
        if self.limit is not None and self.limit < 1:
            raise ExportError(f"--limit {self.limit}: expected 1 or more")

    def project_options(self) -> dict[str, Any]:
        """Keyword arguments for `analysis.project`.

        The last three are passed only when they differ from `project`'s
        defaults, so that the service caches a default export under the same
        options as /neighbourhood, /paths and /rankings, and one projection
        serves them all.
        """
        expanded = {name for p in self.predicates for name in sub_predicates(p)}
        options: dict[str, Any] = {"rollup": self.rollup, "predicates": expanded or None, "since": self.since,
                                   "until": self.until, "min_sources": self.min_sources}
        if self.min_confidence:
            options["min_confidence"] = self.min_confidence
        if self.include_negative:
            options["include_negative"] = True
        if not self.include_attributed:
            options["include_attributed"] = False
        if self.limit is not None:
            options["best"] = self.limit
        return options


def export(store: KnowledgeStore, output: IO[bytes], format_name: str, selection: GraphSelection) -> None:
    """Project the store with `selection`'s options (around its entity, if any) and write it to `output`."""
    check_format(format_name)
    centre = selection.entity
    if centre and selection.rollup:
        record = entity_record(store, centre)
        centre = (record.country or centre) if record else centre
    options = selection.project_options()
    projection = analysis.project(store, **options, around=centre) if centre else analysis.project(store, **options)
    write(prepare(projection, centre, selection.limit), output, format_name)


def check_format(format_name: str) -> str:
    """`format_name` if it is a network format, else an `ExportError` listing them."""
    if format_name not in FORMATS:
        raise ExportError(f"unknown network format {format_name!r}: use one of {', '.join(FORMATS)}")
    return format_name


def edge_id(subject: str, key: str, obj: str) -> str:
    """A relation's id in every export: `PRK:providesWeaponsTo:RUS` (an XML name token, a Cytoscape.js id)."""
    return f"{subject}:{key}:{obj}"


def prepare(projection: nx.MultiDiGraph, entity: str | None = None, limit: int | None = None) -> nx.MultiDiGraph:
    """The graph as the files hold it: `entity`'s relations only (if given), degrees, edges keyed by `edge_id`.

    An entity the projection does not hold gives an empty graph: nothing in
    this selection relates to it. With `limit`, only that many relations are
    kept, the best sourced, and the graph says how many there were
    (`relations_total`) and how many it holds (`relations_shown`): the United
    States of a year's feed has tens of thousands, more than a page can draw.
    """
    graph = nx.MultiDiGraph(**projection.graph, entity=entity or "")
    if entity:
        edges = [(u, v, k, d) for u, v, k, d in projection.edges(keys=True, data=True) if entity in (u, v)] \
            if entity in projection else []
    else:
        edges = list(projection.edges(keys=True, data=True))
    if limit is not None:
        total = max(len(edges), projection.graph.get("relations_total", 0))
        edges = sorted(edges, key=lambda e: (-e[3]["sources"], -e[3]["claims"], e[0], e[3]["predicate"], e[1],
                                             e[3]["polarity"]))[:limit]
        graph.graph.update(relations_total=total, relations_shown=len(edges))
    for u, v, key, data in sorted(edges, key=lambda e: (e[0], e[2], e[1])):
        for node in (u, v):
            if node not in graph:
                graph.add_node(node, **projection.nodes[node])
        graph.add_edge(u, v, key=edge_id(u, key, v), **data)
    for node, degree in graph.degree():
        graph.nodes[node]["degree"] = int(degree)
    return graph


def write(graph: nx.MultiDiGraph, output: IO[bytes], format_name: str) -> None:
    """Serialise a `prepare`d graph to `output`, chunk by chunk."""
    for chunk in chunks(graph, format_name):
        output.write(chunk)


def chunks(graph: nx.MultiDiGraph, format_name: str) -> Iterator[bytes]:
    """The serialised `prepare`d graph in chunks of about `CHUNK` bytes (what an HTTP response streams).

    The writers produce a line or a JSON token at a time; a response that sent
    each on its own would spend its time passing thousands of tiny pieces.
    """
    check_format(format_name)
    pending: list[bytes] = []
    size = 0
    for part in _parts(graph, format_name):
        pending.append(part)
        size += len(part)
        if size >= CHUNK:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)


def _parts(graph: nx.MultiDiGraph, format_name: str) -> Iterator[bytes]:
    if format_name == "graphml":
        yield _XML_DECLARATION
        yield _graphml(graph).encode("utf-8")
        yield b"\n"
    elif format_name == "gexf":
        yield _XML_DECLARATION
        for line in nx.generate_gexf(_with_time_spans(graph)):
            yield (line + "\n").encode("utf-8")
    elif format_name == "cytoscape":
        for part in json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(_cytoscape(graph)):
            yield part.encode("utf-8")
        yield b"\n"
    else:
        yield _csv_zip(graph)


def _graphml(graph: nx.MultiDiGraph) -> str:
    """networkx's GraphML, with booleans spelled as XML Schema has them.

    networkx writes Python's `True`/`False`, which its own reader accepts but
    the GraphML schema's `xs:boolean` (and so a validating reader) does not.
    """
    writer = GraphMLWriter(graph)
    booleans = {key.get("id") for key in writer.xml.iter("key") if key.get("attr.type") == "boolean"}
    for data in writer.xml.iter("data"):
        if data.get("key") in booleans and data.text:
            data.text = data.text.lower()
    return str(writer)


def _cytoscape(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx's Cytoscape.js JSON, fixed where Cytoscape.js expects otherwise.

    networkx gives the graph's `data` as a list of pairs and no edge ids;
    Cytoscape.js reads `data` as an object and needs unique ids to select edges.
    The node `name` is the label, which Cytoscape desktop shows by default.
    """
    document = nx.cytoscape_data(graph, name="label")
    document["data"] = dict(graph.graph)
    for edge in document["elements"]["edges"]:
        edge["data"]["id"] = edge["data"]["key"]
    return document


def _with_time_spans(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with GEXF `start`/`end` on every dated edge and on nodes whose relations are all dated."""
    timed = graph.copy()
    timed.graph["mode"] = "dynamic"
    spans: dict[str, list[tuple[str, str] | None]] = {node: [] for node in timed}
    for u, v, key, data in timed.edges(keys=True, data=True):
        span = None
        if data["first_seen"]:
            span = (_first_day(data["first_seen"]), _last_day(data["last_seen"] or data["first_seen"]))
            data["start"], data["end"] = span
        data["id"] = key
        spans[u].append(span)
        spans[v].append(span)
    for node, node_spans in spans.items():
        if node_spans and all(node_spans):
            timed.nodes[node]["start"] = min(s[0] for s in node_spans)  # type: ignore[index]
            timed.nodes[node]["end"] = max(s[1] for s in node_spans)  # type: ignore[index]
    return timed


def _first_day(value: str) -> str:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date covers."""
    return value + ("-01-01" if len(value) == 4 else "-01" if len(value) == 7 else "")


def _last_day(value: str) -> str:
    """The last day a YYYY, YYYY-MM or YYYY-MM-DD date covers."""
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value


def _csv_zip(graph: nx.MultiDiGraph) -> bytes:
    """`nodes.csv` and `edges.csv` zipped, in the header layout of `neo4j-admin database import`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("nodes.csv", "w") as raw, io.TextIOWrapper(raw, "utf-8", newline="") as text:
            rows = csv.writer(text)
            rows.writerow(NODE_COLUMNS)
            for node, data in graph.nodes(data=True):
                labels = ";".join(("Entity", data["type"])) if data["type"] else "Entity"
                rows.writerow((node, data["label"], data["type"], data["country"], data.get("sector", ""),
                               data["degree"], labels))
        with archive.open("edges.csv", "w") as raw, io.TextIOWrapper(raw, "utf-8", newline="") as text:
            rows = csv.writer(text)
            rows.writerow(EDGE_COLUMNS)
            for u, v, key, data in graph.edges(keys=True, data=True):
                rows.writerow((u, v, data["predicate"], key, data["predicate"], data["label"], data["polarity"],
                               str(data["symmetric"]).lower(), data["plover"], data["quad_class"],
                               data.get("goldstein", ""), data["claims"], data["sources"], data["first_seen"],
                               data["last_seen"], data["confidence"]))
    return buffer.getvalue()
