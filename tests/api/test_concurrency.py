"""Races on both databases: duplicate submissions and concurrent edits with the same If-Match."""

from __future__ import annotations

import asyncio

import httpx

from tests.conftest import World
from tests.factories import create_challenge, proposal_body, published_challenge

RACES = 50


async def test_twenty_concurrent_duplicate_submissions_create_exactly_one(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a)
    body = proposal_body(ch["id"], submit=True)
    responses = await asyncio.gather(
        *(client.post("/proposals", json=body, headers=world.startup_a.headers) for _ in range(20))
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [201] + [409] * 19, codes
    listed = await client.get("/proposals", headers=world.startup_a.headers)
    assert len(listed.json()["items"]) == 1


async def test_concurrent_edits_with_the_same_if_match_have_one_winner(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await create_challenge(client, world.dept_a)
    url = f"/challenges/{ch['id']}"
    for round_no in range(RACES):
        etag = (await client.get(url, headers=world.dept_a.headers)).headers["etag"]
        payloads = [{"title": f"Round {round_no} by A"}, {"title": f"Round {round_no} by B"}]
        results = await asyncio.gather(
            *(
                client.patch(url, json=p, headers={**world.dept_a.headers, "If-Match": etag})
                for p in payloads
            )
        )
        codes = sorted(r.status_code for r in results)
        assert codes == [200, 412], (round_no, codes)
        winner = payloads[[r.status_code for r in results].index(200)]
        stored = (await client.get(url, headers=world.dept_a.headers)).json()
        assert stored["title"] == winner["title"], round_no
