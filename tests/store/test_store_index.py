"""The claims index: equal to a rebuild from the RDF store, answering as SPARQL does, repaired after a crash."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from store_samples import (
    KOR,
    PRK,
    PROVENANCE,
    RUS,
    arms_report,
    claim,
    follow_up,
    numbered_document,
    store_quads,
)

from graph.model import Document, Entity
from graph.store import KnowledgeStore, delete_document, open_store, write_document, write_documents
from graph.store import queries as q
from graph.store.backend import EmbeddedStore
from graph.store.index import INDEX_FILE
from graph.store.rdf import ENTITIES_GRAPH, evidence_iri
from graph.store.validate import validate

IDF = Entity("israel-defense-forces", "Israel Defense Forces", "Organization", "ISR", ("IDF",), parent="ISR")
ISR = Entity("ISR", "Israel", "Country", "ISR", (), "Q801")
IRN = Entity("IRN", "Iran", "Country", "IRN", (), "Q794")
IRGC = Entity("irgc", "Islamic Revolutionary Guard Corps", "Organization", "IRN", ("IRGC",), parent="IRN")
KNESSET = Entity("knesset", "Knesset", "Organization", "ISR", (), parent="ISR")
SECTORS = {"israel-defense-forces": "MIL", "irgc": "MIL", "knesset": "LEG"}

TABLES = {
    "claims": "SELECT c.claim, d.iri, c.subject, c.predicate, c.object, c.subject_root, c.object_root, c.polarity, "
              "c.modality, c.attributed_to, c.confidence, c.event_date, c.sort_when, c.trigger, c.sentence, "
              "c.start, c.\"end\" FROM claims c JOIN documents d ON d.id = c.document",
    "documents": "SELECT iri, doc_id, extraction, title, url, published, extractor, extractor_version, model, "
                 "extracted_at FROM documents",
    "entities": "SELECT * FROM entities",
    "relations": "SELECT * FROM relations",
    "edges": "SELECT * FROM edges",
    "entity_predicates": "SELECT * FROM entity_predicates",
    "links": "SELECT * FROM links",
}


def index_tables(location: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(location / INDEX_FILE) as db:
        return {name: sorted(tuple(row) for row in db.execute(sql)) for name, sql in TABLES.items()}


def rebuilt_tables(location: Path, scratch: Path) -> dict[str, list[tuple]]:
    """The index a fresh sync builds from the RDF store alone (on a copy, so the store under test is untouched)."""
    with open_store(location, read_only=True, index=False) as store:
        assert isinstance(store, EmbeddedStore)
        store.ox.backup(str(scratch))
    with open_store(scratch):
        pass
    return index_tables(scratch)


def tension(number: int) -> tuple[Document, list]:
    """A document about Israel and Iran whose actors have sectors (armed forces, parliament)."""
    text = (f"Report {number}: The Israel Defense Forces struck sites of the IRGC. "
            f"The Knesset criticized Iran. Israel warned Iran.")
    doc = Document(f"tension-{number}", text, None if number % 2 else date(2024, 1, 15))
    sentences = text.split(". ")
    first, second, third = (s if s.endswith(".") else s + "." for s in sentences)
    return doc, [
        claim(doc, first, IDF, "attacks", IRGC, when=f"2024-0{1 + number % 9}"),
        claim(doc, second, KNESSET, "criticizes", IRN, by=ISR),
        claim(doc, third, ISR, "threatens", IRN, polarity="negative" if number % 3 == 0 else "positive"),
    ]


def add_sectors(store: KnowledgeStore) -> None:
    """The entities-graph triple the sector work writes: <entity> geokg:sector <https://geokg.org/sector/CODE>."""
    triples = " ".join(f"<https://geokg.org/id/{e}> <https://geokg.org/ontology#sector> "
                       f"<https://geokg.org/sector/{code}> ." for e, code in SECTORS.items())
    store.update(f"INSERT DATA {{ GRAPH <{ENTITIES_GRAPH}> {{ {triples} }} }}")


def fill(store: KnowledgeStore) -> None:
    """Documents written one at a time and in batches, one replaced, one deleted."""
    write_document(store, *arms_report(), PROVENANCE)
    write_documents(store, [follow_up(), *(tension(n) for n in range(6)), *(numbered_document(n, 3) for n in range(4))],
                    PROVENANCE)
    changed, statements = arms_report(arms_report()[0].text.replace("Ukraine called", "Kyiv called"))
    write_document(store, changed, statements, PROVENANCE)  # replaced: the request claim is gone
    delete_document(store, "bulk-0002")


@contextmanager
def without_index(store: KnowledgeStore) -> Iterator[KnowledgeStore]:
    """The same store answering through SPARQL only."""
    index, store.index = store.index, None
    try:
        yield store
    finally:
        store.index = index


def test_the_index_equals_a_rebuild_from_the_rdf_store(tmp_path: Path) -> None:
    location = tmp_path / "store"
    with open_store(location) as store:
        fill(store)
        add_sectors(store)
    with open_store(location) as store:  # the sector triples were written behind the index's back
        assert store.index is not None
        assert validate(store).conforms
    tables = index_tables(location)
    assert len(tables["claims"]) == 5 + 1 + 6 * 3 + 3 * 3
    assert ("israel-defense-forces", "Israel Defense Forces", "Organization", "ISR", "MIL") in tables["entities"]
    assert tables == rebuilt_tables(location, tmp_path / "copy")


