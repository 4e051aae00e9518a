"""Read the geokg ontology (`ontology/geokg.ttl`, package data) and answer questions about it.

The Turtle file is the single source of truth for predicate names, their
hierarchy, symmetry and event-coding annotations: this module only walks its
triples, so adding or renaming a predicate there needs no change here.

What extraction needs (predicates, entity classes, sectors) is read once and
kept in the compiled cache (graph.cache) until the Turtle file changes, so that
a process that never touches RDF does not import rdflib or parse Turtle.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.cache import cached
from graph.resources import data_path

if TYPE_CHECKING:
    import rdflib

ONTOLOGY_PATH: Path = data_path("geokg.ttl")
ONTOLOGY_NS = "https://geokg.org/ontology#"
SECTOR_NS = "https://geokg.org/sector/"


def __getattr__(name: str) -> Any:
    """`GEOKG`, the rdflib namespace, made on first use so importing this module stays cheap."""
    if name == "GEOKG":
        import rdflib  # noqa: PLC0415

        return rdflib.Namespace(ONTOLOGY_NS)
    raise AttributeError(name)


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
    import rdflib  # noqa: PLC0415  (see the module docstring)

    graph = rdflib.Graph()
    graph.parse(ONTOLOGY_PATH, format="turtle")
    return graph


@cache
def _summary() -> dict[str, Any]:
    """Everything the functions below answer from, read from the Turtle once and cached on disk."""
    return cached("ontology", [ONTOLOGY_PATH, Path(__file__)], _read_summary)


def _read_summary() -> dict[str, Any]:
    from rdflib import RDF, RDFS, SKOS, Literal, URIRef  # noqa: PLC0415

    geokg = __getattr__("GEOKG")
    graph = load_ontology_graph()
    classes = frozenset(_local(cls) for cls in graph.transitive_subjects(RDFS.subClassOf, geokg.Entity)
                        if isinstance(cls, URIRef) and cls.startswith(geokg))
    names = {_local(prop) for prop in graph.transitive_subjects(RDFS.subPropertyOf, geokg.relation)
             if isinstance(prop, URIRef) and prop.startswith(geokg)}
    relations = {name: _predicate_info(graph, name, names) for name in sorted(names)}
    abstract = frozenset(n for n in relations if graph.value(geokg[n], geokg.isAbstract) == Literal(True))
    found = {}
    for node in graph.subjects(RDF.type, geokg.Sector):
        code = _text(graph, node, SKOS.notation)
        if code is None or str(node) != SECTOR_NS + code:
            raise ValueError(f"sector {node} must be named {SECTOR_NS}{{its skos:notation}}")
        found[code] = SectorInfo(code, str(node), _text(graph, node, SKOS.prefLabel) or code,
                                 _text(graph, node, SKOS.definition) or "",
                                 _text(graph, node, geokg.ploverActorType),
                                 _text(graph, node, geokg.cameoAgentCode))
    return {"classes": classes, "relations": relations, "abstract": abstract,
            "sectors": dict(sorted(found.items()))}


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


def cameo_predicate(code: str) -> str | None:
    """The predicate that records events of a CAMEO code ("0874" → retreatsFrom), or None.

    Read from the ontology's `geokg:cameoCovers` annotations: the longest covered
    prefix of the code wins, so importers of event-coded dictionaries never carry
    their own copy of the mapping.
    """
    covers = _cameo_covers()
    for length in range(len(code), 1, -1):
        if code[:length] in covers:
            return covers[code[:length]]
    return None


@cache
def _cameo_covers() -> dict[str, str]:
    graph = load_ontology_graph()
    covers: dict[str, str] = {}
    for subject, code in graph.subject_objects(__getattr__("GEOKG").cameoCovers):
        name = _local(subject)
        if covers.setdefault(str(code), name) != name:
            raise ValueError(f"CAMEO code {code} is covered by both {covers[str(code)]} and {name}")
    return covers


@dataclass(frozen=True)
class SectorInfo:
    """One actor sector of the ontology (`https://geokg.org/sector/MIL`)."""

    code: str
    iri: str
    label: str
    definition: str
    plover: str | None
    cameo: str | None


def sectors() -> dict[str, SectorInfo]:
    """The actor sectors (`geokg:Sector` individuals), by code ("GOV", "MIL", ...)."""
    return _summary()["sectors"]


def sector_iri(code: str) -> str:
    """The IRI of a sector code; KeyError for a code the ontology does not name."""
    if code not in sectors():
        raise KeyError(f"unknown sector code: {code!r}")
    return SECTOR_NS + code


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
    return ONTOLOGY_NS + type_name


def _entity_class_names() -> frozenset[str]:
    return _summary()["classes"]


def _all_relations() -> dict[str, PredicateInfo]:
    """Every relation predicate, concrete or abstract: geokg:relation and all below it."""
    return _summary()["relations"]


def _abstract_names() -> frozenset[str]:
    return _summary()["abstract"]


def _predicate_info(graph: rdflib.Graph, name: str, relations: set[str]) -> PredicateInfo:
    from rdflib import OWL, RDF, RDFS, SKOS  # noqa: PLC0415

    GEOKG = __getattr__("GEOKG")  # noqa: N806
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
    from rdflib import RDFS, URIRef  # noqa: PLC0415

    found = {_local(sup) for sup in graph.objects(URIRef(ONTOLOGY_NS + name), RDFS.subPropertyOf)}
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
    return str(iri).removeprefix(ONTOLOGY_NS)


def _text(graph: rdflib.Graph, subject: rdflib.URIRef, prop: rdflib.URIRef) -> str | None:
    # any=False: a second value for a single-valued annotation is an ontology error, not a choice.
    value = graph.value(subject, prop, any=False)
    return None if value is None else str(value)


def _number(graph: rdflib.Graph, subject: rdflib.URIRef, prop: rdflib.URIRef) -> float | None:
    value = graph.value(subject, prop, any=False)
    if value is None:
        return None
    return float(value.toPython())


def _class_name(graph: rdflib.Graph, subject: rdflib.URIRef, prop: rdflib.URIRef) -> str | None:
    value = graph.value(subject, prop, any=False)
    return None if value is None else _local(value)
