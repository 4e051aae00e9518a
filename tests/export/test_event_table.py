"""Event tables (`geokg export --format events-csv|events-parquet`, GET /export): one row per claim, read back with pandas."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from samples import fill
from typer.testing import CliRunner

from api.app import create_app
from api.settings import Settings
from graph import event_table
from graph.cli import app
from graph.ontology import predicates
from graph.store import open_store
from graph.store.claims import ClaimQuery, iter_claims

runner = CliRunner()
SECTOR = "<https://geokg.org/id/kim-jong-un> <https://geokg.org/ontology#sector> <https://geokg.org/sector/GOV>"


@pytest.fixture(scope="module")
def location(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The two sample reports, with a sector recorded for Kim Jong Un (as the entities graph may hold one)."""
    path = tmp_path_factory.mktemp("events") / "store"
    with open_store(path) as store:
        fill(store)
        store.update(f"INSERT DATA {{ GRAPH <https://geokg.org/graph/entities> {{ {SECTOR} . }} }}")
    return str(path)


@pytest.fixture(scope="module")
def claim_ids(location: str) -> set[str]:
    """The short id of every claim in the store, read with SPARQL rather than through the exporter."""
    with open_store(location, read_only=True) as store:
        rows = store.select("SELECT ?c WHERE { GRAPH <https://geokg.org/graph/provenance> { ?c a geokg:Claim } }")
    return {str(row[0]).rsplit("/", 1)[-1] for row in rows}


@pytest.fixture(scope="module")
def client(location: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store=location))) as opened:
        yield opened


def read(format_name: str, data: bytes) -> pd.DataFrame:
    if format_name == "events-csv":
        return pd.read_csv(io.BytesIO(data), dtype={"cameo_code": str}, keep_default_na=False, na_values=[""])
    return pd.read_parquet(io.BytesIO(data))


@pytest.mark.parametrize("format_name", event_table.FORMATS)
def test_every_claim_is_one_row_with_the_event_columns(location: str, claim_ids: set[str], tmp_path: Path,
                                                       format_name: str) -> None:
    output = tmp_path / f"events.{event_table.EXTENSIONS[format_name]}"
    result = runner.invoke(app, ["export", "--format", format_name, "--store", location, "-o", str(output)])
    assert result.exit_code == 0, result.output
    table = read(format_name, output.read_bytes())
    assert tuple(table.columns) == event_table.COLUMNS
    assert len(table) == len(claim_ids) == 6 and set(table["event_id"]) == claim_ids

    catalogue = predicates()
    for row in table.itertuples():  # the coding columns are the ontology's annotations of the predicate
        info = catalogue[row.predicate]
        coded = tuple(None if pd.isna(value) else value
                      for value in (row.plover_type, row.cameo_code, row.quad_class, row.goldstein))
        assert coded == (info.plover, info.cameo, info.quad_class, info.goldstein)

    rail = table[(table.document_id == "rail-report") & (table.predicate == "providesWeaponsTo")]
    stated = rail[rail.polarity == "positive"].iloc[0]
    assert (stated.source_id, stated.source_label, stated.source_country) == ("PRK", "North Korea", "PRK")
    assert (stated.target_id, stated.target_country, stated.attributed_to_label) == ("RUS", "RUS", "South Korea")
    assert (stated.event_date, str(stated.publication_date)) == ("2023-09", "2023-10-02")
    assert (stated.cameo_code, stated.quad_class, stated.goldstein) == ("072", "material cooperation", 8.3)
    assert stated.url == "https://news.example/rail" and stated.extractor_version == "0.0.1"
    assert stated.sentence.startswith("Seoul, Oct 2 (Wire) - Freight trains")
    denied = rail[rail.polarity == "negative"].iloc[0]
    assert denied.attributed_to_id == "RUS" and denied.modality == "asserted"
    visit = table[table.predicate == "visits"].iloc[0]
    assert (visit.source_id, visit.source_country, visit.source_sector) == ("kim-jong-un", "PRK", "GOV")
    assert pd.isna(stated.source_sector)  # no sector recorded for North Korea itself
    undated = table[table.document_id == "port-report"]
    assert undated.publication_date.isna().all() and undated.url.isna().all()


def test_parquet_keeps_types_and_the_http_route_serves_both_formats(client: TestClient, claim_ids: set[str]) -> None:
    parquet = client.get("/export", params={"format": "events-parquet"})
    assert parquet.status_code == 200 and parquet.headers["content-type"] == "application/vnd.apache.parquet"
    table = read("events-parquet", parquet.content)
    assert set(table.event_id) == claim_ids
    assert str(table.goldstein.dtype) == "float64" and str(table.confidence.dtype) == "float64"
    assert str(pd.read_parquet(io.BytesIO(parquet.content), dtype_backend="pyarrow").publication_date.dtype) \
        .startswith("date32")
    csv = client.get("/export", params={"format": "events-csv", "entity": "Kim Jong Un"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert list(read("events-csv", csv.content).source_id) == ["kim-jong-un"]
    refused = client.get("/export", params={"format": "events-csv", "rollup": "true"})
    assert refused.status_code == 400 and "network formats" in refused.json()["message"]


def test_filters_and_misuse(location: str, tmp_path: Path) -> None:
    output = tmp_path / "arms.csv"
    result = runner.invoke(app, ["export", "--format", "events-csv", "--store", location, "-o", str(output),
                                 "--predicate", "providesAidTo", "--since", "2023-10"])
    assert result.exit_code == 0, result.output
    table = read("events-csv", output.read_bytes())
    # providesAidTo brings providesWeaponsTo; the window keeps November's shipment and the undated denial's
    # publication month (October), not September's rail shipment.
    assert set(table.predicate) == {"providesWeaponsTo"} and len(table) == 2
    for args, message in ((["--rollup"], "--rollup applies to the network formats"),
                          (["--since", "last year"], "expected a date"),
                          (["--predicate", "befriends"], "not a predicate")):
        refused = runner.invoke(app, ["export", "--format", "events-parquet", "--store", location, "-o",
                                      str(tmp_path / "x.parquet"), *args])
        assert refused.exit_code == 2 and message in " ".join(refused.output.split()), refused.output
    assert not (tmp_path / "x.parquet").exists()


def test_claims_are_read_in_batches_and_each_once(tmp_path: Path) -> None:
    with fill(open_store(tmp_path / "store")) as store:
        whole = [claim.iri for claim in iter_claims(store)]
        in_twos = [claim.iri for claim in iter_claims(store, batch=2)]
        pair = {claim.predicate for claim in iter_claims(store, ClaimQuery(between=("RUS", "PRK"), rollup=True))}
        plain = {claim.predicate for claim in iter_claims(store, ClaimQuery(between=("RUS", "PRK")))}
    assert in_twos == whole and len(set(whole)) == len(whole) == 6
    assert pair == {"providesWeaponsTo", "meetsWith", "visits"} and plain == {"providesWeaponsTo", "meetsWith"}
