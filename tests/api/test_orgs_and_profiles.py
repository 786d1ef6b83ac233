"""Organisations (admin-managed) and startup profiles over HTTP."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.conftest import Actor, World
from tests.factories import assert_problem, not_422


def profile_body(**overrides: Any) -> dict[str, Any]:
    """A valid startup profile."""
    body: dict[str, Any] = {
        "name": "MediSync",
        "description": "Giải pháp bệnh án điện tử và liên thông HL7 FHIR cho bệnh viện quận.",
        "sectors": ["health", "big_data"],
        "capabilities": ["Tích hợp HIS", "Số hóa hồ sơ"],
        "technologies": ["HL7 FHIR", "OCR"],
        "stage": "growth",
        "team_size": 25,
        "website": "https://medisync.example.vn",
        "languages": ["vi", "en"],
    }
    body.update(overrides)
    return body


async def put_profile(
    client: httpx.AsyncClient,
    who: Actor,
    startup_id: uuid.UUID | None,
    body: dict[str, Any],
    if_match: str | None = None,
) -> httpx.Response:
    headers = dict(who.headers)
    if if_match is not None:
        headers["If-Match"] = if_match
    return await client.put(f"/startups/{startup_id}", json=body, headers=headers)


async def org_names(client: httpx.AsyncClient, who: Actor, **params: Any) -> list[str]:
    r = await client.get("/orgs", params=params, headers=who.headers)
    assert r.status_code == 200, r.text
    return [o["name"] for o in r.json()["items"]]


async def profile_ids(client: httpx.AsyncClient, who: Actor, **params: Any) -> list[str]:
    r = await client.get("/startups", params=params, headers=who.headers)
    assert r.status_code == 200, r.text
    return [p["id"] for p in r.json()["items"]]


# --- organisations ------------------------------------------------------------------------------


async def test_admin_creates_and_lists_organisations(
    client: httpx.AsyncClient, world: World
) -> None:
    r = await client.post(
        "/orgs", json={"kind": "startup", "name": "GreenAir"}, headers=world.admin.headers
    )
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["kind"] == "startup"
    assert created["name"] == "GreenAir"
    uuid.UUID(created["id"])

    # The world fixture made two departments and two startups before this one.
    r = await client.get("/orgs", headers=world.admin.headers)
    items = r.json()["items"]
    assert sorted(o["name"] for o in items) == sorted(
        ["GreenAir", "EduNext", "MediSync", "Sở Giáo dục và Đào tạo TP.HCM", "Sở Y tế TP.HCM"]
    )
    keys = [(datetime.fromisoformat(o["created_at"]), uuid.UUID(o["id"])) for o in items]
    assert keys == sorted(keys, reverse=True)  # newest first
    assert sorted(await org_names(client, world.admin, kind="department")) == [
        "Sở Giáo dục và Đào tạo TP.HCM",
        "Sở Y tế TP.HCM",
    ]
    assert sorted(await org_names(client, world.admin, kind="startup")) == [
        "EduNext",
        "GreenAir",
        "MediSync",
    ]


async def test_organisation_list_pages_with_cursor(client: httpx.AsyncClient, world: World) -> None:
    first = (await client.get("/orgs", params={"limit": 3}, headers=world.admin.headers)).json()
    assert len(first["items"]) == 3
    assert first["next_cursor"]
    rest = (
        await client.get(
            "/orgs",
            params={"limit": 3, "cursor": first["next_cursor"]},
            headers=world.admin.headers,
        )
    ).json()
    assert rest["next_cursor"] is None
    names = [o["name"] for o in first["items"] + rest["items"]]
    assert sorted(names) == sorted(
        ["EduNext", "MediSync", "Sở Giáo dục và Đào tạo TP.HCM", "Sở Y tế TP.HCM"]
    )


async def test_admin_renames_an_organisation(client: httpx.AsyncClient, world: World) -> None:
    r = await client.patch(
        f"/orgs/{world.dept_a.org}",
        json={"name": "Sở Y tế Thành phố Hồ Chí Minh"},
        headers=world.admin.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "Sở Y tế Thành phố Hồ Chí Minh"
    assert r.json()["kind"] == "department"

    r = await client.get(f"/orgs/{world.dept_a.org}", headers=world.startup_a.headers)
    assert r.json()["name"] == "Sở Y tế Thành phố Hồ Chí Minh"
    assert "Sở Y tế Thành phố Hồ Chí Minh" in await org_names(client, world.admin)
    assert "Sở Y tế TP.HCM" not in await org_names(client, world.admin)


async def test_renaming_an_unknown_organisation_is_404(
    client: httpx.AsyncClient, world: World
) -> None:
    r = await client.patch(
        f"/orgs/{uuid.uuid4()}", json={"name": "Không có"}, headers=world.admin.headers
    )
    assert_problem(r, 404)


@pytest.mark.parametrize("role", ["dept_a", "reviewer_a", "startup_a"])
async def test_non_admins_cannot_manage_organisations(
    client: httpx.AsyncClient, world: World, role: str
) -> None:
    who: Actor = getattr(world, role)
    r = await client.post("/orgs", json={"kind": "startup", "name": "Ghost"}, headers=who.headers)
    assert_problem(r, 403)
    assert_problem(await client.get("/orgs", headers=who.headers), 403)
    r = await client.patch(f"/orgs/{who.org}", json={"name": "Tên mới"}, headers=who.headers)
    assert_problem(r, 403)
    names = await org_names(client, world.admin)
    assert "Ghost" not in names
    assert "Tên mới" not in names


async def test_departments_are_public_and_startups_visible_only_to_members(
    client: httpx.AsyncClient, world: World
) -> None:
    for who in (world.startup_a, world.dept_b, world.reviewer_a):
        r = await client.get(f"/orgs/{world.dept_a.org}", headers=who.headers)
        assert r.status_code == 200
        assert r.json()["name"] == "Sở Y tế TP.HCM"

    assert (
        await client.get(f"/orgs/{world.startup_a.org}", headers=world.startup_a.headers)
    ).json()["name"] == "MediSync"
    assert (
        await client.get(f"/orgs/{world.startup_a.org}", headers=world.admin.headers)
    ).status_code == 200
    for outsider in (world.startup_b, world.dept_a):
        assert_problem(
            await client.get(f"/orgs/{world.startup_a.org}", headers=outsider.headers), 404
        )


INVALID_ORGS: dict[str, dict[str, Any]] = {
    "unknown-kind": {"kind": "ministry", "name": "Bộ"},
    "blank-name": {"kind": "startup", "name": "   "},
    "newline-in-name": {"kind": "startup", "name": "A\nB"},
    "client-chosen-id": {
        "kind": "startup",
        "name": "X",
        "id": "00000000-0000-4000-8000-000000000001",
    },
    "missing-name": {"kind": "startup"},
    "name-too-long": {"kind": "startup", "name": "x" * 201},
}


async def test_invalid_organisation_is_422(client: httpx.AsyncClient, world: World) -> None:
    wrong = {}
    for name, body in INVALID_ORGS.items():
        if reason := not_422(await client.post("/orgs", json=body, headers=world.admin.headers)):
            wrong[name] = reason
    r = await client.patch(
        f"/orgs/{world.dept_a.org}", json={"name": ""}, headers=world.admin.headers
    )
    if reason := not_422(r):
        wrong["rename-to-empty"] = reason
    assert wrong == {}
    assert len(await org_names(client, world.admin)) == 4
    assert "Sở Y tế TP.HCM" in await org_names(client, world.admin)


async def test_organisations_need_a_token(client: httpx.AsyncClient) -> None:
    r = await client.post("/orgs", json={"kind": "startup", "name": "Anon"})
    assert_problem(r, 401)


# --- startup profiles ---------------------------------------------------------------------------


async def test_startup_member_creates_its_profile_and_everyone_signed_in_reads_it(
    client: httpx.AsyncClient, world: World
) -> None:
    r = await put_profile(client, world.startup_a, world.startup_a.org, profile_body())
    assert r.status_code == 201, r.text
    assert r.headers["ETag"] == '"v1"'
    created = r.json()
    assert created["id"] == str(world.startup_a.org)
    assert created["name"] == "MediSync"
    assert created["version"] == 1

    for who in (world.startup_b, world.dept_a, world.reviewer_a, world.admin):
        r = await client.get(f"/startups/{world.startup_a.org}", headers=who.headers)
        assert r.status_code == 200
        assert r.headers["ETag"] == '"v1"'
        assert r.json() == created
    assert_problem(await client.get(f"/startups/{world.startup_a.org}"), 401)


async def test_unknown_profile_is_404(client: httpx.AsyncClient, world: World) -> None:
    r = await client.get(f"/startups/{world.startup_b.org}", headers=world.startup_a.headers)
    assert_problem(r, 404, "profile-not-found")


async def test_replacing_a_profile_without_if_match_is_428(
    client: httpx.AsyncClient, world: World
) -> None:
    await put_profile(client, world.startup_a, world.startup_a.org, profile_body())
    r = await put_profile(
        client, world.startup_a, world.startup_a.org, profile_body(name="MediSync 2")
    )
    assert_problem(r, 428)
    r = await client.get(f"/startups/{world.startup_a.org}", headers=world.startup_a.headers)
    assert r.json()["name"] == "MediSync"


async def test_replacing_a_profile_with_stale_if_match_is_412(
    client: httpx.AsyncClient, world: World
) -> None:
    await put_profile(client, world.startup_a, world.startup_a.org, profile_body())
    r = await put_profile(
        client, world.startup_a, world.startup_a.org, profile_body(stage="scale"), '"v1"'
    )
    assert r.status_code == 200, r.text
    r = await put_profile(
        client, world.startup_a, world.startup_a.org, profile_body(name="Cũ"), '"v1"'
    )
    assert_problem(r, 412)
    r = await client.get(f"/startups/{world.startup_a.org}", headers=world.startup_a.headers)
    assert r.json()["name"] == "MediSync"
    assert r.json()["stage"] == "scale"
    assert r.headers["ETag"] == '"v2"'


async def test_replacing_a_profile_with_current_etag_replaces_it(
    client: httpx.AsyncClient, world: World
) -> None:
    r = await put_profile(client, world.startup_a, world.startup_a.org, profile_body())
    etag = r.headers["ETag"]
    replacement = profile_body(name="MediSync Việt Nam", sectors=["health"], stage="scale")
    del replacement["capabilities"]  # a PUT replaces: omitted fields go back to their defaults
    del replacement["website"]
    r = await put_profile(client, world.startup_a, world.startup_a.org, replacement, etag)
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"v2"'
    body = r.json()
    assert body["name"] == "MediSync Việt Nam"
    assert body["sectors"] == ["health"]
    assert body["stage"] == "scale"
    assert body["capabilities"] == []
    assert body["website"] is None
    assert body["version"] == 2

    r = await client.get(f"/startups/{world.startup_a.org}", headers=world.dept_a.headers)
    assert r.json() == body
    assert await profile_ids(client, world.dept_a, sector="big_data") == []
    assert await profile_ids(client, world.dept_a, q="viet nam") == [str(world.startup_a.org)]


@pytest.mark.parametrize("role", ["startup_b", "dept_a", "reviewer_a"])
async def test_only_the_startups_members_write_its_profile(
    client: httpx.AsyncClient, world: World, role: str
) -> None:
    who: Actor = getattr(world, role)
    assert_problem(
        await put_profile(client, who, world.startup_a.org, profile_body(name="Mạo danh")), 403
    )
    assert_problem(
        await client.get(f"/startups/{world.startup_a.org}", headers=world.startup_a.headers), 404
    )

    await put_profile(client, world.startup_a, world.startup_a.org, profile_body())
    r = await put_profile(client, who, world.startup_a.org, profile_body(name="Mạo danh"), '"v1"')
    assert_problem(r, 403)
    r = await client.get(f"/startups/{world.startup_a.org}", headers=world.startup_a.headers)
    assert r.json()["name"] == "MediSync"
    assert r.json()["version"] == 1


async def test_profiles_list_filters_by_sector_and_accent_blind_query(
    client: httpx.AsyncClient, world: World
) -> None:
    a, b = str(world.startup_a.org), str(world.startup_b.org)
    await put_profile(client, world.startup_a, world.startup_a.org, profile_body())
    await put_profile(
        client,
        world.startup_b,
        world.startup_b.org,
        profile_body(
            name="EduNext",
            description="Nền tảng học trực tuyến cho trường phổ thông.",
            sectors=["education"],
            capabilities=["Lớp học ảo"],
            technologies=["WebRTC"],
            website="https://edunext.example.vn",
        ),
    )
    who = world.dept_a
    assert sorted(await profile_ids(client, who)) == sorted([b, a])
    assert await profile_ids(client, who, sector="education") == [b]
    assert await profile_ids(client, who, sector="health") == [a]
    assert await profile_ids(client, who, sector="transport") == []
    for q in ("bệnh án điện tử", "benh an dien tu", "BENH AN", "fhir"):
        assert await profile_ids(client, who, q=q) == [a], q
    for q in ("học trực tuyến", "hoc truc tuyen", "webrtc"):
        assert await profile_ids(client, who, q=q) == [b], q
    assert await profile_ids(client, who, q="benh an truc tuyen") == []
    assert await profile_ids(client, who, sector="education", q="benh an") == []
    assert_problem(
        await client.get("/startups", params={"sector": "crypto"}, headers=who.headers), 422
    )


INVALID_PROFILES: dict[str, dict[str, Any]] = {
    "website-not-a-url": {"website": "not a url"},
    "website-without-scheme": {"website": "medisync.example.vn"},
    "website-ftp": {"website": "ftp://medisync.example.vn"},
    "website-javascript": {"website": "javascript:alert(1)"},
    "no-sector": {"sectors": []},
    "unknown-sector": {"sectors": ["blockchain-ish"]},
    "unknown-stage": {"stage": "unicorn"},
    "team-of-zero": {"team_size": 0},
    "language-fr": {"languages": ["fr"]},
    "version": {"version": 7},
    "id": {"id": "00000000-0000-4000-8000-000000000001"},
}


async def test_invalid_profile_is_422(client: httpx.AsyncClient, world: World) -> None:
    wrong = {}
    for name, overrides in INVALID_PROFILES.items():
        body = profile_body(**overrides)
        r = await put_profile(client, world.startup_a, world.startup_a.org, body)
        if reason := not_422(r):
            wrong[name] = reason
    assert wrong == {}
    assert await profile_ids(client, world.admin) == []


async def test_invalid_website_on_replace_is_422_and_keeps_the_old_one(
    client: httpx.AsyncClient, world: World
) -> None:
    await put_profile(client, world.startup_a, world.startup_a.org, profile_body())
    body = profile_body(website="javascript:alert(1)")
    assert_problem(
        await put_profile(client, world.startup_a, world.startup_a.org, body, '"v1"'), 422
    )
    r = await client.get(f"/startups/{world.startup_a.org}", headers=world.dept_a.headers)
    assert r.json()["website"].startswith("https://medisync.example.vn")
    assert r.headers["ETag"] == '"v1"'
