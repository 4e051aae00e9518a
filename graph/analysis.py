"""Graph analysis over the facts view: a networkx projection, paths, neighbourhoods and rankings.

`project()` turns the store's relations into a `networkx.MultiDiGraph` that
the exports (GraphML, GEXF, Cytoscape) and the HTTP service build on; the
functions after it answer questions on such a graph without touching the store.

The projection's attributes are plain `str`, `int`, `float` or `bool`, never
`None`, lists or dates, because networkx's GraphML and GEXF writers reject
those: a missing value is `""` (or, for `goldstein`, an absent attribute).

Nodes are keyed by entity id (the IRI's local name) and carry

    id, label, type, country ("" when the entity rolls up to no country), sector
    (the actor's sector code, `MIL`, `GOV` ..., "" when none is known)

Edges are keyed by predicate name (`"providesWeaponsTo"`), or
`"providesWeaponsTo:negative"` for a group of denials, and carry

    predicate, label (the predicate's label), polarity ("positive"|"negative"),
    symmetric (bool), plover, quad_class, goldstein (omitted when the ontology
    has none), claims and sources (supporting claims and documents), first_seen
    and last_seen (ISO dates, "" when no claim is dated), confidence (the highest)

Symmetric predicates (`meetsWith`, `alliedWith` ...) are stored once, in the
direction the claims state; `traversal_graph()` walks them both ways.

Paths and rankings need less than the projection: which entities are linked
by positive relations, and by how many sources. `project_links()` gives that
as a `networkx.DiGraph` with one edge per ordered pair (attributes `sources`,
and `symmetric`: the sources of its symmetric predicates), a fraction of the
projection's edges on a large store (docs/scaling.md); `shortest_paths` and
`rank` work on it, and the steps of a path are then read for its pairs only.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import numpy
import scipy.sparse

from graph.ontology import abstract_predicates
from graph.ontology import predicates as ontology_predicates
from graph.store.queries import (
    EdgeRecord,
    Link,
    best_relation_edges,
    entity_summaries,
    relation_edges,
    relation_links,
)

if TYPE_CHECKING:
    from graph.store.backend import KnowledgeStore

NEGATIVE_SUFFIX = ":negative"
Metric = Literal["pagerank", "degree", "betweenness"]
METRICS: tuple[str, ...] = ("pagerank", "degree", "betweenness")
BETWEENNESS_SAMPLE = 300
"""Above this many nodes, betweenness is estimated from this many sampled sources (seeded, so stable)."""


def project(store: KnowledgeStore, *, rollup: bool = False, predicates: set[str] | None = None,
            since: str | None = None, until: str | None = None, min_confidence: float = 0.0,
            min_sources: int = 1, include_negative: bool = False,
            include_attributed: bool = True, around: str | None = None,
            best: int | None = None, entities: Mapping[str, Any] | None = None) -> nx.MultiDiGraph:
    """The store's relations as a multigraph: one edge per (subject, predicate, object, polarity).

    Defaults give exactly the facts view (positive claims, asserted or
    intended). Options:

    * `rollup`: merge every actor into the country it rolls up to (ministries,
      officials, armed forces → their state); self-loops that creates are dropped.
    * `predicates`: only these predicate names (pass `sub_predicates(name)` to
      include the narrower ones; grouping names such as `eventRelation` match
      nothing themselves); names the ontology lacks raise KeyError.
    * `since`, `until`: YYYY, YYYY-MM or YYYY-MM-DD, inclusive, on each claim's
      event date or else its document's publication date; undated claims are
      then left out. A malformed date raises ValueError.
    * `min_confidence`: only claims at or above it; `min_sources`: only edges
      that that many documents support.
    * `include_negative`: add edges for denials (key suffix ":negative").
    * `include_attributed=False`: only claims in a document's own voice, not
      what it reports others saying.
    * `around`: only the relations of this entity id (after roll-up, if on): the
      explorer's view of one entity, without projecting the whole store.
    * `best`: only this many relations, the best sourced (`best_relation_edges`'s
      order); the graph's `relations_total` says how many there are in all.
    * `entities`: the store's entity summaries by id, when the caller keeps them
      (the service does); else they are read, which costs more than a small view.

    Nodes are the edges' endpoints (isolated entities are not included).
    """
    _check_predicates(predicates)
    filters = {"predicates": predicates, "rollup": rollup, "since": since, "until": until,
               "min_confidence": min_confidence, "min_sources": min_sources, "include_negative": include_negative,
               "include_attributed": include_attributed, "around": around}
    graph = nx.MultiDiGraph(name="geokg", rollup=rollup, include_negative=include_negative,
                            include_attributed=include_attributed, min_sources=min_sources,
                            min_confidence=float(min_confidence), since=since or "", until=until or "")
    if best is None:
        edges = relation_edges(store, **filters)
    else:
        edges, graph.graph["relations_total"] = best_relation_edges(store, best, **filters)
    add_edges(graph, edges, entities if entities is not None else
              {entity.id: entity for entity in entity_summaries(store)})
    return graph


def add_edges(graph: nx.MultiDiGraph, edges: Iterable[EdgeRecord], entities: dict[str, Any]) -> None:
    """Add relations to a projection, with the attributes the module doc lists (`entities`: summaries by id)."""
    catalogue = ontology_predicates()
    for edge in edges:
        for node in (edge.subject, edge.object):
            if node not in graph:
                known = entities.get(node)
                graph.add_node(node, id=node, label=known.label if known else node,
                               type=known.type if known else "",
                               country=(known.country or "") if known else "",
                               sector=(getattr(known, "sector", None) or "") if known else "")
        info = catalogue.get(edge.predicate)
        attributes: dict[str, Any] = {
            "predicate": edge.predicate,
            "label": info.label if info else edge.predicate,
            "polarity": edge.polarity,
            "symmetric": bool(info and info.symmetric),
            "plover": (info.plover or "") if info else "",
            "quad_class": (info.quad_class or "") if info else "",
            "claims": edge.claims,
            "sources": edge.sources,
            "first_seen": edge.first_seen or "",
            "last_seen": edge.last_seen or "",
            "confidence": edge.confidence,
        }
        if info is not None and info.goldstein is not None:
            attributes["goldstein"] = info.goldstein
        key = edge.predicate + (NEGATIVE_SUFFIX if edge.polarity == "negative" else "")
        graph.add_edge(edge.subject, edge.object, key=key, **attributes)


def _check_predicates(predicates: set[str] | None) -> None:
    if predicates is not None:
        unknown = sorted(set(predicates) - set(ontology_predicates()) - set(abstract_predicates()))
        if unknown:
            raise KeyError(f"not predicates of the ontology: {', '.join(unknown)}")


def project_links(store: KnowledgeStore, *, rollup: bool = False, predicates: set[str] | None = None,
                  since: str | None = None, until: str | None = None, min_sources: int = 1) -> nx.DiGraph:
    """Positive relations summed per ordered pair of entities (see the module doc), with `project`'s filters."""
    _check_predicates(predicates)
    return link_graph(relation_links(store, predicates=predicates, rollup=rollup, since=since, until=until,
                                     min_sources=min_sources))


