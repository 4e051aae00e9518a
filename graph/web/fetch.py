"""Fetching pages and feeds from the web, politely and without reaching where it should not.

Every fetch has a timeout, a size cap and geokg's user agent, asks the site's
robots.txt first (protego, RFC 9309 rules: a missing robots.txt allows all, an
unreachable or failing one allows nothing) and follows at most a few redirects,
checking each hop before it is requested:

* only `http` and `https` URLs are fetched: a redirect to `file:`, `ftp:` or
  any other scheme is refused, always;
* a host that resolves to a loopback, private, link-local or otherwise
  non-public address is refused unless the policy allows private addresses
  (`--allow-private-urls`, `GEOKG_FETCH_ALLOW_PRIVATE=1`). The address is
  checked when the name is resolved and again on the connection actually
  made, so a name that resolves differently the second time is still caught
  before the response is read.

Proxies from the environment are not used: the address checks must see the
real peer. Errors are `FetchError`s whose message says what to do.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from dataclasses import dataclass, replace
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from graph import __version__

USER_AGENT = f"geokg/{__version__} (+https://geokg.org/; news knowledge graph builder)"
ROBOTS_MAX_BYTES = 500_000
"""RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt; the rest may be ignored."""
MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})
SCHEMES = ("http", "https")


class FetchError(Exception):
    """A URL that could not be fetched; the message says why."""


class FetchRefused(FetchError):
    """A fetch the policy forbids: another scheme, a private address, or the site's robots.txt."""


