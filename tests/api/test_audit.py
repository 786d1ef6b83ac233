"""The audit log records confidential reads by non-owners and every admin action."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import World
from tests.factories import published_challenge, submit_proposal


async def _events(client: httpx.AsyncClient, world: World, **params: Any) -> list[dict[str, Any]]:
    r = await client.get(
        "/audit/events", params={"limit": 100, **params}, headers=world.admin.headers
    )
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def test_department_reads_of_a_proposal_are_recorded_and_owner_reads_are_not(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a)
    p = await submit_proposal(client, world.startup_a, ch["id"])
    assert (
        await client.get(f"/proposals/{p['id']}", headers=world.startup_a.headers)
    ).status_code == 200
    assert await _events(client, world, object_id=p["id"]) == []

    r = await client.get(
        f"/proposals/{p['id']}", headers={**world.dept_a.headers, "X-Request-ID": "audit-1"}
    )
    assert r.status_code == 200
    await client.get("/proposals", headers=world.reviewer_a.headers)
    await client.get(f"/matching/challenges/{ch['id']}/proposals", headers=world.dept_a.headers)
    events = await _events(client, world, object_id=p["id"])
    by_actor = {(e["actor_sub"], e["detail"].get("via")) for e in events}
    assert ("alice@so-y-te", None) in by_actor
    assert ("rita@so-y-te", None) in by_actor
    assert ("alice@so-y-te", "ranking") in by_actor
    single = next(e for e in events if e["request_id"] == "audit-1")
    assert single["action"] == "proposal.read" and single["path"] == f"/proposals/{p['id']}"


async def test_a_refused_read_records_nothing(client: httpx.AsyncClient, world: World) -> None:
    ch = await published_challenge(client, world.dept_a)
    p = await submit_proposal(client, world.startup_a, ch["id"])
    assert (
        await client.get(f"/proposals/{p['id']}", headers=world.dept_b.headers)
    ).status_code == 404
    assert await _events(client, world, object_id=p["id"]) == []


async def test_every_admin_action_is_recorded(client: httpx.AsyncClient, world: World) -> None:
    events = await _events(client, world, actor_sub="ops")
    # The world fixture's admin created four organisations.
    assert sum(e["action"] == "admin.post /orgs" for e in events) == 4
    org = str(world.startup_a.org)
    r = await client.patch(
        f"/orgs/{org}", json={"name": "MediSync JSC"}, headers=world.admin.headers
    )
    assert r.status_code == 200
    events = await _events(client, world, actor_sub="ops", object_id=org)
    assert [e["action"] for e in events] == ["admin.patch /orgs/{org_id}"]


async def test_only_admins_read_the_audit_log(client: httpx.AsyncClient, world: World) -> None:
    for who in (world.dept_a, world.reviewer_a, world.startup_a):
        r = await client.get("/audit/events", headers=who.headers)
        assert r.status_code == 403
    assert (await client.get("/audit/events")).status_code == 401
