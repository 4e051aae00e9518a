"""The service's settings: where the store is, and the limits and switches an operator may change.

Every field has an environment variable (read by `Settings.from_env`), so the
same app runs under `geokg serve`, under any ASGI server, and in tests that
build a `Settings` directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from graph.documents import MAX_CHARS
from graph.store.backend import default_location
from graph.web.fetch import FetchPolicy


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    try:
        return float(value) if value else default
    except ValueError as exc:
        raise ValueError(f"${name}={value!r} is not a number") from exc


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ValueError(f"${name}={value!r} is not a whole number") from exc


@dataclass(frozen=True)
class Settings:
    """What one service instance serves and how far it lets requests go."""

    store: str = field(default_factory=default_location)
    """Store directory or sparql+http(s):// URL ($GEOKG_STORE, else ./geokg-data)."""
    api_key: str | None = None
    """Key that POST /documents requires ($GEOKG_API_KEY); without one, writes are refused."""
    cors_origins: tuple[str, ...] = ()
    """Origins allowed to call the API from a browser ($GEOKG_CORS_ORIGINS, comma-separated; "*" for any)."""
    max_body_bytes: int = 4 * MAX_CHARS
    """Largest request body accepted ($GEOKG_MAX_BODY_BYTES); larger ones get 413."""
    max_documents: int = 100
    """Most documents one POST /documents may hold."""
    sparql_timeout: float = 10.0
    """Seconds a /sparql query may run before it is stopped ($GEOKG_SPARQL_TIMEOUT)."""
    sparql_max_bytes: int = 10_000_000
    """Largest /sparql result, serialised, in bytes ($GEOKG_SPARQL_MAX_BYTES); larger ones get 400."""
    sparql_workers: int = 2
    """Processes running /sparql queries at once ($GEOKG_SPARQL_WORKERS)."""
    cache_seconds: float = 300.0
    """How long the name index and graph projections are reused ($GEOKG_CACHE_SECONDS). The
    service drops them at once after its own writes; the limit matters only for writes other
    processes make to a remote store."""
    model: str | None = None
    """spaCy pipeline for POST /documents ($GEOKG_MODEL; default: the extractor's own)."""
    fetch_urls: bool = True
    """Whether POST /documents fetches a page given by its URL alone ($GEOKG_FETCH_URLS=0 turns it off: a
    public service may not want to make requests on its clients' behalf; pages can still be posted as html)."""
    fetch_policy: FetchPolicy = field(default_factory=FetchPolicy)
    """How POST /documents fetches a page given by its URL ($GEOKG_FETCH_TIMEOUT, $GEOKG_FETCH_MAX_BYTES,
    $GEOKG_USER_AGENT; $GEOKG_FETCH_ALLOW_PRIVATE=1 lets clients make the service fetch from loopback and
    private addresses, which is refused by default)."""

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from GEOKG_* environment variables; keyword arguments win over them."""
        origins = os.environ.get("GEOKG_CORS_ORIGINS", "")
        values: dict[str, object] = {
            "store": default_location(),
            "api_key": os.environ.get("GEOKG_API_KEY") or None,
            "cors_origins": tuple(o.strip() for o in origins.split(",") if o.strip()),
            "max_body_bytes": _env_int("GEOKG_MAX_BODY_BYTES", cls.max_body_bytes),
            "sparql_timeout": _env_float("GEOKG_SPARQL_TIMEOUT", cls.sparql_timeout),
            "sparql_max_bytes": _env_int("GEOKG_SPARQL_MAX_BYTES", cls.sparql_max_bytes),
            "sparql_workers": _env_int("GEOKG_SPARQL_WORKERS", cls.sparql_workers),
            "cache_seconds": _env_float("GEOKG_CACHE_SECONDS", cls.cache_seconds),
            "model": os.environ.get("GEOKG_MODEL") or None,
            "fetch_urls": os.environ.get("GEOKG_FETCH_URLS", "1").lower() not in ("0", "false", "no"),
            "fetch_policy": FetchPolicy.from_env(),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
