"""Idempotency-Key on challenge and proposal creation."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import httpx
from asgi_lifespan import LifespanManager
from sqlalchemy import select, update

from services.core.db import make_engine, make_sessionmaker, make_write_sessionmaker, utcnow
from services.core.idempotency import IdempotencyRecord, purge_expired
from services.core.settings import Settings
from services.solutions import app as solutions_app
from tests.conftest import World
from tests.factories import behind_the_api, challenge_body, proposal_body, published_challenge


async def test_same_key_and_body_replays_the_first_response(
    client: httpx.AsyncClient, world: World
) -> None:
    key = {"Idempotency-Key": f"create-{uuid.uuid4()}"}
    body = challenge_body()
    first = await client.post("/challenges", json=body, headers={**world.dept_a.headers, **key})
    again = await client.post("/challenges", json=body, headers={**world.dept_a.headers, **key})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["idempotent-replayed"] == "true"
    listed = await client.get("/challenges", headers=world.dept_a.headers)
    assert [c["id"] for c in listed.json()["items"]] == [first.json()["id"]]


async def test_same_key_with_another_body_is_422(client: httpx.AsyncClient, world: World) -> None:
    key = {"Idempotency-Key": "k-1"}
    r = await client.post(
        "/challenges", json=challenge_body(), headers={**world.dept_a.headers, **key}
    )
    assert r.status_code == 201
    r = await client.post(
        "/challenges",
        json=challenge_body(title="Khác hẳn"),
        headers={**world.dept_a.headers, **key},
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"


async def test_keys_are_scoped_to_the_caller(client: httpx.AsyncClient, world: World) -> None:
    key = {"Idempotency-Key": "shared-key"}
    a = await client.post(
        "/challenges", json=challenge_body(), headers={**world.dept_a.headers, **key}
    )
    b = await client.post(
        "/challenges", json=challenge_body(), headers={**world.dept_b.headers, **key}
    )
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]


async def test_concurrent_retries_create_one_proposal(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a)
    headers = {**world.startup_a.headers, "Idempotency-Key": str(uuid.uuid4())}
    body = proposal_body(ch["id"], submit=True)
    responses = await asyncio.gather(
        *(client.post("/proposals", json=body, headers=headers) for _ in range(20))
    )
    codes = [r.status_code for r in responses]
    assert set(codes) <= {201, 409}, codes
    assert 409 in codes, codes  # at least one arrived while the first was in flight
    created = {r.json()["id"] for r in responses if r.status_code == 201}
    assert len(created) == 1
    for r in responses:
        if r.status_code == 409:
            assert r.json()["type"].endswith("idempotency-in-flight") or r.json()["type"].endswith(
                "duplicate-proposal"
            )
    # Once the first is done, a retry replays it.
    later = await client.post("/proposals", json=body, headers=headers)
    assert later.status_code == 201 and later.json()["id"] in created
    listed = await client.get("/proposals", headers=world.startup_a.headers)
    assert len(listed.json()["items"]) == 1


async def test_malformed_idempotency_key_is_422(client: httpx.AsyncClient, world: World) -> None:
    r = await client.post(
        "/challenges",
        json=challenge_body(),
        headers={**world.dept_a.headers, "Idempotency-Key": "x" * 256},
    )
    assert r.status_code == 422


async def _create_with_key(client: httpx.AsyncClient, world: World, key: str) -> None:
    """Department A drafts a challenge with this Idempotency-Key."""
    r = await client.post(
        "/challenges",
        json=challenge_body(),
        headers={**world.dept_a.headers, "Idempotency-Key": key},
    )
    assert r.status_code == 201, r.text


async def _age_keys(db_url: str, key: str, hours: float) -> None:
    """Make the stored Idempotency-Key look `hours` old."""
    await behind_the_api(
        db_url,
        update(IdempotencyRecord)
        .where(IdempotencyRecord.key == key)
        .values(created_at=utcnow() - timedelta(hours=hours)),
    )


async def test_a_key_past_its_retention_is_free_again(
    client: httpx.AsyncClient, world: World, db_url: str
) -> None:
    """After 24 hours the same key creates a new challenge instead of replaying or refusing."""
    key = {"Idempotency-Key": f"old-{uuid.uuid4()}"}
    first = await client.post(
        "/challenges", json=challenge_body(), headers={**world.dept_a.headers, **key}
    )
    assert first.status_code == 201
    await _age_keys(db_url, key["Idempotency-Key"], hours=25)
    other = challenge_body(title="Một đề bài khác")
    again = await client.post("/challenges", json=other, headers={**world.dept_a.headers, **key})
    assert again.status_code == 201
    assert "idempotent-replayed" not in again.headers
    assert again.json()["id"] != first.json()["id"]
    # …and the key now replays the new response.
    replay = await client.post("/challenges", json=other, headers={**world.dept_a.headers, **key})
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json()["id"] == again.json()["id"]


async def test_the_sweep_forgets_expired_keys_only(
    client: httpx.AsyncClient, world: World, db_url: str
) -> None:
    """The hourly sweep deletes keys past retention and keeps the others replayable."""
    old, fresh = f"old-{uuid.uuid4()}", f"fresh-{uuid.uuid4()}"
    for key in (old, fresh):
        await _create_with_key(client, world, key)
    await _age_keys(db_url, old, hours=25)
    engine = make_engine(db_url)
    try:
        async with make_write_sessionmaker(engine)() as session, session.begin():
            assert await purge_expired(session) == 1
        async with make_sessionmaker(engine)() as session:
            keys = set((await session.scalars(select(IdempotencyRecord.key))).all())
    finally:
        await engine.dispose()
    assert fresh in keys
    assert old not in keys


async def test_every_service_sweeps_expired_keys_when_it_starts(
    client: httpx.AsyncClient, world: World, db_url: str, settings: Settings
) -> None:
    """A (re)started service deletes keys past retention without anyone calling the API."""
    key = f"stale-{uuid.uuid4()}"
    await _create_with_key(client, world, key)
    await _age_keys(db_url, key, hours=25)
    engine = make_engine(db_url)
    try:
        async with LifespanManager(solutions_app.create_app(settings)):
            for _ in range(100):
                async with make_sessionmaker(engine)() as session:
                    left = await session.scalar(
                        select(IdempotencyRecord.key).where(IdempotencyRecord.key == key)
                    )
                if left is None:
                    break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError("the expired key was not swept")
    finally:
        await engine.dispose()
