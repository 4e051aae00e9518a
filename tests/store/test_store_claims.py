"""Claims, provenance, the facts view, entities and replacement: the same tests on every backend."""

from __future__ import annotations

from dataclasses import replace

from rdflib import URIRef
from store_samples import (
    ARMS_TEXT,
    CHN,
    KOR,
    NATO,
    PRK,
    PROVENANCE,
    RUS,
    arms_report,
    follow_up,
    store_quads,
)

from graph.ontology import load_ontology_graph
from graph.store import KnowledgeStore, delete_document, write_document
from graph.store import queries as q
from graph.store.rdf import FACTS_GRAPH, ONTOLOGY_GRAPH
from graph.store.validate import malformed_claim_graphs, validate


def store_both(store: KnowledgeStore) -> None:
    for document, statements in (arms_report(), follow_up()):
        write_document(store, document, statements, PROVENANCE)


def test_every_claim_keeps_its_sentence_attribution_and_provenance(store: KnowledgeStore) -> None:
    document, _ = arms_report()
    store_both(store)
    found = q.claims(store, "PRK", "providesWeaponsTo", "RUS")
    assert {(c.document_id, c.polarity, c.attributed_to) for c in found} == {
        ("arms-report", "positive", "KOR"), ("arms-report", "negative", "RUS"), ("follow-up", "positive", "UKR")}
    denial = next(c for c in found if c.polarity == "negative")
    assert denial.sentence == "The Kremlin denied that Pyongyang had supplied any weapons."
    assert document.text[denial.start:denial.end] == denial.sentence
    assert denial.attributed_label == "Russia"
    assert (denial.modality, denial.confidence, denial.trigger) == ("asserted", 0.84, "supplied")
    assert (denial.title, denial.url, denial.published) == (
        "Arms for Russia", "https://news.example/arms", "2023-11-09")
    assert (denial.extractor, denial.extractor_version, denial.model) == ("geokg-test", "0.0.1", "hand-written")
    assert denial.extracted_at.startswith("2024-05-01T10:00:00")
    assertion = next(c for c in found if c.attributed_to == "KOR")
    assert assertion.event_date == "2023-11-09"
    assert [c.document_id for c in found][0] == "arms-report"  # newest event first


def test_the_facts_view_holds_only_positive_asserted_or_intended_relations(store: KnowledgeStore) -> None:
    store_both(store)
    assert {(f.subject, f.predicate, f.object) for f in q.facts(store)} == {
        ("PRK", "providesWeaponsTo", "RUS"), ("CHN", "hasInfluenceOver", "PRK"), ("USA", "urges", "CHN")}
    # Plain SPARQL over the facts graph, knowing nothing about claims:
    rows = store.dataset.query(
        f"SELECT ?s ?o WHERE {{ GRAPH <{FACTS_GRAPH}> {{ ?s <https://geokg.org/ontology#providesWeaponsTo> ?o }} }}")
    assert {(str(s), str(o)) for s, o in rows} == {(PRK.iri, RUS.iri)}  # the request (CHN → UKR) is absent


def test_a_denied_relation_is_no_fact(store: KnowledgeStore) -> None:
    document, statements = arms_report()
    denial_only = [s for s in statements if s.polarity == "negative"]
    write_document(store, document, denial_only, PROVENANCE)
    assert q.facts(store, "PRK", "providesWeaponsTo", "RUS") == []
    assert len(q.claims(store, "PRK", "providesWeaponsTo", "RUS")) == 1


def test_relation_summary_counts_sources_voices_and_dates(store: KnowledgeStore) -> None:
    store_both(store)
    [weapons] = q.relations(store, "PRK", "providesWeaponsTo", "RUS")
    assert (weapons.claims, weapons.sources, weapons.denying_sources) == (3, 2, 1)
    assert weapons.asserted_by == (KOR.iri, "https://geokg.org/id/UKR")
    assert weapons.denied_by == (RUS.iri,)
    assert (weapons.first_seen, weapons.last_seen, weapons.is_fact) == ("2023-11", "2023-11-09", True)
    [influence] = q.relations(store, "CHN", "hasInfluenceOver", "PRK")
    assert influence.asserted_by == ("https://geokg.org/doc/arms-report",)  # the document's own voice
    [request] = q.relations(store, "CHN", "providesWeaponsTo", "UKR")
    assert (request.sources, request.asserted_by, request.is_fact) == (0, (), False)
    assert [r.predicate for r in q.relations(store, "PRK", "providesAidTo", "RUS", narrower=True)] == [
        "providesWeaponsTo"]
    assert {(r.subject, r.object) for r in q.relations(store, facts_only=True)} == {
        ("PRK", "RUS"), ("CHN", "PRK"), ("USA", "CHN")}


def test_writing_the_same_document_again_changes_nothing(store: KnowledgeStore) -> None:
    store_both(store)
    before = store_quads(store)
    document, statements = arms_report()
    result = write_document(store, document, statements, PROVENANCE)
    assert result.replaced and result.new_entities == 0
    assert store_quads(store) == before


