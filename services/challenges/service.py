"""Challenge rules: ownership, visibility, lifecycle, deadlines."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, or_, true
from sqlalchemy.ext.asyncio import AsyncSession

from services.challenges.errors import ChallengeNotEditable, ChallengeNotFound, IllegalTransition
from services.challenges.models import Challenge
from services.challenges.repository import ChallengeFilters, ChallengeRepository, changed_challenges
from services.challenges.schemas import (
    ChallengeCreate,
    ChallengeInfo,
    ChallengeRead,
    ChallengeStatus,
    ChallengeUpdate,
)
from services.core.auth import Principal, Role
from services.core.db import utcnow
from services.core.errors import Forbidden, Invalid, PreconditionFailed
from services.core.http import check_version
from services.core.pagination import FeedParams, PageParams, make_feed, make_page
from services.core.text import search_blob
from services.orgs import service as orgs_service

S = ChallengeStatus
TRANSITIONS: dict[ChallengeStatus, set[ChallengeStatus]] = {
    S.draft: {S.published, S.cancelled},
    S.published: {S.closed, S.cancelled},
    S.closed: {S.evaluating, S.cancelled},
    S.evaluating: {S.awarded, S.cancelled},
    S.awarded: {S.archived},
    S.cancelled: {S.archived},
    S.archived: set(),
}
EDITABLE = {S.draft, S.published}


def effective_status(challenge: Challenge, now: datetime | None = None) -> ChallengeStatus:
    """The status readers see: a published challenge whose deadline has passed is closed."""
    status = ChallengeStatus(challenge.status)
    if status is S.published and challenge.deadline <= (now or utcnow()):
        return S.closed
    return status


def to_read(challenge: Challenge, now: datetime | None = None) -> ChallengeRead:
    """Render a challenge with its effective status."""
    read = ChallengeRead.model_validate(challenge)
    read.status = effective_status(challenge, now)
    return read


def _is_staff(principal: Principal, challenge: Challenge) -> bool:
    return principal.role in (Role.department, Role.reviewer) and principal.belongs_to(
        challenge.department_id
    )


def can_see(principal: Principal, challenge: Challenge) -> bool:
    """Never-published challenges (drafts, drafts cancelled): their department and admins only.

    Once published, a challenge is visible to every signed-in user.
    """
    return (
        challenge.published_at is not None or principal.is_admin or _is_staff(principal, challenge)
    )


def _visible_clause(principal: Principal) -> ColumnElement[bool]:
    if principal.is_admin:
        return true()
    if principal.role in (Role.department, Role.reviewer) and principal.org is not None:
        return or_(Challenge.published_at.is_not(None), Challenge.department_id == principal.org)
    return Challenge.published_at.is_not(None)


def _require_manager(principal: Principal, challenge: Challenge) -> None:
    if principal.is_admin:
        return
    if principal.role is Role.department and principal.belongs_to(challenge.department_id):
        return
    raise Forbidden("only the owning department's staff may change this challenge")


def _search_text(data: ChallengeCreate) -> str:
    return search_blob(
        data.title,
        data.summary,
        data.problem_statement,
        list(data.tags),
        list(data.expected_outcomes),
    )


async def load_visible(
    session: AsyncSession, principal: Principal, challenge_id: uuid.UUID
) -> Challenge:
    """A challenge the caller may see, or 404."""
    challenge = await ChallengeRepository(session).get(challenge_id)
    if challenge is None or not can_see(principal, challenge):
        raise ChallengeNotFound("challenge not found")
    return challenge


async def create_challenge(
    session: AsyncSession,
    principal: Principal,
    data: ChallengeCreate,
    department_id: uuid.UUID | None = None,
) -> Challenge:
    """Draft a challenge for the caller's department (admins name the department)."""
    if principal.is_admin:
        if department_id is None:
            raise Invalid("administrators must pass department_id")
        if not await orgs_service.is_department(session, department_id):
            raise Invalid("department_id does not name a registered department")
        owner = department_id
    elif principal.role is Role.department and principal.org is not None:
        if department_id is not None and department_id != principal.org:
            raise Forbidden("you can only post challenges for your own department")
        owner = principal.org
    else:
        raise Forbidden("only department staff post challenges")
    now = utcnow()
    if data.deadline <= now:
        raise Invalid("the deadline must be in the future")
    values = data.model_dump(mode="json", exclude={"deadline", "sectors"})
    challenge = Challenge(
        **values,
        id=uuid.uuid4(),
        department_id=owner,
        created_by=principal.sub,
        status=S.draft.value,
        version=1,
        sectors=[s.value for s in data.sectors],
        sector_keys=" " + " ".join(s.value for s in data.sectors) + " ",
        deadline=data.deadline.astimezone(UTC),
        search_text=_search_text(data),
        created_at=now,
        updated_at=now,
    )
    return await ChallengeRepository(session).add(challenge)


