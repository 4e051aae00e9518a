"""The page's files as the service serves them (no browser needed): what is served, with which headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers import page
from api.settings import Settings


@pytest.fixture
def client(tmp_path: Path):  # noqa: ANN201
    with TestClient(create_app(Settings(store=str(tmp_path / "store")))) as opened:
        yield opened


def test_the_page_and_its_files_are_served_with_a_strict_policy(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<script src="/static/explorer.js" defer></script>' in response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    for name, kind in (("explorer.js", "text/javascript"), ("explorer.css", "text/css")):
        served = client.get(f"/static/{name}")
        assert served.status_code == 200 and served.headers["content-type"].startswith(kind)
        assert served.text == (page.STATIC / name).read_text(encoding="utf-8")


def test_the_javascript_libraries_are_package_data_built_from_npm(client: TestClient) -> None:
    for name, library in (("cytoscape.min.js", "cytoscape"), ("chart.umd.min.js", "chart.js")):
        response = client.get(f"/static/vendor/{name}")
        assert response.status_code == 200, f"api/static/vendor/{name} is missing: run make setup"
        assert response.headers["content-type"].startswith("text/javascript")
        assert library in response.text[:2000].lower()
        assert response.content == (page.STATIC / "vendor" / name).read_bytes()
    index = client.get("/").text
    assert all(f'src="/static/vendor/{name}"' in index for name in page.VENDOR_FILES)


def test_a_missing_library_and_unknown_files_are_explained(client: TestClient, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(page.VENDOR_FILES, "cytoscape.min.js", tmp_path / "not-installed.js")
    missing = client.get("/static/vendor/cytoscape.min.js")
    assert missing.status_code == 503 and "make setup" in missing.json()["message"]
    for path in ("/static/index.html", "/static/../pyproject.toml", "/static/vendor/jquery.js"):
        response = client.get(path)
        assert response.status_code == 404, path
    assert not any(path == "/" or path.startswith("/static") for path in client.app.openapi()["paths"])
