"""Every query on startup profiles and proposals."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.db import compare_and_set
from services.core.pagination import FeedParams, PageParams, apply_feed, apply_keyset
from services.solutions.models import Proposal, StartupProfile


class ProfileRepository:
    """Data access for startup profiles."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, startup_id: uuid.UUID) -> StartupProfile | None:
        """One profile by startup id."""
        return await self.session.get(StartupProfile, startup_id)

    async def add(self, profile: StartupProfile) -> StartupProfile:
        """Insert a profile."""
        self.session.add(profile)
        await self.session.flush()
        return profile

    async def update_if_version(
        self, startup_id: uuid.UUID, version: int, values: dict[str, Any]
    ) -> bool:
        """Compare-and-set update."""
        return await compare_and_set(self.session, StartupProfile, startup_id, version, values)

    async def refresh(self, profile: StartupProfile) -> StartupProfile:
        """Reload after a bulk update."""
        await self.session.refresh(profile)
        return profile

    async def page(
        self, params: PageParams, sector: str | None, terms: list[str]
    ) -> list[StartupProfile]:
        """A page of profiles."""
        stmt = select(StartupProfile)
        if sector:
            stmt = stmt.where(StartupProfile.sector_keys.contains(f" {sector} "))
        for term in terms:
            stmt = stmt.where(StartupProfile.search_text.contains(f" {term}", autoescape=True))
        stmt = apply_keyset(stmt, params, StartupProfile.created_at, StartupProfile.id)
        return list((await self.session.scalars(stmt)).all())


class ProposalRepository:
    """Data access for proposals."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, proposal_id: uuid.UUID) -> Proposal | None:
        """One proposal by id."""
        return await self.session.get(Proposal, proposal_id)

    async def add(self, proposal: Proposal) -> Proposal:
        """Insert a proposal (the partial unique index guards one active per startup and challenge)."""
        self.session.add(proposal)
        await self.session.flush()
        return proposal

    async def active_exists(self, startup_id: uuid.UUID, challenge_id: uuid.UUID) -> bool:
        """Whether the startup already has an active proposal to the challenge."""
        stmt = select(Proposal.id).where(
            Proposal.startup_id == startup_id,
            Proposal.challenge_id == challenge_id,
            Proposal.status != "withdrawn",
        )
        return (await self.session.scalar(stmt.limit(1))) is not None

    async def update_if_version(
        self, proposal_id: uuid.UUID, version: int, values: dict[str, Any]
    ) -> bool:
        """Compare-and-set update."""
        return await compare_and_set(self.session, Proposal, proposal_id, version, values)

    async def refresh(self, proposal: Proposal) -> Proposal:
        """Reload after a bulk update."""
        await self.session.refresh(proposal)
        return proposal

    async def page(
        self,
        params: PageParams,
        visible: ColumnElement[bool],
        challenge_id: uuid.UUID | None,
        statuses: list[str] | None,
    ) -> list[Proposal]:
        """A page of the proposals the caller may see."""
        stmt = select(Proposal).where(visible)
        if challenge_id:
            stmt = stmt.where(Proposal.challenge_id == challenge_id)
        if statuses:
            stmt = stmt.where(Proposal.status.in_(statuses))
        stmt = apply_keyset(stmt, params, Proposal.created_at, Proposal.id)
        return list((await self.session.scalars(stmt)).all())


async def changed_rows(session: AsyncSession, model: Any, params: FeedParams) -> list[Any]:
    """Rows of `model` changed after the feed cursor, oldest change first."""
    stmt = apply_feed(select(model), params, model.updated_at, model.id)
    return list((await session.scalars(stmt)).all())