FILTERS = [
    q.ClaimFilter(subject="PRK"),
    q.ClaimFilter(subject="PRK", predicate="providesAidTo"),
    q.ClaimFilter(subject="PRK", object="RUS"),
    q.ClaimFilter(subject="ISR", object="IRN", rollup=True),
    q.ClaimFilter(object="RUS", polarity="negative"),
    q.ClaimFilter(entity="IRN"),
    q.ClaimFilter(entity="ISR", rollup=True),
    q.ClaimFilter(subject="ISR", rollup=True, since="2024-03", until="2024-06"),
    q.ClaimFilter(predicate="criticizes", attributed_to="ISR"),
    q.ClaimFilter(subject="PRK", min_sources=2),
    q.ClaimFilter(min_confidence=0.8),
    q.ClaimFilter(modality="hypothetical"),
    q.ClaimFilter(subject="ISR", sector="MIL"),
    q.ClaimFilter(sector="LEG"),
    q.ClaimFilter(object="IRN", object_sector="MIL"),
    q.ClaimFilter(),
]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeStore]:
    with open_store(tmp_path_factory.mktemp("filled") / "store") as store:
        fill(store)
        add_sectors(store)
        store.index.sync(store)  # type: ignore[union-attr]
        yield store


@pytest.mark.parametrize("selection", FILTERS, ids=lambda f: ",".join(
    f"{k}={v}" for k, v in vars(f).items() if v not in (None, 0.0, 1, False)) or "all")
def test_index_pages_are_the_sparql_pages(filled: KnowledgeStore, selection: q.ClaimFilter) -> None:
    def pages(store: KnowledgeStore) -> list[list[tuple]]:
        found, after = [], None
        while True:
            page = q.search_claims(store, selection, limit=4, after=after)
            found.append(page)
            if len(page) < 4:
                return found
            after = page[-1][1]

    indexed = pages(filled)
    with without_index(filled) as sparql:
        assert indexed == pages(sparql)
    assert sum(map(len, indexed)) > 0


def test_sector_filters_pick_the_armed_forces_under_their_country(filled: KnowledgeStore) -> None:
    found = q.search_claims(filled, q.ClaimFilter(subject="ISR", sector="MIL"), limit=50)
    assert {(c.subject, c.predicate, c.object) for c, _ in found} == {("israel-defense-forces", "attacks", "irgc")}
    assert len(found) == 6
    either = q.search_claims(filled, q.ClaimFilter(object="IRN", object_sector="MIL"), limit=50)
    assert {c.object for c, _ in either} == {"irgc"}
    assert q.search_claims(filled, q.ClaimFilter(subject="ISR", sector="GOV"), limit=50) == []
    summary = {e.id: e for e in q.entity_summaries(filled)}
    assert (summary["irgc"].sector, summary["IRN"].sector) == ("MIL", None)


def test_summaries_counts_and_projections_match_sparql(filled: KnowledgeStore) -> None:
    triples = {("PRK", "providesWeaponsTo", "RUS"), ("ISR", "threatens", "IRN"), ("CHN", "urges", "nobody")}
    options = [dict(), dict(include_negative=True), dict(rollup=True), dict(since="2024-02", until="2024-05"),
               dict(min_sources=2), dict(around="IRN"), dict(around="ISR", rollup=True), dict(min_confidence=0.85),
               dict(include_attributed=False, predicates={"criticizes", "attacks"}),
               dict(pairs={("IRN", "ISR"), ("PRK", "RUS")}), dict(pairs={("irgc", "ISR")}, rollup=True)]
    link_options = [dict(), dict(rollup=True), dict(since="2024-02"), dict(predicates={"threatens"})]
    ego = {"ISR", "IRN", "irgc", "israel-defense-forces", "PRK", "RUS"}
    among = [q.edges_among(filled, ego, 2), q.edges_among(filled, ego, 50, min_sources=2),
             q.edges_among(filled, ego, 50, predicates={"attacks", "threatens"})]
    with without_index(filled) as sparql:
        assert among == [q.edges_among(sparql, ego, 2), q.edges_among(sparql, ego, 50, min_sources=2),
                         q.edges_among(sparql, ego, 50, predicates={"attacks", "threatens"})]
    assert among[0][1] > 2 and len(among[0][0]) == 2
    counts = [q.stats(filled), q.count_by(filled, "entity_type"), q.count_by(filled, "predicate"), q.facts(filled),
              q.facts(filled, "PRK", "providesAidTo", narrower=True), q.facts(filled, obj="IRN")]
    with without_index(filled) as sparql:
        assert counts == [q.stats(sparql), q.count_by(sparql, "entity_type"), q.count_by(sparql, "predicate"),
                          q.facts(sparql), q.facts(sparql, "PRK", "providesAidTo", narrower=True),
                          q.facts(sparql, obj="IRN")]
    indexed = ([q.relation_support(filled, triples), q.entity_predicate_counts(filled, "ISR"),
                q.entity(filled, "PRK"), sorted(q.entity_summaries(filled), key=lambda e: e.id)]
               + [sorted(q.relation_edges(filled, **o), key=repr) for o in options]  # type: ignore[arg-type]
               + [sorted(q.relation_links(filled, **o), key=repr) for o in link_options])  # type: ignore[arg-type]
    with without_index(filled) as sparql:
        assert indexed == ([q.relation_support(sparql, triples), q.entity_predicate_counts(sparql, "ISR"),
                            q.entity(sparql, "PRK"), sorted(q.entity_summaries(sparql), key=lambda e: e.id)]
                           + [sorted(q.relation_edges(sparql, **o), key=repr) for o in options]  # type: ignore[arg-type]
                           + [sorted(q.relation_links(sparql, **o), key=repr) for o in link_options])  # type: ignore[arg-type]
    support = indexed[0][("PRK", "providesWeaponsTo", "RUS")]  # type: ignore[index]
    assert (support.claims, support.sources, support.denying_sources, support.fact) == (3 + 3 * 3, 2 + 3, 1, True)


