"""Rules for organisations: only admins manage them."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.core.auth import Principal
from services.core.errors import Forbidden, NotFound
from services.core.pagination import PageParams, make_page
from services.orgs.models import Organisation
from services.orgs.repository import OrganisationRepository
from services.orgs.schemas import OrganisationCreate, OrganisationRead, OrganisationUpdate


def _require_admin(principal: Principal) -> None:
    if not principal.is_admin:
        raise Forbidden("only administrators manage organisations")


async def create_org(
    session: AsyncSession, principal: Principal, data: OrganisationCreate
) -> Organisation:
    """Register an organisation (admins only)."""
    _require_admin(principal)
    return await OrganisationRepository(session).add(
        Organisation(kind=data.kind.value, name=data.name)
    )


async def create_org_unchecked(session: AsyncSession, kind: str, name: str) -> Organisation:
    """Register an organisation from the operator's CLI (no principal)."""
    return await OrganisationRepository(session).add(Organisation(kind=kind, name=name))


async def get_org(session: AsyncSession, principal: Principal, org_id: uuid.UUID) -> Organisation:
    """Read an organisation: admins read any, members their own, anyone a department."""
    org = await OrganisationRepository(session).get(org_id)
    if org is None:
        raise NotFound("organisation not found")
    if principal.is_admin or principal.belongs_to(org.id) or org.kind == "department":
        return org
    raise NotFound("organisation not found")


async def list_orgs(
    session: AsyncSession, principal: Principal, params: PageParams, kind: str | None
) -> dict[str, Any]:
    """List organisations (admins only)."""
    _require_admin(principal)
    rows = await OrganisationRepository(session).page(params, kind)
    return make_page(rows, params, OrganisationRead.model_validate)


async def update_org(
    session: AsyncSession, principal: Principal, org_id: uuid.UUID, data: OrganisationUpdate
) -> Organisation:
    """Rename an organisation (admins only)."""
    _require_admin(principal)
    org = await OrganisationRepository(session).get(org_id)
    if org is None:
        raise NotFound("organisation not found")
    org.name = data.name
    await session.flush()
    return org


async def is_department(session: AsyncSession, org_id: uuid.UUID) -> bool:
    """Whether the id names a registered department."""
    org = await OrganisationRepository(session).get(org_id)
    return org is not None and org.kind == "department"
