"""Fixtures for the service: apps built on temporary stores, in-process clients, and a real server.

Extraction is the slow part of a write (about a second for the test article),
so read-only tests share one store that the article was posted to
(`loaded_client`), and tests that write get a fresh app (`make_client`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings

DATA = Path(__file__).parent / "data"
API_KEY = "test-key-0123456789"
WRITE = {"X-API-Key": API_KEY}


def drones_document(doc_id: str = "drones-report", published: str = "2025-03-04") -> dict[str, str]:
    """The test article: IRN arms RUS by three voices and one denial; IRN has influence over SYR."""
    return {"id": doc_id, "text": (DATA / "drones-report.txt").read_text(encoding="utf-8"), "published": published}


def follow_up_document() -> dict[str, str]:
    """A later, separate source for Iran arming Russia, and a new relation (Belarus hosts Russian troops)."""
    return {"id": "drones-follow-up", "text": (DATA / "drones-follow-up.txt").read_text(encoding="utf-8"),
            "published": "2025-04-02"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


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


class LiveServer:
    """`geokg serve` in its own process on a loopback port."""

    def __init__(self, store: Path, log: Path, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self._log = log.open("wb")
        geokg = Path(sys.executable).parent / "geokg"
        self.process = subprocess.Popen(
            [str(geokg), "serve", "--store", str(store), "--port", str(self.port)],
            env={**os.environ, "GEOKG_API_KEY": API_KEY, **env}, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"geokg serve exited with {self.process.returncode}: {log.read_text()}")
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"geokg serve did not answer within 60 s: {log.read_text()}")
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A real `geokg serve` on a free loopback port over an empty store."""
    if shutil.which("geokg", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("the geokg command is not installed in this environment")
    server = LiveServer(tmp_path / "store", tmp_path / "server.log")
    yield server
    server.stop()
