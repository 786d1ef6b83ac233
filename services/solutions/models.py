"""Startup profiles and proposals."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, BigInteger, Index, Integer, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from services.core.db import Base, TimestampMixin, UTCDateTime, new_id


class StartupProfile(TimestampMixin, Base):
    """A startup's public profile; its id is the startup organisation's id."""

    __tablename__ = "solutions_startup_profile"
    __table_args__ = (Index("ix_solutions_startup_profile_feed", "updated_at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    sectors: Mapped[list[str]] = mapped_column(JSON)
    capabilities: Mapped[list[str]] = mapped_column(JSON)
    technologies: Mapped[list[str]] = mapped_column(JSON)
    stage: Mapped[str] = mapped_column(String(20))
    team_size: Mapped[int | None] = mapped_column(Integer)
    website: Mapped[str | None] = mapped_column(String(300))
    languages: Mapped[list[str]] = mapped_column(JSON)
    sector_keys: Mapped[str] = mapped_column(String(400))
    search_text: Mapped[str] = mapped_column(Text)


ACTIVE = text("status != 'withdrawn'")


class Proposal(TimestampMixin, Base):
    """A startup's answer to a challenge; confidential to the startup, the department and admins."""

    __tablename__ = "solutions_proposal"
    __table_args__ = (
        # One active proposal per (startup, challenge); a withdrawn one frees the slot.
        Index(
            "uq_solutions_proposal_active",
            "startup_id",
            "challenge_id",
            unique=True,
            sqlite_where=ACTIVE,
            postgresql_where=ACTIVE,
        ),
        Index("ix_solutions_proposal_feed", "updated_at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=new_id)
    startup_id: Mapped[uuid.UUID] = mapped_column(Uuid(), index=True)
    challenge_id: Mapped[uuid.UUID] = mapped_column(Uuid(), index=True)
    # Copied from the challenge when the proposal is created; a challenge never changes owner.
    department_id: Mapped[uuid.UUID] = mapped_column(Uuid(), index=True)
    created_by: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    approach: Mapped[str] = mapped_column(Text)
    trl: Mapped[int] = mapped_column(Integer)
    price_estimate: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    timeline_weeks: Mapped[int | None] = mapped_column(Integer)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
