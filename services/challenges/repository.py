"""Every query on challenges."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.challenges.models import Challenge
from services.core.db import compare_and_set
from services.core.pagination import FeedParams, PageParams, apply_feed, apply_keyset


def effective_status_is(status: str, now: datetime) -> ColumnElement[bool]:
    """SQL for "the status a reader sees is `status`": a published challenge past its deadline is closed."""
    if status == "published":
        return and_(Challenge.status == "published", Challenge.deadline > now)
    if status == "closed":
        return or_(
            Challenge.status == "closed",
            and_(Challenge.status == "published", Challenge.deadline <= now),
        )
    return Challenge.status == status


class ChallengeFilters:
    """Listing filters, already validated."""

    def __init__(
        self,
        *,
        statuses: list[str] | None = None,
        sector: str | None = None,
        department_id: uuid.UUID | None = None,
        deadline_from: datetime | None = None,
        deadline_to: datetime | None = None,
        terms: list[str] | None = None,
    ) -> None:
        self.statuses = statuses
        self.sector = sector
        self.department_id = department_id
        self.deadline_from = deadline_from
        self.deadline_to = deadline_to
        self.terms = terms or []


class ChallengeRepository:
    """Data access for challenges."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, challenge: Challenge) -> Challenge:
        """Insert a challenge."""
        self.session.add(challenge)
        await self.session.flush()
        return challenge

    async def get(self, challenge_id: uuid.UUID) -> Challenge | None:
        """One challenge by id."""
        return await self.session.get(Challenge, challenge_id)

    async def update_if_version(
        self, challenge_id: uuid.UUID, version: int, values: dict[str, Any]
    ) -> bool:
        """Compare-and-set update: applies only if the row is still at `version`."""
        return await compare_and_set(self.session, Challenge, challenge_id, version, values)

    async def refresh(self, challenge: Challenge) -> Challenge:
        """Reload a challenge after a bulk update."""
        await self.session.refresh(challenge)
        return challenge

    async def page(
        self,
        params: PageParams,
        filters: ChallengeFilters,
        visible: ColumnElement[bool],
        now: datetime,
    ) -> list[Challenge]:
        """A page of challenges matching the filters that the caller may see."""
        stmt = select(Challenge).where(visible)
        if filters.statuses:
            stmt = stmt.where(or_(*(effective_status_is(s, now) for s in filters.statuses)))
        if filters.sector:
            stmt = stmt.where(Challenge.sector_keys.contains(f" {filters.sector} "))
        if filters.department_id:
            stmt = stmt.where(Challenge.department_id == filters.department_id)
        if filters.deadline_from:
            stmt = stmt.where(Challenge.deadline >= filters.deadline_from)
        if filters.deadline_to:
            stmt = stmt.where(Challenge.deadline <= filters.deadline_to)
        for term in filters.terms:
            # Word-prefix match on the folded text: "benh" finds "bệnh", "so hoa" finds "Số hóa".
            stmt = stmt.where(Challenge.search_text.contains(f" {term}", autoescape=True))
        stmt = apply_keyset(stmt, params, Challenge.created_at, Challenge.id)
        return list((await self.session.scalars(stmt)).all())

    async def close_expired(self, now: datetime) -> int:
        """Persist the automatic close of published challenges whose deadline has passed."""
        result = await self.session.execute(
            update(Challenge)
            .where(Challenge.status == "published", Challenge.deadline <= now)
            .values(status="closed", version=Challenge.version + 1, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)


async def changed_challenges(session: AsyncSession, params: FeedParams) -> list[Challenge]:
    """Challenges changed after the feed cursor, oldest change first."""
    stmt = apply_feed(select(Challenge), params, Challenge.updated_at, Challenge.id)
    return list((await session.scalars(stmt)).all())
