"""Challenges over HTTP: lifecycle, ownership, ETags, deadlines, listing, pagination, validation."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from services.challenges import service as challenges_service
from services.challenges.models import Challenge
from services.core.db import make_engine, make_sessionmaker
from tests.conftest import Actor, World
from tests.factories import (
    assert_problem,
    behind_the_api,
    challenge_body,
    create_challenge,
    future,
    move,
    not_422,
    patch_if_match,
    published_challenge,
)

# The lifecycle as the product defines it, written out here rather than imported from the code.
LEGAL: dict[str, set[str]] = {
    "draft": {"published", "cancelled"},
    "published": {"closed", "cancelled"},
    "closed": {"evaluating", "cancelled"},
    "evaluating": {"awarded", "cancelled"},
    "awarded": {"archived"},
    "cancelled": {"archived"},
    "archived": set(),
}
ALL_STATUSES = list(LEGAL)
# How to reach each status from a fresh draft.
PATH_TO: dict[str, list[str]] = {
    "draft": [],
    "published": ["published"],
    "closed": ["published", "closed"],
    "evaluating": ["published", "closed", "evaluating"],
    "awarded": ["published", "closed", "evaluating", "awarded"],
    "cancelled": ["cancelled"],
    "archived": ["cancelled", "archived"],
}


async def set_deadline(db_url: str, challenge_id: str, when: datetime) -> None:
    """Move a challenge's deadline behind the API's back (the API refuses past deadlines)."""
    await behind_the_api(
        db_url,
        update(Challenge).where(Challenge.id == uuid.UUID(challenge_id)).values(deadline=when),
    )


async def stored_row(db_url: str, challenge_id: str) -> tuple[str, int]:
    """The persisted (status, version) of a challenge."""
    engine = make_engine(db_url)
    try:
        async with engine.connect() as conn:
            row = (
                await conn.execute(
                    select(Challenge.status, Challenge.version).where(
                        Challenge.id == uuid.UUID(challenge_id)
                    )
                )
            ).one()
    finally:
        await engine.dispose()
    return str(row.status), int(row.version)


async def expire(db_url: str, challenge_id: str) -> None:
    """Put the deadline of a challenge one hour in the past."""
    await set_deadline(db_url, challenge_id, datetime.now(UTC) - timedelta(hours=1))


async def challenge_in(client: httpx.AsyncClient, who: Actor, status: str) -> dict[str, Any]:
    """A challenge of `who`'s department, moved along the lifecycle to `status`."""
    ch = await create_challenge(client, who)
    for step in PATH_TO[status]:
        ch = await move(client, who, ch["id"], step)
    assert ch["status"] == status
    return ch


async def get(client: httpx.AsyncClient, who: Actor, challenge_id: str) -> httpx.Response:
    return await client.get(f"/challenges/{challenge_id}", headers=who.headers)


async def list_ids(client: httpx.AsyncClient, who: Actor, **params: Any) -> list[str]:
    r = await client.get("/challenges", params=params, headers=who.headers)
    assert r.status_code == 200, r.text
    return [c["id"] for c in r.json()["items"]]


async def patch(
    client: httpx.AsyncClient,
    who: Actor,
    challenge_id: str,
    body: dict[str, Any],
    if_match: str | None,
) -> httpx.Response:
    return await patch_if_match(client, who, f"/challenges/{challenge_id}", body, if_match)


async def post_status(
    client: httpx.AsyncClient, who: Actor, challenge_id: str, status: str
) -> httpx.Response:
    return await client.post(
        f"/challenges/{challenge_id}/status", json={"status": status}, headers=who.headers
    )


