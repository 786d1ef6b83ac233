"""Collect audit events during a request and write them before the response is sent.

Routers note confidential reads with `note_read`; every successful non-GET request by an
administrator is recorded automatically. The middleware writes the events in their own
transaction just before the response starts: when that write fails, the client gets 503
instead of data whose reading was not recorded.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable
from typing import Any

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.audit.repository import AuditRepository
from services.core.auth import Principal, Role
from services.core.db import WRITE_OPTION, utcnow
from services.core.observability import request_id_var

log = logging.getLogger("oip.audit")
_PENDING = "audit_pending"


def note_read(
    request: Request, principal: Principal, object_type: str, ids: Iterable[Any], **detail: Any
) -> None:
    """Record that `principal` read these confidential objects (a no-op for an empty list)."""
    object_ids = [str(i) for i in ids]
    if not object_ids:
        return
    pending: list[dict[str, Any]] = request.scope.setdefault("state", {}).setdefault(_PENDING, [])
    pending.append(
        {
            "action": f"{object_type}.read",
            "object_type": object_type,
            "object_ids": object_ids,
            "detail": detail,
        }
    )


def _events(scope: Scope, status: int) -> list[dict[str, Any]]:
    state = scope.get("state") or {}
    principal: Principal | None = state.get("principal")
    if principal is None:
        return []
    pending: list[dict[str, Any]] = list(state.get(_PENDING, []))
    method = scope["method"]
    if principal.role is Role.admin and method not in ("GET", "HEAD", "OPTIONS") and status < 400:
        route = str(getattr(scope.get("route"), "path", None) or scope.get("path", ""))
        params = {k: str(v) for k, v in (scope.get("path_params") or {}).items()}
        pending.append(
            {
                "action": f"admin.{method.lower()} {route}",
                "object_type": route.strip("/").split("/")[0] or "root",
                "object_ids": list(params.values()),
                "detail": {"path_params": params},
            }
        )
    if status >= 400:
        # Nothing confidential left the server on an error.
        pending = [p for p in pending if not p["action"].endswith(".read")]
    now = utcnow()
    return [
        {
            "id": uuid.uuid4(),
            "created_at": now,
            "actor_sub": principal.sub,
            "actor_role": principal.role.value,
            "actor_org": principal.org,
            "method": method,
            "path": str(scope.get("path", ""))[:500],
            "status": status,
            "request_id": request_id_var.get(),
            **p,
        }
        for p in pending
    ]


class AuditMiddleware:
    """Write the request's audit events before its response starts."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI entry point."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        app = scope["app"]
        failed = False

        async def send_after_audit(message: Message) -> None:
            nonlocal failed
            if message["type"] == "http.response.start":
                events = _events(scope, int(message["status"]))
                if events:
                    try:
                        async with app.state.sessionmaker() as session:
                            await session.connection(execution_options={WRITE_OPTION: True})
                            await AuditRepository(session).append(events)
                            await session.commit()
                    except Exception:
                        log.exception("audit write failed")
                        failed = True
                        await _send_503(send)
                        return
            elif failed:
                return
            await send(message)

        await self.app(scope, receive, send_after_audit)


async def _send_503(send: Send) -> None:
    body = json.dumps(
        {
            "type": "https://oip.example/problems/audit-unavailable",
            "title": "Service Unavailable",
            "status": 503,
            "detail": "the audit log could not be written; nothing was returned",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [(b"content-type", b"application/problem+json"), (b"retry-after", b"5")],
        }
    )
    await send({"type": "http.response.body", "body": body})