def test_claims_of_one_sentence_share_its_evidence(tmp_path: Path) -> None:
    document, statements = arms_report()
    first = statements[0]
    second = replace(first, predicate="providesAidTo", trigger=None)  # the same sentence read twice
    with open_store(tmp_path / "store") as store:
        write_document(store, document, [first, second], PROVENANCE)
        rows = store.select("SELECT DISTINCT ?evidence WHERE { GRAPH <https://geokg.org/graph/provenance> { "
                            "?claim geokg:evidence ?evidence } }")
        assert [str(row[0]) for row in rows] == [evidence_iri(document.id, first.sentence.start, first.sentence.end)]
        assert {c.sentence for c in q.claims(store, "PRK")} == {first.sentence.text}
        assert validate(store).conforms


def test_a_store_written_without_its_index_is_indexed_at_the_next_open(tmp_path: Path) -> None:
    """What a crash between the RDF commit and the index commit leaves, repaired by the next writable open."""
    location = tmp_path / "store"
    with open_store(location) as store:
        write_documents(store, [numbered_document(n, 4) for n in range(3)], PROVENANCE)
    with open_store(location, index=False) as store:  # the index misses these writes
        write_documents(store, [numbered_document(n, 4) for n in range(3, 8)], PROVENANCE)
        write_document(store, *arms_report(), PROVENANCE)
        delete_document(store, "bulk-0001")
    with open_store(location, read_only=True) as reader:
        assert reader.index is None  # a stale index is not used ...
        assert len(q.search_claims(reader, q.ClaimFilter(subject="PRK"), limit=100)) == 7 * 4 + 2  # ... SPARQL is
    with open_store(location) as store:
        assert store.index is not None
        report = store.index.sync(store)
        assert not report.changed  # the open already repaired it
    assert index_tables(location) == rebuilt_tables(location, tmp_path / "copy")
    with open_store(location, read_only=True) as reader:
        assert reader.index is not None
        assert len(q.search_claims(reader, q.ClaimFilter(subject="PRK"), limit=100)) == 7 * 4 + 2


def test_compaction_keeps_every_quad(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        fill(store)
        before = store_quads(store)
        assert isinstance(store, EmbeddedStore)
        store.compact()
        assert store_quads(store) == before
        assert q.stats(store).claims == 5 + 1 + 6 * 3 + 3 * 3


def test_a_batch_with_one_bad_document_stores_the_others(tmp_path: Path) -> None:
    good, statements = follow_up()
    bad_document, bad_statements = arms_report()
    broken = [replace(bad_statements[0], subject=replace(KOR, type="Planet"))]
    with open_store(tmp_path / "store") as store:
        outcomes = write_documents(store, [(bad_document, broken), (good, statements)], PROVENANCE)
        assert [o.result is None for o in outcomes] == [True, False]
        assert "Planet" in (outcomes[0].problem or "")
        assert q.document_hashes(store, ["arms-report", "follow-up"]) == {"follow-up": good.content_hash}
        assert {c.subject for c, _ in q.search_claims(store, q.ClaimFilter(object="RUS"), limit=10)} == {PRK.id}
        assert RUS.id in {e.id for e in q.entity_summaries(store)}


def test_the_best_relations_of_an_entity_are_the_sparql_ones(filled: KnowledgeStore) -> None:
    options = [dict(around="ISR"), dict(around="IRN", rollup=True), dict(include_negative=True), dict()]
    best = [q.best_relation_edges(filled, 2, **o) for o in options]  # type: ignore[arg-type]
    with without_index(filled) as sparql:
        assert best == [q.best_relation_edges(sparql, 2, **o) for o in options]  # type: ignore[arg-type]
    for (edges, total), o in zip(best, options):
        every = q.relation_edges(filled, **o)  # type: ignore[arg-type]
        assert total == len(every) and len(edges) == min(2, total)
        assert min(e.sources for e in edges) >= max((e.sources for e in every if e not in edges), default=0)
    assert any(total > 2 for _, total in best)
