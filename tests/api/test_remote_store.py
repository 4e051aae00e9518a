"""The service on a remote store (`oxigraph serve`): /sparql's default graph is the union there too (slow)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from service_samples import WRITE, drones_document, free_port

pytestmark = pytest.mark.slow

ASK_UNSCOPED = "ASK { id:IRN geokg:providesWeaponsTo id:RUS }"


@pytest.fixture
def server_url(tmp_path: Path) -> Iterator[str]:
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists() and shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    process = subprocess.Popen([str(binary if binary.exists() else "oxigraph"), "serve", "--location",
                                str(tmp_path / "server"), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not answer within 30 s")
                time.sleep(0.1)
        yield f"sparql+{base}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_sparql_means_the_same_on_a_remote_store(make_client, server_url: str) -> None:  # noqa: ANN001
    remote = make_client(store=server_url)
    assert remote.post("/documents", json=drones_document(), headers=WRITE).status_code == 200
    # Oxigraph's own default graph is empty: a query without GRAPH finds nothing there ...
    plain = httpx.get(server_url.removeprefix("sparql+") + "/query", headers={"Accept": "application/sparql-results+json"},
                      params={"query": "PREFIX id: <https://geokg.org/id/> PREFIX geokg: <https://geokg.org/ontology#> "
                                       + ASK_UNSCOPED})
    assert plain.json()["boolean"] is False
    # ... while /sparql asks for the union of all graphs, as on the embedded store.
    embedded = make_client()
    embedded.post("/documents", json=drones_document(), headers=WRITE)
    for client in (remote, embedded):
        assert client.get("/sparql", params={"query": ASK_UNSCOPED}).json()["boolean"] is True
        assert client.get("/relations", params={"subject": "IRN", "polarity": "negative"}).json()["items"]
        assert client.get("/health").json()["store"] in ("remote", "embedded")
