"""Reading an HTML page as a news document: its main text, title, URL and publication date.

trafilatura finds the article in the page and drops the boilerplate around it
(navigation, footers, cookie banners, reader comments, tables); the metadata
comes from the page's own markup (`<title>`, Open Graph and article meta tags,
`<link rel="canonical">`, `<time>`), read by trafilatura and htmldate, never
guessed from the article's text. The extracted text is the document: offsets
of every later statement point into exactly that string, which the store keeps.
"""

from __future__ import annotations

from datetime import date

import trafilatura

from graph.documents import Skipped, parse_published
from graph.model import Document

HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_DATE_SEARCH = {"extensive_search": False, "original_date": True}
"""Publication dates from markup only (meta tags, <time>, the URL), the original one rather than an update."""


def document_from_html(html: bytes | str, doc_id: str, source: str, *, url: str | None = None,
                       published: date | None = None, title: str | None = None) -> Document | Skipped:
    """The article in `html` as a document named `doc_id`.

    `url` is where the page was found; the page's canonical URL, title and
    date win over it and over `title`/`published`, which fill in what the
    page does not say (a feed entry's date, say).
    """
    try:
        found = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=_DATE_SEARCH)
    except (ValueError, TypeError) as exc:
        return Skipped(source, f"not a readable HTML page ({exc})")
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        return Skipped(source, "no article text found in the page (is it a front page, a paywall or a script-only "
                               "page?)")
    return Document(doc_id, text, parse_published(found.date) or published, found.url or url,
                    found.title or title)
