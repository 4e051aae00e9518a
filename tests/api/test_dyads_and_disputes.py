"""GET /dyads and GET /disputes over the hand-written sample reports (tests/export/samples.py), plus one more.

The samples hold North Korea arming Russia in September (by South Korea's
word), in November (a report's own voice) and Russia's denial; talks in
October; Kim Jong Un's September visit; China's hold over North Korea. The
extra report here has Russia deny the talks, a dispute about a symmetric
relation stated the other way round.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.model import Document, Span, Statement
from graph.store import open_store, write_document
from tests.export.samples import PROVENANCE, PRK, RUS, fill

DENIAL = "Russia said no talks with North Korea took place."


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    location = tmp_path_factory.mktemp("analysis") / "store"
    with fill(open_store(location)) as store:
        denial = Document("talks-denied", DENIAL, date(2023, 10, 20), None, "No talks")
        write_document(store, denial, [Statement(denial.id, RUS, "meetsWith", PRK, "negative", "asserted", RUS,
                                                 Span(0, len(DENIAL), DENIAL), 0.7, None, "2023-10-20", None,
                                                 PROVENANCE)], PROVENANCE)
    with TestClient(create_app(Settings(store=str(location)))) as opened:
        yield opened


def periods(body: dict) -> dict[str, dict]:
    return {period["period"]: period for period in body["periods"]}


def test_a_monthly_timeline_counts_each_quad_class_and_averages_goldstein(client: TestClient) -> None:
    body = client.get("/dyads", params={"source": "Pyongyang", "target": "Russia"}).json()
    assert body["source"]["id"].endswith("/PRK") and body["target"]["id"].endswith("/RUS")
    assert body["quad_classes"] == ["verbal cooperation", "material cooperation", "verbal conflict",
                                    "material conflict", "structural"]
    by_month = periods(body)
    assert list(by_month) == ["2023-09", "2023-10", "2023-11"]
    # September: the rail shipment (Seoul's word); October: the talks (the report's date); November: the ship.
    # The denials count nowhere: they are not events.
    assert by_month["2023-09"]["counts"]["material cooperation"] == 1 and by_month["2023-09"]["claims"] == 1
    assert by_month["2023-10"]["counts"]["verbal cooperation"] == 1
    assert by_month["2023-11"]["start"] == "2023-11-01" and by_month["2023-11"]["goldstein_mean"] == 8.3
    assert (body["undated"], body["imprecise"]) == (0, 0)
    reverse = client.get("/dyads", params={"source": "RUS", "target": "PRK"}).json()
    assert sum(p["target_to_source"] for p in reverse["periods"]) == 3
    assert sum(p["source_to_target"] for p in reverse["periods"]) == 0


def test_finer_intervals_list_every_period_and_set_aside_coarser_dates(client: TestClient) -> None:
    weeks = client.get("/dyads", params={"source": "PRK", "target": "RUS", "interval": "week"}).json()
    labels = [p["period"] for p in weeks["periods"]]
    assert labels[0] == "2023-W40" and labels[-1] == "2023-W45" and len(labels) == 6  # gaps filled with zeros
    assert weeks["periods"][1]["claims"] == 0 and weeks["periods"][1]["goldstein_mean"] is None
    assert weeks["imprecise"] == 1  # "in September" is a month, not a week
    days = client.get("/dyads", params={"source": "PRK", "target": "RUS", "interval": "day"}).json()
    assert days["periods"][0]["period"] == "2023-10-02" and days["periods"][-1]["period"] == "2023-11-09"
    assert len(days["periods"]) == 39


def test_rollup_counts_officials_as_their_country_and_csv_has_one_row_per_period(client: TestClient) -> None:
    plain = client.get("/dyads", params={"source": "Kim Jong Un", "target": "RUS"}).json()
    assert [p["claims"] for p in plain["periods"]] == [1] and plain["source"]["id"].endswith("/kim-jong-un")
    rolled = client.get("/dyads", params={"source": "Kim Jong Un", "target": "RUS", "rollup": "true",
                                          "format": "csv"})
    assert rolled.status_code == 200 and rolled.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(rolled.text)))
    assert [row["period"] for row in rows] == ["2023-09", "2023-10", "2023-11"]
    september = rows[0]
    assert (september["claims"], september["verbal_cooperation"], september["material_cooperation"]) == ("2", "1", "1")
    assert september["goldstein_mean"] == str(round((8.3 + 1.9) / 2, 3))  # the shipment and the visit


def test_dyad_mistakes_are_explained(client: TestClient) -> None:
    same = client.get("/dyads", params={"source": "PRK", "target": "Pyongyang"})
    assert same.status_code == 400 and "same actor" in same.json()["message"]
    unknown = client.get("/dyads", params={"source": "Atlantis", "target": "RUS"})
    assert unknown.status_code == 404 and "source" in unknown.json()["message"]
    assert client.get("/dyads", params={"source": "PRK", "target": "RUS", "interval": "year"}).status_code == 422


def test_disputes_list_who_says_yes_and_who_says_no_most_contested_first(client: TestClient) -> None:
    items = client.get("/disputes").json()["items"]
    assert [(i["subject"]["id"][-3:], i["predicate"], i["object"]["id"][-3:]) for i in items] == [
        ("PRK", "providesWeaponsTo", "RUS"), ("PRK", "meetsWith", "RUS")]
    arms, talks = items
    assert {v["label"] for v in arms["asserted_by"]} == {"South Korea", "Munitions by sea"}
    assert [v["label"] for v in arms["denied_by"]] == ["Russia"]
    assert arms["denied_by"][0]["claims"][0]["sentence"] == "Moscow denied that Pyongyang had sent it any arms."
    own_voice = next(v for v in arms["asserted_by"] if v["entity"] is None)
    assert own_voice["document"]["id"] == "port-report"
    entropy = -(2 / 3 * math.log2(2 / 3) + 1 / 3 * math.log2(1 / 3))
    assert arms["score"] == pytest.approx(3 * entropy, abs=1e-3) and talks["score"] == pytest.approx(2.0)
    assert (arms["first_seen"], arms["last_seen"]) == ("2023-09", "2023-11-09")
    # The talks were stated as (PRK meetsWith RUS) and denied as (RUS meetsWith PRK): one symmetric relation.
    assert talks["symmetric"] and talks["denied_by"][0]["claims"][0]["sentence"] == DENIAL


def test_disputes_filter_by_entity_and_predicate(client: TestClient) -> None:
    assert client.get("/disputes", params={"entity": "China"}).json()["items"] == []
    arms = client.get("/disputes", params={"predicate": "providesAidTo", "entity": "Moscow"}).json()["items"]
    assert [i["predicate"] for i in arms] == ["providesWeaponsTo"]
    assert len(client.get("/disputes", params={"limit": 1}).json()["items"]) == 1
    assert client.get("/disputes", params={"entity": "Atlantis"}).status_code == 404


def test_the_timeline_and_disputes_are_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "text/csv" in paths["/dyads"]["get"]["responses"]["200"]["content"]
    assert "/disputes" in paths
