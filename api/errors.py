"""Errors as JSON a person can act on, with the right status (SPEC §5).

Every error body is `schemas.Error`: a short code, a message that says what to
do, and for a 422 the fields at fault. Routes raise `ApiError`; the handlers
here also translate FastAPI's validation errors, unknown routes, store
failures and SPARQL refusals into that shape.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.schemas import Error
from api.sparql_worker import SparqlError
from graph.store.backend import StoreError, StoreUnreachableError

log = logging.getLogger("geokg.api")

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 406: "not_acceptable", 413: "too_large", 415: "unsupported_media_type",
         422: "invalid_request", 500: "internal_error", 502: "bad_gateway", 503: "unavailable"}


class ApiError(Exception):
    """An error a route answers with: `status` and a `message` saying what to do about it."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def error_response(status: int, message: str, errors: list[dict[str, str]] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = Error(error=CODES.get(status, "error"), message=message, errors=errors)  # type: ignore[arg-type]
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for a route's error statuses, all with the Error body."""
    return {status: {"model": Error, "description": CODES.get(status, "error").replace("_", " ")}
            for status in statuses}


def _field(location: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in location)


def _union_branch(errors: list[dict[str, Any]], body: Any) -> list[dict[str, Any]]:
    """For a body that may be an object or a list of them, keep the errors of the branch the client sent.

    pydantic reports a failed union once per member, tagged in the location
    (`body.DocumentIn.text`, `body.list[DocumentIn].1.id`); the client wants
    `body.text` for an object and `body.1.id` for a list.
    """
    kept = []
    for error in errors:
        location = tuple(error.get("loc", ()))
        tag = location[1] if len(location) > 1 and location[0] == "body" else None
        if isinstance(tag, str) and (tag.startswith("list[") or tag[:1].isupper()):
            if tag.startswith("list[") != isinstance(body, list):
                continue
            error = {**error, "loc": (location[0], *location[2:])}
        kept.append(error)
    return kept or errors


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        fields = [{"field": _field(tuple(e.get("loc", ()))), "message": str(e.get("msg", "invalid"))}
                  for e in _union_branch(list(exc.errors()), exc.body)]
        summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields[:5])
        return error_response(422, f"invalid request: {summary}", fields)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            message = f"no route {request.url.path}; the routes are listed at /docs"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}; see /docs"
        else:
            message = str(exc.detail)
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(SparqlError)
    async def sparql_error(_: Request, exc: SparqlError) -> JSONResponse:
        return error_response(exc.status, exc.message)

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        status = 503 if isinstance(exc, StoreUnreachableError) else 500
        return error_response(status, f"the store failed: {exc}")
