"""Challenge endpoints."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime

from services.challenges import service
from services.challenges.repository import ChallengeFilters
from services.challenges.schemas import (
    ChallengeCreate,
    ChallengeRead,
    ChallengeStatus,
    ChallengeTransition,
    ChallengeUpdate,
    Sector,
)
from services.core.auth import CurrentPrincipal
from services.core.deps import SessionDep
from services.core.errors import problem_responses
from services.core.http import IfMatch, set_etag
from services.core.idempotency import IdempotencyDep
from services.core.pagination import FeedParams, Page, PageParams, feed_params, page_params
from services.core.text import Query as QueryText
from services.core.text import search_terms

router = APIRouter(prefix="/challenges", tags=["challenges"], responses=problem_responses(401, 422))


@router.post(
    "", status_code=201, response_model=ChallengeRead, responses=problem_responses(403, 409)
)
async def create_challenge(
    data: ChallengeCreate,
    idempotency: IdempotencyDep,
    session: SessionDep,
    principal: CurrentPrincipal,
    response: Response,
    department_id: Annotated[
        uuid.UUID | None, Query(description="Admins only: the department the challenge belongs to")
    ] = None,
) -> ChallengeRead | JSONResponse:
    """Draft a challenge for your department (send an Idempotency-Key to retry safely)."""
    if replay := await idempotency.replay(session, data):
        return replay
    challenge = await service.create_challenge(session, principal, data, department_id)
    set_etag(response, challenge.version)
    response.headers["Location"] = f"/challenges/{challenge.id}"
    result = service.to_read(challenge)
    await idempotency.remember(session, data, 201, result, response.headers)
    return result


@router.get("", response_model=Page[ChallengeRead])
async def list_challenges(
    session: SessionDep,
    principal: CurrentPrincipal,
    page: Annotated[PageParams, Depends(page_params)],
    status: Annotated[list[ChallengeStatus] | None, Query(max_length=7)] = None,
    sector: Sector | None = None,
    department_id: uuid.UUID | None = None,
    deadline_from: AwareDatetime | None = None,
    deadline_to: AwareDatetime | None = None,
    q: Annotated[QueryText | None, Query(description="Words to find; diacritics optional")] = None,
) -> dict[str, object]:
    """List challenges you may see: published and later ones, plus your department's drafts."""
    filters = ChallengeFilters(
        statuses=[s.value for s in status] if status else None,
        sector=sector.value if sector else None,
        department_id=department_id,
        deadline_from=deadline_from,
        deadline_to=deadline_to,
        terms=search_terms(q) if q else None,
    )
    return await service.list_challenges(session, principal, page, filters)


@router.get("/{challenge_id}", response_model=ChallengeRead, responses=problem_responses(404))
async def get_challenge(
    challenge_id: uuid.UUID, session: SessionDep, principal: CurrentPrincipal, response: Response
) -> ChallengeRead:
    """Read a challenge; its ETag is the version to send in If-Match when editing."""
    challenge = await service.get_challenge(session, principal, challenge_id)
    set_etag(response, challenge.version)
    return service.to_read(challenge)


@router.patch(
    "/{challenge_id}",
    response_model=ChallengeRead,
    responses=problem_responses(403, 404, 409, 412, 428),
)
async def update_challenge(
    challenge_id: uuid.UUID,
    data: ChallengeUpdate,
    session: SessionDep,
    principal: CurrentPrincipal,
    response: Response,
    if_match: IfMatch = None,
) -> ChallengeRead:
    """Edit a draft or published challenge (If-Match required)."""
    challenge = await service.update_challenge(session, principal, challenge_id, data, if_match)
    set_etag(response, challenge.version)
    return service.to_read(challenge)


@router.post(
    "/{challenge_id}/status",
    response_model=ChallengeRead,
    responses=problem_responses(403, 404, 409, 412),
)
async def transition_challenge(
    challenge_id: uuid.UUID,
    data: ChallengeTransition,
    session: SessionDep,
    principal: CurrentPrincipal,
    response: Response,
    if_match: IfMatch = None,
) -> ChallengeRead:
    """Move a challenge along draft → published → closed → evaluating → awarded | cancelled → archived."""
    challenge = await service.transition_challenge(
        session, principal, challenge_id, data.status, if_match
    )
    set_etag(response, challenge.version)
    return service.to_read(challenge)


feed_router = APIRouter(prefix="/feed", tags=["feeds"], responses=problem_responses(401, 403, 422))


@feed_router.get("/challenges", response_model=Page[ChallengeRead])
async def challenge_feed(
    session: SessionDep,
    principal: CurrentPrincipal,
    feed: Annotated[FeedParams, Depends(feed_params)],
) -> dict[str, object]:
    """Challenges changed since `since`, oldest first (administrators and platform services)."""
    return await service.challenge_changes(session, principal, feed)
