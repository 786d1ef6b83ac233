"""Load the demo data set through the service layer (the same rules as the API)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.challenges import service as challenges
from services.challenges.schemas import ChallengeCreate, ChallengeStatus
from services.core.auth import Principal, Role
from services.core.db import utcnow
from services.orgs.models import Organisation
from services.orgs.service import create_org_unchecked
from services.seed import demo_data
from services.solutions import service as solutions
from services.solutions.readers import InProcessChallengeReader
from services.solutions.schemas import ProposalCreate, ProposalStatus, StartupProfileWrite


async def _already_seeded(session: AsyncSession) -> bool:
    # The last demo startup is created last in its phase and named like nothing a user would
    # type in the README walk-through (which reuses real department names).
    marker = demo_data.STARTUPS[-1]["name"]
    stmt = select(Organisation.id).where(Organisation.name == marker).limit(1)
    return (await session.scalar(stmt)) is not None


async def load_demo(session: AsyncSession) -> dict[str, Any]:
    """Create the demo departments, startups, profiles, challenges and proposals once."""
    if await _already_seeded(session):
        return {"status": "already seeded"}
    now = utcnow()
    departments: dict[str, uuid.UUID] = {}
    for dept in demo_data.DEPARTMENTS:
        departments[dept["key"]] = (
            await create_org_unchecked(session, "department", dept["name"])
        ).id

    startups: dict[str, Principal] = {}
    for st in demo_data.STARTUPS:
        org = await create_org_unchecked(session, "startup", st["name"])
        member = Principal(sub=f"founder@{st['key']}", role=Role.startup, org=org.id)
        startups[st["key"]] = member
        profile = StartupProfileWrite.model_validate({k: v for k, v in st.items() if k != "key"})
        await solutions.put_profile(session, member, org.id, profile, None)

    created: dict[str, tuple[uuid.UUID, Principal, str]] = {}
    for ch in demo_data.CHALLENGES:
        staff = Principal(
            sub=f"staff@{ch['department']}", role=Role.department, org=departments[ch["department"]]
        )
        body = {
            k: v for k, v in ch.items() if k not in {"key", "department", "deadline_days", "status"}
        }
        body["deadline"] = now + timedelta(days=ch["deadline_days"])
        challenge = await challenges.create_challenge(
            session, staff, ChallengeCreate.model_validate(body)
        )
        if ch["status"] != "draft":
            await challenges.transition_challenge(
                session, staff, challenge.id, ChallengeStatus.published, None
            )
        created[ch["key"]] = (challenge.id, staff, ch["status"])

    reader = InProcessChallengeReader(session)
    counts = {"submitted": 0, "draft": 0, "withdrawn": 0}
    for prop in demo_data.PROPOSALS:
        member = startups[prop["startup"]]
        challenge_id = created[prop["challenge"]][0]
        body = {k: v for k, v in prop.items() if k not in {"startup", "challenge", "status"}}
        body |= {"challenge_id": challenge_id, "submit": prop["status"] != "draft"}
        proposal = await solutions.create_proposal(
            session, reader, member, ProposalCreate.model_validate(body)
        )
        if prop["status"] == "withdrawn":
            await solutions.transition_proposal(
                session, reader, member, proposal.id, ProposalStatus.withdrawn, None
            )
        counts[prop["status"]] += 1

    for challenge_id, staff, status in created.values():
        if status == "closed":
            await challenges.transition_challenge(
                session, staff, challenge_id, ChallengeStatus.closed, None
            )
    return {
        "departments": {d["name"]: str(departments[d["key"]]) for d in demo_data.DEPARTMENTS},
        "startups": len(startups),
        "challenges": len(created),
        "proposals": counts,
    }
