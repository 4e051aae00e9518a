"""Documents from the web: one page by its URL, or every article of an RSS or Atom feed.

A page's document id is the URL it was asked for (a feed's entry link), so
ingesting the same URL again is idempotent, and a page cannot take over
another document's id by declaring a canonical URL. Everything that goes
wrong with one URL becomes a `Skipped` with the reason; the others go on.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from graph.documents import Skipped
from graph.model import Document
from graph.web.feeds import FeedError, parse_feed
from graph.web.fetch import Fetcher, FetchError
from graph.web.pages import HTML_MEDIA_TYPES, document_from_html


def read_url(url: str, fetcher: Fetcher, *, published: date | None = None,
             title: str | None = None) -> Document | Skipped:
    """The article at `url`; `published` and `title` fill in what its page does not say."""
    try:
        page = fetcher.fetch(url)
    except FetchError as exc:
        return Skipped(url, str(exc).removeprefix(f"{url}: "))  # the URL is said once, as the source
    if page.media_type and page.media_type not in HTML_MEDIA_TYPES:
        return Skipped(url, f"not an HTML page ({page.media_type}); geokg reads web pages, and feeds with --feed")
    html: bytes | str = page.body.decode(page.charset, errors="replace") if page.charset else page.body
    return document_from_html(html, url, url, url=page.url, published=published, title=title)


def read_feed(url: str, fetcher: Fetcher) -> Iterator[Document | Skipped]:
    """Every article a feed links to, fetched one after the other."""
    try:
        feed = fetcher.fetch(url, accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                                         "*/*;q=0.5")
        entries = parse_feed(feed.body, feed.url)
    except (FetchError, FeedError) as exc:
        yield Skipped(url, str(exc).removeprefix(f"{url}: "))
        return
    if not entries:
        yield Skipped(url, "the feed lists no articles")
    for entry in entries:
        yield read_url(entry.link, fetcher, published=entry.published, title=entry.title)
