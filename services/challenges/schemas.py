"""Challenge API schemas."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from services.core.text import Email, Line, LongText, Summary, Tag, Title


class Sector(StrEnum):
    """The controlled sector vocabulary, covering the city's priority fields."""

    ai = "ai"
    big_data = "big_data"
    iot = "iot"
    e_government = "e_government"
    fintech = "fintech"
    e_commerce = "e_commerce"
    creative_industry = "creative_industry"
    life_science = "life_science"
    health = "health"
    education = "education"
    transport = "transport"
    environment = "environment"
    urban_management = "urban_management"
    agriculture = "agriculture"
    tourism = "tourism"
    logistics = "logistics"
    cybersecurity = "cybersecurity"
    energy = "energy"


class Language(StrEnum):
    """Languages a text is written in."""

    vi = "vi"
    en = "en"


class ChallengeStatus(StrEnum):
    """Lifecycle: draft → published → closed → evaluating → awarded | cancelled → archived."""

    draft = "draft"
    published = "published"
    closed = "closed"
    evaluating = "evaluating"
    awarded = "awarded"
    cancelled = "cancelled"
    archived = "archived"


class Contact(BaseModel):
    """Who startups can ask about the challenge."""

    model_config = ConfigDict(extra="forbid")

    name: Title
    email: Email | None = None
    phone: Annotated[str, Field(max_length=30, pattern=r"^[0-9+()\-. ]{3,30}$")] | None = None


Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code")]
Money = Annotated[int, Field(ge=0, le=10**15)]
SdgGoal = Annotated[int, Field(ge=1, le=17)]

_EXAMPLE: dict[str, Any] = {
    "title": "Số hóa hồ sơ bệnh án tại bệnh viện quận",
    "summary": "Chuyển hồ sơ bệnh án giấy sang bệnh án điện tử liên thông.",
    "problem_statement": "Các bệnh viện quận vẫn lưu hồ sơ bệnh án giấy...",
    "expected_outcomes": ["Bệnh án điện tử đạt chuẩn Thông tư 46/2018/TT-BYT"],
    "sectors": ["health", "e_government"],
    "tags": ["EMR", "HL7 FHIR"],
    "sdg_goals": [3, 9],
    "budget_min": 500_000_000,
    "budget_max": 2_000_000_000,
    "currency": "VND",
    "deadline": "2027-03-31T17:00:00+07:00",
    "language": "vi",
    "contact": {"name": "Phòng CNTT Sở Y tế", "email": "cntt@soyte.example.gov.vn"},
}


class ChallengeFields(BaseModel):
    """Fields shared by create and read."""

    title: Title
    summary: Summary
    problem_statement: LongText
    expected_outcomes: Annotated[list[Line], Field(max_length=20)] = []
    sectors: Annotated[list[Sector], Field(min_length=1, max_length=5)]
    tags: Annotated[list[Tag], Field(max_length=20)] = []
    sdg_goals: Annotated[list[SdgGoal], Field(max_length=17)] = []
    budget_min: Money | None = None
    budget_max: Money | None = None
    currency: Currency = "VND"
    deadline: AwareDatetime
    language: Language
    contact: Contact


def _check_budget(lo: int | None, hi: int | None) -> None:
    if lo is not None and hi is not None and lo > hi:
        raise ValueError("budget_min must not exceed budget_max")


class ChallengeCreate(ChallengeFields):
    """Draft a new challenge; it starts as `draft`."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": _EXAMPLE})

    @model_validator(mode="after")
    def _budget(self) -> ChallengeCreate:
        _check_budget(self.budget_min, self.budget_max)
        return self


class ChallengeUpdate(BaseModel):
    """Edit a challenge (needs If-Match); omitted fields stay as they are."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"deadline": "2027-04-30T17:00:00+07:00"}},
    )

    title: Title | None = None
    summary: Summary | None = None
    problem_statement: LongText | None = None
    expected_outcomes: Annotated[list[Line], Field(max_length=20)] | None = None
    sectors: Annotated[list[Sector], Field(min_length=1, max_length=5)] | None = None
    tags: Annotated[list[Tag], Field(max_length=20)] | None = None
    sdg_goals: Annotated[list[SdgGoal], Field(max_length=17)] | None = None
    budget_min: Money | None = None
    budget_max: Money | None = None
    currency: Currency | None = None
    deadline: AwareDatetime | None = None
    language: Language | None = None
    contact: Contact | None = None

    @model_validator(mode="after")
    def _not_null(self) -> ChallengeUpdate:
        nullable = {"budget_min", "budget_max"}
        for name in self.model_fields_set - nullable:
            if getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class ChallengeTransition(BaseModel):
    """Move a challenge along its lifecycle."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"example": {"status": "published"}}
    )

    status: ChallengeStatus


class ChallengeRead(ChallengeFields):
    """A challenge as readers see it; `status` is effective (past-deadline means closed)."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "example": {
                **_EXAMPLE,
                "id": "8a4f3c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
                "department_id": "7d116ef9-a890-434a-b525-9db9017e0c03",
                "status": "published",
                "version": 2,
                "deadline": "2027-03-31T10:00:00Z",
                "published_at": "2026-11-24T03:00:00Z",
                "created_at": "2026-11-20T02:00:00Z",
                "updated_at": "2026-11-24T03:00:00Z",
            }
        },
    )

    id: uuid.UUID
    department_id: uuid.UUID
    status: ChallengeStatus
    version: int
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime


class ChallengeInfo(BaseModel):
    """What other services need to know about a challenge (the reader port's payload)."""

    id: uuid.UUID
    department_id: uuid.UUID
    status: ChallengeStatus
    deadline: datetime
    title: str
