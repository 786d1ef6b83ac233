"""Audit API schemas."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class AuditEventRead(BaseModel):
    """One audit event."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "example": {
                "id": "0b7c5a55-8f53-4c39-9b35-4c1f1a2b3c4d",
                "created_at": "2026-11-24T10:00:00Z",
                "actor_sub": "alice@so-y-te",
                "actor_role": "department",
                "actor_org": "7d116ef9-a890-434a-b525-9db9017e0c03",
                "action": "proposal.read",
                "object_type": "proposal",
                "object_ids": ["5d7eb6c9-68fc-4aec-b455-25211e2630f8"],
                "method": "GET",
                "path": "/proposals/5d7eb6c9-68fc-4aec-b455-25211e2630f8",
                "status": 200,
                "request_id": "3f1c...",
                "detail": {},
            }
        },
    )

    id: uuid.UUID
    created_at: datetime
    actor_sub: str
    actor_role: str
    actor_org: uuid.UUID | None
    action: str
    object_type: str
    object_ids: list[str]
    method: str
    path: str
    status: int
    request_id: str | None
    detail: dict[str, Any]
