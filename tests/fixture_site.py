"""A small news site on 127.0.0.1 for the article-input tests: our own pages and feeds, with a robots.txt.

Pages live in tests/web/data/ (written for these tests). Besides them the
site has what a fetcher must cope with: a path robots.txt forbids, a
permanent redirect, a redirect to a `file:` URL, a page over any sensible
size cap, a slow page, a JSON file and a missing page. It records the path
and user agent of every request, so tests can tell that a refused fetch
never reached it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).parent / "web" / "data"
SLOW_SECONDS = 3.0
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def _page(name: str) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/html; charset=utf-8"}, (DATA / name).read_bytes()


def _routes() -> dict[str, tuple[int, dict[str, str], bytes]]:
    big = b"<html><body><article>" + b"<p>Filler paragraph of a very long page.</p>" * 5000 + b"</article></body></html>"
    return {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, ROBOTS),
        "/articles/shells.html": _page("shells.html"),
        "/articles/drills.html": _page("drills.html"),
        "/private/shells.html": _page("shells.html"),
        "/feed.xml": (200, {"Content-Type": "application/rss+xml"}, (DATA / "feed.xml").read_bytes()),
        "/atom.xml": (200, {"Content-Type": "application/atom+xml"}, (DATA / "atom.xml").read_bytes()),
        "/moved": (301, {"Location": "/articles/shells.html"}, b""),
        "/to-file": (302, {"Location": "file:///etc/hostname"}, b""),
        "/big.html": (200, {"Content-Type": "text/html"}, big),
        "/slow.html": _page("drills.html"),
        "/data.json": (200, {"Content-Type": "application/json"}, b'{"not": "a page"}'),
    }


@dataclass
class Site:
    """A running fixture site: its base URL and the (path, user agent) of every request it answered."""

    url: str
    requests: list[tuple[str, str]] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@contextmanager
def fixture_site() -> Iterator[Site]:
    """Serve the site on a free loopback port for the duration of the block."""
    routes = _routes()
    site = Site("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server hook's name
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            if self.path == "/slow.html":
                time.sleep(SLOW_SECONDS)
            status, headers, body = routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a size cap or a timeout): that is what some tests check

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="fixture-site", daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
