"""Store fixtures: every store test runs on the embedded store and on a real Oxigraph server.

The server is `oxigraph serve` (from the `oxigraph` package) on a free loopback
port, started once per session, emptied before each test and stopped at the end.
Server-backed cases are marked `slow`.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import KnowledgeStore, open_store


def oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "oxigraph"
    return str(beside_python) if beside_python.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running Oxigraph server; yields its `sparql+http://` store URL."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    log = (location.parent / "oxigraph-server.log").open("wb")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"oxigraph serve exited with {process.returncode}; see {log.name}")
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not answer within 30 s")
                time.sleep(0.1)
        yield f"sparql+{base}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def empty_server(url: str) -> None:
    request = urllib.request.Request(url.removeprefix("sparql+") + "/update", data=b"DROP ALL",
                                     headers={"Content-Type": "application/sparql-update"}, method="POST")
    urllib.request.urlopen(request, timeout=30).close()


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.slow)])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where an empty store lives: a fresh directory, or the emptied test server."""
    if request.param == "embedded":
        return str(tmp_path / "store")
    url: str = request.getfixturevalue("oxigraph_server")
    empty_server(url)
    return url


@pytest.fixture
def store(store_location: str) -> Iterator[KnowledgeStore]:
    """An empty, writable store (the ontology graph loaded)."""
    with open_store(store_location) as opened:
        yield opened
