"""Reject bodies whose declared Content-Length exceeds the cap with a problem+json 413.

Bodies without Content-Length (chunked) are capped while they stream by FastAPI's
``max_body_size``, whose 413 our error handler renders; this middleware only makes the
declared-length case answer in the same problem+json shape.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send


class DeclaredBodyLimit:
    """Answer 413 problem+json before reading a body whose Content-Length is too large."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI entry point."""
        if scope["type"] == "http":
            for name, value in scope.get("headers", []):
                if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                    await self._reject(send)
                    return
        await self.app(scope, receive, send)

    async def _reject(self, send: Send) -> None:
        body = json.dumps(
            {
                "type": "https://oip.example/problems/content-too-large",
                "title": "Content Too Large",
                "status": 413,
                "detail": f"the request body exceeds {self.max_bytes} bytes",
            }
        ).encode()
        headers = [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
