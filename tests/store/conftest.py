"""Store fixtures: every store test runs on the embedded store and on a real Oxigraph server.

The server is `oxigraph serve` (from the `oxigraph` package) on a free loopback
port, started once per session, emptied before each test and stopped at the end.
Server-backed cases are marked `slow`.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import KnowledgeStore, open_store
from tests.servers import oxigraph_binary, oxigraph_serve


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running Oxigraph server; yields its `sparql+http://` store URL."""
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    location = tmp_path_factory.mktemp("oxigraph-server")
    with oxigraph_serve(location, location.parent / "oxigraph-server.log") as url:
        yield url


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
