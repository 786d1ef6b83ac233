"""Proposals over HTTP: lifecycle, department decisions, deadlines, ETags and confidentiality."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from services.challenges.models import Challenge
from tests.conftest import Actor, World
from tests.factories import (
    assert_problem,
    behind_the_api,
    create_challenge,
    future,
    move,
    not_422,
    patch_if_match,
    proposal_body,
    published_challenge,
    submit_proposal,
)


async def expire_challenge(db_url: str, challenge_id: str) -> None:
    """Put a challenge's deadline in the past behind the API's back (the API refuses that)."""
    await behind_the_api(
        db_url,
        update(Challenge)
        .where(Challenge.id == uuid.UUID(challenge_id))
        .values(deadline=datetime.now(UTC) - timedelta(hours=1)),
    )


async def draft_proposal(
    client: httpx.AsyncClient, who: Actor, challenge_id: str, **overrides: Any
) -> dict[str, Any]:
    r = await client.post(
        "/proposals", json=proposal_body(challenge_id, **overrides), headers=who.headers
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def set_status(
    client: httpx.AsyncClient,
    who: Actor,
    proposal_id: str,
    status: str,
    if_match: str | None = None,
) -> httpx.Response:
    headers = dict(who.headers)
    if if_match is not None:
        headers["If-Match"] = if_match
    return await client.post(
        f"/proposals/{proposal_id}/status", json={"status": status}, headers=headers
    )


async def moved(
    client: httpx.AsyncClient, who: Actor, proposal_id: str, status: str
) -> dict[str, Any]:
    r = await set_status(client, who, proposal_id, status)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == status
    return dict(r.json())


async def patch(
    client: httpx.AsyncClient,
    who: Actor,
    proposal_id: str,
    body: dict[str, Any],
    if_match: str | None,
) -> httpx.Response:
    return await patch_if_match(client, who, f"/proposals/{proposal_id}", body, if_match)


async def get(client: httpx.AsyncClient, who: Actor, proposal_id: str) -> httpx.Response:
    return await client.get(f"/proposals/{proposal_id}", headers=who.headers)


async def list_ids(client: httpx.AsyncClient, who: Actor, **params: Any) -> list[str]:
    r = await client.get("/proposals", params=params, headers=who.headers)
    assert r.status_code == 200, r.text
    return [p["id"] for p in r.json()["items"]]


async def open_challenge(client: httpx.AsyncClient, world: World, **overrides: Any) -> str:
    return str((await published_challenge(client, world.dept_a, **overrides))["id"])


# --- the startup's side of the lifecycle --------------------------------------------------------


async def test_startup_saves_a_draft_and_submits_it(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    r = await client.post("/proposals", json=proposal_body(ch), headers=world.startup_a.headers)
    assert r.status_code == 201, r.text
    draft = r.json()
    assert draft["status"] == "draft"
    assert draft["submitted_at"] is None
    assert draft["startup_id"] == str(world.startup_a.org)
    assert draft["department_id"] == str(world.dept_a.org)
    assert r.headers["ETag"] == '"v1"'
    assert r.headers["Location"] == f"/proposals/{draft['id']}"

    submitted = await moved(client, world.startup_a, draft["id"], "submitted")
    assert submitted["submitted_at"] is not None
    assert submitted["version"] == 2
    r = await get(client, world.startup_a, draft["id"])
    assert r.json()["status"] == "submitted"
    assert r.headers["ETag"] == '"v2"'


@pytest.mark.parametrize("start", ["draft", "submitted"])
async def test_startup_withdraws_its_proposal(
    client: httpx.AsyncClient, world: World, start: str
) -> None:
    ch = await open_challenge(client, world)
    p = await draft_proposal(client, world.startup_a, ch, submit=start == "submitted")
    assert p["status"] == start
    await moved(client, world.startup_a, p["id"], "withdrawn")
    assert (await get(client, world.startup_a, p["id"])).json()["status"] == "withdrawn"


async def test_startup_withdraws_a_shortlisted_proposal(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    await moved(client, world.dept_a, p["id"], "shortlisted")
    await moved(client, world.startup_a, p["id"], "withdrawn")


async def test_second_active_proposal_is_409_until_the_first_is_withdrawn(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    first = await submit_proposal(client, world.startup_a, ch)
    r = await client.post("/proposals", json=proposal_body(ch), headers=world.startup_a.headers)
    assert_problem(r, 409, "duplicate-proposal")

    await moved(client, world.startup_a, first["id"], "withdrawn")
    second = await submit_proposal(client, world.startup_a, ch, title="Phiên bản hai")
    assert second["id"] != first["id"]
    assert sorted(await list_ids(client, world.startup_a, challenge_id=ch)) == sorted(
        [second["id"], first["id"]]
    )
    # And the slot is taken again.
    r = await client.post("/proposals", json=proposal_body(ch), headers=world.startup_a.headers)
    assert_problem(r, 409, "duplicate-proposal")


async def test_another_startup_may_answer_the_same_challenge(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    a = await submit_proposal(client, world.startup_a, ch)
    b = await submit_proposal(client, world.startup_b, ch)
    assert a["id"] != b["id"]
    assert sorted(await list_ids(client, world.dept_a, challenge_id=ch)) == sorted(
        [b["id"], a["id"]]
    )


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("draft", "draft"),
        ("submitted", "draft"),
        ("submitted", "submitted"),
        ("withdrawn", "submitted"),
        ("withdrawn", "draft"),
        ("withdrawn", "withdrawn"),
    ],
)
async def test_startup_illegal_moves_are_409(
    client: httpx.AsyncClient, world: World, start: str, target: str
) -> None:
    ch = await open_challenge(client, world)
    p = await draft_proposal(client, world.startup_a, ch, submit=start == "submitted")
    if start == "withdrawn":
        p = await moved(client, world.startup_a, p["id"], "withdrawn")
    assert_problem(
        await set_status(client, world.startup_a, p["id"], target), 409, "illegal-transition"
    )
    assert (await get(client, world.startup_a, p["id"])).json()["status"] == start


@pytest.mark.parametrize("decision", ["shortlisted", "not_selected", "selected"])
async def test_startup_cannot_decide_on_its_own_proposal(
    client: httpx.AsyncClient, world: World, decision: str
) -> None:
    # The code answers 409 ("a submitted proposal cannot become selected" for a startup):
    # the move is refused and the proposal is unchanged.
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    assert_problem(await set_status(client, world.startup_a, p["id"], decision), 409)
    r = await get(client, world.dept_a, p["id"])
    assert r.json()["status"] == "submitted"
    assert r.json()["version"] == p["version"]


# --- department decisions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        ["shortlisted"],
        ["shortlisted", "selected"],
        ["shortlisted", "not_selected"],
        ["selected"],
        ["not_selected"],
    ],
    ids=lambda p: "-".join(p),
)
async def test_owning_department_decides_and_the_startup_sees_the_decision(
    client: httpx.AsyncClient, world: World, path: list[str]
) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    for decision in path:
        await moved(client, world.dept_a, p["id"], decision)
    r = await get(client, world.startup_a, p["id"])
    assert r.json()["status"] == path[-1]
    assert await list_ids(client, world.startup_a, status=path[-1]) == [p["id"]]


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ([], "withdrawn"),
        ([], "draft"),
        ([], "submitted"),
        (["shortlisted"], "shortlisted"),
        (["shortlisted"], "submitted"),
        (["selected"], "shortlisted"),
        (["selected"], "not_selected"),
        (["not_selected"], "selected"),
        (["not_selected"], "shortlisted"),
    ],
)
async def test_department_illegal_decisions_are_409(
    client: httpx.AsyncClient, world: World, path: list[str], target: str
) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    for decision in path:
        p = await moved(client, world.dept_a, p["id"], decision)
    assert_problem(
        await set_status(client, world.dept_a, p["id"], target), 409, "illegal-transition"
    )
    assert (await get(client, world.dept_a, p["id"])).json()["status"] == p["status"]


async def test_department_cannot_decide_on_a_withdrawn_proposal(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    await moved(client, world.startup_a, p["id"], "withdrawn")
    assert_problem(await set_status(client, world.dept_a, p["id"], "selected"), 409)


async def test_decisions_are_allowed_after_the_challenge_closes(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    await move(client, world.dept_a, ch, "closed")
    await moved(client, world.dept_a, p["id"], "shortlisted")
    await move(client, world.dept_a, ch, "evaluating")
    await moved(client, world.dept_a, p["id"], "selected")


@pytest.mark.parametrize("challenge_path", [["cancelled"], ["closed", "evaluating", "awarded"]])
async def test_no_decisions_on_a_cancelled_or_awarded_challenge(
    client: httpx.AsyncClient, world: World, challenge_path: list[str]
) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    for step in challenge_path:
        await move(client, world.dept_a, ch, step)
    assert_problem(await set_status(client, world.dept_a, p["id"], "selected"), 409)
    assert (await get(client, world.dept_a, p["id"])).json()["status"] == "submitted"


async def test_other_department_cannot_see_or_decide(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    assert_problem(
        await set_status(client, world.dept_b, p["id"], "selected"), 404, "proposal-not-found"
    )
    assert (await get(client, world.dept_a, p["id"])).json()["status"] == "submitted"


async def test_reviewer_sees_submitted_proposals_but_cannot_decide(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    submitted = await submit_proposal(client, world.startup_a, ch)
    draft = await draft_proposal(client, world.startup_b, ch)

    r = await get(client, world.reviewer_a, submitted["id"])
    assert r.status_code == 200
    assert r.json()["approach"] == submitted["approach"]
    assert await list_ids(client, world.reviewer_a) == [submitted["id"]]
    assert_problem(await get(client, world.reviewer_a, draft["id"]), 404)

    assert_problem(await set_status(client, world.reviewer_a, submitted["id"], "shortlisted"), 403)
    assert_problem(await patch(client, world.reviewer_a, submitted["id"], {"trl": 9}, '"v1"'), 403)
    assert (await get(client, world.dept_a, submitted["id"])).json()["status"] == "submitted"


async def test_admin_may_decide(client: httpx.AsyncClient, world: World) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    await moved(client, world.admin, p["id"], "shortlisted")


async def test_decision_with_stale_if_match_is_412(client: httpx.AsyncClient, world: World) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    assert (await patch(client, world.startup_a, p["id"], {"trl": 8}, '"v1"')).status_code == 200
    assert_problem(await set_status(client, world.dept_a, p["id"], "selected", '"v1"'), 412)
    r = await set_status(client, world.dept_a, p["id"], "selected", '"v2"')
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"v3"'


# --- visibility ---------------------------------------------------------------------------------


async def test_drafts_are_invisible_to_the_department_until_submitted(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    p = await draft_proposal(client, world.startup_a, ch)

    assert_problem(await get(client, world.dept_a, p["id"]), 404, "proposal-not-found")
    assert await list_ids(client, world.dept_a) == []
    assert await list_ids(client, world.dept_a, challenge_id=ch) == []
    assert_problem(await set_status(client, world.dept_a, p["id"], "shortlisted"), 404)

    await moved(client, world.startup_a, p["id"], "submitted")
    assert (await get(client, world.dept_a, p["id"])).status_code == 200
    assert await list_ids(client, world.dept_a, challenge_id=ch) == [p["id"]]


async def test_admin_sees_every_proposal_including_drafts(
    client: httpx.AsyncClient, world: World
) -> None:
    ch_a = await open_challenge(client, world)
    ch_b = str((await published_challenge(client, world.dept_b))["id"])
    a = await draft_proposal(client, world.startup_a, ch_a)
    b = await submit_proposal(client, world.startup_b, ch_b)

    assert sorted(await list_ids(client, world.admin)) == sorted([b["id"], a["id"]])
    assert await list_ids(client, world.admin, challenge_id=ch_a) == [a["id"]]
    for p in (a, b):
        assert (await get(client, world.admin, p["id"])).status_code == 200


async def test_list_filters_by_status(client: httpx.AsyncClient, world: World) -> None:
    ch1 = await open_challenge(client, world)
    ch2 = await open_challenge(client, world, title="Giám sát chất lượng không khí")
    ch3 = await open_challenge(client, world, title="Xe buýt thông minh")
    draft = await draft_proposal(client, world.startup_a, ch1)
    submitted = await submit_proposal(client, world.startup_a, ch2)
    shortlisted = await submit_proposal(client, world.startup_a, ch3)
    await moved(client, world.dept_a, shortlisted["id"], "shortlisted")

    who = world.startup_a
    assert await list_ids(client, who, status="draft") == [draft["id"]]
    assert await list_ids(client, who, status="submitted") == [submitted["id"]]
    r = await client.get(
        "/proposals", params=[("status", "draft"), ("status", "shortlisted")], headers=who.headers
    )
    assert sorted([p["id"] for p in r.json()["items"]]) == sorted([shortlisted["id"], draft["id"]])
    assert await list_ids(client, who, status="selected") == []
    assert await list_ids(client, world.dept_a, status="draft") == []
    assert_problem(
        await client.get("/proposals", params={"status": "won"}, headers=who.headers), 422
    )


async def test_proposals_are_confidential_to_their_startup_and_department(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    submitted = await submit_proposal(client, world.startup_a, ch)
    ch2 = await open_challenge(client, world, title="Giám sát chất lượng không khí")
    draft = await draft_proposal(client, world.startup_a, ch2)
    await moved(client, world.dept_a, submitted["id"], "shortlisted")

    for outsider in (world.startup_b, world.dept_b):
        assert await list_ids(client, outsider) == []
        assert await list_ids(client, outsider, challenge_id=ch) == []
        assert await list_ids(client, outsider, challenge_id=ch2) == []
        assert await list_ids(client, outsider, status="shortlisted") == []
        for p in (submitted, draft):
            body = assert_problem(await get(client, outsider, p["id"]), 404, "proposal-not-found")
            assert p["title"] not in str(body)
            assert_problem(await patch(client, outsider, p["id"], {"trl": 1}, '"v1"'), 404)
            assert_problem(await set_status(client, outsider, p["id"], "withdrawn"), 404)

    # Startup B's own proposal does not reveal A's either.
    mine = await submit_proposal(client, world.startup_b, ch)
    assert await list_ids(client, world.startup_b, challenge_id=ch) == [mine["id"]]
    assert (await get(client, world.startup_a, submitted["id"])).json()["status"] == "shortlisted"


async def test_unknown_proposal_is_404(client: httpx.AsyncClient, world: World) -> None:
    assert_problem(await get(client, world.admin, str(uuid.uuid4())), 404, "proposal-not-found")


# --- which challenges take proposals ------------------------------------------------------------


async def test_proposal_to_a_draft_challenge_is_404(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await create_challenge(client, world.dept_a)
    r = await client.post(
        "/proposals", json=proposal_body(ch["id"]), headers=world.startup_a.headers
    )
    assert_problem(r, 404)
    assert await list_ids(client, world.startup_a) == []


async def test_proposal_to_an_unknown_challenge_is_404(
    client: httpx.AsyncClient, world: World
) -> None:
    r = await client.post(
        "/proposals", json=proposal_body(str(uuid.uuid4())), headers=world.startup_a.headers
    )
    assert_problem(r, 404)


@pytest.mark.parametrize("steps", [["closed"], ["cancelled"], ["closed", "evaluating"]])
async def test_proposal_to_a_challenge_no_longer_open_is_409(
    client: httpx.AsyncClient, world: World, steps: list[str]
) -> None:
    ch = await open_challenge(client, world)
    for step in steps:
        await move(client, world.dept_a, ch, step)
    r = await client.post("/proposals", json=proposal_body(ch), headers=world.startup_a.headers)
    assert_problem(r, 409, "challenge-not-open")
    assert await list_ids(client, world.startup_a) == []


async def test_proposal_after_the_deadline_is_409(
    client: httpx.AsyncClient, world: World, db_url: str
) -> None:
    ch = await open_challenge(client, world, deadline=future(0.5))
    draft = await draft_proposal(client, world.startup_a, ch)
    await expire_challenge(db_url, ch)

    r = await client.post("/proposals", json=proposal_body(ch), headers=world.startup_b.headers)
    assert_problem(r, 409, "challenge-not-open")
    assert_problem(await set_status(client, world.startup_a, draft["id"], "submitted"), 409)
    assert_problem(await patch(client, world.startup_a, draft["id"], {"trl": 8}, '"v1"'), 409)
    assert (await get(client, world.startup_a, draft["id"])).json()["status"] == "draft"


@pytest.mark.parametrize("role", ["dept_a", "reviewer_a", "admin"])
async def test_only_startups_send_proposals(
    client: httpx.AsyncClient, world: World, role: str
) -> None:
    ch = await open_challenge(client, world)
    who: Actor = getattr(world, role)
    r = await client.post("/proposals", json=proposal_body(ch, submit=True), headers=who.headers)
    assert_problem(r, 403)
    assert await list_ids(client, world.admin) == []


INVALID_PROPOSALS: dict[str, dict[str, Any]] = {
    "trl-10": {"trl": 10},
    "trl-0": {"trl": 0},
    "status": {"status": "selected"},
    "startup_id": {"startup_id": "00000000-0000-4000-8000-000000000001"},
    "department_id": {"department_id": "00000000-0000-4000-8000-000000000001"},
    "version": {"version": 5},
    "negative-price": {"price_estimate": -1},
    "empty-approach": {"approach": ""},
    "challenge-id-not-uuid": {"challenge_id": "abc"},
}


async def test_invalid_or_overreaching_proposal_is_422(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    wrong = {}
    for name, overrides in INVALID_PROPOSALS.items():
        body = {**proposal_body(ch), **overrides}
        r = await client.post("/proposals", json=body, headers=world.startup_a.headers)
        if reason := not_422(r):
            wrong[name] = reason
    assert wrong == {}
    assert await list_ids(client, world.admin) == []


# --- editing ------------------------------------------------------------------------------------


async def test_patch_proposal_requires_if_match(client: httpx.AsyncClient, world: World) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    assert_problem(await patch(client, world.startup_a, p["id"], {"trl": 9}, None), 428)
    assert (await get(client, world.startup_a, p["id"])).json()["trl"] == p["trl"]


async def test_patch_proposal_with_stale_etag_is_412(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    r = await patch(client, world.startup_a, p["id"], {"trl": 8}, '"v1"')
    assert r.status_code == 200, r.text
    assert_problem(await patch(client, world.startup_a, p["id"], {"trl": 9}, '"v1"'), 412)
    assert (await get(client, world.startup_a, p["id"])).json()["trl"] == 8


@pytest.mark.parametrize("submit", [False, True], ids=["draft", "submitted"])
async def test_patch_proposal_with_current_etag_applies_the_change(
    client: httpx.AsyncClient, world: World, submit: bool
) -> None:
    ch = await open_challenge(client, world)
    p = await draft_proposal(client, world.startup_a, ch, submit=submit)
    etag = (await get(client, world.startup_a, p["id"])).headers["ETag"]
    r = await patch(
        client,
        world.startup_a,
        p["id"],
        {"trl": 9, "timeline_weeks": 12, "price_estimate": None},
        etag,
    )
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"v2"'
    body = r.json()
    assert (body["trl"], body["timeline_weeks"], body["price_estimate"]) == (9, 12, None)
    assert body["title"] == p["title"]
    assert body["status"] == p["status"]
    r = await get(client, world.startup_a, p["id"])
    assert r.json()["trl"] == 9
    assert r.headers["ETag"] == '"v2"'


@pytest.mark.parametrize("role", ["dept_a", "admin"])
async def test_only_the_startups_members_edit_its_proposal(
    client: httpx.AsyncClient, world: World, role: str
) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    who: Actor = getattr(world, role)
    assert_problem(await patch(client, who, p["id"], {"title": "Sửa hộ"}, '"v1"'), 403)
    assert (await get(client, world.startup_a, p["id"])).json()["title"] == p["title"]


async def test_patch_proposal_after_the_challenge_closes_is_409(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    await move(client, world.dept_a, ch, "closed")
    assert_problem(await patch(client, world.startup_a, p["id"], {"trl": 9}, '"v1"'), 409)
    assert (await get(client, world.startup_a, p["id"])).json()["trl"] == p["trl"]


@pytest.mark.parametrize("status", ["withdrawn", "shortlisted"])
async def test_patch_proposal_no_longer_editable_is_409(
    client: httpx.AsyncClient, world: World, status: str
) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    who = world.startup_a if status == "withdrawn" else world.dept_a
    p = await moved(client, who, p["id"], status)
    r = await patch(client, world.startup_a, p["id"], {"trl": 9}, f'"v{p["version"]}"')
    assert_problem(r, 409)


async def test_invalid_proposal_patch_is_422(client: httpx.AsyncClient, world: World) -> None:
    ch = await open_challenge(client, world)
    p = await submit_proposal(client, world.startup_a, ch)
    wrong = {}
    for body in ({"title": None}, {"trl": 10}, {"status": "selected"}, {"colour": "x"}):
        if reason := not_422(await patch(client, world.startup_a, p["id"], body, '"v1"')):
            wrong[str(body)] = reason
    assert wrong == {}
    r = await get(client, world.startup_a, p["id"])
    assert r.json() == p
