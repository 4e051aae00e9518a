"""GET /paths, /neighbourhood and /rankings: networkx on the cached entity-to-entity links of the facts view.

The links (`graph.analysis.project_links`) say who is related to whom and how
well sourced; the relations a response lists (a path's steps, an ego
network's best edges) are then read from the store for those entities only,
so no request builds the projection of every relation.
"""

from __future__ import annotations

import itertools
from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Query

from api import present, schemas
from api.deps import ServiceDep, resolve
from api.errors import responses
from api.routers.common import Predicate, PredicateName, Rollup, Since, Until
from api.service import Service, projection_key
from graph import analysis
from graph.ontology import sub_predicates
from graph.store.queries import edges_among, relation_edges

router = APIRouter(tags=["graph"])

MinSources = Annotated[int, Query(ge=1, le=1000, description="Only relations that many documents support.")]


def _options(predicate: PredicateName | None, since: str | None, until: str | None, rollup: bool,
             min_sources: int) -> dict[str, Any]:
    return dict(rollup=rollup, since=since, until=until, min_sources=min_sources,
                predicates=set(sub_predicates(predicate.value)) if predicate else None)


@router.get("/paths", response_model=schemas.PathsOut, responses=responses(404, 422))
def paths(
    service: ServiceDep,
    source: Annotated[str, Query(max_length=200, description="Entity id or name.", examples=["CHN"])],
    target: Annotated[str, Query(max_length=200, description="Entity id or name.", examples=["RUS"])],
    max_hops: Annotated[int, Query(ge=1, le=6)] = 4,
    limit: Annotated[int, Query(ge=1, le=50, description="Most paths returned.")] = 10,
    directed: Annotated[bool, Query(description=(
        "Follow relations from subject to object only (symmetric ones both ways). By default a path may "
        "run against a relation's direction: China influences North Korea, which arms Russia."))] = False,
    predicate: Predicate = None, since: Since = None, until: Until = None, rollup: Rollup = False,
    min_sources: MinSources = 1,
) -> schemas.PathsOut:
    """The shortest chains of relations linking two entities, each hop with every relation between its ends."""
    names = service.names()
    start, end = resolve(names, source, "source"), resolve(names, target, "target")
    options = _options(predicate, since, until, rollup, min_sources)
    if rollup:
        start = names.get(start.country or start.id) or start
        end = names.get(end.country or end.id) or end
    key = ("paths", start.id, end.id, max_hops, limit, directed, projection_key(options))
    return service.cached(key, lambda: _paths(service, start, end, max_hops, limit, directed, options), answer=True)


def _paths(service: Service, start: Any, end: Any, max_hops: int, limit: int, directed: bool,
           options: dict[str, Any]) -> schemas.PathsOut:
    names = service.names()
    links = service.links(**options)
    found: list[list[analysis.Step]] = []
    graph = nx.MultiDiGraph()
    if start.id in links and end.id in links:
        walks = analysis.path_pairs(links, start.id, end.id, max_hops=max_hops, limit=limit, directed=directed)
        # Only the relations of the paths' steps are read, not the whole projection.
        steps = {pair for walk in walks for pair in itertools.pairwise(walk)}
        analysis.add_edges(graph, relation_edges(service.store, pairs=steps, **options), {})
        found = analysis.steps(graph, walks, directed)
    return schemas.PathsOut(
        source=present.summary(start), target=present.summary(end),
        paths=[schemas.Path(hops=len(path), steps=[
            schemas.PathStep(source=present.node(names, step.source, graph.nodes[step.source]),
                             target=present.node(names, step.target, graph.nodes[step.target]),
                             relations=[present.edge(names, u, v, graph.edges[u, v, key])
                                        for u, key, v in step.edges])
            for step in path]) for path in found])


@router.get("/neighbourhood", response_model=schemas.Neighbourhood, responses=responses(404, 422))
def neighbourhood(
    service: ServiceDep,
    entity: Annotated[str, Query(max_length=200, description="Entity id or name.", examples=["PRK"])],
    depth: Annotated[int, Query(ge=1, le=2, description="Hops from the entity, either way.")] = 1,
    limit: Annotated[int, Query(ge=1, le=2000, description="Most edges returned: most sources first, then most claims.")] = 200,
    predicate: Predicate = None, since: Since = None, until: Until = None, rollup: Rollup = False,
    min_sources: MinSources = 1,
) -> schemas.Neighbourhood:
    """The ego network of an entity: everyone within `depth` relations of it, and the relations among them."""
    names = service.names()
    center = resolve(names, entity, "entity")
    if rollup:
        center = names.get(center.country or center.id) or center
    options = _options(predicate, since, until, rollup, min_sources)
    key = ("neighbourhood", center.id, depth, limit, projection_key(options))
    return service.cached(key, lambda: _neighbourhood(service, center, depth, limit, options), answer=True)


def _neighbourhood(service: Service, center: Any, depth: int, limit: int,
                   options: dict[str, Any]) -> schemas.Neighbourhood:
    names = service.names()
    links = service.links(**options)
    if center.id not in links:
        return schemas.Neighbourhood(center=present.summary(center), depth=depth, nodes=[present.summary(center)],
                                     edges=[], total_edges=0, truncated=False)
    # The ego network's members from the cached links; its best relations counted and cut by the store.
    members = nx.single_source_shortest_path_length(links.to_undirected(as_view=True), center.id, cutoff=depth)
    kept, total = edges_among(service.store, set(members), limit, **options)
    graph = nx.MultiDiGraph()
    analysis.add_edges(graph, kept, {})
    edges = [(u, v, data) for u, v, data in graph.edges(data=True)]
    edges.sort(key=lambda e: (-e[2]["sources"], -e[2]["claims"], e[0], e[2]["predicate"], e[1]))
    shown = {center.id} | set(graph.nodes)
    return schemas.Neighbourhood(
        center=present.summary(center), depth=depth,
        nodes=[present.node(names, n, graph.nodes[n] if n in graph else {}) for n in sorted(shown)],
        edges=[present.edge(names, u, v, data) for u, v, data in edges], total_edges=total,
        truncated=total > limit)


@router.get("/rankings", response_model=schemas.Rankings, responses=responses(422))
def rankings(
    service: ServiceDep,
    metric: Annotated[analysis.Metric, Query(description=(
        "pagerank: the target of many well-sourced relations; degree: related to many others; "
        "betweenness: on many shortest paths between others."))] = "pagerank",
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    predicate: Predicate = None, since: Since = None, until: Until = None, rollup: Rollup = False,
    min_sources: MinSources = 1,
) -> schemas.Rankings:
    """Entities ranked by a centrality measure on the facts view."""
    names = service.names()
    links = service.links(**_options(predicate, since, until, rollup, min_sources))
    key = ("rank", metric, predicate.value if predicate else None, since, until, rollup, min_sources)
    ranked = service.cached(key, lambda: analysis.rank(links, metric))
    return schemas.Rankings(metric=metric, items=[
        schemas.Ranked(entity=present.node(names, node, {}), score=score) for node, score in ranked[:limit]])