def link_graph(links: Iterable[Link], nodes: Iterable[str] = ()) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    for link in links:
        graph.add_edge(link.subject, link.object, sources=link.sources, symmetric=link.symmetric_sources)
    return graph


def links_of(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """A projection's positive edges summed per ordered pair (what `project_links` reads from the store)."""
    totals: dict[tuple[str, str], list[int]] = {}
    for u, v, data in graph.edges(data=True):
        if data["polarity"] == "positive":
            total = totals.setdefault((u, v), [0, 0])
            total[0] += data["sources"]
            total[1] += data["sources"] if data["symmetric"] else 0
    return link_graph((Link(u, v, sources, symmetric) for (u, v), (sources, symmetric) in totals.items()),
                      graph.nodes)


def edge_subgraph(graph: nx.MultiDiGraph, predicates: Iterable[str] | None = None,
                  since: str | None = None, until: str | None = None) -> nx.MultiDiGraph:
    """A view of `graph` with only the edges of these predicates and seen within [since, until].

    Dates compare at the shorter precision, like the projection's filter, and
    an edge is kept when its [first_seen, last_seen] span meets the window.
    Undated edges are dropped as soon as a window is given.
    """
    wanted = set(predicates) if predicates is not None else None

    def keep(u: str, v: str, key: str) -> bool:
        data = graph.edges[u, v, key]
        if wanted is not None and data["predicate"] not in wanted:
            return False
        if since or until:
            first, last = data["first_seen"], data["last_seen"]
            if not first:
                return False
            if since and last < since[: len(last)]:
                return False
            if until and first > until[: len(first)]:
                return False
        return True

    return nx.subgraph_view(graph, filter_edge=keep)


def traversal_graph(links: nx.DiGraph, directed: bool = False) -> nx.Graph:
    """A simple graph to search paths on: undirected by default, else directed with symmetric links both ways."""
    if not directed:
        return links.to_undirected(as_view=True)
    walk = nx.DiGraph(links)
    walk.add_edges_from((v, u) for u, v, symmetric in links.edges(data="symmetric") if symmetric)
    return walk


@dataclass(frozen=True)
class Step:
    """One hop of a path: the relations between two consecutive entities, in their stored direction."""

    source: str
    target: str
    edges: tuple[tuple[str, str, str], ...]
    """(subject, edge key, object) of every positive edge linking the two, either way."""


def path_pairs(links: nx.DiGraph, source: str, target: str, *, max_hops: int = 4, limit: int = 10,
               directed: bool = False) -> list[list[str]]:
    """Up to `limit` shortest paths (as lists of entities) of at most `max_hops` hops; see `shortest_paths`."""
    for node in (source, target):
        if node not in links:
            raise KeyError(node)
    walk = traversal_graph(links, directed)
    try:
        length = nx.shortest_path_length(walk, source, target)
    except nx.NetworkXNoPath:
        return []
    if length > max_hops:
        return []
    return list(itertools.islice(nx.all_shortest_paths(walk, source, target), limit))


def shortest_paths(graph: nx.MultiDiGraph, source: str, target: str, *, max_hops: int = 4,
                   limit: int = 10, directed: bool = False) -> list[list[Step]]:
    """Up to `limit` shortest paths of at most `max_hops` hops from `source` to `target`.

    By default a path may follow a relation against its direction ("China
    influences North Korea, which arms Russia" links CHN and RUS either way);
    `directed=True` follows subject → object only (symmetric relations both
    ways). Each step lists all the relations between its two entities. An
    empty list means no path within `max_hops`; unknown nodes raise KeyError.
    Denials never make a path. `graph` needs the path's relations only: the
    projection of the whole store, or just of the pairs `path_pairs` found.
    """
    paths = path_pairs(links_of(graph), source, target, max_hops=max_hops, limit=limit, directed=directed)
    return steps(graph, paths, directed)


def steps(graph: nx.MultiDiGraph, paths: list[list[str]], directed: bool = False) -> list[list[Step]]:
    """Paths of entities as steps with their relations, read from `graph`."""
    return [[_step(graph, u, v, directed) for u, v in itertools.pairwise(path)] for path in paths]


def _step(graph: nx.MultiDiGraph, u: str, v: str, directed: bool) -> Step:
    found = []
    for a, b in ((u, v), (v, u)) if u != v else ((u, v),):
        for key, data in (graph.get_edge_data(a, b) or {}).items():
            if data["polarity"] != "positive":
                continue
            if directed and (a, b) != (u, v) and not data["symmetric"]:
                continue
            found.append((a, key, b))
    return Step(u, v, tuple(sorted(found)))


def neighbourhood(graph: nx.MultiDiGraph, center: str, depth: int = 1) -> nx.MultiDiGraph:
    """The ego network of `center`: every entity within `depth` hops either way, and all edges among them.

    Raises KeyError for an entity the graph does not hold.
    """
    if center not in graph:
        raise KeyError(center)
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    nodes = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), center, cutoff=depth)
    return graph.subgraph(nodes)


