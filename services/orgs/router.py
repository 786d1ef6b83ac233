"""Organisation endpoints."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from services.core.auth import CurrentPrincipal
from services.core.deps import SessionDep
from services.core.errors import problem_responses
from services.core.pagination import Page, PageParams, page_params
from services.orgs import service
from services.orgs.schemas import OrganisationCreate, OrganisationRead, OrganisationUpdate, OrgKind

router = APIRouter(prefix="/orgs", tags=["organisations"], responses=problem_responses(401, 422))


@router.post("", status_code=201, response_model=OrganisationRead, responses=problem_responses(403))
async def create_organisation(
    data: OrganisationCreate, session: SessionDep, principal: CurrentPrincipal
) -> OrganisationRead:
    """Register a department or a startup (admins only)."""
    org = await service.create_org(session, principal, data)
    return OrganisationRead.model_validate(org)


@router.get("", response_model=Page[OrganisationRead], responses=problem_responses(403))
async def list_organisations(
    session: SessionDep,
    principal: CurrentPrincipal,
    page: Annotated[PageParams, Depends(page_params)],
    kind: Annotated[OrgKind | None, Query()] = None,
) -> dict[str, object]:
    """List organisations (admins only)."""
    return await service.list_orgs(session, principal, page, kind.value if kind else None)


@router.get("/{org_id}", response_model=OrganisationRead, responses=problem_responses(404))
async def get_organisation(
    org_id: uuid.UUID, session: SessionDep, principal: CurrentPrincipal
) -> OrganisationRead:
    """Read an organisation: departments are public to signed-in users, startups to members."""
    return OrganisationRead.model_validate(await service.get_org(session, principal, org_id))


@router.patch("/{org_id}", response_model=OrganisationRead, responses=problem_responses(403, 404))
async def update_organisation(
    org_id: uuid.UUID, data: OrganisationUpdate, session: SessionDep, principal: CurrentPrincipal
) -> OrganisationRead:
    """Rename an organisation (admins only)."""
    return OrganisationRead.model_validate(
        await service.update_org(session, principal, org_id, data)
    )
