"""Reading input documents: plain-text files, `.jsonl` document files, HTML pages, URLs, folders, stdin.

Every reader yields `Document`s and `Skipped` records side by side, so one bad
line or file is reported and skipped while the rest is still processed. Text is
never altered: offsets computed later point into exactly the string read here.
HTML pages, local or fetched, are read by `graph.web` (their article text is
the document), imported only when one is met.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from graph.model import Document

if TYPE_CHECKING:
    from graph.web.fetch import Fetcher

MAX_CHARS = 1_000_000
"""Default size limit of one document (spaCy's own default `max_length`): a 5 MB
"article" is almost always a dump or a mistake, and would take minutes to parse."""

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why (shown to the user, counted in summaries)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def parse_published(value: Any) -> date | None:
    """An ISO date or datetime string as a date; anything else is treated as unknown."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            return None


def content_id(text: str) -> str:
    """The id of a document that has none: a prefix of its content hash, stable across runs."""
    return "sha256-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def document_from_record(record: Any, source: str) -> Document | Skipped:
    """Validate one JSON record ({"id", "text", "published"?, "url"?, "title"?})."""
    if not isinstance(record, dict):
        return Skipped(source, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        return Skipped(source, 'missing "text" (a string)')
    if not text.strip():
        return Skipped(source, "empty document")
    raw_id = record.get("id")
    doc_id = str(raw_id).strip() if raw_id not in (None, "") else content_id(text)
    url = record.get("url") if isinstance(record.get("url"), str) else None
    title = record.get("title") if isinstance(record.get("title"), str) else None
    return Document(doc_id, text, parse_published(record.get("published")), url, title)


def _decode(data: bytes, source: str) -> str | Skipped:
    if b"\x00" in data[:8192]:
        return Skipped(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(source, f"not valid UTF-8 (byte {exc.start}); convert it with iconv first")


def read_jsonl_lines(lines: Iterable[bytes], source: str) -> Iterator[Document | Skipped]:
    """One document per line; a malformed line is skipped with its line number."""
    for number, raw in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        line = _decode(raw, where)
        if isinstance(line, Skipped):
            yield line
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        yield document_from_record(record, where)


def read_text(data: bytes, doc_id: str, source: str) -> Iterator[Document | Skipped]:
    """A whole plain-text file as one document named `doc_id`."""
    text = _decode(data, source)
    if isinstance(text, Skipped):
        yield text
    elif not text.strip():
        yield Skipped(source, "empty document")
    else:
        yield Document(doc_id, text)


def _looks_like_jsonl(data: bytes) -> bool:
    first = data.lstrip()[:1]
    return first == b"{"


def read_stream(stream: BinaryIO, name: str = "stdin") -> Iterator[Document | Skipped]:
    """Standard input: `.jsonl` when it starts with `{`, otherwise one plain-text document."""
    data = stream.read()
    if _looks_like_jsonl(data):
        yield from read_jsonl_lines(data.splitlines(), name)
    else:
        yield from read_text(data, name, name)


def read_file(path: Path) -> Iterator[Document | Skipped]:
    source = str(path)
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                yield from read_jsonl_lines(handle, source)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(source, f"cannot read file ({exc.strerror or exc})")
        return
    if path.suffix.lower() in HTML_SUFFIXES:
        from graph.web.pages import document_from_html  # noqa: PLC0415 - trafilatura loads only for HTML

        yield document_from_html(data, path.stem, source)
        return
    yield from read_text(data, path.stem, source)


def read_path(path: str | Path, fetcher: Fetcher | None = None) -> Iterator[Document | Skipped]:
    """Documents from a file, a folder (its .txt/.md/.jsonl/.html files, recursively, sorted), a URL or `-`.

    A URL is fetched with `fetcher` (a default `graph.web.fetch.Fetcher` when none is given).
    """
    if str(path) == "-":
        yield from read_stream(sys.stdin.buffer)
        return
    if str(path).lower().startswith(("http://", "https://")):
        yield _read_url(str(path), fetcher)
        return
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*")
                       if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES)
        if not files:
            yield Skipped(str(path), "folder holds no .txt, .md, .jsonl or .html files")
        for file in files:
            yield from read_file(file)
    elif path.exists():
        yield from read_file(path)
    else:
        yield Skipped(str(path), "no such file or folder")


def _read_url(url: str, fetcher: Fetcher | None) -> Document | Skipped:
    from graph.web.fetch import Fetcher  # noqa: PLC0415 - httpx and trafilatura load only for URLs
    from graph.web.read import read_url  # noqa: PLC0415

    if fetcher is not None:
        return read_url(url, fetcher)
    with Fetcher() as own:
        return read_url(url, own)


def read_paths(paths: Iterable[str | Path], max_chars: int | None = MAX_CHARS,
               fetcher: Fetcher | None = None) -> Iterator[Document | Skipped]:
    """Documents from every path, in order; documents over `max_chars` are skipped with a reason."""
    for path in paths:
        yield from limit_size(read_path(path, fetcher), max_chars)


def limit_size(items: Iterable[Document | Skipped], max_chars: int | None) -> Iterator[Document | Skipped]:
    """The items, with documents over `max_chars` characters turned into `Skipped`s that say how to change it."""
    for item in items:
        if isinstance(item, Document) and max_chars and len(item.text) > max_chars:
            item = Skipped(item.id, f"document too large ({len(item.text):,} characters; the limit is "
                                    f"{max_chars:,}, change it with --max-chars)")
        yield item