# --- lifecycle ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        ["published", "closed", "evaluating", "awarded", "archived"],
        ["cancelled", "archived"],
        ["published", "cancelled"],
        ["published", "closed", "cancelled"],
        ["published", "closed", "evaluating", "cancelled"],
    ],
    ids=lambda p: "-".join(p),
)
async def test_owner_moves_challenge_through_every_legal_transition(
    client: httpx.AsyncClient, world: World, path: list[str]
) -> None:
    ch = await create_challenge(client, world.dept_a)
    version = ch["version"]
    for target in path:
        r = await post_status(client, world.dept_a, ch["id"], target)
        assert r.status_code == 200, r.text
        assert r.json()["status"] == target
        assert r.json()["version"] == version + 1
        assert r.headers["ETag"] == f'"v{version + 1}"'
        version += 1
        r = await get(client, world.dept_a, ch["id"])
        assert r.json()["status"] == target


async def test_publishing_stamps_published_at(client: httpx.AsyncClient, world: World) -> None:
    ch = await create_challenge(client, world.dept_a)
    assert ch["published_at"] is None
    published = await move(client, world.dept_a, ch["id"], "published")
    assert published["published_at"] is not None
    before = datetime.now(UTC) - timedelta(minutes=1)
    assert datetime.fromisoformat(published["published_at"]) > before


@pytest.mark.parametrize("source", ALL_STATUSES)
async def test_illegal_transitions_get_409_problem_and_leave_status_unchanged(
    client: httpx.AsyncClient, world: World, source: str
) -> None:
    ch = await challenge_in(client, world.dept_a, source)
    illegal = [t for t in ALL_STATUSES if t not in LEGAL[source]]
    assert illegal
    for target in illegal:
        r = await post_status(client, world.dept_a, ch["id"], target)
        assert_problem(r, 409, "illegal-transition")
    r = await get(client, world.dept_a, ch["id"])
    assert r.json()["status"] == source
    assert r.json()["version"] == ch["version"]


async def test_unknown_target_status_is_422(client: httpx.AsyncClient, world: World) -> None:
    ch = await create_challenge(client, world.dept_a)
    r = await post_status(client, world.dept_a, ch["id"], "finished")
    assert_problem(r, 422)


