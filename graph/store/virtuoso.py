"""Virtuoso as the remote store: what differs from the SPARQL 1.1 servers `RemoteStore` is written for.

Virtuoso 7 (Debian's `virtuoso-opensource`) serves SPARQL Query and Update at
`/sparql`, and under it too, so `sparql+http://HOST:8890/sparql` works with
`RemoteStore`'s layout (PATH/query, PATH/update). What differs:

* no Graph Store Protocol endpoint for the whole dataset: a dump is a SELECT of
  geokg's graphs (capped by the server's `ResultSetMaxRows`: the dump refuses
  to be silently short), and a load sends the quads as SPARQL updates in
  chunks. Large initial loads go through Virtuoso's own bulk loader instead
  (README, "Changing backend");
* Virtuoso keeps system graphs of its own: dumps keep to graphs under
  `https://geokg.org/`;
* an ASK answered in JSON comes back as a one-row table (`__ASK_RETVAL`);
* blank nodes are named `nodeID://b10000`, not a label pyoxigraph accepts, and booleans
  come back as `"1"^^xsd:boolean`.

A server is taken for Virtuoso when its HTTP `Server` header says so.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from typing import IO
from urllib.parse import urlencode

import pyoxigraph as ox

from graph.store.backend import RemoteStore, StoreError, _http_base, _prologue
from graph.store.rdf import PREFIXES, XSD_NS

GEOKG_GRAPHS = "https://geokg.org/"
"""Every graph geokg writes is under this prefix: the ontology, entities, provenance, facts and claim graphs."""
XSD_BOOLEAN = XSD_NS + "boolean"
LOAD_CHUNK_QUADS = 20_000
_BNODE_LABEL = re.compile(rb'"nodeID://')


class VirtuosoStore(RemoteStore):
    """A Virtuoso server as the store (see the module's docstring for what differs)."""

    def ask(self, sparql: str) -> bool:
        result = self._query(sparql)
        if result.askAnswer is not None:
            return bool(result.askAnswer)
        return any(bool(int(row[0])) for row in result)  # Virtuoso's one-row table: 1 or 0

    def select_stream(self, sparql: str) -> Iterator[ox.QuerySolution]:
        body = urlencode({"query": _prologue() + sparql}).encode()
        response = self._http(self.query_endpoint, body, {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json"})
        with response:
            truncated = response.headers.get("X-SPARQL-MaxRows")
            data = _BNODE_LABEL.sub(b'"', response.read())
        if truncated:
            raise StoreError(f"{self.location} cut the result at {truncated} rows (its ResultSetMaxRows); "
                             "raise [SPARQL] ResultSetMaxRows in virtuoso.ini, or dump with Virtuoso's own tools")
        solutions = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
        if not isinstance(solutions, ox.QuerySolutions):
            raise ValueError("select_stream takes a SELECT query")
        return iter(solutions)

    def dump(self, output: IO[bytes], rdf_format: ox.RdfFormat) -> None:
        rows = self.select_stream(f"""SELECT ?s ?p ?o ?g WHERE {{
  GRAPH ?g {{ ?s ?p ?o }} FILTER STRSTARTS(STR(?g), "{GEOKG_GRAPHS}") }}""")
        quads = (ox.Quad(row["s"], row["p"], _canonical(row["o"]), row["g"]) for row in rows)  # type: ignore[arg-type]
        ox.serialize(quads, output, rdf_format, prefixes=PREFIXES)

    def load(self, source: IO[bytes], rdf_format: ox.RdfFormat) -> None:
        """Chunks of INSERT requests; quads with blank nodes go together in the last one, so they stay one node."""
        self._check_writable()
        chunk: list[ox.Quad] = []
        with_blank_nodes: list[ox.Quad] = []
        for quad in ox.parse(source, rdf_format):
            (with_blank_nodes if _has_blank_node(quad) else chunk).append(quad)
            if len(chunk) == LOAD_CHUNK_QUADS:
                self.update(_insert(chunk))
                chunk = []
        for rest in (chunk, with_blank_nodes):
            if rest:
                self.update(_insert(rest))


_BOOLEANS = {"1": "true", "0": "false"}


def _canonical(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Virtuoso stores booleans as numbers and gives back "1"^^xsd:boolean: the canonical form is "true"."""
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_BOOLEAN and term.value in _BOOLEANS:
        return ox.Literal(_BOOLEANS[term.value], datatype=term.datatype)
    return term


def _has_blank_node(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def _insert(quads: list[ox.Quad]) -> str:
    """INSERT … WHERE {} rather than INSERT DATA, which Virtuoso refuses with blank nodes in it."""
    by_graph: dict[str, list[str]] = {}
    for quad in quads:
        by_graph.setdefault(str(quad.graph_name), []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
    blocks = "\n".join(f"GRAPH {graph} {{\n" + "\n".join(lines) + "\n}" for graph, lines in by_graph.items())
    return "INSERT {\n" + blocks + "\n} WHERE {}"


def is_virtuoso(url: str) -> bool:
    """Whether the server at a `sparql+http://` URL says it is Virtuoso (False if it cannot be asked)."""
    request = urllib.request.Request(f"{_http_base(url)}/query?{urlencode({'query': 'ASK {}'})}",
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            server = response.headers.get("Server", "")
    except OSError:
        return False  # RemoteStore's own probe reports the failure with its advice
    return server.startswith("Virtuoso")


def remote_store(url: str, read_only: bool = False) -> RemoteStore:
    """The store at a `sparql+http(s)://` URL, in the dialect its server speaks."""
    kind = VirtuosoStore if is_virtuoso(url) else RemoteStore
    return kind(url, read_only=read_only)
