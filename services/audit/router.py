"""Audit log endpoint."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from services.audit import service
from services.audit.schemas import AuditEventRead
from services.core.auth import CurrentPrincipal
from services.core.deps import SessionDep
from services.core.errors import problem_responses
from services.core.pagination import Page, PageParams, page_params
from services.core.text import Title

router = APIRouter(prefix="/audit", tags=["audit"], responses=problem_responses(401, 403, 422))


@router.get("/events", response_model=Page[AuditEventRead])
async def list_audit_events(
    session: SessionDep,
    principal: CurrentPrincipal,
    page: Annotated[PageParams, Depends(page_params)],
    actor_sub: Annotated[Title | None, Query(description="Only this actor's events")] = None,
    action: Annotated[Title | None, Query(description="e.g. proposal.read")] = None,
    object_id: Annotated[
        uuid.UUID | None, Query(description="Only events about this object")
    ] = None,
) -> dict[str, object]:
    """The append-only audit log, newest first (administrators only)."""
    return await service.list_events(
        session, principal, page, actor_sub, action, str(object_id) if object_id else None
    )
