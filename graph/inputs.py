"""What `geokg extract` and `geokg ingest` read, and the options they share for it.

Inputs are files, folders, `-`, web page URLs (arguments) and RSS/Atom feeds
(`--feed`), read in that order into one stream of documents and skipped
inputs. Fetching follows `graph.web.fetch.FetchPolicy`: limits from the
GEOKG_FETCH_* environment variables, private addresses only when allowed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from graph.documents import MAX_CHARS, Skipped, limit_size, read_paths
from graph.model import Document

if TYPE_CHECKING:
    from graph.web.fetch import FetchPolicy

PathsArgument = Annotated[Optional[list[str]], typer.Argument(
    help="Plain-text files (one document each), .jsonl files ({\"id\", \"text\", \"published\"?, \"url\"?} per "
         "line), HTML pages, folders of those, http(s) URLs of web pages, or `-` for standard input.",
    show_default=False)]
FeedOption = Annotated[Optional[list[str]], typer.Option(
    "--feed", metavar="URL", show_default=False,
    help="An RSS or Atom feed: every article it links to is fetched and read. Repeat for several feeds.")]
AllowPrivateOption = Annotated[bool, typer.Option(
    "--allow-private-urls", envvar="GEOKG_FETCH_ALLOW_PRIVATE",
    help="Also fetch from loopback and private-network addresses (an intranet, a local test server); refused "
         "by default, for the URLs given and for every redirect. Fetch limits: GEOKG_FETCH_TIMEOUT (seconds, "
         "default 20), GEOKG_FETCH_MAX_BYTES (default 5000000), GEOKG_USER_AGENT.")]


def check_inputs(paths: list[str] | None, feeds: list[str] | None) -> None:
    """Refuse a command given nothing to read (exit status 2, as for any bad usage)."""
    if not paths and not feeds:
        typer.echo("Nothing to read: give files, folders, URLs or - as arguments, or --feed URL.", err=True)
        raise typer.Exit(2)


def read_inputs(paths: list[str] | None, feeds: list[str] | None, *, allow_private: bool = False,
                max_chars: int | None = MAX_CHARS) -> Iterator[Document | Skipped]:
    """Documents from the arguments, then from each feed; inputs that cannot be used are `Skipped`s.

    Raises ValueError at once (before anything is read) for a malformed GEOKG_FETCH_* variable.
    """
    paths, feeds = paths or [], feeds or []
    if not feeds and not any(_is_url(p) for p in paths):
        return read_paths(paths, max_chars)  # nothing to fetch: httpx is not even imported
    from graph.web.fetch import FetchPolicy  # noqa: PLC0415 - httpx; keep --help fast

    return _read(paths, feeds, FetchPolicy.from_env(allow_private=allow_private or None), max_chars)


def _is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def _read(paths: list[str], feeds: list[str], policy: FetchPolicy,
          max_chars: int | None) -> Iterator[Document | Skipped]:
    from graph.web.fetch import Fetcher  # noqa: PLC0415

    with Fetcher(policy) as fetcher:
        yield from read_paths(paths, max_chars, fetcher)
        for feed in feeds:
            from graph.web.read import read_feed  # noqa: PLC0415 - trafilatura loads only for web input

            yield from limit_size(read_feed(feed, fetcher), max_chars)
