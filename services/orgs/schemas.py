"""Organisation API schemas."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from services.core.text import Title


class OrgKind(StrEnum):
    """Organisation kinds."""

    department = "department"
    startup = "startup"


class OrganisationCreate(BaseModel):
    """Register a department or a startup."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"kind": "department", "name": "Sở Y tế TP.HCM"}},
    )

    kind: OrgKind
    name: Title


class OrganisationUpdate(BaseModel):
    """Rename an organisation."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": {"name": "Sở Y tế"}})

    name: Title


class OrganisationRead(BaseModel):
    """An organisation."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: OrgKind
    name: str
    created_at: datetime
