"""Ingest through the real extractor: the acceptance queries, idempotence, replacement, bad inputs, the CLI."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import rdflib
from store_samples import store_quads
from typer.testing import CliRunner

from graph.cli import app
from graph.documents import read_paths
from graph.extract import load_extractor
from graph.gazetteer import load_gazetteer
from graph.model import Document, Statement
from graph.store import KnowledgeStore, open_store
from graph.store import queries as q
from graph.store.ingest import ingest
from graph.store.validate import validate

NEWS = Path(__file__).parent / "data" / "korea-news.jsonl"


class CountingExtractor:
    """The real extractor, counting the documents it is asked to read."""

    def __init__(self) -> None:
        self.inner = load_extractor()
        self.provenance = self.inner.provenance
        self.read: list[str] = []

    def extract_many(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Statement]]]:
        def counted() -> Iterator[Document]:
            for document in documents:
                self.read.append(document.id)
                yield document

        return self.inner.extract_many(counted())


@pytest.fixture(scope="module")
def gazetteer():  # noqa: ANN201
    return load_gazetteer()


def test_ingested_news_answers_the_acceptance_queries(store: KnowledgeStore, gazetteer) -> None:  # noqa: ANN001
    summary = ingest(store, read_paths([NEWS]), CountingExtractor(), gazetteer)
    assert (summary.added, summary.skipped) == (3, [])
    facts = {(f.subject, f.predicate, f.object) for f in q.facts(store)}
    assert {("PRK", "providesWeaponsTo", "RUS"), ("CHN", "hasInfluenceOver", "PRK")} <= facts
    weapons = q.claims(store, "PRK", "providesWeaponsTo", "RUS")
    voices = {(c.polarity, c.attributed_to) for c in weapons}
    assert ("negative", "RUS") in voices  # the Kremlin's denial, as a claim and not as a fact
    assert ("positive", "KOR") in voices
    for claim in weapons:
        text = json.loads(NEWS.read_text().splitlines()[["seoul-briefing", "kyiv-report"].index(
            claim.document_id)])["text"]
        assert text[claim.start:claim.end] == claim.sentence
        assert claim.extractor == load_extractor().provenance.extractor
    [summary_row] = q.relations(store, "PRK", "providesWeaponsTo", "RUS")
    assert (summary_row.sources, summary_row.denying_sources) == (2, 1)
    prk = q.entity(store, "PRK")
    assert prk is not None and prk.wikidata == "Q423" and "DPRK" in prk.aliases
    assert validate(store).conforms


def test_ingesting_again_skips_extraction_and_changes_nothing(store: KnowledgeStore, gazetteer) -> None:  # noqa: ANN001
    ingest(store, read_paths([NEWS]), CountingExtractor(), gazetteer)
    before = store_quads(store)
    again = CountingExtractor()
    summary = ingest(store, read_paths([NEWS]), again, gazetteer)
    assert (summary.unchanged, summary.added, summary.replaced, again.read) == (3, 0, 0, [])
    assert store_quads(store) == before


def test_a_changed_document_replaces_its_old_claims(store: KnowledgeStore, gazetteer, tmp_path: Path) -> None:  # noqa: ANN001
    ingest(store, read_paths([NEWS]), CountingExtractor(), gazetteer)
    lines = [json.loads(line) for line in NEWS.read_text().splitlines()]
    lines[0]["text"] = "South Korea said on Tuesday that North Korea has sent artillery shells to Russia."
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join(json.dumps(line) for line in lines))
    extractor = CountingExtractor()
    summary = ingest(store, read_paths([changed]), extractor, gazetteer)
    assert (summary.replaced, summary.unchanged, extractor.read) == (1, 2, ["seoul-briefing"])
    assert q.facts(store, "CHN", "hasInfluenceOver", "PRK") == []
    assert {c.polarity for c in q.claims(store, "PRK", "providesWeaponsTo", "RUS")} == {"positive"}
    assert validate(store).conforms


def test_bad_inputs_are_reported_and_skipped_and_nothing_stored_is_lost(
        store: KnowledgeStore, gazetteer, tmp_path: Path) -> None:  # noqa: ANN001
    ingest(store, read_paths([NEWS]), CountingExtractor(), gazetteer)
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "empty.txt").write_text("   \n")
    (folder / "mixed.jsonl").write_text('{"id": "ok", "text": "Russia attacked Ukraine on Monday."}\n{not json\n')
    summary = ingest(store, read_paths([folder, tmp_path / "missing.txt"]), CountingExtractor(), gazetteer)
    reasons = " | ".join(str(s) for s in summary.skipped)
    assert len(summary.skipped) == 4, reasons
    for reason in ("binary file", "empty document", "malformed JSON", "no such file"):
        assert reason in reasons
    assert summary.added == 1
    assert q.stats(store).documents == 4


runner = CliRunner()


def test_the_cli_ingests_prints_a_summary_and_exports(tmp_path: Path) -> None:
    location = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(NEWS), str(tmp_path / "missing.txt"), "--store", str(location)])
    assert result.exit_code == 1, result.output  # one input skipped, the rest stored
    assert "3 added" in result.output and "no such file" in result.output
    output = tmp_path / "store.trig"
    result = runner.invoke(app, ["export", "--format", "trig", "-o", str(output), "--store", str(location)])
    assert result.exit_code == 0, result.output
    dataset = rdflib.Dataset()
    dataset.parse(output, format="trig")
    assert len(dataset.default_graph) == 0 and sum(len(g) for g in dataset.graphs()) > 100
    result = runner.invoke(app, ["export", "--format", "gexf", "--store", str(location)])
    assert result.exit_code == 0 and "<gexf" in result.output and 'mode="dynamic"' in result.output
    result = runner.invoke(app, ["export", "--format", "trig", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2 and "no geokg store" in result.output


def corpus(path: Path, documents: int) -> Path:
    templates = [
        "South Korea said on Tuesday that North Korea has sent artillery shells to Russia (report {n}).",
        "The Kremlin denied that North Korea was supplying weapons to Russia, officials said in report {n}.",
        "China has real influence over North Korea, diplomat number {n} said.",
        "The United States urged China to stop supporting Russia in statement {n}.",
    ]
    with path.open("w") as out:
        for n in range(documents):
            text = " ".join(t.format(n=n) for t in templates)
            out.write(json.dumps({"id": f"doc-{n:04d}", "text": text, "published": "2024-01-10"}) + "\n")
    return path


def claims_by_document(location: Path) -> dict[str, set[str]]:
    with open_store(location, read_only=True) as store:
        rows = store.select("""SELECT ?id ?claim WHERE { GRAPH <https://geokg.org/graph/provenance> {
            ?doc geokg:documentId ?id . OPTIONAL { ?claim prov:wasDerivedFrom ?doc } } }""")
    found: dict[str, set[str]] = {}
    for doc_id, claim in rows:
        found.setdefault(str(doc_id), set()).update([str(claim)] if claim is not None else [])
    return found


@pytest.mark.slow
def test_killing_geokg_ingest_keeps_whole_documents_and_a_rerun_completes(tmp_path: Path) -> None:
    source = corpus(tmp_path / "corpus.jsonl", 400)
    command = [sys.executable, "-m", "graph.cli", "ingest", str(source), "--store"]
    started = time.monotonic()
    subprocess.run([*command, str(tmp_path / "reference")], check=True, capture_output=True)
    duration = time.monotonic() - started
    reference = claims_by_document(tmp_path / "reference")
    assert len(reference) == 400

    interrupted = tmp_path / "interrupted"
    process = subprocess.Popen([*command, str(interrupted)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    time.sleep(duration * 0.75)  # past the model load, in the middle of the writes
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = claims_by_document(interrupted)
    assert len(partial) < 400, "the run finished before the kill; the corpus is too small"
    for doc_id, claims in partial.items():
        assert claims == reference[doc_id], doc_id  # each stored document is whole

    subprocess.run([*command, str(interrupted)], check=True, capture_output=True)
    assert claims_by_document(interrupted) == reference
    shutil.rmtree(tmp_path / "reference")
