"""The service over real HTTP: `geokg serve` in its own process on a loopback port (slow: start-up, spaCy).

Covers the issue's acceptance checks on the test article, reads during an
ingest, the lock error a second writer gets, and a schemathesis run against
the OpenAPI schema.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from service_samples import API_KEY, DATA, WRITE, drones_document

from tests.servers import Served

pytestmark = pytest.mark.slow

IRN, RUS, SYR = (f"https://geokg.org/id/{code}" for code in ("IRN", "RUS", "SYR"))
REPO = Path(__file__).resolve().parents[2]


def test_the_acceptance_queries_over_http(live_server: Served) -> None:
    with httpx.Client(base_url=live_server.url, timeout=60) as http:
        stored = http.post("/documents", json=drones_document(), headers=WRITE)
        assert stored.status_code == 200 and stored.json()["documents"][0]["status"] == "added"

        claims = http.get("/relations", params={"subject": "IRN", "predicate": "providesWeaponsTo"}).json()["items"]
        assert {c["object"]["id"] for c in claims} == {RUS}
        assert len({c["attributed_to"]["id"] for c in claims if c["polarity"] == "positive"}) >= 3
        assert [c["attributed_to"]["id"] for c in claims if c["polarity"] == "negative"] == [
            "https://geokg.org/id/irn-foreign-ministry"]

        assert http.get("/entities", params={"q": "Tehran"}).json()["items"][0]["id"] == IRN
        path = http.get("/paths", params={"source": "SYR", "target": "RUS"}).json()["paths"][0]
        assert [step["target"]["id"] for step in path["steps"]] == [IRN, RUS]

        select = http.get("/sparql", params={"query": "SELECT ?s ?o WHERE { GRAPH <https://geokg.org/graph/facts> "
                                                       "{ ?s geokg:providesWeaponsTo ?o } }"})
        assert select.json()["results"]["bindings"] == [{"s": {"type": "uri", "value": IRN},
                                                         "o": {"type": "uri", "value": RUS}}]
        insert = http.post("/sparql", data={"query": "INSERT DATA { id:SYR geokg:attacks id:IRN }"})
        assert insert.status_code == 400 and "read-only" in insert.json()["message"]

        assert http.get("/docs").status_code == 200
        assert "/relations" in http.get("/openapi.json").json()["paths"]


def test_reads_are_served_while_an_ingest_runs(live_server: Served) -> None:
    text = drones_document()["text"]
    batch = [{"id": f"copy-{i}", "text": text.replace("Monday", f"day {i}")} for i in range(40)]
    with httpx.Client(base_url=live_server.url, timeout=120) as http:
        http.post("/documents", json=drones_document(), headers=WRITE)  # loads the extractor
        done = threading.Event()
        result: dict[str, httpx.Response] = {}

        def write() -> None:
            result["write"] = http.post("/documents", json=batch, headers=WRITE)
            done.set()

        writer = threading.Thread(target=write)
        writer.start()
        time.sleep(0.3)
        reads, slowest = 0, 0.0
        while not done.is_set():
            started = time.monotonic()
            assert http.get("/relations", params={"subject": "IRN", "limit": 5}).status_code == 200
            slowest = max(slowest, time.monotonic() - started)
            reads += 1
        writer.join()
    assert result["write"].status_code == 200
    assert reads >= 5, "reads should go on during the ingest"
    assert slowest < 5.0


def test_a_second_writer_gets_the_store_lock_error(live_server: Served, tmp_path: Path) -> None:
    store = live_server.store
    ingest = subprocess.run([str(Path(sys.executable).parent / "geokg"), "ingest", str(DATA / "drones-report.txt"),
                             "--store", str(store)], capture_output=True, text=True, timeout=120)
    assert ingest.returncode == 2
    assert "open for writing by another process" in " ".join(ingest.stderr.split())  # rich wraps long paths
    assert httpx.get(live_server.url + "/health").status_code == 200


def test_schemathesis_finds_no_server_error_and_no_schema_violation(live_server: Served) -> None:
    httpx.post(live_server.url + "/documents", json=drones_document(), headers=WRITE, timeout=60)
    run = subprocess.run(
        [str(Path(sys.executable).parent / "schemathesis"), "run", live_server.url + "/openapi.json",
         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                     "response_schema_conformance",
         "--max-examples", "25", "--max-time", "90", "--seed", "20251128", "--workers", "1",
         "--request-timeout", "60", "--no-shrink", "--no-color", "-H", f"X-API-Key: {API_KEY}"],
        capture_output=True, text=True, timeout=400, cwd=REPO,
        env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks", "PYTHONPATH": str(REPO)})
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert httpx.get(live_server.url + "/health").status_code == 200
