"""Fixtures for the browser tests: a live service over the test article, and headless Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from live import chromium, missing_browser
from selenium import webdriver

from graph.gazetteer import load_gazetteer
from graph.model import Document
from graph.store import open_store
from graph.store.ingest import ingest
from tests.servers import geokg_serve

DATA = Path(__file__).parent / "data"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def rail_article() -> Document:
    """Our test article: North Korea arms Russia (two voices and a denial), a pact, a US rebuke."""
    return Document("rail-shells", (DATA / "rail-shells.txt").read_text(encoding="utf-8"), date(2023, 10, 12),
                    "https://news.example/rail-shells", "Seoul says North Korean shells are reaching Russia by rail")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, extractor) -> Iterator[str]:  # noqa: ANN001
    """The base URL of `geokg serve` over a store the test article was ingested into."""
    reason = missing_browser()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("explorer")
    with open_store(folder / "store") as store:
        summary = ingest(store, [rail_article()], extractor, load_gazetteer())
        assert summary.statements >= 4, summary
    with geokg_serve(folder / "store", folder / "serve.log") as server:
        yield server.url


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    """Headless Chromium at 1280×800."""
    with chromium(1280, 800) as driver:
        yield driver


@pytest.fixture
def artifacts() -> Path:
    """tests/artifacts/, where screenshots and timings are written (ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
