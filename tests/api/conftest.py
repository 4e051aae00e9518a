"""Fixtures for the service: apps built on temporary stores, in-process clients, and a real server.

Extraction is the slow part of a write (about a second for the test article),
so read-only tests share one store that the article was posted to
(`loaded_client`), and tests that write get a fresh app (`make_client`).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from service_samples import API_KEY, WRITE, drones_document

from api.app import create_app
from api.settings import Settings
from tests.servers import Served, geokg_serve


@pytest.fixture
def make_client(tmp_path: Path, extractor) -> Iterator[Callable[..., TestClient]]:  # noqa: ANN001
    """make_client(**settings) -> an in-process client of a fresh app on a new store (closed after the test)."""
    clients: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        options: dict[str, object] = {"store": str(tmp_path / f"store-{len(clients)}"), "api_key": API_KEY,
                                      "sparql_timeout": 5.0}
        options.update(overrides)
        client = TestClient(create_app(Settings(**options), extractor=extractor))  # type: ignore[arg-type]
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def loaded_client(tmp_path_factory: pytest.TempPathFactory, extractor) -> Iterator[TestClient]:  # noqa: ANN001
    """A client of an app whose store holds the test article, posted through POST /documents."""
    store = tmp_path_factory.mktemp("loaded") / "store"
    settings = Settings(store=str(store), api_key=API_KEY, sparql_timeout=5.0)
    with TestClient(create_app(settings, extractor=extractor)) as client:
        response = client.post("/documents", json=drones_document(), headers=WRITE)
        assert response.status_code == 200, response.text
        yield client


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[Served]:
    """A real `geokg serve` on a free loopback port over an empty store.

    It fetches no URLs: the schemathesis run posts generated documents, and the
    schema's examples name web pages that must never be requested from here.
    """
    if shutil.which("geokg", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("the geokg command is not installed in this environment")
    with geokg_serve(tmp_path / "store", tmp_path / "server.log", GEOKG_API_KEY=API_KEY,
                     GEOKG_FETCH_URLS="0") as server:
        yield server
