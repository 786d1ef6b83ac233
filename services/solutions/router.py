"""Startup profile and proposal endpoints."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from services.audit.recorder import note_read
from services.challenges.schemas import Sector
from services.core.auth import CurrentPrincipal
from services.core.deps import SessionDep
from services.core.errors import problem_responses
from services.core.http import IfMatch, set_etag
from services.core.idempotency import IdempotencyDep
from services.core.pagination import FeedParams, Page, PageParams, feed_params, page_params
from services.core.text import Query as QueryText
from services.core.text import search_terms
from services.solutions import service
from services.solutions.dependencies import ReaderDep
from services.solutions.schemas import (
    ProposalCreate,
    ProposalRead,
    ProposalStatus,
    ProposalTransition,
    ProposalUpdate,
    StartupProfileRead,
    StartupProfileWrite,
)

router = APIRouter(responses=problem_responses(401, 422))


def _audit_reads(
    request: Request, principal: CurrentPrincipal, proposals: Sequence[Any], **detail: Any
) -> None:
    """Record reads of confidential proposals by anyone other than their own startup."""
    ids = [p.id for p in proposals if not principal.belongs_to(p.startup_id)]
    note_read(request, principal, "proposal", ids, **detail)


@router.put(
    "/startups/{startup_id}",
    response_model=StartupProfileRead,
    tags=["startups"],
    responses={
        201: {"model": StartupProfileRead, "description": "Created"},
        **problem_responses(403, 412, 428),
    },
)
async def put_startup_profile(
    startup_id: uuid.UUID,
    data: StartupProfileWrite,
    session: SessionDep,
    principal: CurrentPrincipal,
    response: Response,
    if_match: IfMatch = None,
) -> StartupProfileRead:
    """Create your startup's profile, or replace it (If-Match required to replace)."""
    profile, created = await service.put_profile(session, principal, startup_id, data, if_match)
    response.status_code = 201 if created else 200
    set_etag(response, profile.version)
    return StartupProfileRead.model_validate(profile)


@router.get(
    "/startups/{startup_id}",
    response_model=StartupProfileRead,
    tags=["startups"],
    responses=problem_responses(404),
)
async def get_startup_profile(
    startup_id: uuid.UUID, session: SessionDep, principal: CurrentPrincipal, response: Response
) -> StartupProfileRead:
    """Read a startup's public profile."""
    profile = await service.get_profile(session, startup_id)
    set_etag(response, profile.version)
    return StartupProfileRead.model_validate(profile)


@router.get("/startups", response_model=Page[StartupProfileRead], tags=["startups"])
async def list_startup_profiles(
    session: SessionDep,
    principal: CurrentPrincipal,
    page: Annotated[PageParams, Depends(page_params)],
    sector: Sector | None = None,
    q: Annotated[QueryText | None, Query(description="Words to find; diacritics optional")] = None,
) -> dict[str, object]:
    """List public startup profiles."""
    return await service.list_profiles(
        session, page, sector.value if sector else None, search_terms(q) if q else []
    )


@router.post(
    "/proposals",
    status_code=201,
    response_model=ProposalRead,
    tags=["proposals"],
    responses=problem_responses(403, 404, 409),
)
async def create_proposal(
    data: ProposalCreate,
    idempotency: IdempotencyDep,
    session: SessionDep,
    reader: ReaderDep,
    principal: CurrentPrincipal,
    response: Response,
) -> ProposalRead | JSONResponse:
    """Start a proposal to a published challenge (`submit: true` submits at once; Idempotency-Key retries safely)."""
    if replay := await idempotency.replay(session, data):
        return replay
    proposal = await service.create_proposal(session, reader, principal, data)
    set_etag(response, proposal.version)
    response.headers["Location"] = f"/proposals/{proposal.id}"
    result = ProposalRead.model_validate(proposal)
    await idempotency.remember(session, data, 201, result, response.headers)
    return result


@router.get("/proposals", response_model=Page[ProposalRead], tags=["proposals"])
async def list_proposals(
    session: SessionDep,
    principal: CurrentPrincipal,
    request: Request,
    page: Annotated[PageParams, Depends(page_params)],
    challenge_id: uuid.UUID | None = None,
    status: Annotated[list[ProposalStatus] | None, Query(max_length=6)] = None,
) -> dict[str, object]:
    """List the proposals you may see: your startup's, or those submitted to your department."""
    statuses = [s.value for s in status] if status else None
    result = await service.list_proposals(session, principal, page, challenge_id, statuses)
    _audit_reads(request, principal, result["items"])
    return result


@router.get(
    "/proposals/{proposal_id}",
    response_model=ProposalRead,
    tags=["proposals"],
    responses=problem_responses(404),
)
async def get_proposal(
    proposal_id: uuid.UUID,
    session: SessionDep,
    principal: CurrentPrincipal,
    request: Request,
    response: Response,
) -> ProposalRead:
    """Read a proposal (confidential: its startup, the owning department and admins)."""
    proposal = await service.get_proposal(session, principal, proposal_id)
    _audit_reads(request, principal, [proposal])
    set_etag(response, proposal.version)
    return ProposalRead.model_validate(proposal)


@router.patch(
    "/proposals/{proposal_id}",
    response_model=ProposalRead,
    tags=["proposals"],
    responses=problem_responses(403, 404, 409, 412, 428),
)
async def update_proposal(
    proposal_id: uuid.UUID,
    data: ProposalUpdate,
    session: SessionDep,
    reader: ReaderDep,
    principal: CurrentPrincipal,
    response: Response,
    if_match: IfMatch = None,
) -> ProposalRead:
    """Edit a draft or submitted proposal while the challenge is open (If-Match required)."""
    proposal = await service.update_proposal(
        session, reader, principal, proposal_id, data, if_match
    )
    set_etag(response, proposal.version)
    return ProposalRead.model_validate(proposal)


@router.post(
    "/proposals/{proposal_id}/status",
    response_model=ProposalRead,
    tags=["proposals"],
    responses=problem_responses(403, 404, 409, 412),
)
async def transition_proposal(
    proposal_id: uuid.UUID,
    data: ProposalTransition,
    session: SessionDep,
    reader: ReaderDep,
    principal: CurrentPrincipal,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
) -> ProposalRead:
    """Submit or withdraw your proposal, or (department) shortlist, select or decline it."""
    proposal = await service.transition_proposal(
        session, reader, principal, proposal_id, data.status, if_match
    )
    _audit_reads(request, principal, [proposal])
    set_etag(response, proposal.version)
    return ProposalRead.model_validate(proposal)


feed_router = APIRouter(prefix="/feed", tags=["feeds"], responses=problem_responses(401, 403, 422))


@feed_router.get("/profiles", response_model=Page[StartupProfileRead])
async def profile_feed(
    session: SessionDep,
    principal: CurrentPrincipal,
    feed: Annotated[FeedParams, Depends(feed_params)],
) -> dict[str, object]:
    """Startup profiles changed since `since`, oldest first (administrators and platform services)."""
    return await service.profile_changes(session, principal, feed)


@feed_router.get("/proposals", response_model=Page[ProposalRead])
async def proposal_feed(
    session: SessionDep,
    principal: CurrentPrincipal,
    request: Request,
    feed: Annotated[FeedParams, Depends(feed_params)],
) -> dict[str, object]:
    """Proposals changed since `since`, oldest first (administrators and platform services)."""
    result = await service.proposal_changes(session, principal, feed)
    _audit_reads(request, principal, result["items"], feed=True)
    return result
