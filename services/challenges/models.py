"""Challenge tables."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from services.core.db import Base, TimestampMixin, UTCDateTime, new_id


class Challenge(TimestampMixin, Base):
    """A problem a department posts for startups to answer (an "đặt hàng")."""

    __tablename__ = "challenges_challenge"
    __table_args__ = (Index("ix_challenges_challenge_feed", "updated_at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=new_id)
    department_id: Mapped[uuid.UUID] = mapped_column(Uuid(), index=True)
    created_by: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    problem_statement: Mapped[str] = mapped_column(Text)
    expected_outcomes: Mapped[list[str]] = mapped_column(JSON)
    sectors: Mapped[list[str]] = mapped_column(JSON)
    tags: Mapped[list[str]] = mapped_column(JSON)
    sdg_goals: Mapped[list[int]] = mapped_column(JSON)
    budget_min: Mapped[int | None] = mapped_column(BigInteger)
    budget_max: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    deadline: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    language: Mapped[str] = mapped_column(String(2))
    contact: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # Denormalised for portable filtering: " ai health " and accent-folded words.
    sector_keys: Mapped[str] = mapped_column(String(400))
    search_text: Mapped[str] = mapped_column(Text)