async def test_transition_with_stale_if_match_is_412(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await create_challenge(client, world.dept_a)
    r = await client.post(
        f"/challenges/{ch['id']}/status",
        json={"status": "published"},
        headers={**world.dept_a.headers, "If-Match": '"v7"'},
    )
    assert_problem(r, 412)
    assert (await get(client, world.dept_a, ch["id"])).json()["status"] == "draft"


# --- ownership ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["startup_a", "reviewer_a"])
async def test_only_department_staff_create_challenges(
    client: httpx.AsyncClient, world: World, role: str
) -> None:
    who: Actor = getattr(world, role)
    r = await client.post("/challenges", json=challenge_body(), headers=who.headers)
    assert_problem(r, 403)
    assert await list_ids(client, world.admin) == []


async def test_department_cannot_post_for_another_department(
    client: httpx.AsyncClient, world: World
) -> None:
    r = await client.post(
        "/challenges",
        params={"department_id": str(world.dept_b.org)},
        json=challenge_body(),
        headers=world.dept_a.headers,
    )
    assert_problem(r, 403)
    assert await list_ids(client, world.admin) == []


async def test_admin_creates_for_named_department_and_must_name_one(
    client: httpx.AsyncClient, world: World
) -> None:
    r = await client.post("/challenges", json=challenge_body(), headers=world.admin.headers)
    assert_problem(r, 422)

    r = await client.post(
        "/challenges",
        params={"department_id": str(world.dept_b.org)},
        json=challenge_body(),
        headers=world.admin.headers,
    )
    assert r.status_code == 201, r.text
    ch = r.json()
    assert ch["department_id"] == str(world.dept_b.org)
    assert ch["status"] == "draft"
    assert r.headers["Location"] == f"/challenges/{ch['id']}"
    # It is department B's draft: B sees it, A does not.
    assert (await get(client, world.dept_b, ch["id"])).status_code == 200
    assert (await get(client, world.dept_a, ch["id"])).status_code == 404


async def test_admin_edits_and_moves_any_challenge(client: httpx.AsyncClient, world: World) -> None:
    ch = await create_challenge(client, world.dept_a)
    r = await patch(client, world.admin, ch["id"], {"title": "Tiêu đề do quản trị sửa"}, '"v1"')
    assert r.status_code == 200, r.text
    assert r.json()["title"] == "Tiêu đề do quản trị sửa"
    r = await post_status(client, world.admin, ch["id"], "published")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "published"


async def test_other_department_gets_403_on_published_challenge(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a)
    r = await get(client, world.dept_b, ch["id"])
    assert r.status_code == 200
    assert_problem(
        await patch(client, world.dept_b, ch["id"], {"title": "Chiếm quyền"}, '"v2"'), 403
    )
    assert_problem(await post_status(client, world.dept_b, ch["id"], "cancelled"), 403)
    r = await get(client, world.dept_a, ch["id"])
    assert r.json()["title"] == ch["title"]
    assert r.json()["status"] == "published"


async def test_other_department_gets_404_on_draft(client: httpx.AsyncClient, world: World) -> None:
    ch = await create_challenge(client, world.dept_a)
    assert_problem(await get(client, world.dept_b, ch["id"]), 404, "challenge-not-found")
    assert_problem(await patch(client, world.dept_b, ch["id"], {"title": "X"}, '"v1"'), 404)
    assert_problem(await post_status(client, world.dept_b, ch["id"], "published"), 404)
    assert ch["id"] not in await list_ids(client, world.dept_b)
    assert (await get(client, world.dept_a, ch["id"])).json()["status"] == "draft"


async def test_startup_cannot_edit_or_move_published_challenge(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a)
    assert_problem(await patch(client, world.startup_a, ch["id"], {"title": "X"}, '"v2"'), 403)
    assert_problem(await post_status(client, world.startup_a, ch["id"], "closed"), 403)


async def test_reviewer_reads_own_department_draft_but_cannot_change_it(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await create_challenge(client, world.dept_a)
    r = await get(client, world.reviewer_a, ch["id"])
    assert r.status_code == 200
    assert r.json()["status"] == "draft"
    assert await list_ids(client, world.reviewer_a) == [ch["id"]]

    assert_problem(await patch(client, world.reviewer_a, ch["id"], {"title": "X"}, '"v1"'), 403)
    assert_problem(await post_status(client, world.reviewer_a, ch["id"], "published"), 403)
    r = await get(client, world.dept_a, ch["id"])
    assert r.json()["title"] == ch["title"]
    assert r.json()["status"] == "draft"


async def test_drafts_are_hidden_from_startups_and_listed_for_their_department(
    client: httpx.AsyncClient, world: World
) -> None:
    draft = await create_challenge(client, world.dept_a)
    published = await published_challenge(client, world.dept_a)
    assert await list_ids(client, world.startup_a) == [published["id"]]
    assert await list_ids(client, world.dept_b) == [published["id"]]
    assert sorted(await list_ids(client, world.dept_a)) == sorted([published["id"], draft["id"]])
    assert sorted(await list_ids(client, world.admin)) == sorted([published["id"], draft["id"]])


# --- ETag / If-Match ----------------------------------------------------------------------------


async def test_get_returns_version_etag(client: httpx.AsyncClient, world: World) -> None:
    ch = await create_challenge(client, world.dept_a)
    r = await get(client, world.dept_a, ch["id"])
    assert r.headers["ETag"] == '"v1"'
    published = await move(client, world.dept_a, ch["id"], "published")
    assert published["version"] == 2
    r = await get(client, world.startup_a, ch["id"])
    assert r.headers["ETag"] == '"v2"'


async def test_patch_without_if_match_is_428(client: httpx.AsyncClient, world: World) -> None:
    ch = await create_challenge(client, world.dept_a)
    assert_problem(await patch(client, world.dept_a, ch["id"], {"title": "Mới"}, None), 428)
    assert (await get(client, world.dept_a, ch["id"])).json()["title"] == ch["title"]


@pytest.mark.parametrize("stale", ['"v0"', '"v2"', "not-an-etag"])
async def test_patch_with_stale_if_match_is_412(
    client: httpx.AsyncClient, world: World, stale: str
) -> None:
    ch = await create_challenge(client, world.dept_a)
    assert_problem(await patch(client, world.dept_a, ch["id"], {"title": "Mới"}, stale), 412)
    r = await get(client, world.dept_a, ch["id"])
    assert r.json()["title"] == ch["title"]
    assert r.headers["ETag"] == '"v1"'


async def test_patch_with_current_etag_applies_change_and_returns_new_etag(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await create_challenge(client, world.dept_a)
    etag = (await get(client, world.dept_a, ch["id"])).headers["ETag"]
    new_deadline = future(60)
    r = await patch(
        client,
        world.dept_a,
        ch["id"],
        {
            "title": "Bệnh án điện tử liên thông",
            "budget_max": 3_000_000_000,
            "deadline": new_deadline,
        },
        etag,
    )
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"v2"'
    body = r.json()
    assert body["title"] == "Bệnh án điện tử liên thông"
    assert body["budget_max"] == 3_000_000_000
    assert body["version"] == 2
    assert datetime.fromisoformat(body["deadline"]) == datetime.fromisoformat(new_deadline)

    r = await get(client, world.dept_a, ch["id"])
    assert r.headers["ETag"] == '"v2"'
    assert r.json()["title"] == "Bệnh án điện tử liên thông"
    assert r.json()["summary"] == ch["summary"]  # untouched fields stay

    # The old ETag is now stale.
    assert_problem(await patch(client, world.dept_a, ch["id"], {"title": "Lần nữa"}, etag), 412)


async def test_patched_text_is_searchable(client: httpx.AsyncClient, world: World) -> None:
    ch = await create_challenge(client, world.dept_a)
    r = await patch(client, world.dept_a, ch["id"], {"title": "Giám sát ngập nước đô thị"}, '"v1"')
    assert r.status_code == 200, r.text
    assert await list_ids(client, world.dept_a, q="ngap nuoc") == [ch["id"]]


async def test_patched_sectors_drive_the_sector_filter(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a, sectors=["health"])
    r = await patch(client, world.dept_a, ch["id"], {"sectors": ["transport", "iot"]}, '"v2"')
    assert r.status_code == 200, r.text
    assert r.json()["sectors"] == ["transport", "iot"]
    assert await list_ids(client, world.startup_a, sector="health") == []
    assert await list_ids(client, world.startup_a, sector="iot") == [ch["id"]]


@pytest.mark.parametrize("status", ["closed", "evaluating", "cancelled", "archived"])
async def test_editing_challenge_past_published_is_409(
    client: httpx.AsyncClient, world: World, status: str
) -> None:
    ch = await challenge_in(client, world.dept_a, status)
    r = await patch(client, world.dept_a, ch["id"], {"title": "Muộn rồi"}, f'"v{ch["version"]}"')
    assert_problem(r, 409, "challenge-not-editable")
    assert (await get(client, world.dept_a, ch["id"])).json()["title"] == ch["title"]


async def test_editing_published_challenge_is_allowed(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a)
    r = await patch(client, world.dept_a, ch["id"], {"tags": ["EMR", "FHIR"]}, '"v2"')
    assert r.status_code == 200, r.text
    assert r.json()["tags"] == ["EMR", "FHIR"]
    assert r.json()["status"] == "published"


# --- deadlines ----------------------------------------------------------------------------------


async def test_creating_with_past_deadline_is_422(client: httpx.AsyncClient, world: World) -> None:
    r = await client.post(
        "/challenges", json=challenge_body(deadline=future(-1)), headers=world.dept_a.headers
    )
    assert_problem(r, 422)
    assert await list_ids(client, world.dept_a) == []


async def test_moving_deadline_into_past_is_422(client: httpx.AsyncClient, world: World) -> None:
    ch = await published_challenge(client, world.dept_a)
    r = await patch(client, world.dept_a, ch["id"], {"deadline": future(-0.01)}, '"v2"')
    assert_problem(r, 422)
    r = await get(client, world.dept_a, ch["id"])
    assert datetime.fromisoformat(r.json()["deadline"]) == datetime.fromisoformat(ch["deadline"])


async def test_published_challenge_past_deadline_reads_as_closed(
    client: httpx.AsyncClient, world: World, db_url: str
) -> None:
    expired = await published_challenge(client, world.dept_a, deadline=future(0.5))
    open_ = await published_challenge(client, world.dept_a, title="Giám sát chất lượng không khí")
    await expire(db_url, expired["id"])

    for who in (world.startup_a, world.dept_a):
        r = await get(client, who, expired["id"])
        assert r.status_code == 200
        assert r.json()["status"] == "closed"
    items = (await client.get("/challenges", headers=world.startup_a.headers)).json()["items"]
    assert {c["id"]: c["status"] for c in items} == {
        expired["id"]: "closed",
        open_["id"]: "published",
    }

    assert await list_ids(client, world.startup_a, status="published") == [open_["id"]]
    assert await list_ids(client, world.startup_a, status="closed") == [expired["id"]]


async def test_expired_challenge_can_no_longer_be_edited_but_moves_on_as_closed(
    client: httpx.AsyncClient, world: World, db_url: str
) -> None:
    ch = await published_challenge(client, world.dept_a, deadline=future(0.5))
    await expire(db_url, ch["id"])
    assert_problem(await patch(client, world.dept_a, ch["id"], {"title": "X"}, '"v2"'), 409)
    assert_problem(await post_status(client, world.dept_a, ch["id"], "published"), 409)
    r = await post_status(client, world.dept_a, ch["id"], "evaluating")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "evaluating"


async def test_draft_whose_deadline_passed_cannot_be_published_until_moved(
    client: httpx.AsyncClient, world: World, db_url: str
) -> None:
    ch = await create_challenge(client, world.dept_a)
    await expire(db_url, ch["id"])
    assert (await get(client, world.dept_a, ch["id"])).json()["status"] == "draft"
    assert_problem(await post_status(client, world.dept_a, ch["id"], "published"), 409)

    r = await patch(client, world.dept_a, ch["id"], {"deadline": future(7)}, '"v1"')
    assert r.status_code == 200, r.text
    r = await post_status(client, world.dept_a, ch["id"], "published")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "published"


async def test_sweeper_persists_closed_for_expired_challenges_only(
    client: httpx.AsyncClient, world: World, db_url: str
) -> None:
    expired = await published_challenge(client, world.dept_a, deadline=future(0.5))
    open_ = await published_challenge(client, world.dept_a)
    draft = await create_challenge(client, world.dept_a)
    await expire(db_url, expired["id"])
    assert await stored_row(db_url, expired["id"]) == ("published", 2)

    engine = make_engine(db_url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            closed = await challenges_service.close_expired(session)
    finally:
        await engine.dispose()

    assert closed == 1
    assert await stored_row(db_url, expired["id"]) == ("closed", 3)
    assert await stored_row(db_url, open_["id"]) == ("published", 2)
    assert await stored_row(db_url, draft["id"]) == ("draft", 1)
    r = await get(client, world.startup_a, expired["id"])
    assert r.json()["status"] == "closed"
    assert r.headers["ETag"] == '"v3"'


# --- listing filters ----------------------------------------------------------------------------


async def test_list_filters_by_several_statuses(client: httpx.AsyncClient, world: World) -> None:
    draft = await create_challenge(client, world.dept_a)
    published = await challenge_in(client, world.dept_a, "published")
    cancelled = await challenge_in(client, world.dept_a, "cancelled")
    evaluating = await challenge_in(client, world.dept_a, "evaluating")

    r = await client.get(
        "/challenges",
        params=[("status", "draft"), ("status", "cancelled")],
        headers=world.dept_a.headers,
    )
    assert r.status_code == 200
    assert sorted([c["id"] for c in r.json()["items"]]) == sorted([cancelled["id"], draft["id"]])
    assert await list_ids(client, world.dept_a, status="published") == [published["id"]]
    assert await list_ids(client, world.dept_a, status="evaluating") == [evaluating["id"]]
    assert await list_ids(client, world.dept_a, status="awarded") == []
    assert_problem(
        await client.get("/challenges", params={"status": "open"}, headers=world.dept_a.headers),
        422,
    )


async def test_list_filters_by_sector(client: httpx.AsyncClient, world: World) -> None:
    health = await published_challenge(client, world.dept_a, sectors=["health", "e_government"])
    school = await published_challenge(client, world.dept_b, sectors=["education"])
    assert await list_ids(client, world.startup_a, sector="education") == [school["id"]]
    assert await list_ids(client, world.startup_a, sector="e_government") == [health["id"]]
    assert await list_ids(client, world.startup_a, sector="transport") == []
    assert_problem(
        await client.get(
            "/challenges", params={"sector": "blockchain-ish"}, headers=world.startup_a.headers
        ),
        422,
    )


async def test_list_filters_by_department(client: httpx.AsyncClient, world: World) -> None:
    a = await published_challenge(client, world.dept_a)
    b = await published_challenge(client, world.dept_b)
    assert await list_ids(client, world.startup_a, department_id=str(world.dept_b.org)) == [b["id"]]
    assert await list_ids(client, world.startup_a, department_id=str(world.dept_a.org)) == [a["id"]]
    # A department filter never reveals another department's drafts.
    await create_challenge(client, world.dept_b)
    assert await list_ids(client, world.dept_a, department_id=str(world.dept_b.org)) == [b["id"]]


async def test_list_filters_by_deadline_window(client: httpx.AsyncClient, world: World) -> None:
    soon = await published_challenge(client, world.dept_a, deadline=future(10))
    mid = await published_challenge(client, world.dept_a, deadline=future(20))
    late = await published_challenge(client, world.dept_a, deadline=future(30))

    window = {"deadline_from": future(15), "deadline_to": future(25)}
    assert await list_ids(client, world.startup_a, **window) == [mid["id"]]
    assert sorted(await list_ids(client, world.startup_a, deadline_from=future(15))) == sorted(
        [late["id"], mid["id"]]
    )
    assert sorted(await list_ids(client, world.startup_a, deadline_to=future(25))) == sorted(
        [mid["id"], soon["id"]]
    )
    naive = (datetime.now() + timedelta(days=15)).replace(microsecond=0).isoformat()
    assert_problem(
        await client.get(
            "/challenges", params={"deadline_from": naive}, headers=world.startup_a.headers
        ),
        422,
    )


UNRELATED = {
    "title": "Giám sát chất lượng không khí",
    "summary": "Cảm biến đo bụi mịn PM2.5 tại các trục đường lớn.",
    "problem_statement": "Thành phố thiếu dữ liệu về bụi mịn theo thời gian thực.",
    "expected_outcomes": ["Bản đồ bụi mịn cập nhật mỗi phút"],
    "tags": ["IoT"],
    "sectors": ["environment", "iot"],
}


@pytest.mark.parametrize(
    "q", ["Số hóa hồ sơ bệnh án", "so hoa ho so benh an", "benh an", "BỆNH ÁN", "Bệnh"]
)
async def test_text_search_is_accent_blind_and_finds_only_matching_challenges(
    client: httpx.AsyncClient, world: World, q: str
) -> None:
    target = await published_challenge(
        client, world.dept_a, title="Số hóa hồ sơ bệnh án tại bệnh viện quận"
    )
    await published_challenge(client, world.dept_b, **UNRELATED)
    assert await list_ids(client, world.startup_a, q=q) == [target["id"]]


async def test_text_search_with_unmatched_words_finds_nothing(
    client: httpx.AsyncClient, world: World
) -> None:
    await published_challenge(client, world.dept_a, title="Số hóa hồ sơ bệnh án tại bệnh viện quận")
    air = await published_challenge(client, world.dept_b, **UNRELATED)
    assert await list_ids(client, world.startup_a, q="benh an khong khi") == []
    assert await list_ids(client, world.startup_a, q="không khí") == [air["id"]]
    # An underscore is searched literally, not as a LIKE wildcard matching the space in "bệnh án".
    assert await list_ids(client, world.startup_a, q="benh_an") == []


# --- pagination ---------------------------------------------------------------------------------


async def test_cursor_pagination_returns_each_challenge_once_newest_first(
    client: httpx.AsyncClient, world: World
) -> None:
    created = [
        await create_challenge(client, world.dept_a, title=f"Thách thức số {i}") for i in range(25)
    ]
    # Newest first; two challenges created within the same millisecond are ordered by id.
    newest_first = sorted(
        created,
        key=lambda c: (datetime.fromisoformat(c["created_at"]), uuid.UUID(c["id"])),
        reverse=True,
    )
    seen: list[str] = []
    sizes: list[int] = []
    cursor: str | None = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 10}
        if cursor:
            params["cursor"] = cursor
        r = await client.get("/challenges", params=params, headers=world.dept_a.headers)
        assert r.status_code == 200, r.text
        page = r.json()
        sizes.append(len(page["items"]))
        seen.extend(c["id"] for c in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sizes == [10, 10, 5]
    assert seen == [c["id"] for c in newest_first]
    assert len(set(seen)) == 25


async def test_exact_last_page_has_no_next_cursor(client: httpx.AsyncClient, world: World) -> None:
    for i in range(3):
        await create_challenge(client, world.dept_a, title=f"Thách thức {i}")
    r = await client.get("/challenges", params={"limit": 3}, headers=world.dept_a.headers)
    assert len(r.json()["items"]) == 3
    assert r.json()["next_cursor"] is None


async def test_page_size_out_of_range_is_422(client: httpx.AsyncClient, world: World) -> None:
    wrong = {}
    for limit in (0, 101, -1, "ten"):
        r = await client.get("/challenges", params={"limit": limit}, headers=world.dept_a.headers)
        if reason := not_422(r):
            wrong[limit] = reason
    assert wrong == {}


GARBAGE_CURSORS = {
    "not-base64": "garbage",
    "forbidden-characters": "not a cursor!",
    "json-object": base64.urlsafe_b64encode(b'{"a": 1}').decode(),
    "not-a-date": base64.urlsafe_b64encode(b'["yesterday", "1"]').decode(),
    "not-a-uuid": base64.urlsafe_b64encode(b'["2030-01-01T00:00:00+00:00", "x"]').decode(),
    "too-long": "A" * 201,
}


async def test_garbage_cursor_is_422(client: httpx.AsyncClient, world: World) -> None:
    await create_challenge(client, world.dept_a)
    wrong = {}
    for name, cursor in GARBAGE_CURSORS.items():
        r = await client.get("/challenges", params={"cursor": cursor}, headers=world.dept_a.headers)
        if reason := not_422(r):
            wrong[name] = reason
    assert wrong == {}


async def test_cursor_with_naive_timestamp_is_422(client: httpx.AsyncClient, world: World) -> None:
    await create_challenge(client, world.dept_a)
    raw = json.dumps(["2030-01-01T00:00:00", str(uuid.uuid4())]).encode()
    cursor = base64.urlsafe_b64encode(raw).decode()
    r = await client.get("/challenges", params={"cursor": cursor}, headers=world.dept_a.headers)
    assert_problem(r, 422)


# --- validation ---------------------------------------------------------------------------------


def naive_deadline() -> str:
    """A deadline 30 days ahead without a time zone."""
    return (datetime.now() + timedelta(days=30)).replace(microsecond=0).isoformat()


INVALID_CREATE: dict[str, dict[str, Any]] = {
    "unknown-field": {"colour": "blue"},
    "budget-min-over-max": {"budget_min": 3_000_000_000, "budget_max": 1_000_000_000},
    "negative-budget": {"budget_min": -1},
    "sdg-18": {"sdg_goals": [18]},
    "sdg-0": {"sdg_goals": [0]},
    "unknown-sector": {"sectors": ["blockchain-ish"]},
    "no-sector": {"sectors": []},
    "naive-deadline": {"deadline": naive_deadline()},
    "lowercase-currency": {"currency": "vnd"},
    "bad-contact-email": {"contact": {"name": "Phòng CNTT", "email": "not-an-email"}},
    "blank-title": {"title": "   "},
    "language-fr": {"language": "fr"},
}


async def test_invalid_challenge_is_rejected_with_422(
    client: httpx.AsyncClient, world: World
) -> None:
    wrong = {}
    for name, overrides in INVALID_CREATE.items():
        body = challenge_body(**overrides)
        r = await client.post("/challenges", json=body, headers=world.dept_a.headers)
        if reason := not_422(r):
            wrong[name] = reason
        elif not (r.json().get("errors") or r.json().get("detail")):
            wrong[name] = "no explanation"
    assert wrong == {}
    assert await list_ids(client, world.admin) == []


MASS_ASSIGNMENT: list[dict[str, Any]] = [
    {"status": "published"},
    {"department_id": "00000000-0000-4000-8000-000000000001"},
    {"version": 99},
    {"id": "00000000-0000-4000-8000-000000000002"},
    {"published_at": "2030-01-01T00:00:00+07:00"},
]


@pytest.mark.parametrize("extra", MASS_ASSIGNMENT, ids=lambda e: next(iter(e)))
async def test_create_refuses_server_owned_fields(
    client: httpx.AsyncClient, world: World, extra: dict[str, Any]
) -> None:
    r = await client.post("/challenges", json=challenge_body(**extra), headers=world.dept_a.headers)
    body = assert_problem(r, 422)
    assert any(err["loc"][-1] == next(iter(extra)) for err in body["errors"])
    assert await list_ids(client, world.admin) == []


@pytest.mark.parametrize("extra", MASS_ASSIGNMENT, ids=lambda e: next(iter(e)))
async def test_patch_refuses_server_owned_fields_and_leaves_row_unchanged(
    client: httpx.AsyncClient, world: World, extra: dict[str, Any]
) -> None:
    ch = await create_challenge(client, world.dept_a)
    r = await patch(client, world.dept_a, ch["id"], {"title": "Đổi tên", **extra}, '"v1"')
    assert_problem(r, 422)
    r = await get(client, world.dept_a, ch["id"])
    after = r.json()
    assert r.headers["ETag"] == '"v1"'
    for key in ("id", "status", "department_id", "version", "title", "published_at"):
        assert after[key] == ch[key]


INVALID_PATCH: dict[str, dict[str, Any]] = {
    "min-over-stored-max": {"budget_min": 5_000_000_000},
    "max-under-stored-min": {"budget_max": 1},
    "min-over-max": {"budget_min": 2, "budget_max": 1},
    "sdg-18": {"sdg_goals": [18]},
    "unknown-sector": {"sectors": ["blockchain-ish"]},
    "naive-deadline": {"deadline": naive_deadline()},
    "null-title": {"title": None},
    "unknown-field": {"colour": "blue"},
}


async def test_invalid_patch_is_422_and_changes_nothing(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await create_challenge(client, world.dept_a)
    wrong = {}
    for name, body in INVALID_PATCH.items():
        if reason := not_422(await patch(client, world.dept_a, ch["id"], body, '"v1"')):
            wrong[name] = reason
    assert wrong == {}
    r = await get(client, world.dept_a, ch["id"])
    assert r.headers["ETag"] == '"v1"'
    assert r.json() == ch


async def test_unknown_challenge_is_404_problem(client: httpx.AsyncClient, world: World) -> None:
    r = await get(client, world.admin, str(uuid.uuid4()))
    assert_problem(r, 404, "challenge-not-found")
