"""FastAPI dependencies: the service (and so the store) every route gets injected, and the write key."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from api.errors import ApiError
from api.names import NameIndex
from api.service import Service
from graph.store.queries import EntitySummary

API_KEY_HEADER = "X-API-Key"
_api_key = APIKeyHeader(name=API_KEY_HEADER, auto_error=False,
                        description="The key the operator set in $GEOKG_API_KEY; needed to write.")


def get_service(request: Request) -> Service:
    """The app's one `Service`, made by its lifespan (tests build apps on temporary stores)."""
    return request.app.state.service  # type: ignore[no-any-return]


ServiceDep = Annotated[Service, Depends(get_service)]


def require_writer(service: ServiceDep, key: Annotated[str | None, Security(_api_key)] = None) -> None:
    """Let a write through only with the configured key; with none configured, refuse every write."""
    expected = service.settings.api_key
    if not expected:
        raise ApiError(403, "writes are disabled on this service: the operator has to set $GEOKG_API_KEY")
    if key is None:
        raise ApiError(401, f"this route needs the {API_KEY_HEADER} header", {"WWW-Authenticate": "ApiKey"})
    if not secrets.compare_digest(key.encode(), expected.encode()):
        raise ApiError(401, f"the {API_KEY_HEADER} header does not hold this service's key",
                       {"WWW-Authenticate": "ApiKey"})


def resolve(names: NameIndex, value: str, parameter: str) -> EntitySummary:
    """The entity an `id or name` parameter means, or a 404 that says how to find one."""
    found = names.resolve(value)
    if found is None:
        raise ApiError(404, f"{parameter}={value!r} is neither an entity id nor a name the store knows; "
                            f"find entities with GET /entities?q={value.strip()[:50]}")
    return found
