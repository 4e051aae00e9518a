"""The ontology file against the interface contract (SPEC §2) and against itself.

The predicate list and symmetry below are written out on purpose: they are the
contract the Turtle must meet, so a change to either side shows up here.
"""

from __future__ import annotations

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, URIRef

from graph.ontology import (
    GEOKG,
    ONTOLOGY_PATH,
    abstract_predicates,
    entity_class_iri,
    load_ontology_graph,
    predicates,
    sub_predicates,
)

SPEC_PREDICATES = {
    "agreesWith", "consults", "meetsWith", "visits", "supports", "signsAgreementWith",
    "concedesTo", "cooperatesWith", "cooperatesMilitarilyWith", "providesAidTo",
    "providesWeaponsTo", "providesTechnologyTo", "retreatsFrom", "urges", "criticizes",
    "rejects", "threatens", "protestsAgainst", "sanctions", "mobilizesAgainst", "coerces",
    "attacks", "alliedWith", "hasRelationshipWith", "hasInfluenceOver", "memberOf",
    "leaderOf", "officialOf",
}
SPEC_SYMMETRIC = {
    "meetsWith", "signsAgreementWith", "cooperatesWith", "cooperatesMilitarilyWith",
    "alliedWith", "hasRelationshipWith",
}
STRUCTURAL = {"alliedWith", "hasRelationshipWith", "hasInfluenceOver", "memberOf", "leaderOf", "officialOf"}
EVENT = SPEC_PREDICATES - STRUCTURAL
QUAD_CLASSES = {"verbal cooperation", "material cooperation", "verbal conflict", "material conflict", "structural"}

ENTITY_CLASSES = {
    "Entity", "Country", "Organization", "Person", "Location", "Group",
    "InternationalOrganization", "GovernmentBody", "MediaOrganization", "Territory",
}
CLAIM_CLASSES = {"Claim", "Document", "Extraction", "Extractor"}
CLAIM_PROPERTIES = {
    "claimSubject", "claimPredicate", "claimObject", "polarity", "modality", "attributedTo",
    "confidence", "eventDate", "evidence", "triggerText", "url", "text", "contentHash", "documentId",
    "extractorVersion", "modelName", "country", "parent",
}
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return load_ontology_graph()


def test_file_parses_as_turtle_with_an_ontology_header() -> None:
    fresh = rdflib.Graph().parse(ONTOLOGY_PATH, format="turtle")
    headers = list(fresh.subjects(RDF.type, OWL.Ontology))
    assert headers == [URIRef("https://geokg.org/ontology")]
    header = headers[0]
    for prop in (RDFS.label, RDFS.comment, OWL.versionInfo):
        assert fresh.value(header, prop) is not None, prop
    assert str(fresh.value(header, rdflib.DCTERMS.license)).endswith("LICENSE-2.0")
    assert str(fresh.value(header, rdflib.DCTERMS.creator)) == "geokg contributors"


def test_concrete_predicates_are_exactly_the_spec_ones() -> None:
    assert set(predicates()) == SPEC_PREDICATES


def test_abstract_predicates_are_not_offered_to_extractors() -> None:
    abstract = set(abstract_predicates())
    assert {"relation", "eventRelation", "structuralRelation"} <= abstract
    assert not abstract & SPEC_PREDICATES


def test_symmetry_matches_spec() -> None:
    assert {n for n, info in predicates().items() if info.symmetric} == SPEC_SYMMETRIC


@pytest.mark.parametrize(
    ("general", "specific"),
    [
        ("providesAidTo", {"providesAidTo", "providesWeaponsTo", "providesTechnologyTo"}),
        ("consults", {"consults", "meetsWith", "visits"}),
        ("cooperatesWith", {"cooperatesWith", "cooperatesMilitarilyWith"}),
        ("supports", {"supports", "signsAgreementWith"}),
        ("hasRelationshipWith", {"hasRelationshipWith", "alliedWith"}),
        ("affiliatedWith", {"affiliatedWith", "leaderOf", "officialOf", "memberOf"}),
    ],
)
def test_sub_predicate_closure(general: str, specific: set[str]) -> None:
    assert sub_predicates(general) == frozenset(specific)


def test_leaf_predicate_is_its_own_closure() -> None:
    assert sub_predicates("attacks") == {"attacks"}


def test_event_and_structural_roots_partition_the_predicates() -> None:
    assert sub_predicates("eventRelation") & SPEC_PREDICATES == EVENT
    assert sub_predicates("structuralRelation") & SPEC_PREDICATES == STRUCTURAL
    assert sub_predicates("relation") >= SPEC_PREDICATES


def test_unknown_predicate_is_an_error() -> None:
    with pytest.raises(KeyError):
        sub_predicates("providesWeapons")


def test_ancestors_are_transitive() -> None:
    info = predicates()["providesWeaponsTo"]
    assert info.parents == ("providesAidTo",)
    assert info.ancestors == ("providesAidTo", "eventRelation", "relation")
    assert predicates()["leaderOf"].ancestors[-1] == "relation"


@pytest.mark.parametrize("name", sorted(SPEC_PREDICATES))
def test_every_predicate_is_described(name: str) -> None:
    info = predicates()[name]
    assert info.iri == str(GEOKG[name])
    assert info.label and info.definition
    assert info.domain and info.range
    assert info.quad_class in QUAD_CLASSES
    assert (info.quad_class == "structural") == (name in STRUCTURAL)


def test_domains_and_ranges_follow_the_spec() -> None:
    infos = predicates()
    assert infos["leaderOf"].domain == infos["officialOf"].domain == "Person"
    assert infos["memberOf"].range == "Organization"
    assert infos["attacks"].domain == infos["attacks"].range == "Entity"


