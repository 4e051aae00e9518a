"""Test data and helpers for the service tests: the test articles, the API key, a real server.

Kept out of conftest.py so that test modules import them by a name no other
test folder uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def relations(client: Any, **params: object) -> list[dict]:
    """The items of GET /relations (a client of the app or of a live server), asserting a 200."""
    response = client.get("/relations", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]  # type: ignore[no-any-return]
