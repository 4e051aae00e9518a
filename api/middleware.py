"""ASGI middleware: a cap on request bodies, and one structured (JSON) access-log line per request.

Both are plain ASGI so that they see streamed bodies and responses without
buffering them: the cap counts bytes as they arrive (a missing or false
Content-Length does not get round it), and the log records the status and
duration once the response has been sent.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response

access_log = logging.getLogger("geokg.access")


class BodyLimit:
    """Answer 413 to any request whose body is larger than `max_bytes`."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            # Raised inside the route's body read, where FastAPI passes HTTPExceptions on to the handlers.
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, self._message())
            return message

        await self.app(scope, counting_receive, send)

    def _message(self) -> str:
        return (f"the request body is larger than this service's limit of {self.max_bytes:,} bytes; "
                "send fewer or smaller documents per request")

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, self._message(), headers={"Connection": "close"})
        await response(scope, receive, send)


class AccessLog:
    """Log method, path, query, status, response bytes, duration and client of every request as JSON."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        record: dict[str, Any] = {"status": 500, "bytes": 0}

        async def logging_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                record["status"] = message["status"]
            elif message["type"] == "http.response.body":
                record["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, logging_send)
        finally:
            client = scope.get("client")
            access_log.info(json.dumps({
                "method": scope["method"], "path": scope["path"],
                "query": scope.get("query_string", b"").decode("latin-1")[:500],
                "status": record["status"], "bytes": record["bytes"],
                "ms": round((time.perf_counter() - started) * 1000, 2),
                "client": f"{client[0]}:{client[1]}" if client else None,
            }, ensure_ascii=False))
