"""Rules for startup profiles and proposals: membership, confidentiality, deadlines."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, and_, false, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.challenges.schemas import ChallengeInfo, ChallengeStatus
from services.core.auth import Principal, Role
from services.core.db import utcnow
from services.core.errors import Forbidden, NotFound, PreconditionFailed
from services.core.http import check_version
from services.core.pagination import FeedParams, PageParams, make_feed, make_page
from services.core.text import search_blob
from services.solutions.errors import (
    ChallengeNotOpen,
    DuplicateProposal,
    IllegalProposalTransition,
    ProfileNotFound,
    ProposalNotFound,
)
from services.solutions.models import Proposal, StartupProfile
from services.solutions.readers import ChallengeReader
from services.solutions.repository import ProfileRepository, ProposalRepository, changed_rows
from services.solutions.schemas import (
    ProposalCreate,
    ProposalRead,
    ProposalStatus,
    ProposalUpdate,
    StartupProfileRead,
    StartupProfileWrite,
)

P = ProposalStatus
STARTUP_MOVES: dict[ProposalStatus, set[ProposalStatus]] = {
    P.draft: {P.submitted, P.withdrawn},
    P.submitted: {P.withdrawn},
    P.shortlisted: {P.withdrawn},
}
DEPARTMENT_MOVES: dict[ProposalStatus, set[ProposalStatus]] = {
    P.submitted: {P.shortlisted, P.not_selected, P.selected},
    P.shortlisted: {P.not_selected, P.selected},
}
EDITABLE = {P.draft, P.submitted}
DECIDING = {ChallengeStatus.published, ChallengeStatus.closed, ChallengeStatus.evaluating}


# --- startup profiles -------------------------------------------------------------------------


def _profile_values(data: StartupProfileWrite) -> dict[str, Any]:
    values = data.model_dump(mode="json")
    values["sector_keys"] = " " + " ".join(values["sectors"]) + " "
    values["search_text"] = search_blob(
        data.name, data.description, list(data.capabilities), list(data.technologies)
    )
    return values


async def put_profile(
    session: AsyncSession,
    principal: Principal,
    startup_id: uuid.UUID,
    data: StartupProfileWrite,
    if_match: str | None,
) -> tuple[StartupProfile, bool]:
    """Create or replace a startup's profile (members only; If-Match needed to replace)."""
    if not (
        principal.is_admin or (principal.role is Role.startup and principal.belongs_to(startup_id))
    ):
        raise Forbidden("only the startup's members edit its profile")
    repo = ProfileRepository(session)
    existing = await repo.get(startup_id)
    now = utcnow()
    if existing is None:
        profile = StartupProfile(
            id=startup_id, version=1, created_at=now, updated_at=now, **_profile_values(data)
        )
        return await repo.add(profile), True
    expected = check_version(if_match, existing.version, required=True)
    version = existing.version if expected is None else expected
    values = {**_profile_values(data), "updated_at": now}
    if not await repo.update_if_version(startup_id, version, values):
        raise PreconditionFailed("the profile changed since you read it; read it again")
    return await repo.refresh(existing), False


async def get_profile(session: AsyncSession, startup_id: uuid.UUID) -> StartupProfile:
    """Read a public startup profile."""
    profile = await ProfileRepository(session).get(startup_id)
    if profile is None:
        raise ProfileNotFound("startup profile not found")
    return profile


async def list_profiles(
    session: AsyncSession, params: PageParams, sector: str | None, terms: list[str]
) -> dict[str, Any]:
    """List public startup profiles."""
    rows = await ProfileRepository(session).page(params, sector, terms)
    return make_page(rows, params, StartupProfileRead.model_validate)


# --- proposals --------------------------------------------------------------------------------


def can_see_proposal(principal: Principal, proposal: Proposal) -> bool:
    """Confidentiality: the startup, the owning department once submitted, and admins."""
    if principal.is_admin:
        return True
    if principal.role is Role.startup:
        return principal.belongs_to(proposal.startup_id)
    if principal.role in (Role.department, Role.reviewer):
        return principal.belongs_to(proposal.department_id) and proposal.submitted_at is not None
    return False


def _visible_clause(principal: Principal) -> ColumnElement[bool]:
    if principal.is_admin:
        return true()
    if principal.role is Role.startup and principal.org is not None:
        return Proposal.startup_id == principal.org
    if principal.role in (Role.department, Role.reviewer) and principal.org is not None:
        return and_(Proposal.department_id == principal.org, Proposal.submitted_at.is_not(None))
    return false()


def _require_open(info: ChallengeInfo) -> None:
    if info.status is not ChallengeStatus.published or info.deadline <= utcnow():
        raise ChallengeNotOpen(
            f"the challenge is {info.status.value}: proposals can be sent or edited only while "
            "it is published and before its deadline"
        )


async def _load_visible(
    session: AsyncSession, principal: Principal, proposal_id: uuid.UUID
) -> Proposal:
    proposal = await ProposalRepository(session).get(proposal_id)
    if proposal is None or not can_see_proposal(principal, proposal):
        raise ProposalNotFound("proposal not found")
    return proposal


async def _challenge(
    reader: ChallengeReader, principal: Principal, challenge_id: uuid.UUID
) -> ChallengeInfo:
    info = await reader.get(principal, challenge_id)
    if info is None:
        raise NotFound("challenge not found")
    return info


