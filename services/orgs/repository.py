"""Every query on organisations."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.pagination import PageParams, apply_keyset
from services.orgs.models import Organisation


class OrganisationRepository:
    """Data access for organisations."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, org: Organisation) -> Organisation:
        """Insert an organisation."""
        self.session.add(org)
        await self.session.flush()
        return org

    async def get(self, org_id: uuid.UUID) -> Organisation | None:
        """One organisation by id."""
        return await self.session.get(Organisation, org_id)

    async def page(self, params: PageParams, kind: str | None) -> list[Organisation]:
        """A page of organisations, newest first."""
        stmt = select(Organisation)
        if kind:
            stmt = stmt.where(Organisation.kind == kind)
        stmt = apply_keyset(stmt, params, Organisation.created_at, Organisation.id)
        return list((await self.session.scalars(stmt)).all())
