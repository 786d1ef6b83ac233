"""Every query on the audit log (inserts and reads only)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, Text, cast, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.audit.models import AuditEvent
from services.core.pagination import PageParams, apply_keyset

_TABLE: Table = AuditEvent.__table__  # type: ignore[assignment]  # a mapped class's Table


class AuditRepository:
    """Append and read audit events."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def append(self, events: list[dict[str, Any]]) -> None:
        """Append events (column values; a Core insert: no objects to track)."""
        await self.session.execute(insert(_TABLE), events)

    async def page(
        self, params: PageParams, actor_sub: str | None, action: str | None, object_id: str | None
    ) -> list[AuditEvent]:
        """A page of events, newest first."""
        stmt = select(AuditEvent)
        if actor_sub:
            stmt = stmt.where(AuditEvent.actor_sub == actor_sub)
        if action:
            stmt = stmt.where(AuditEvent.action == action)
        if object_id:
            # JSON arrays are stored as text on both backends; ids are UUIDs, so a quoted match is exact.
            stmt = stmt.where(
                cast(AuditEvent.object_ids, Text).contains(f'"{object_id}"', autoescape=True)
            )
        stmt = apply_keyset(stmt, params, AuditEvent.created_at, AuditEvent.id)
        return list((await self.session.scalars(stmt)).all())