@pytest.mark.parametrize("name", sorted(EVENT))
def test_event_predicates_carry_event_coding(name: str) -> None:
    info = predicates()[name]
    assert info.plover and info.plover.isupper()
    assert info.cameo and info.cameo[:2].isdigit()
    assert info.goldstein is not None and -10 <= info.goldstein <= 10


@pytest.mark.parametrize("name", sorted(STRUCTURAL))
def test_structural_predicates_carry_no_event_coding(name: str) -> None:
    info = predicates()[name]
    assert info.plover is None and info.cameo is None and info.goldstein is None


@pytest.mark.parametrize("name", sorted(EVENT))
def test_goldstein_sign_agrees_with_quad_class(name: str) -> None:
    info = predicates()[name]
    assert info.goldstein is not None
    if info.quad_class and info.quad_class.endswith("conflict"):
        assert info.goldstein <= 0
    else:
        assert info.goldstein > 0


def test_spec_event_codes_are_kept() -> None:
    infos = predicates()
    assert (infos["providesWeaponsTo"].plover, infos["providesWeaponsTo"].cameo) == ("AID", "072")
    assert (infos["visits"].plover, infos["visits"].cameo) == ("CONSULT", "042")
    assert (infos["attacks"].plover, infos["attacks"].cameo) == ("ASSAULT", "18-20")
    assert infos["attacks"].goldstein == -10
    assert infos["attacks"].goldstein < infos["criticizes"].goldstein < 0


def test_sub_properties_keep_their_parent_coding() -> None:
    """A specific event is the same kind of event as its parent, only more so."""
    infos = predicates()
    for name in EVENT:
        for parent in infos[name].parents:
            if parent in infos:
                assert infos[name].plover == infos[parent].plover, name
                assert infos[name].quad_class == infos[parent].quad_class, name


def test_entity_classes_exist_under_entity(graph: rdflib.Graph) -> None:
    for name in ENTITY_CLASSES:
        iri = URIRef(entity_class_iri(name))
        assert (iri, RDF.type, OWL.Class) in graph
        assert GEOKG.Entity in set(graph.transitive_objects(iri, RDFS.subClassOf))
    assert (GEOKG.Territory, RDFS.subClassOf, GEOKG.Country) in graph
    assert (GEOKG.GovernmentBody, RDFS.subClassOf, GEOKG.Organization) in graph


def test_unknown_entity_class_is_an_error() -> None:
    with pytest.raises(KeyError):
        entity_class_iri("Claim")


def test_claim_vocabulary_exists(graph: rdflib.Graph) -> None:
    for name in CLAIM_CLASSES:
        assert (GEOKG[name], RDF.type, OWL.Class) in graph, name
    for name in CLAIM_PROPERTIES:
        kinds = set(graph.objects(GEOKG[name], RDF.type))
        assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
        assert graph.value(GEOKG[name], RDFS.domain) is not None, name
        assert graph.value(GEOKG[name], RDFS.range) is not None, name
    assert (GEOKG.Claim, RDFS.subClassOf, PROV.Entity) in graph
    assert (GEOKG.Extraction, RDFS.subClassOf, PROV.Activity) in graph
    assert (GEOKG.Extractor, RDFS.subClassOf, PROV.SoftwareAgent) in graph
    assert graph.value(GEOKG.confidence, RDFS.range) == rdflib.XSD.decimal


def test_every_geokg_term_is_declared_labelled_and_defined(graph: rdflib.Graph) -> None:
    used = {
        term for triple in graph for term in triple
        if isinstance(term, URIRef) and term.startswith(GEOKG)
    }
    for term in used:
        assert graph.value(term, RDF.type) is not None, f"undeclared term {term}"
        assert graph.value(term, RDFS.label) is not None, f"no label on {term}"
        assert graph.value(term, SKOS.definition) is not None, f"no definition on {term}"


def test_no_term_is_both_class_and_property(graph: rdflib.Graph) -> None:
    classes = set(graph.subjects(RDF.type, OWL.Class))
    properties = {s for kind in PROPERTY_TYPES for s in graph.subjects(RDF.type, kind)}
    assert classes and properties
    assert not classes & properties
    object_props = set(graph.subjects(RDF.type, OWL.ObjectProperty))
    datatype_props = set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    assert not object_props & datatype_props


def test_hierarchy_has_no_cycles(graph: rdflib.Graph) -> None:
    for prop, parent in graph.subject_objects(RDFS.subPropertyOf):
        assert prop not in set(graph.transitive_objects(parent, RDFS.subPropertyOf)), prop


def test_symmetric_predicates_have_symmetric_domain_and_range() -> None:
    for name in SPEC_SYMMETRIC:
        info = predicates()[name]
        assert info.domain == info.range, name


def test_sectors_are_named_individuals_with_plover_and_cameo_mappings(graph) -> None:
    from graph.ontology import SECTOR_NS, sector_iri, sectors

    found = sectors()
    required = {"GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "MED", "BUS", "CVL", "SPY", "PTY",
                "IGO", "NGO", "EDU", "CRM", "REL", "LAB", "HLH", "REF", "ELI", "INS", "SEP", "UAF"}
    assert required <= set(found)
    for code, info in found.items():
        assert info.iri == SECTOR_NS + code == sector_iri(code)
        assert (URIRef(info.iri), RDF.type, GEOKG.Sector) in graph
        assert info.label and info.definition and info.plover and info.cameo == code
    assert (found["MED"].plover, found["HLH"].plover, found["INS"].plover) == ("JRN", "MED", "REB")
    assert (GEOKG.sector, RDFS.range, GEOKG.Sector) in graph
    with pytest.raises(KeyError):
        sector_iri("XYZ")
