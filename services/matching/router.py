"""Matching endpoints: rankings with explanations, recommendations and similar challenges."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from services.audit.recorder import note_read
from services.challenges.schemas import ChallengeStatus, Language, Sector
from services.core.auth import CurrentPrincipal
from services.core.errors import problem_responses
from services.core.ratelimit import rate_limited
from services.core.text import Query as QueryText
from services.matching import service
from services.matching.dependencies import (
    Engine,
    EngineForChallenges,
    EngineForProfiles,
    EngineForProposals,
)
from services.matching.schemas import RankedChallenge, RankedProposal, RankedStartup, Ranking
from services.solutions.schemas import ProposalStatus

router = APIRouter(
    prefix="/matching",
    tags=["matching"],
    responses=problem_responses(401, 404, 422, 429, 503),
    dependencies=[Depends(rate_limited("matching"))],
)

TopK = Annotated[int, Query(ge=1, le=100, description="How many results (max 100)")]
Method = Annotated[
    Literal["hybrid", "dense", "lexical"], Query(description="Ranking method (default hybrid)")
]


@router.get("/challenges/{challenge_id}/proposals", response_model=Ranking[RankedProposal])
async def rank_proposals_for_challenge(
    challenge_id: uuid.UUID,
    engine: EngineForProposals,
    principal: CurrentPrincipal,
    request: Request,
    top_k: TopK = 10,
    status: Annotated[list[ProposalStatus] | None, Query(max_length=6)] = None,
    method: Method = "hybrid",
) -> Ranking[RankedProposal]:
    """Submitted proposals ranked against the challenge (its department and admins only)."""
    ranking = await service.rank_proposals(
        engine, principal, challenge_id, top_k, [s.value for s in status or []], method
    )
    note_read(request, principal, "proposal", [i.proposal_id for i in ranking.items], via="ranking")
    return ranking


@router.get("/challenges/{challenge_id}/startups", response_model=Ranking[RankedStartup])
async def rank_startups_for_challenge(
    challenge_id: uuid.UUID,
    engine: EngineForProfiles,
    principal: CurrentPrincipal,
    top_k: TopK = 10,
    sector: Sector | None = None,
    language: Language | None = None,
    method: Method = "hybrid",
) -> Ranking[RankedStartup]:
    """Startups to invite, ranked from public profiles only (its department and admins only)."""
    return await service.rank_startups(
        engine, principal, challenge_id, top_k, sector, language, method
    )


@router.get("/startups/{startup_id}/challenges", response_model=Ranking[RankedChallenge])
async def recommend_challenges_for_startup(
    startup_id: uuid.UUID,
    engine: EngineForProfiles,
    principal: CurrentPrincipal,
    top_k: TopK = 10,
    sector: Sector | None = None,
    language: Language | None = None,
    method: Method = "hybrid",
) -> Ranking[RankedChallenge]:
    """Open challenges that fit the startup's profile (the startup's members and admins)."""
    return await service.recommend_challenges(
        engine, principal, startup_id, top_k, sector, language, method
    )


@router.get("/challenges/{challenge_id}/similar", response_model=Ranking[RankedChallenge])
async def similar_challenges(
    challenge_id: uuid.UUID,
    engine: EngineForChallenges,
    principal: CurrentPrincipal,
    top_k: TopK = 10,
    status: Annotated[list[ChallengeStatus] | None, Query(max_length=7)] = None,
    sector: Sector | None = None,
    language: Language | None = None,
    method: Method = "hybrid",
) -> Ranking[RankedChallenge]:
    """Published (and later) challenges of every department that resemble this one, to catch duplicates."""
    return await service.similar_challenges(
        engine,
        principal,
        challenge_id,
        top_k,
        [s.value for s in status or []],
        sector,
        language,
        method,
    )


@router.get("/search", response_model=Ranking[RankedChallenge | RankedStartup | RankedProposal])
async def search(
    q: Annotated[QueryText, Query(description="Free text; Vietnamese with or without diacritics")],
    engine: Engine,
    principal: CurrentPrincipal,
    request: Request,
    target: Literal["challenges", "startups", "proposals"] = "challenges",
    top_k: TopK = 10,
    sector: Sector | None = None,
    language: Language | None = None,
    method: Method = "hybrid",
) -> Ranking[RankedChallenge | RankedStartup | RankedProposal]:
    """Search open challenges, public startup profiles, or the proposals you may see."""
    result = await service.search(engine, principal, q, target, top_k, sector, language, method)
    others = [
        i.proposal_id
        for i in result.items
        if isinstance(i, RankedProposal) and not principal.belongs_to(i.startup_id)
    ]
    note_read(request, principal, "proposal", others, via="search")
    return result
