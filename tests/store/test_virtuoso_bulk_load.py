"""Moving a store to Virtuoso the way the README says: export N-Quads, Virtuoso's bulk loader, ingest on.

Runs the README's commands against a real Virtuoso started by the test (its
own database directory and ini, loopback ports): the loaded server holds the
embedded store's dataset quad for quad, answers the same queries, and takes
further `geokg ingest` runs over SPARQL.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_samples import store_quads
from typer.testing import CliRunner

from graph.cli import app
from graph.store import open_store
from graph.store import queries as q
from tests.servers import Virtuoso

pytestmark = pytest.mark.slow

NEWS = Path(__file__).parent / "data" / "korea-news.jsonl"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-corpus.jsonl"
LATER = "Japan imposed sanctions on North Korea on Friday, the government in Tokyo said."

runner = CliRunner()


def geokg(*arguments: str) -> str:
    result = runner.invoke(app, list(arguments))
    assert result.exit_code == 0, result.output
    return result.output


def test_an_exported_store_bulk_loads_into_virtuoso_and_ingest_goes_on_there(
        virtuoso_server: Virtuoso, tmp_path: Path) -> None:
    from conftest import empty_server

    empty_server(virtuoso_server.url)
    embedded = tmp_path / "store"
    geokg("ingest", str(SAMPLE), str(NEWS), "--store", str(embedded))
    dump = virtuoso_server.directory / "import" / "geokg.nq"  # a folder in the server's DirsAllowed
    dump.parent.mkdir(exist_ok=True)
    geokg("export", "--format", "nquads", "-o", str(dump), "--store", str(embedded))

    virtuoso_server.isql(f"ld_dir('{dump.parent}', 'geokg.nq', 'https://geokg.org/graph/unused')",
                         "rdf_loader_run()", "checkpoint")

    with open_store(embedded, read_only=True) as source, open_store(virtuoso_server.url, read_only=True) as server:
        assert type(server).__name__ == "VirtuosoStore"
        assert store_quads(server) == store_quads(source)
        assert q.facts(server) == q.facts(source)
        assert q.claims(server, "PRK") == q.claims(source, "PRK")
        assert q.entity(server, "PRK") == q.entity(source, "PRK")
        assert q.stats(server) == q.stats(source)

    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps({"id": "tokyo-sanctions", "text": LATER, "published": "2024-02-02"}) + "\n")
    output = geokg("ingest", str(later), str(NEWS), "--store", virtuoso_server.url)
    assert "1 added, 0 replaced, 3 unchanged" in output
    with open_store(virtuoso_server.url, read_only=True) as server:
        [sanction] = q.claims(server, "JPN", "sanctions", "PRK")
        assert sanction.sentence == LATER and sanction.document_id == "tokyo-sanctions"