def rank(graph: nx.MultiDiGraph | nx.DiGraph, metric: Metric, top: int | None = None) -> list[tuple[str, float]]:
    """Entities by centrality, highest first (ties by id), on the positive edges.

    `graph` is a projection, or its links (`project_links`, `links_of`: the
    same answer from far fewer edges).

    * `pagerank`: on the directed graph, each pair of entities weighted by the
      number of documents supporting its relations (being the object of many
      well-sourced relations ranks high).
    * `degree`: how many distinct entities each one is related to, either way,
      over the most possible (networkx's degree centrality).
    * `betweenness`: how often an entity lies on shortest paths between others
      (undirected); estimated from a seeded sample of sources on large graphs.
    """
    links = graph if not graph.is_multigraph() else links_of(graph)
    if metric == "pagerank":
        weights = [(u, v, sources) for u, v, sources in links.edges(data="sources")]
        weights += [(v, u, symmetric) for u, v, symmetric in links.edges(data="symmetric") if symmetric]
        scores = pagerank(list(links.nodes), weights)
    else:
        simple = nx.Graph()
        simple.add_nodes_from(links.nodes)
        simple.add_edges_from((u, v) for u, v in links.edges if u != v)
        if metric == "degree":
            scores = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
        elif metric == "betweenness":
            sample = BETWEENNESS_SAMPLE if len(simple) > BETWEENNESS_SAMPLE else None
            scores = nx.betweenness_centrality(simple, k=sample, seed=7 if sample else None)
        else:
            raise ValueError(f"unknown metric {metric!r}: use one of {', '.join(METRICS)}")
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:top] if top is not None else ranked


def pagerank(nodes: list[str], weights: Iterable[tuple[str, str, float]], alpha: float = 0.85,
             max_iter: int = 100, tol: float = 1.0e-6) -> dict[str, float]:
    """networkx's `pagerank` (same defaults, same result) on weighted links given as arrays.

    Building a networkx graph only to turn it into a sparse matrix costs more
    than the iteration on a store's hundreds of thousands of links; parallel
    links add up, as networkx's conversion adds them.
    """
    count = len(nodes)
    if count == 0:
        return {}
    position = {node: i for i, node in enumerate(nodes)}
    rows, cols, data = [], [], []
    for u, v, weight in weights:
        rows.append(position[u])
        cols.append(position[v])
        data.append(float(weight))
    matrix = scipy.sparse.csr_array((data, (rows, cols)), shape=(count, count), dtype=float)
    out = numpy.asarray(matrix.sum(axis=1)).ravel()
    scale = numpy.divide(1.0, out, out=numpy.zeros_like(out), where=out != 0)
    matrix = scipy.sparse.diags_array(scale) @ matrix
    x = numpy.full(count, 1.0 / count)
    uniform = numpy.full(count, 1.0 / count)
    dangling = numpy.where(out == 0)[0]
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ matrix + x[dangling].sum() * uniform) + (1 - alpha) * uniform
        if numpy.absolute(x - last).sum() < count * tol:
            return dict(zip(nodes, map(float, x)))
    raise nx.PowerIterationFailedConvergence(max_iter)