@dataclass(frozen=True)
class FetchPolicy:
    """How far a run of fetches may go. `from_env` reads the GEOKG_FETCH_* variables."""

    timeout: float = 20.0
    """Seconds for the whole of one request: connecting, waiting and reading the body."""
    max_bytes: int = 5_000_000
    """Largest body read; larger pages and feeds are refused (news pages are well under 1 MB of HTML)."""
    user_agent: str = USER_AGENT
    allow_private: bool = False
    """Fetch from loopback and private-network addresses too (an intranet, a test server)."""

    @classmethod
    def from_env(cls, **overrides: object) -> FetchPolicy:
        """GEOKG_FETCH_TIMEOUT, GEOKG_FETCH_MAX_BYTES, GEOKG_USER_AGENT and GEOKG_FETCH_ALLOW_PRIVATE;
        keyword arguments that are not None win over them."""
        values: dict[str, object] = {}
        for name, variable, kind in (("timeout", "GEOKG_FETCH_TIMEOUT", float),
                                     ("max_bytes", "GEOKG_FETCH_MAX_BYTES", int)):
            text = os.environ.get(variable)
            if text:
                try:
                    values[name] = kind(text)
                except ValueError as exc:
                    raise ValueError(f"${variable}={text!r} is not a number") from exc
        if os.environ.get("GEOKG_USER_AGENT"):
            values["user_agent"] = os.environ["GEOKG_USER_AGENT"]
        values["allow_private"] = os.environ.get("GEOKG_FETCH_ALLOW_PRIVATE", "").lower() in ("1", "true", "yes")
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: where it ended up after redirects, what it is, and its bytes."""

    url: str
    media_type: str
    """Lower case, without parameters: `text/html`, `application/rss+xml` ..."""
    charset: str | None
    body: bytes


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet (not loopback, private, link-local, reserved ...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


class Fetcher:
    """One HTTP client and one robots.txt cache for a run of fetches; use it as a context manager."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._client = httpx.Client(headers={"User-Agent": self.policy.user_agent}, follow_redirects=False,
                                    timeout=httpx.Timeout(self.policy.timeout), trust_env=False)
        self._robots: dict[str, Protego] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5") -> Fetched:
        """GET `url`, following safe redirects, within the policy; FetchError if it cannot or may not."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self._check_allowed(current)
            status, headers, body, media_type, charset = self._get(current, accept, self.policy.max_bytes)
            if status in REDIRECTS:
                location = headers.get("location")
                if not location:
                    raise FetchError(f"{current} answered {status} without saying where to go")
                current = urljoin(current, location)
                continue
            if status >= 400:
                raise FetchError(f"{current} answered HTTP {status}")
            return Fetched(current, media_type, charset, body)
        raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times")

    # ---- checks ---------------------------------------------------------------------------------

    def _check_allowed(self, url: str) -> None:
        """Scheme, address and robots.txt of one URL about to be requested."""
        self._check_destination(url)
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots.get(origin)
        if robots is None:
            robots = self._robots[origin] = self._read_robots(origin)
        if not robots.can_fetch(url, self.policy.user_agent):
            raise FetchRefused(f"{origin}/robots.txt does not allow fetching {url}")

    def _check_destination(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in SCHEMES:
            raise FetchRefused(f"{url}: only http and https URLs are fetched, not {parts.scheme or 'a bare path'}")
        if not parts.hostname:
            raise FetchRefused(f"{url}: the URL names no host")
        if self.policy.allow_private:
            return
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
            found = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
        except (OSError, ValueError) as exc:
            raise FetchError(f"{url}: cannot resolve {parts.hostname} ({exc})") from exc
        for *_, address in found:
            self._check_address(url, str(address[0]))

    def _check_address(self, url: str, address: str) -> None:
        if not self.policy.allow_private and not is_public(address):
            host = urlsplit(url).hostname
            where = f"{address} is" if host == address else f"{host} is at {address},"
            raise FetchRefused(
                f"{url}: {where} a loopback or private address; geokg fetches from those only when allowed "
                "(--allow-private-urls, or GEOKG_FETCH_ALLOW_PRIVATE=1)")

    def _read_robots(self, origin: str) -> Protego:
        """The origin's robots rules: 4xx means no rules (all allowed); 5xx or no answer means none allowed."""
        url = f"{origin}/robots.txt"
        try:
            for _ in range(MAX_REDIRECTS + 1):
                self._check_destination(url)
                status, headers, body, _, charset = self._get(url, "text/plain", ROBOTS_MAX_BYTES, truncate=True)
                if status not in REDIRECTS or not headers.get("location"):
                    break
                url = urljoin(url, headers["location"])
        except FetchRefused:
            raise
        except FetchError as exc:
            raise FetchRefused(f"{origin}/robots.txt could not be read ({exc}), so nothing there is fetched") from exc
        if status >= 500 or status in REDIRECTS:
            raise FetchRefused(f"{origin}/robots.txt answered HTTP {status}, so nothing there is fetched")
        if status >= 400:
            return Protego.parse("")
        return Protego.parse(body.decode(charset or "utf-8", errors="replace"))

    # ---- one request ----------------------------------------------------------------------------

    def _get(self, url: str, accept: str, max_bytes: int,
             truncate: bool = False) -> tuple[int, httpx.Headers, bytes, str, str | None]:
        """One GET without redirects: status, headers, body (at most `max_bytes`), media type, charset."""
        deadline = time.monotonic() + self.policy.timeout
        try:
            with self._client.stream("GET", url, headers={"Accept": accept}) as response:
                stream = response.extensions.get("network_stream")
                peer = stream.get_extra_info("server_addr") if stream is not None else None
                if peer:
                    self._check_address(url, str(peer[0]))
                declared = response.headers.get("content-length", "")
                if not truncate and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"{url} is {int(declared):,} bytes, over the limit of {max_bytes:,} "
                                     "(GEOKG_FETCH_MAX_BYTES)")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        if truncate:
                            del body[max_bytes:]
                            break
                        raise FetchError(f"{url} is over the limit of {max_bytes:,} bytes (GEOKG_FETCH_MAX_BYTES)")
                    if time.monotonic() > deadline:
                        raise FetchError(f"{url} took longer than {self.policy.timeout:g} s (GEOKG_FETCH_TIMEOUT)")
                media_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
                return response.status_code, response.headers, bytes(body), media_type, response.charset_encoding
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url} took longer than {self.policy.timeout:g} s (GEOKG_FETCH_TIMEOUT)") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url} could not be fetched: {exc}") from exc
