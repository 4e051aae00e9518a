"""Event dates: the DATE phrase that governs a trigger, resolved against publication.

"on Thursday" is the latest Thursday on or before publication, "last month"
the month before it, "in September" the latest September not after it, and
"on November 8, 2023" itself. Without a publication date only absolute dates
resolve; everything else stays `None` rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Span, Token

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
PATTERNS = [
    re.compile(r"(?P<year>\d{4})-(?P<m>\d{2})-(?P<day>\d{2})"),
    re.compile(MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH + r",?\s+(?P<year>\d{4})", re.I),
    re.compile(MONTH + r"\s+(?P<year>\d{4})", re.I),
    re.compile(MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b", re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH + r"\b", re.I),
    re.compile(r"\b" + MONTH + r"\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})\b"),
]


def resolve(text: str, published: date | None) -> str | None:
    """An ISO 8601 date ("2023-11-09") or month ("2023-09") for a date phrase, or None."""
    lower = text.lower().strip()
    relative = _relative(lower, published)
    if relative is not None:
        return relative
    for pattern in PATTERNS:
        match = pattern.search(lower)
        if match:
            return _from_match(match, published)
    return None


def _relative(lower: str, published: date | None) -> str | None:
    if published is None:
        return None
    if lower in {"today", "tonight", "this morning", "this afternoon", "this evening", "earlier today"}:
        return published.isoformat()
    if lower in {"yesterday", "overnight", "last night", "late yesterday"}:
        return (published - timedelta(days=1)).isoformat()
    for word, number in WEEKDAYS.items():
        if re.search(rf"\b{word}\b", lower) and not re.search(r"\d", lower):
            back = (published.weekday() - number) % 7
            if lower.startswith("next"):
                back = -((number - published.weekday()) % 7 or 7)
            elif lower.startswith("last") and back == 0:
                back = 7
            return (published - timedelta(days=back)).isoformat()
    if lower == "last month":
        first = published.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if lower in {"this month", "earlier this month"}:
        return f"{published.year:04d}-{published.month:02d}"
    if lower == "last year":
        return f"{published.year - 1:04d}"
    if lower in {"this year", "earlier this year"}:
        return f"{published.year:04d}"
    return None


def _from_match(match: re.Match, published: date | None) -> str | None:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else MONTHS.get((groups.get("month") or "").rstrip("."))
    year = int(groups["year"]) if groups.get("year") else None
    day = int(groups["day"]) if groups.get("day") else None
    if month is None:
        return f"{year:04d}" if year else None
    if year is None:
        if published is None:
            return None
        year = published.year if month <= published.month else published.year - 1
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def date_for(trigger: Token, sent: Span, published: date | None) -> str | None:
    """The date phrase attached to the trigger's clause (or the sentence's only one)."""
    dates = [e for e in sent.ents if e.label_ == "DATE"]
    if not dates:
        return None
    clause = {trigger.i} | {a.i for a in trigger.ancestors}
    for ent in dates:
        if ent.root.head.i in clause or ent.root.head.head.i in clause:
            return resolve(ent.text, published)
    if len(dates) == 1:
        return resolve(dates[0].text, published)
    return None
