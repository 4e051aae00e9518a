"""A writer killed mid-ingest leaves every document whole or absent, and a re-run completes the rest.

Both write paths are killed: one document per write, and batches of documents
(one SST ingestion each); the claims index must come out equal to the store.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_store_index import index_tables, rebuilt_tables

from graph.store import open_store
from graph.store import queries as q
from graph.store.validate import malformed_claim_graphs

DOCUMENTS = 40
CLAIMS_PER_DOCUMENT = 120  # large writes (about 3,000 quads each), so a kill lands inside one

WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[3])
    from graph.store import open_store, write_documents
    from graph.store.queries import document_hash
    from store_samples import PROVENANCE, numbered_document

    batch = int(sys.argv[4])
    with open_store(sys.argv[1]) as store:
        for first in range(0, int(sys.argv[2]), batch):
            documents = [numbered_document(n, {per_document}) for n in range(first, first + batch)]
            missing = [(d, s) for d, s in documents if document_hash(store, d.id) != d.content_hash]
            for document, _ in missing:  # (the ones stored by an earlier run are skipped)
                print("writing", document.id, flush=True)
            if missing:
                write_documents(store, missing, PROVENANCE)
""").format(per_document=CLAIMS_PER_DOCUMENT)


def run_writer(location: Path, batch: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(location), str(DOCUMENTS),
                             str(Path(__file__).parent), str(batch)], stdout=subprocess.PIPE, text=True)


def claims_per_document(location: Path) -> dict[str, int]:
    with open_store(location, read_only=True) as store:
        assert malformed_claim_graphs(store) == []
        rows = store.select("""SELECT ?id (COUNT(?claim) AS ?n) WHERE {
            GRAPH <https://geokg.org/graph/provenance> {
              ?doc a geokg:Document ; geokg:documentId ?id .
              OPTIONAL { ?claim prov:wasDerivedFrom ?doc } } } GROUP BY ?id""")
        orphans = store.select("""SELECT ?claim WHERE { GRAPH <https://geokg.org/graph/provenance> {
              ?claim a geokg:Claim . FILTER NOT EXISTS { ?claim prov:wasDerivedFrom/a geokg:Document } } }""")
        assert orphans == []
        return {str(doc_id): int(n) for doc_id, n in rows}


@pytest.mark.parametrize("batch", [1, 4])
def test_sigkill_mid_ingest_leaves_whole_documents_and_a_rerun_completes(tmp_path: Path, batch: int) -> None:
    location = tmp_path / "store"
    writer = run_writer(location, batch)
    assert writer.stdout is not None
    for _ in range(4 + batch):  # let a few documents through, then kill inside the next write
        writer.stdout.readline()
    time.sleep(0.01 * batch)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL

    stored = claims_per_document(location)
    assert 3 <= len(stored) < DOCUMENTS
    assert set(stored.values()) == {CLAIMS_PER_DOCUMENT}  # whole documents only

    rerun = run_writer(location, batch)
    written = rerun.communicate(timeout=120)[0].splitlines()
    assert rerun.returncode == 0
    assert len(written) == DOCUMENTS - len(stored)  # only what was missing
    completed = claims_per_document(location)
    assert len(completed) == DOCUMENTS and set(completed.values()) == {CLAIMS_PER_DOCUMENT}
    with open_store(location, read_only=True) as store:
        assert q.stats(store).claims == DOCUMENTS * CLAIMS_PER_DOCUMENT
        assert [(f.subject, f.predicate, f.object) for f in q.facts(store)] == [("PRK", "providesWeaponsTo", "RUS")]
        assert store.index is not None  # the rerun's open repaired the index, its writes kept it level
        assert q.relation_support(store, [("PRK", "providesWeaponsTo", "RUS")])[
            ("PRK", "providesWeaponsTo", "RUS")].claims == DOCUMENTS * CLAIMS_PER_DOCUMENT
    assert index_tables(location) == rebuilt_tables(location, tmp_path / "copy")
