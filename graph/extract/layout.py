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
DATELINE = re.compile(
    r"""(?P<place>[A-Z][A-Z.'’&-]*(?:\ [A-Z][A-Z.'’&-]*)*)       # BELGRADE, UNITED NATIONS, ST. PETERSBURG
        (?:,\ [A-Z][\w.'’-]*(?:[\ -][A-Z][\w.'’-]*)*(?:\ border)?){0,2}  # , Yugoslavia  , Israel-Jordan border
        (?:,?\ (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\ \d{1,2})?  # , March 3
        (?:\ \((?:[A-Z][\w.&]*(?:[\ -][A-Z][\w.&]*)*)\))?      # (AP)  (Reuters)
        \ ?(?:--|[-–—:])\ +""",
    re.VERBOSE,
)
"""A wire dateline opening a paragraph: "TRIPOLI, Libya (Reuters) - ", "UNITED NATIONS (AP) -- ".
The place must be written in capitals, as wire services do, so that "Russia - which ..." is not one."""
MAX_FURNITURE_WORDS = 3
NEVER_FIRST = frozenset({",", ";", ":", ")", "]", "}", "%", "'s", "’s"})
"""Tokens no sentence starts with: the parser is told so before it runs."""


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of `text` that are page furniture or datelines, not news."""
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
        dateline = dateline_end(stripped)
        if dateline:
            ranges.append((start, start + dateline))
        credit = CREDIT.search(stripped)
        if credit:
            ranges.append((start + credit.start(), end))
    return ranges


def dateline_end(paragraph: str) -> int | None:
    """Where the news starts after a wire dateline ("MOSCOW, May 3 (AP) -- Russia ..."), if any."""
    match = DATELINE.match(paragraph)
    if match is None or not any(c.isalpha() for c in match.group("place")) or len(match.group("place")) < 3:
        return None
    if not any(mark in match.group(0) for mark in ("(", ",", "--", "—")):
        return None  # "NATO - Russia talks": a bare capital word and a hyphen may be a headline
    rest = paragraph[match.end():]
    return match.end() if rest[:1].isupper() or rest[:1] in {'"', "“", "'"} else None


def _short_fragment(line: str) -> bool:
    """ "Route 6", "Loading...": a few words with no verb-like ending are never a sentence of news."""
    words = line.split()
    return len(words) <= MAX_FURNITURE_WORDS and not any(w.lower().endswith(("s", "ed")) for w in words[1:]) \
        and not line.rstrip().endswith((".", "?", "!", '"', "”"))


ABBREVIATED_COMPOUND = re.compile(r"^((?:[A-Z]\.)+)-([A-Za-z]+)$")
"""A hyphen after an abbreviation: "U.S.-led", "U.N.-backed", "U.S.-Japan", which spaCy keeps as one token."""


def split_abbreviated_compounds(doc: Doc) -> None:
    """Split "U.S.-led" as spaCy splits "Saudi-led" ("U.S.-Japan" as "US-Japan"), so that the
    country is a token of its own.

    Done on the tokens rather than with a tokenizer rule: changing the tokenizer's
    infix rules reloads all its special cases, a fifth of a second at every start.
    """
    if ".-" not in doc.text:
        return
    found = [(token, match) for token in doc if (match := ABBREVIATED_COMPOUND.match(token.text))]
    if not found:
        return
    with doc.retokenize() as retokenizer:
        for token, match in found:
            orths = [match.group(1), "-", match.group(2)]
            retokenizer.split(token, orths, heads=[(token, 2), (token, 2), token.head])


@Language.component("geokg_layout")
def layout_component(doc: Doc) -> Doc:
    split_abbreviated_compounds(doc)
    ranges = boilerplate_ranges(doc.text)
    doc.user_data["geokg_boilerplate"] = ranges
    news_starts = {end: start for start, end in ranges if dateline_end(doc.text[start:]) == end - start}
    doc.user_data["geokg_datelines"] = news_starts
    """Where the news after a dateline starts → where its dateline starts (evidence keeps both)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_ or token.idx in news_starts:
            # a line break ends a sentence; a dateline is a sentence of its own, so that
            # "TRIPOLI, Libya (Reuters) -" is never parsed as the subject of the news
            token.is_sent_start = True
        elif token.text in NEVER_FIRST:
            token.is_sent_start = False
    return doc