async def create_proposal(
    session: AsyncSession, reader: ChallengeReader, principal: Principal, data: ProposalCreate
) -> Proposal:
    """Start (and optionally submit) a proposal; one active per startup and challenge."""
    if principal.role is not Role.startup or principal.org is None:
        raise Forbidden("only startups send proposals")
    info = await _challenge(reader, principal, data.challenge_id)
    _require_open(info)
    repo = ProposalRepository(session)
    if await repo.active_exists(principal.org, data.challenge_id):
        raise DuplicateProposal("your startup already has an active proposal to this challenge")
    now = utcnow()
    proposal = Proposal(
        **data.model_dump(exclude={"submit"}),
        startup_id=principal.org,
        department_id=info.department_id,
        created_by=principal.sub,
        status=(P.submitted if data.submit else P.draft).value,
        submitted_at=now if data.submit else None,
        version=1,
        created_at=now,
        updated_at=now,
    )
    try:
        async with session.begin_nested():
            return await repo.add(proposal)
    except IntegrityError as exc:
        # A concurrent request won the race for the (startup, challenge) slot.
        raise DuplicateProposal(
            "your startup already has an active proposal to this challenge"
        ) from exc


async def get_proposal(
    session: AsyncSession, principal: Principal, proposal_id: uuid.UUID
) -> Proposal:
    """Read a proposal you may see."""
    return await _load_visible(session, principal, proposal_id)


async def list_proposals(
    session: AsyncSession,
    principal: Principal,
    params: PageParams,
    challenge_id: uuid.UUID | None,
    statuses: list[str] | None,
) -> dict[str, Any]:
    """List the proposals you may see."""
    rows = await ProposalRepository(session).page(
        params, _visible_clause(principal), challenge_id, statuses
    )
    return make_page(rows, params, ProposalRead.model_validate)


async def _apply(
    session: AsyncSession, proposal: Proposal, expected: int | None, values: dict[str, Any]
) -> Proposal:
    repo = ProposalRepository(session)
    version = proposal.version if expected is None else expected
    values["updated_at"] = utcnow()
    if not await repo.update_if_version(proposal.id, version, values):
        raise PreconditionFailed("the proposal changed since you read it; read it again")
    return await repo.refresh(proposal)


def _require_member(principal: Principal, proposal: Proposal) -> None:
    if not (principal.role is Role.startup and principal.belongs_to(proposal.startup_id)):
        raise Forbidden("only the startup's members edit its proposal")


async def update_proposal(
    session: AsyncSession,
    reader: ChallengeReader,
    principal: Principal,
    proposal_id: uuid.UUID,
    data: ProposalUpdate,
    if_match: str | None,
) -> Proposal:
    """Edit a draft or submitted proposal while the challenge is open (If-Match required)."""
    proposal = await _load_visible(session, principal, proposal_id)
    _require_member(principal, proposal)
    expected = check_version(if_match, proposal.version, required=True)
    if P(proposal.status) not in EDITABLE:
        raise IllegalProposalTransition(f"a {proposal.status} proposal can no longer be edited")
    _require_open(await _challenge(reader, principal, proposal.challenge_id))
    return await _apply(session, proposal, expected, data.model_dump(exclude_unset=True))


async def transition_proposal(
    session: AsyncSession,
    reader: ChallengeReader,
    principal: Principal,
    proposal_id: uuid.UUID,
    target: ProposalStatus,
    if_match: str | None,
) -> Proposal:
    """Submit or withdraw (the startup), or decide (the owning department)."""
    proposal = await _load_visible(session, principal, proposal_id)
    expected = check_version(if_match, proposal.version, required=False)
    current = P(proposal.status)
    values: dict[str, Any] = {"status": target.value}
    if principal.role is Role.startup:
        if target not in STARTUP_MOVES.get(current, set()):
            raise IllegalProposalTransition(
                f"a {current.value} proposal cannot become {target.value}"
            )
        if target is P.submitted:
            _require_open(await _challenge(reader, principal, proposal.challenge_id))
            values["submitted_at"] = utcnow()
    elif principal.is_admin or (
        principal.role is Role.department and principal.belongs_to(proposal.department_id)
    ):
        if target not in DEPARTMENT_MOVES.get(current, set()):
            raise IllegalProposalTransition(
                f"a {current.value} proposal cannot become {target.value}"
            )
        info = await _challenge(reader, principal, proposal.challenge_id)
        if info.status not in DECIDING:
            raise ChallengeNotOpen(f"decisions cannot be made on a {info.status.value} challenge")
    else:
        raise Forbidden("you may not change this proposal")
    return await _apply(session, proposal, expected, values)


# --- change feeds (for the matching service) ---------------------------------------------------


def _require_feed_reader(principal: Principal) -> None:
    if not principal.is_admin:
        raise Forbidden("the change feed is for administrators and platform services")


async def profile_changes(
    session: AsyncSession, principal: Principal, params: FeedParams
) -> dict[str, Any]:
    """Startup profiles changed since the cursor."""
    _require_feed_reader(principal)
    rows = await changed_rows(session, StartupProfile, params)
    return make_feed(rows, params, StartupProfileRead.model_validate)


async def proposal_changes(
    session: AsyncSession, principal: Principal, params: FeedParams
) -> dict[str, Any]:
    """Proposals changed since the cursor, drafts included (confidential: administrators only)."""
    _require_feed_reader(principal)
    rows = await changed_rows(session, Proposal, params)
    return make_feed(rows, params, ProposalRead.model_validate)