async def get_challenge(
    session: AsyncSession, principal: Principal, challenge_id: uuid.UUID
) -> Challenge:
    """Read one challenge."""
    return await load_visible(session, principal, challenge_id)


async def list_challenges(
    session: AsyncSession, principal: Principal, params: PageParams, filters: ChallengeFilters
) -> dict[str, Any]:
    """List the challenges the caller may see, newest first."""
    now = utcnow()
    rows = await ChallengeRepository(session).page(params, filters, _visible_clause(principal), now)
    return make_page(rows, params, lambda c: to_read(c, now))


async def _compare_and_set(
    session: AsyncSession, challenge: Challenge, expected: int | None, values: dict[str, Any]
) -> Challenge:
    repo = ChallengeRepository(session)
    version = challenge.version if expected is None else expected
    values["updated_at"] = utcnow()
    if not await repo.update_if_version(challenge.id, version, values):
        raise PreconditionFailed("the challenge changed since you read it; read it again")
    return await repo.refresh(challenge)


async def update_challenge(
    session: AsyncSession,
    principal: Principal,
    challenge_id: uuid.UUID,
    data: ChallengeUpdate,
    if_match: str | None,
) -> Challenge:
    """Edit a draft or published challenge; needs the current ETag in If-Match."""
    challenge = await load_visible(session, principal, challenge_id)
    _require_manager(principal, challenge)
    expected = check_version(if_match, challenge.version, required=True)
    status = effective_status(challenge)
    if status not in EDITABLE:
        raise ChallengeNotEditable(f"a {status.value} challenge can no longer be edited")
    changes = data.model_dump(mode="json", exclude_unset=True)
    if "deadline" in changes:
        assert data.deadline is not None
        changes["deadline"] = data.deadline.astimezone(UTC)
        if data.deadline <= utcnow():
            raise Invalid("the deadline must be in the future")
    lo = changes.get("budget_min", challenge.budget_min)
    hi = changes.get("budget_max", challenge.budget_max)
    if lo is not None and hi is not None and lo > hi:
        raise Invalid("budget_min must not exceed budget_max")
    if "sectors" in changes:
        changes["sector_keys"] = " " + " ".join(changes["sectors"]) + " "
    text_fields = ("title", "summary", "problem_statement", "tags", "expected_outcomes")
    merged = {k: changes.get(k, getattr(challenge, k)) for k in text_fields}
    changes["search_text"] = search_blob(*(merged[k] for k in text_fields))
    return await _compare_and_set(session, challenge, expected, changes)


async def transition_challenge(
    session: AsyncSession,
    principal: Principal,
    challenge_id: uuid.UUID,
    target: ChallengeStatus,
    if_match: str | None,
) -> Challenge:
    """Move a challenge along its lifecycle; 409 on an illegal move."""
    challenge = await load_visible(session, principal, challenge_id)
    _require_manager(principal, challenge)
    expected = check_version(if_match, challenge.version, required=False)
    now = utcnow()
    current = effective_status(challenge, now)
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(f"a {current.value} challenge cannot become {target.value}")
    values: dict[str, Any] = {"status": target.value}
    if target is S.published:
        if challenge.deadline <= now:
            raise IllegalTransition("the deadline has passed; move it before publishing")
        values["published_at"] = now
    return await _compare_and_set(session, challenge, expected, values)


async def close_expired(session: AsyncSession) -> int:
    """Persist the close of every published challenge past its deadline."""
    return await ChallengeRepository(session).close_expired(utcnow())


async def challenge_info(
    session: AsyncSession, principal: Principal, challenge_id: uuid.UUID
) -> ChallengeInfo | None:
    """Owner, effective status and deadline of a challenge the caller may see (the reader port)."""
    challenge = await ChallengeRepository(session).get(challenge_id)
    if challenge is None or not can_see(principal, challenge):
        return None
    return ChallengeInfo(
        id=challenge.id,
        department_id=challenge.department_id,
        status=effective_status(challenge),
        deadline=challenge.deadline,
        title=challenge.title,
    )


async def challenge_changes(
    session: AsyncSession, principal: Principal, params: FeedParams
) -> dict[str, Any]:
    """The change feed of challenges, drafts included (administrators and services only)."""
    if not principal.is_admin:
        raise Forbidden("the change feed is for administrators and platform services")
    now = utcnow()
    rows = await changed_challenges(session, params)
    return make_feed(rows, params, lambda c: to_read(c, now))