def test_a_changed_document_replaces_its_claims_and_facts_go_with_their_last_claim(
        store: KnowledgeStore) -> None:
    store_both(store)
    old_claims = set(q.document_claims(store, "arms-report"))
    shorter = ARMS_TEXT.replace("China retains considerable influence over North Korea, analysts say. ", "")
    document, statements = arms_report(shorter)
    write_document(store, document, statements, PROVENANCE)
    assert q.facts(store, "CHN", "hasInfluenceOver", "PRK") == []          # its only claim went
    assert q.claims(store, "CHN", "hasInfluenceOver", "PRK") == []
    assert len(q.facts(store, "PRK", "providesWeaponsTo", "RUS")) == 1     # still claimed twice
    gone = old_claims - set(q.document_claims(store, "arms-report"))
    assert len(gone) == 4  # the removed sentence's claim, and the three whose offsets moved
    assert q.document_hash(store, "arms-report") == document.content_hash
    assert [c for c in gone if store.ask(f"ASK {{ GRAPH <{c}> {{ ?s ?p ?o }} }}")] == []
    assert [c for c in gone if store.ask(f"ASK {{ GRAPH ?g {{ <{c}> ?p ?o }} }}")] == []
    assert malformed_claim_graphs(store) == []

    # Take the weapons claims out of both documents: the fact goes with the last one.
    no_weapons = shorter.replace("that North Korea has shipped artillery shells to Russia", "nothing")
    write_document(store, *arms_report(no_weapons)[:1], [], PROVENANCE)
    assert len(q.facts(store, "PRK", "providesWeaponsTo", "RUS")) == 1     # the follow-up still says so
    write_document(store, *follow_up("Kyiv, Dec 1 (Wire) - Nothing new.")[:1], [], PROVENANCE)
    assert q.facts(store, "PRK", "providesWeaponsTo", "RUS") == []
    assert q.stats(store).claims == 0


def test_deleting_a_document_removes_everything_derived_from_it(store: KnowledgeStore) -> None:
    document, statements = follow_up()
    write_document(store, document, statements, PROVENANCE)
    empty_with_entities = store_quads(store)
    store_both(store)
    assert delete_document(store, "arms-report")
    assert not delete_document(store, "arms-report")
    after = store_quads(store)
    # What remains is the follow-up plus entity descriptions written for the deleted document.
    assert empty_with_entities <= after
    assert not any("arms-report" in quad for quad in after)
    assert q.stats(store).documents == 1


def test_entities_are_stored_once_with_labels_aliases_type_country_and_links(store: KnowledgeStore) -> None:
    store_both(store)
    prk = q.entity(store, "PRK")
    assert prk is not None
    assert (prk.label, prk.type, prk.country, prk.wikidata) == ("North Korea", "Country", "PRK", "Q423")
    assert prk.aliases == ("DPRK", "North Korean", "Pyongyang")
    assert prk.claims == 4
    labels = store.select(f"SELECT ?l WHERE {{ GRAPH ?g {{ <{PRK.iri}> rdfs:label ?l }} }}")
    assert len(labels) == 1
    peskov = q.entity(store, "dmitry-peskov")
    assert peskov is not None and (peskov.type, peskov.country, peskov.parent) == ("Person", "RUS", "RUS")
    usa = q.entity(store, "USA")
    assert usa is not None and usa.member_of == ("nato",)  # from NATO's member list
    assert q.entity(store, "nowhere") is None
    assert q.find_entities(store, "pyongyang") == ["PRK"]
    assert q.find_entities(store, "korea") == ["KOR", "PRK"]  # no exact match: by id
    assert q.find_entities(store, "Moscow") == ["RUS"]  # an alias
    # A changed label elsewhere does not create a second description.
    document, statements = follow_up()
    renamed = [replace(s, subject=replace(PRK, label="DPRK")) for s in statements]
    write_document(store, replace(document, id="other"), renamed, PROVENANCE)
    assert q.entity(store, "PRK").label == "North Korea"  # type: ignore[union-attr]
    assert q.entity(store, NATO.id).type == "Organization"  # type: ignore[union-attr]


def test_the_ontology_is_loaded_in_its_own_graph(store: KnowledgeStore) -> None:
    count = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}")
    assert int(count[0][0]) == len(load_ontology_graph())
    assert store.ask(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ geokg:Claim rdfs:subClassOf prov:Entity }} }}")


def test_the_whole_store_passes_the_shapes(store: KnowledgeStore) -> None:
    store_both(store)
    validation = validate(store)
    assert validation.conforms, validation.report


def test_stats_count_documents_claims_facts_entities(store: KnowledgeStore) -> None:
    store_both(store)
    stats = q.stats(store)
    assert (stats.documents, stats.claims, stats.facts, stats.entities) == (2, 7, 3, 8)


def test_each_claim_graph_holds_its_one_triple(store: KnowledgeStore) -> None:
    store_both(store)
    [claim] = [c for c in q.claims(store, "CHN", "hasInfluenceOver", "PRK")]
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{claim.claim}> {{ ?s ?p ?o }} }}")
    assert [(URIRef(s), URIRef(p), URIRef(o)) for s, p, o in rows] == [
        (URIRef(CHN.iri), URIRef("https://geokg.org/ontology#hasInfluenceOver"), URIRef(PRK.iri))]
