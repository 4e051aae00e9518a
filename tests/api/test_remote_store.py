"""The service on a remote store (`oxigraph serve`): /sparql's default graph is the union there too (slow)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from service_samples import WRITE, drones_document

from tests.servers import oxigraph_binary, oxigraph_serve

pytestmark = pytest.mark.slow

ASK_UNSCOPED = "ASK { id:IRN geokg:providesWeaponsTo id:RUS }"


@pytest.fixture
def server_url(tmp_path: Path) -> Iterator[str]:
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    with oxigraph_serve(tmp_path / "server", tmp_path / "server.log") as url:
        yield url


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
