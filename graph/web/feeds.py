"""Reading an RSS or Atom feed: the articles it links to, with their titles and dates (feedparser)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

import feedparser

FEED_MEDIA_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                              "application/xml", "text/xml", "application/feed+json"})


class FeedError(ValueError):
    """Bytes that are not an RSS or Atom feed."""


@dataclass(frozen=True)
class FeedEntry:
    """One article a feed links to."""

    link: str
    title: str | None
    published: date | None


def parse_feed(data: bytes, url: str) -> list[FeedEntry]:
    """The entries of a feed fetched from `url`, in the feed's order; relative links are resolved against `url`.

    Entries without a link are left out: there is no article to read.
    """
    # A stream, never a string: feedparser fetches a string that looks like a URL itself.
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url})
    if not parsed.version and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise FeedError(f"{url} is not an RSS or Atom feed" + (f" ({reason})" if reason else ""))
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        entries.append(FeedEntry(urljoin(url, link), entry.get("title") or None,
                                 date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None))
    return entries
