"""Page layout of scraped articles: paragraphs and boilerplate.

Runs first in the pipeline. A line break always ends a sentence (headlines
and captions have no full stop), and lines that are page furniture ("Read
More", "Loading...", "Photo: Reuters", a lone agency name) are marked as
character ranges that the later components skip. The text itself is never
changed, so every offset still points into the original string.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

FURNITURE_LINE = re.compile(
    r"""^\W*(read\ more|read\ next|related|loading|advertisement|share|share\ this|subscribe
        |sign\ up|click\ here|watch|listen|follow\ us|most\ read|trending|see\ also|more\ stories
        |skip\ to\ content|cookie|newsletter|back\ to\ top|comments?)\b.{0,60}$""",
    re.IGNORECASE | re.VERBOSE,
)
CREDIT = re.compile(
    r"(?:^|\s[/|–—-]\s|\s)\(?(?:photo|photograph|image|picture|credit|file\ photo|video|graphic|illustration)s?"
    r"(?:\ credit)?\s*:\s*[^\n]*$",
    re.IGNORECASE | re.VERBOSE,
)
AGENCY_LINE = re.compile(
    r"^\W*(reuters|afp|ap|associated press|getty images|bloomberg|epa|xinhua|yonhap|anadolu|tass|efe|dpa)"
    r"(\s*(/|via|and)\s*\w[\w ]*)?\W*$",
    re.IGNORECASE,
)
MAX_FURNITURE_WORDS = 3
NEVER_FIRST = frozenset({",", ";", ":", ")", "]", "}", "%", "'s", "’s"})
"""Tokens no sentence starts with: the parser is told so before it runs."""


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of `text` that are page furniture, not news."""
    ranges = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        start = offset + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        offset += len(line)
        if not stripped:
            continue
        if FURNITURE_LINE.match(stripped) or AGENCY_LINE.match(stripped) or _short_fragment(stripped):
            ranges.append((start, end))
            continue
        credit = CREDIT.search(stripped)
        if credit:
            ranges.append((start + credit.start(), end))
    return ranges


def _short_fragment(line: str) -> bool:
    """ "Route 6", "Loading...": a few words with no verb-like ending are never a sentence of news."""
    words = line.split()
    return len(words) <= MAX_FURNITURE_WORDS and not any(w.lower().endswith(("s", "ed")) for w in words[1:]) \
        and not line.rstrip().endswith((".", "?", "!", '"', "”"))


@Language.component("geokg_layout")
def layout_component(doc: Doc) -> Doc:
    doc.user_data["geokg_boilerplate"] = boilerplate_ranges(doc.text)
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif token.text in NEVER_FIRST:
            token.is_sent_start = False  # "SEOUL, Oct 12 -": a dateline is not a sentence of its own
    return doc
