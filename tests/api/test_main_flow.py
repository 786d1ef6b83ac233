"""The acceptance flow of the core platform, over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import httpx

from tests.conftest import World
from tests.factories import create_challenge, proposal_body, publish, submit_proposal


async def test_department_drafts_publishes_and_startups_answer(
    client: httpx.AsyncClient, world: World
) -> None:
    draft = await create_challenge(client, world.dept_a)
    assert draft["status"] == "draft"

    # A draft is invisible to startups, listed for its department.
    r = await client.get(f"/challenges/{draft['id']}", headers=world.startup_a.headers)
    assert r.status_code == 404
    r = await client.get("/challenges", headers=world.startup_a.headers)
    assert [c["id"] for c in r.json()["items"]] == []
    r = await client.get("/challenges", headers=world.dept_a.headers)
    assert [c["id"] for c in r.json()["items"]] == [draft["id"]]

    published = await publish(client, world.dept_a, draft["id"])
    assert published["status"] == "published"
    assert published["published_at"] is not None

    proposal = await submit_proposal(client, world.startup_a, draft["id"])
    assert proposal["status"] == "submitted"

    # The department sees it, alone and in its list.
    r = await client.get(f"/proposals/{proposal['id']}", headers=world.dept_a.headers)
    assert r.status_code == 200
    assert r.json()["approach"] == proposal["approach"]
    r = await client.get(
        "/proposals", params={"challenge_id": draft["id"]}, headers=world.dept_a.headers
    )
    assert [p["id"] for p in r.json()["items"]] == [proposal["id"]]

    # Startup B and the other department get 404 and empty lists.
    for outsider in (world.startup_b, world.dept_b):
        r = await client.get(f"/proposals/{proposal['id']}", headers=outsider.headers)
        assert r.status_code == 404
        assert r.headers["content-type"] == "application/problem+json"
        r = await client.get("/proposals", headers=outsider.headers)
        assert r.json()["items"] == []
        r = await client.get(
            "/proposals", params={"challenge_id": draft["id"]}, headers=outsider.headers
        )
        assert r.json()["items"] == []

    # A second active proposal by A to the same challenge: 409.
    r = await client.post(
        "/proposals", json=proposal_body(draft["id"], submit=True), headers=world.startup_a.headers
    )
    assert r.status_code == 409
    assert r.json()["status"] == 409

    # After close, submitting gets 409, for a new proposal and for a draft alike.
    r = await client.post(
        "/proposals", json=proposal_body(draft["id"]), headers=world.startup_b.headers
    )
    assert r.status_code == 201
    b_draft = r.json()
    r = await client.post(
        f"/challenges/{draft['id']}/status", json={"status": "closed"}, headers=world.dept_a.headers
    )
    assert r.status_code == 200
    r = await client.post(
        f"/proposals/{b_draft['id']}/status",
        json={"status": "submitted"},
        headers=world.startup_b.headers,
    )
    assert r.status_code == 409
    r = await client.post(
        "/proposals", json=proposal_body(draft["id"], submit=True), headers=world.admin.headers
    )
    assert r.status_code == 403


async def test_malformed_input_gets_422_problem_json(
    client: httpx.AsyncClient, world: World
) -> None:
    r = await client.post(
        "/challenges",
        content=b'{"title": ',
        headers={**world.dept_a.headers, "content-type": "application/json"},
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"

    r = await client.post("/challenges", json={"title": "x"}, headers=world.dept_a.headers)
    assert r.status_code == 422
    body = r.json()
    assert body["status"] == 422 and body["errors"]

    from tests.factories import challenge_body

    r = await client.post(
        "/challenges", json=challenge_body(summary="bad\u0000byte"), headers=world.dept_a.headers
    )
    assert r.status_code == 422
    assert "\u0000" not in r.text
    r = await client.get("/challenges", params={"q": "a\u0000b"}, headers=world.dept_a.headers)
    assert r.status_code == 422
    r = await client.get("/challenges/not-a-uuid", headers=world.dept_a.headers)
    assert r.status_code == 422
    r = await client.get("/challenges")
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
