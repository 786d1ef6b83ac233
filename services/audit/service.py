"""Audit rules: only administrators read the log."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.audit.repository import AuditRepository
from services.audit.schemas import AuditEventRead
from services.core.auth import Principal
from services.core.errors import Forbidden
from services.core.pagination import PageParams, make_page


async def list_events(
    session: AsyncSession,
    principal: Principal,
    params: PageParams,
    actor_sub: str | None,
    action: str | None,
    object_id: str | None,
) -> dict[str, Any]:
    """A page of audit events (administrators only)."""
    if not principal.is_admin:
        raise Forbidden("only administrators read the audit log")
    rows = await AuditRepository(session).page(params, actor_sub, action, object_id)
    return make_page(rows, params, AuditEventRead.model_validate)
