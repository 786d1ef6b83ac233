"""Request bodies and API shortcuts for tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
from sqlalchemy.sql import Executable

from services.core.db import make_engine
from tests.conftest import Actor

HCMC = timezone(timedelta(hours=7))


def future(days: float = 30) -> str:
    """An ISO timestamp `days` from now (negative: in the past), in Ho Chi Minh City time."""
    return (datetime.now(HCMC) + timedelta(days=days)).isoformat()


def challenge_body(**overrides: Any) -> dict[str, Any]:
    """A valid challenge body."""
    body: dict[str, Any] = {
        "title": "Số hóa hồ sơ bệnh án tại bệnh viện quận",
        "summary": "Chuyển hồ sơ bệnh án giấy sang bệnh án điện tử.",
        "problem_statement": "Các bệnh viện quận vẫn lưu hồ sơ bệnh án giấy, khó tra cứu và liên thông.",
        "expected_outcomes": ["Bệnh án điện tử liên thông"],
        "sectors": ["health", "e_government"],
        "tags": ["EMR"],
        "sdg_goals": [3],
        "budget_min": 500_000_000,
        "budget_max": 2_000_000_000,
        "deadline": future(),
        "language": "vi",
        "contact": {"name": "Phòng CNTT", "email": "cntt@soyte.example.gov.vn"},
    }
    body.update(overrides)
    return body


def proposal_body(challenge_id: str, **overrides: Any) -> dict[str, Any]:
    """A valid proposal body."""
    body: dict[str, Any] = {
        "challenge_id": challenge_id,
        "title": "Bệnh án điện tử chuẩn HL7 FHIR",
        "summary": "OCR hồ sơ cũ và liên thông FHIR.",
        "approach": "Khảo sát, số hóa, tích hợp HIS, đào tạo.",
        "trl": 7,
        "price_estimate": 1_200_000_000,
        "timeline_weeks": 24,
    }
    body.update(overrides)
    return body


async def create_challenge(
    client: httpx.AsyncClient, who: Actor, **overrides: Any
) -> dict[str, Any]:
    """Draft a challenge and return it."""
    r = await client.post("/challenges", json=challenge_body(**overrides), headers=who.headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def publish(client: httpx.AsyncClient, who: Actor, challenge_id: str) -> dict[str, Any]:
    """Publish a challenge."""
    return await move(client, who, challenge_id, "published")


async def move(
    client: httpx.AsyncClient, who: Actor, challenge_id: str, status: str
) -> dict[str, Any]:
    """Transition a challenge and return it."""
    r = await client.post(
        f"/challenges/{challenge_id}/status", json={"status": status}, headers=who.headers
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def published_challenge(
    client: httpx.AsyncClient, who: Actor, **overrides: Any
) -> dict[str, Any]:
    """Draft and publish a challenge."""
    ch = await create_challenge(client, who, **overrides)
    return await publish(client, who, ch["id"])


async def submit_proposal(
    client: httpx.AsyncClient, who: Actor, challenge_id: str, **overrides: Any
) -> dict[str, Any]:
    """Create and submit a proposal."""
    r = await client.post(
        "/proposals",
        json=proposal_body(challenge_id, submit=True, **overrides),
        headers=who.headers,
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


PROBLEM_JSON = "application/problem+json"


def assert_problem(r: httpx.Response, status: int, slug: str | None = None) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status (and problem type slug)."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = r.json()
    assert body["status"] == status
    if slug is not None:
        assert body["type"].endswith(f"/{slug}")
    return body


def not_422(r: httpx.Response) -> str | None:
    """Why a response is not a 422 problem+json, or None when it is one."""
    if r.status_code != 422 or not r.headers["content-type"].startswith(PROBLEM_JSON):
        return f"{r.status_code} {r.headers.get('content-type')}"
    return None


async def patch_if_match(
    client: httpx.AsyncClient, who: Actor, path: str, body: dict[str, Any], if_match: str | None
) -> httpx.Response:
    """PATCH `path` as `who`, with If-Match when given."""
    headers = dict(who.headers)
    if if_match is not None:
        headers["If-Match"] = if_match
    return await client.patch(path, json=body, headers=headers)


async def behind_the_api(db_url: str, statement: Executable) -> None:
    """Run one statement on the database directly, for states the API refuses to create."""
    engine = make_engine(db_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(statement)
    finally:
        await engine.dispose()
