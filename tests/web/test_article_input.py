"""Real article input through the command line: HTML files, web pages by URL and RSS/Atom feeds.

Pages and feeds are served by our fixture site on 127.0.0.1 (tests/fixture_site.py),
so every fetch here needs the explicit allowance for private addresses; one
test checks that without it nothing is fetched at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import open_store
from tests.fixture_site import DATA, Site, fixture_site

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BOILERPLATE = ("cookies", "Subscribe", "All rights reserved", "Most read", "First! Great article", "staff reporter",
               "newsletter")


def geokg(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env={**os.environ, **env})


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with fixture_site() as running:
        yield running


def stored_documents(store: Path) -> dict[str, dict[str, str]]:
    """Each stored document's id, text, URL, title and publication date, read back with SPARQL."""
    with open_store(store, read_only=True) as knowledge:
        rows = knowledge.select("""SELECT ?id ?text ?url ?title ?issued WHERE { GRAPH ?g {
            ?doc a geokg:Document ; geokg:documentId ?id ; geokg:text ?text .
            OPTIONAL { ?doc geokg:url ?url } OPTIONAL { ?doc dcterms:title ?title }
            OPTIONAL { ?doc dcterms:issued ?issued } } }""")
        return {str(r.id): {key: str(r[key]) if r[key] is not None else None
                            for key in ("text", "url", "title", "issued")} for r in rows}


def stored_sentences(store: Path) -> list[tuple[str, int, int, str]]:
    """(document id, start, end, sentence) of every claim's evidence."""
    with open_store(store, read_only=True) as knowledge:
        rows = knowledge.select("""SELECT ?id ?start ?end ?exact WHERE { GRAPH ?g {
            ?claim a geokg:Claim ; prov:wasDerivedFrom ?doc ;
                   geokg:evidence/oa:hasTarget/oa:hasSelector ?position, ?quote .
            ?position oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact . ?doc geokg:documentId ?id } }""")
        return [(str(r.id), int(r.start), int(r.end), str(r.exact)) for r in rows]


def test_a_local_html_page_is_read_as_its_article(tmp_path: Path) -> None:
    page = tmp_path / "shells.html"
    page.write_bytes((DATA / "shells.html").read_bytes())
    result = geokg("extract", str(page), "--quiet")
    assert result.returncode == 0, result.stderr
    statements = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(s["predicate"], s["polarity"]) for s in statements} >= {("providesWeaponsTo", "positive"),
                                                                      ("providesWeaponsTo", "negative")}
    assert all(s["doc_id"] == "shells" and s["published"] == "2024-03-05" for s in statements)


def test_pages_by_url_within_the_fetch_policy(site: Site) -> None:
    pages = {name: f"{site.url}{name}" for name in (
        "/articles/shells.html", "/moved", "/private/shells.html", "/to-file", "/big.html", "/slow.html",
        "/data.json", "/articles/withdrawn.html")}
    result = geokg("extract", *pages.values(), "--allow-private-urls", GEOKG_FETCH_MAX_BYTES="100000",
                   GEOKG_FETCH_TIMEOUT="1")
    assert result.returncode == 1, result.stderr
    statements = [json.loads(line) for line in result.stdout.splitlines()]
    assert {s["doc_id"] for s in statements} == {pages["/articles/shells.html"], pages["/moved"]}
    weapons = [s for s in statements if s["predicate"] == "providesWeaponsTo"]
    assert {s["polarity"] for s in weapons} == {"positive", "negative"}
    skipped = " ".join(result.stderr.split())  # rich wraps long lines
    for path, reason in (("/private/shells.html", "robots.txt does not allow"), ("/to-file", "only http and https"),
                         ("/big.html", "over the limit of 100,000"), ("/slow.html", "took longer than 1 s"),
                         ("/data.json", "not an HTML page (application/json)"),
                         ("/articles/withdrawn.html", "HTTP 404")):
        assert reason in skipped, (path, result.stderr)
    assert "/private/shells.html" not in site.paths()  # robots.txt was asked first, and obeyed
    assert all(agent.startswith("geokg/") for _, agent in site.requests)


def test_loopback_addresses_are_refused_unless_allowed(site: Site) -> None:
    before = len(site.requests)
    url = f"{site.url}/articles/shells.html"
    for target in (url, url.replace("127.0.0.1", "localhost")):
        result = geokg("extract", target)
        message = " ".join(result.stderr.split())
        assert result.returncode == 1 and result.stdout == ""
        assert "loopback or private address" in message and "--allow-private-urls" in message
    assert len(site.requests) == before  # refused before any connection was made
    allowed = geokg("extract", url, "--quiet", GEOKG_FETCH_ALLOW_PRIVATE="1")
    assert allowed.returncode == 0 and allowed.stdout


def test_feeds_are_ingested_with_their_pages_text_url_and_dates(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = geokg("ingest", "--feed", f"{site.url}/feed.xml", "--store", str(store), "--allow-private-urls")
    assert result.returncode == 1, result.stderr  # one entry's page is gone
    assert "2 added" in result.stderr and "skipped     1" in result.stderr and "HTTP 404" in result.stderr

    documents = stored_documents(store)
    shells, drills = documents[f"{site.url}/articles/shells.html"], documents[f"{site.url}/articles/drills.html"]
    assert shells["url"] == "https://news.example/2024/03/05/shells-by-rail"  # the page's canonical URL
    assert shells["title"] == "Seoul says North Korean shells are reaching Russia"
    assert shells["issued"] == "2024-03-05"  # from the page's metadata
    assert drills["issued"] == "2024-03-11" and drills["url"] == f"{site.url}/articles/drills.html"  # from the feed
    assert "joint naval drills" in drills["text"]
    for document in (shells, drills):
        assert not any(words in document["text"] for words in BOILERPLATE), document["text"]
    sentences = stored_sentences(store)
    assert len(sentences) >= 4
    for doc_id, start, end, sentence in sentences:
        assert documents[doc_id]["text"][start:end] == sentence  # offsets point into the stored article text

    again = geokg("ingest", "--feed", f"{site.url}/atom.xml", f"{site.url}/articles/shells.html", "--store",
                  str(store), "--allow-private-urls")
    assert again.returncode == 0, again.stderr
    assert "2 unchanged" in again.stderr and "0 added" in again.stderr


def test_nothing_to_read_and_broken_feeds_are_explained(site: Site) -> None:
    nothing = geokg("ingest")
    assert nothing.returncode == 2 and "--feed" in nothing.stderr
    not_a_feed = geokg("extract", "--feed", f"{site.url}/articles/drills.html", "--allow-private-urls")
    assert not_a_feed.returncode == 1 and "is not an RSS or Atom feed" in " ".join(not_a_feed.stderr.split())
    bad_limit = geokg("extract", f"{site.url}/articles/drills.html", GEOKG_FETCH_TIMEOUT="soon")
    assert bad_limit.returncode == 2 and "GEOKG_FETCH_TIMEOUT" in bad_limit.stderr
