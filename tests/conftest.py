"""Shared fixtures: the real extraction pipeline, loaded once per test session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

# The compiled cache (graph.cache) of a test run lives and dies with the run: tests build
# gazetteers from temporary copies, which must not pile up in the user's ~/.cache/geokg.
if "GEOKG_CACHE" not in os.environ:
    os.environ["GEOKG_CACHE"] = tempfile.mkdtemp(prefix="geokg-test-cache-")
    atexit.register(shutil.rmtree, os.environ["GEOKG_CACHE"], True)

from graph.extract import load_extractor
from graph.model import Document, Statement


@pytest.fixture(scope="session")
def extractor():
    return load_extractor()


@pytest.fixture(scope="session")
def extract(extractor):
    """extract(text, published=None) -> list of Statements for one document."""

    def run(text: str, published: str | None = None) -> list[Statement]:
        from datetime import date

        doc = Document("t", text, date.fromisoformat(published) if published else None)
        return extractor.extract(doc)

    return run
