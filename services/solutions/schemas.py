"""Startup profile and proposal API schemas."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator

from services.challenges.schemas import Currency, Language, Money, Sector
from services.core.text import LongText, Summary, Tag, Title


class Stage(StrEnum):
    """How far a startup has come."""

    idea = "idea"
    prototype = "prototype"
    mvp = "mvp"
    growth = "growth"
    scale = "scale"


class ProposalStatus(StrEnum):
    """draft → submitted → withdrawn; the department decides shortlisted / not_selected / selected."""

    draft = "draft"
    submitted = "submitted"
    withdrawn = "withdrawn"
    shortlisted = "shortlisted"
    not_selected = "not_selected"
    selected = "selected"


_PROFILE_EXAMPLE: dict[str, Any] = {
    "name": "MediSync",
    "description": "Electronic medical records and HL7 FHIR integration for district hospitals.",
    "sectors": ["health", "big_data"],
    "capabilities": ["EMR integration", "data migration"],
    "technologies": ["HL7 FHIR", "PostgreSQL", "OCR"],
    "stage": "growth",
    "team_size": 25,
    "website": "https://medisync.example.vn",
    "languages": ["vi", "en"],
}


class StartupProfileWrite(BaseModel):
    """Create or replace your startup's public profile."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": _PROFILE_EXAMPLE})

    name: Title
    description: Summary
    sectors: Annotated[list[Sector], Field(min_length=1, max_length=8)]
    capabilities: Annotated[list[Tag], Field(max_length=30)] = []
    technologies: Annotated[list[Tag], Field(max_length=30)] = []
    stage: Stage
    team_size: Annotated[int, Field(ge=1, le=100_000)] | None = None
    website: Annotated[AnyHttpUrl, Field(max_length=300)] | None = None
    languages: Annotated[list[Language], Field(min_length=1, max_length=2)] = [Language.vi]


class StartupProfileRead(BaseModel):
    """A startup's public profile."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "example": {
                **_PROFILE_EXAMPLE,
                "id": "1d0f6f5e-2b1e-4c1e-9d7e-0a7c5f1b2c3d",
                "version": 1,
                "created_at": "2026-11-20T02:00:00Z",
                "updated_at": "2026-11-20T02:00:00Z",
            }
        },
    )

    id: uuid.UUID
    name: str
    description: str
    sectors: list[Sector]
    capabilities: list[str]
    technologies: list[str]
    stage: Stage
    team_size: int | None
    website: str | None
    languages: list[Language]
    version: int
    created_at: datetime
    updated_at: datetime


_PROPOSAL_EXAMPLE: dict[str, Any] = {
    "challenge_id": "8a4f3c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
    "title": "Bệnh án điện tử chuẩn HL7 FHIR cho bệnh viện quận",
    "summary": "Số hóa hồ sơ giấy bằng OCR và liên thông qua FHIR.",
    "approach": "Giai đoạn 1: khảo sát quy trình...",
    "trl": 7,
    "price_estimate": 1_200_000_000,
    "currency": "VND",
    "timeline_weeks": 24,
}

Trl = Annotated[int, Field(ge=1, le=9, description="Technology readiness level, 1–9")]
Weeks = Annotated[int, Field(ge=1, le=520)]


class ProposalCreate(BaseModel):
    """Start a proposal to a published challenge; it starts as `draft`."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": _PROPOSAL_EXAMPLE})

    challenge_id: uuid.UUID
    title: Title
    summary: Summary
    approach: LongText
    trl: Trl
    price_estimate: Money | None = None
    currency: Currency = "VND"
    timeline_weeks: Weeks | None = None
    submit: bool = Field(default=False, description="Submit at once instead of saving a draft")


class ProposalUpdate(BaseModel):
    """Edit a draft or submitted proposal (needs If-Match)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": {"trl": 8}})

    title: Title | None = None
    summary: Summary | None = None
    approach: LongText | None = None
    trl: Trl | None = None
    price_estimate: Money | None = None
    currency: Currency | None = None
    timeline_weeks: Weeks | None = None

    @model_validator(mode="after")
    def _not_null(self) -> ProposalUpdate:
        for name in self.model_fields_set - {"price_estimate", "timeline_weeks"}:
            if getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class ProposalTransition(BaseModel):
    """Submit or withdraw (startup), or decide (department)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"example": {"status": "submitted"}}
    )

    status: ProposalStatus


class ProposalRead(BaseModel):
    """A proposal, as its startup, the owning department and admins see it."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "example": {
                **{k: v for k, v in _PROPOSAL_EXAMPLE.items() if k != "submit"},
                "id": "5d7eb6c9-68fc-4aec-b455-25211e2630f8",
                "startup_id": "1d0f6f5e-2b1e-4c1e-9d7e-0a7c5f1b2c3d",
                "department_id": "7d116ef9-a890-434a-b525-9db9017e0c03",
                "status": "submitted",
                "version": 2,
                "submitted_at": "2026-11-24T04:00:00Z",
                "created_at": "2026-11-24T03:30:00Z",
                "updated_at": "2026-11-24T04:00:00Z",
            }
        },
    )

    id: uuid.UUID
    challenge_id: uuid.UUID
    startup_id: uuid.UUID
    department_id: uuid.UUID
    status: ProposalStatus
    version: int
    title: str
    summary: str
    approach: str
    trl: int
    price_estimate: int | None
    currency: str
    timeline_weeks: int | None
    submitted_at: datetime | None
    created_at: datetime
    updated_at: datetime
