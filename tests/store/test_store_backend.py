"""Opening stores: one writer, read-only opens, clear errors for bad locations and dead servers."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_samples import PROVENANCE, arms_report

from graph.store import (
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
    StoreUnreachableError,
    default_location,
    open_store,
    write_document,
)
from graph.store import queries as q

HOLD_STORE = textwrap.dedent("""
    import sys, time
    from graph.store import open_store
    with open_store(sys.argv[1]):
        print("open", flush=True)
        time.sleep(60)
""")


def test_a_second_writer_gets_a_clear_error_and_the_store_survives(tmp_path: Path) -> None:
    location = tmp_path / "store"
    with open_store(location) as store:
        write_document(store, *arms_report(), PROVENANCE)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_STORE, str(location)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreLockedError, match="open for writing by another process"):
            open_store(location)
    finally:
        holder.kill()
        holder.wait()
    with open_store(location, read_only=True) as store:
        assert q.stats(store).claims == 6


def test_read_only_opens_read_and_refuse_writes(tmp_path: Path) -> None:
    location = tmp_path / "store"
    with open_store(location) as store:
        write_document(store, *arms_report(), PROVENANCE)
    with open_store(location, read_only=True) as reader:
        assert q.stats(reader).documents == 1
        with pytest.raises(StoreError, match="read-only"):
            write_document(reader, *arms_report(doc_id="another"), PROVENANCE)


def test_reading_a_missing_store_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError, match="geokg ingest"):
        open_store(tmp_path / "nothing-here", read_only=True)


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(StoreError, match="is a file"):
        open_store(path)


@pytest.mark.parametrize("url", [
    "sparql+ftp://example.org/", "sparql+http://", "sparql+http://host:port/", "sparql+http://host/q?x=1",
    "http://127.0.0.1:7878/",
])
def test_malformed_store_urls_are_refused(url: str) -> None:
    with pytest.raises(StoreError, match="sparql\\+http|malformed"):
        open_store(url)


def test_an_unreachable_server_is_reported() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreUnreachableError, match="cannot reach"):
        open_store(f"sparql+http://127.0.0.1:{port}")


def test_the_default_location_follows_geokg_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOKG_STORE", "/data/kg")
    assert default_location() == "/data/kg"
    monkeypatch.delenv("GEOKG_STORE")
    assert default_location() == "./geokg-data"
