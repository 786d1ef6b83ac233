"""Idempotency-Key on challenge and proposal creation."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from tests.conftest import World
from tests.factories import challenge_body, proposal_body, published_challenge


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
