"""Idempotency-Key for creations (IETF httpapi Idempotency-Key draft).

- The same key and the same body replay the first response; one row is created.
- The same key with another body gets 422.
- A request while the first with that key is still in flight gets 409.
- Keys are kept for 24 hours (RETENTION); then the key is free again and a sweep deletes it.

The stored response commits in the same transaction as the row it describes, so a crash
leaves either both or neither. In-flight requests are tracked in the process (which covers
SQLite's one-writer deployments) and, on PostgreSQL, by a transaction-scoped advisory lock
held until commit (which covers several processes).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import JSON, Integer, String, Text, delete, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from services.core.auth import CurrentPrincipal
from services.core.db import Base, UTCDateTime, utcnow
from services.core.errors import Conflict, Invalid

RETENTION = timedelta(hours=24)
SWEEP_SECONDS = 3600.0
log = logging.getLogger("oip.idempotency")
_REPLAYED_HEADERS = ("location", "etag")


class IdempotencyRecord(Base):
    """The first response to a (caller, operation, key)."""

    __tablename__ = "core_idempotency_key"

    scope: Mapped[str] = mapped_column(String(300), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    headers: Mapped[dict[str, str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class IdempotencyInFlight(Conflict):
    """A request with this Idempotency-Key is still being processed."""

    slug = "idempotency-in-flight"


class IdempotencyMismatch(Invalid):
    """The Idempotency-Key was used before with a different request body."""

    slug = "idempotency-key-reused"


_IN_FLIGHT: set[tuple[str, str]] = set()


@dataclass
class Idempotency:
    """The Idempotency-Key of one request (or none), with replay and remember steps."""

    scope: str
    key: str | None
    query: str = ""

    def _hash(self, body: BaseModel) -> str:
        # The fingerprint covers the query string too: `?department_id=` changes the request.
        return hashlib.sha256(f"{self.query}\n{body.model_dump_json()}".encode()).hexdigest()

    async def replay(self, session: AsyncSession, body: BaseModel) -> JSONResponse | None:
        """The stored response when this key was used before with the same body, else None."""
        if self.key is None:
            return None
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            lock_id = int.from_bytes(
                hashlib.sha256(f"{self.scope}|{self.key}".encode()).digest()[:8], "big", signed=True
            )
            acquired = await session.scalar(
                text("SELECT pg_try_advisory_xact_lock(:id)"), {"id": lock_id}
            )
            if not acquired:
                raise IdempotencyInFlight("a request with this Idempotency-Key is still in flight")
        record = await session.get(IdempotencyRecord, (self.scope, self.key))
        if record is None:
            return None
        if record.created_at < utcnow() - RETENTION:
            # Past the retention period the key is free again, whether or not the sweep ran.
            await session.delete(record)
            await session.flush()
            return None
        if record.request_hash != self._hash(body):
            raise IdempotencyMismatch("this Idempotency-Key was already used with a different body")
        headers = {**record.headers, "Idempotent-Replayed": "true"}
        return JSONResponse(
            json.loads(record.body), status_code=record.status_code, headers=headers
        )

    async def remember(
        self,
        session: AsyncSession,
        body: BaseModel,
        status_code: int,
        result: BaseModel,
        headers: Any,
    ) -> None:
        """Store the response in the request's transaction (a no-op without a key)."""
        if self.key is None:
            return
        kept = {name: headers[name] for name in _REPLAYED_HEADERS if name in headers}
        session.add(
            IdempotencyRecord(
                scope=self.scope,
                key=self.key,
                request_hash=self._hash(body),
                status_code=status_code,
                body=result.model_dump_json(),
                headers=kept,
                created_at=utcnow(),
            )
        )
        await session.flush()


IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Retry-safe creation: the same key and body replay the first response",
    ),
]


async def idempotency(
    request: Request, principal: CurrentPrincipal, key: IdempotencyKeyHeader = None
) -> AsyncIterator[Idempotency]:
    """Mark the key in flight for the whole request; 409 when it already is."""
    scope = f"{principal.org or '-'}:{principal.sub}:{request.method} {request.url.path}"
    if key is None:
        yield Idempotency(scope, None)
        return
    marker = (scope, key)
    if marker in _IN_FLIGHT:
        raise IdempotencyInFlight("a request with this Idempotency-Key is still in flight")
    _IN_FLIGHT.add(marker)
    try:
        yield Idempotency(scope, key, request.url.query)
    finally:
        _IN_FLIGHT.discard(marker)


IdempotencyDep = Annotated[Idempotency, Depends(idempotency, scope="function")]


async def purge_expired(session: AsyncSession) -> int:
    """Forget keys older than the retention period."""
    result = await session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at < utcnow() - RETENTION)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def idempotency_sweeper(app: FastAPI) -> None:
    """Delete expired Idempotency-Keys at start and then hourly, so the table stays small."""
    while True:
        try:
            async with app.state.write_sessionmaker() as session, session.begin():
                purged = await purge_expired(session)
            if purged:
                log.info("forgot %d expired idempotency keys", purged)
        except Exception:
            log.warning("idempotency sweep failed", exc_info=True)
        await asyncio.sleep(SWEEP_SECONDS)


__all__ = ["IdempotencyDep", "IdempotencyRecord", "idempotency_sweeper", "purge_expired"]
