"""Read the geokg ontology (`ontology/geokg.ttl`, package data) and answer questions about it.

The Turtle file is the single source of truth for predicate names, their
hierarchy, symmetry and event-coding annotations: this module only walks its
triples, so adding or renaming a predicate there needs no change here.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef

from graph.resources import data_path

ONTOLOGY_PATH: Path = data_path("geokg.ttl")
GEOKG = rdflib.Namespace("https://geokg.org/ontology#")


@dataclass(frozen=True)
class PredicateInfo:
    """What the ontology says about one relation predicate.

    Names (`name`, `parents`, `ancestors`, `domain`, `range`) are local names in
    the geokg namespace, since every relation and entity class lives there.
    """

    name: str
    iri: str
    label: str
    definition: str
    symmetric: bool
    parents: tuple[str, ...]
    """Direct super-properties, sorted."""
    ancestors: tuple[str, ...]
    """All super-properties, nearest first (ties sorted); `relation` is always among them."""
    plover: str | None
    cameo: str | None
    quad_class: str | None
    goldstein: float | None
    domain: str | None
    range: str | None


@cache
def load_ontology_graph() -> rdflib.Graph:
    """The parsed ontology, shared by all callers: parse once, never mutate it.

    Callers that need to change it (say, to merge it into a dataset with other
    triples) should copy its triples into their own graph.
    """
    graph = rdflib.Graph()
    graph.parse(ONTOLOGY_PATH, format="turtle")
    return graph


def predicates() -> dict[str, PredicateInfo]:
    """The concrete relation predicates an extractor may state (SPEC §2), by name."""
    abstract = _abstract_names()
    return {n: info for n, info in _all_relations().items() if n not in abstract}


def abstract_predicates() -> dict[str, PredicateInfo]:
    """The grouping predicates (`relation`, `eventRelation`, ...), useful only in queries."""
    abstract = _abstract_names()
    return {n: info for n, info in _all_relations().items() if n in abstract}


def sub_predicates(name: str) -> frozenset[str]:
    """`name` and every predicate below it, so a query for a general relation finds the specific ones.

    Raises KeyError for a name that is not a relation predicate of the ontology.
    """
    relations = _all_relations()
    if name not in relations:
        raise KeyError(f"unknown relation predicate: {name!r}")
    return frozenset(n for n, info in relations.items() if n == name or name in info.ancestors)


def quad_classes() -> tuple[str, ...]:
    """The quad classes the predicates are annotated with, in PLOVER's order: verbal before material,
    cooperation before conflict, and standing ("structural") relations last."""
    names = {info.quad_class for info in predicates().values() if info.quad_class}
    return tuple(sorted(names, key=lambda q: (q == "structural", "conflict" in q, "material" in q, q)))


def entity_class_iri(type_name: str) -> str:
    """The IRI of an entity class (`"Country"` → `https://geokg.org/ontology#Country`).

    Raises KeyError when the ontology has no such subclass of geokg:Entity, so
    a misspelt type fails where it is written rather than as an unknown class
    in the store.
    """
    if type_name not in _entity_class_names():
        raise KeyError(f"unknown entity class: {type_name!r}")
    return str(GEOKG[type_name])


@cache
def _entity_class_names() -> frozenset[str]:
    graph = load_ontology_graph()
    return frozenset(
        _local(cls)
        for cls in graph.transitive_subjects(RDFS.subClassOf, GEOKG.Entity)
        if isinstance(cls, URIRef) and cls.startswith(GEOKG)
    )


@cache
def _all_relations() -> dict[str, PredicateInfo]:
    """Every relation predicate, concrete or abstract: geokg:relation and all below it."""
    graph = load_ontology_graph()
    names = {
        _local(prop)
        for prop in graph.transitive_subjects(RDFS.subPropertyOf, GEOKG.relation)
        if isinstance(prop, URIRef) and prop.startswith(GEOKG)
    }
    return {name: _predicate_info(graph, name, names) for name in sorted(names)}


@cache
def _abstract_names() -> frozenset[str]:
    graph = load_ontology_graph()
    return frozenset(
        name for name in _all_relations()
        if graph.value(GEOKG[name], GEOKG.isAbstract) == Literal(True)
    )


def _predicate_info(graph: rdflib.Graph, name: str, relations: set[str]) -> PredicateInfo:
    iri = GEOKG[name]
    return PredicateInfo(
        name=name,
        iri=str(iri),
        label=_text(graph, iri, RDFS.label) or "",
        definition=_text(graph, iri, SKOS.definition) or "",
        symmetric=(iri, RDF.type, OWL.SymmetricProperty) in graph,
        parents=_parents(graph, name, relations),
        ancestors=_ancestors(graph, name, relations),
        plover=_text(graph, iri, GEOKG.ploverType),
        cameo=_text(graph, iri, GEOKG.cameoCode),
        quad_class=_text(graph, iri, GEOKG.quadClass),
        goldstein=_number(graph, iri, GEOKG.goldsteinScore),
        domain=_class_name(graph, iri, RDFS.domain),
        range=_class_name(graph, iri, RDFS.range),
    )


def _parents(graph: rdflib.Graph, name: str, relations: set[str]) -> tuple[str, ...]:
    found = {_local(sup) for sup in graph.objects(GEOKG[name], RDFS.subPropertyOf)}
    return tuple(sorted(found & relations))


def _ancestors(graph: rdflib.Graph, name: str, relations: set[str]) -> tuple[str, ...]:
    """Breadth-first walk up the hierarchy, so nearer super-properties come first."""
    seen: list[str] = []
    queue = deque(_parents(graph, name, relations))
    while queue:
        current = queue.popleft()
        if current in seen or current == name:
            continue
        seen.append(current)
        queue.extend(_parents(graph, current, relations))
    return tuple(seen)


def _local(iri: rdflib.term.Node) -> str:
    return str(iri).removeprefix(str(GEOKG))


def _text(graph: rdflib.Graph, subject: URIRef, prop: URIRef) -> str | None:
    # any=False: a second value for a single-valued annotation is an ontology error, not a choice.
    value = graph.value(subject, prop, any=False)
    return None if value is None else str(value)


def _number(graph: rdflib.Graph, subject: URIRef, prop: URIRef) -> float | None:
    value = graph.value(subject, prop, any=False)
    if value is None:
        return None
    return float(value.toPython())


def _class_name(graph: rdflib.Graph, subject: URIRef, prop: URIRef) -> str | None:
    value = graph.value(subject, prop, any=False)
    return None if value is None else _local(value)
