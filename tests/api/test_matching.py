"""Matching over HTTP with the deterministic fake embedder: rankings, freshness, authorisation."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.conftest import Actor, World
from tests.factories import create_challenge, published_challenge, submit_proposal

HEALTH = {
    "title": "Bệnh án điện tử chuẩn HL7 FHIR cho bệnh viện quận",
    "summary": "Số hóa hồ sơ bệnh án giấy bằng OCR và liên thông HL7 FHIR.",
    "approach": "Chúng tôi quét hồ sơ bệnh án cũ, nhận dạng OCR, chuẩn hóa theo HL7 FHIR. "
    "Bệnh viện quận tra cứu bệnh án điện tử ngay trên HIS.",
}
OFF_TOPIC = {
    "title": "Ứng dụng học tiếng Anh cho học sinh",
    "summary": "Trò chơi học từ vựng cho học sinh tiểu học.",
    "approach": "Học sinh luyện phát âm với trò chơi mỗi ngày, giáo viên theo dõi tiến độ.",
}


async def _profile(client: httpx.AsyncClient, who: Actor, **fields: Any) -> None:
    body = {"name": "X", "description": "d", "sectors": ["health"], "stage": "mvp", **fields}
    r = await client.put(f"/startups/{who.org}", json=body, headers=who.headers)
    assert r.status_code == 201, r.text


async def _rank(client: httpx.AsyncClient, who: Actor, path: str, **params: Any) -> httpx.Response:
    return await client.get(f"/matching/{path}", params=params, headers=who.headers)


async def test_department_sees_relevant_proposals_first_with_explanations(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a)
    off = await submit_proposal(client, world.startup_b, ch["id"], **OFF_TOPIC)
    good = await submit_proposal(client, world.startup_a, ch["id"], **HEALTH)

    r = await _rank(client, world.dept_a, f"challenges/{ch['id']}/proposals")
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [i["proposal_id"] for i in items] == [good["id"], off["id"]]
    best = items[0]
    assert best["score"] > items[1]["score"]
    expl = best["explanation"]
    assert expl["passages"], expl
    full = f"{HEALTH['title']}\n\n{HEALTH['summary']}\n\n{HEALTH['approach']}"
    assert all(p in full for p in expl["passages"])
    assert any("bệnh" in t.lower() or "benh" in t.lower() for t in expl["matched_terms"])
    assert {"semantic", "lexical"} <= expl.keys()


async def test_a_proposal_written_just_before_a_ranking_is_in_it(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a)
    r = await _rank(client, world.dept_a, f"challenges/{ch['id']}/proposals")
    assert r.json()["items"] == []
    p = await submit_proposal(client, world.startup_a, ch["id"], **HEALTH)
    r = await _rank(client, world.dept_a, f"challenges/{ch['id']}/proposals")
    assert [i["proposal_id"] for i in r.json()["items"]] == [p["id"]]
    # Withdrawing removes it at once.
    w = await client.post(
        f"/proposals/{p['id']}/status",
        json={"status": "withdrawn"},
        headers=world.startup_a.headers,
    )
    assert w.status_code == 200
    r = await _rank(client, world.dept_a, f"challenges/{ch['id']}/proposals")
    assert r.json()["items"] == []


async def test_proposal_ranking_is_only_for_the_owning_department_and_admins(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a)
    await submit_proposal(client, world.startup_a, ch["id"], **HEALTH)
    for outsider in (world.dept_b, world.startup_a, world.startup_b):
        r = await _rank(client, outsider, f"challenges/{ch['id']}/proposals")
        assert r.status_code == 404, outsider
        assert r.headers["content-type"] == "application/problem+json"
    for insider in (world.admin, world.reviewer_a):
        r = await _rank(client, insider, f"challenges/{ch['id']}/proposals")
        assert r.status_code == 200
        assert len(r.json()["items"]) == 1
    r = await _rank(client, world.dept_a, f"challenges/{uuid.uuid4()}/proposals")
    assert r.status_code == 404


async def test_startup_invite_list_uses_public_profiles_only(
    client: httpx.AsyncClient, world: World
) -> None:
    marker = f"SENTINEL{uuid.uuid4().hex}"
    ch = await published_challenge(client, world.dept_a)
    await _profile(
        client,
        world.startup_a,
        name="MediSync",
        description="Bệnh án điện tử, HL7 FHIR cho bệnh viện.",
    )
    await _profile(
        client,
        world.startup_b,
        name="EduNext",
        description="Học tiếng Anh cho học sinh.",
        sectors=["education"],
    )
    # B's confidential proposal repeats the challenge words: it must not lift B in the invite list.
    await submit_proposal(
        client,
        world.startup_b,
        ch["id"],
        title="Bệnh án điện tử " + marker,
        summary="Số hóa hồ sơ bệnh án " + marker,
        approach="bệnh viện quận bệnh án " + marker,
    )
    r = await _rank(client, world.dept_a, f"challenges/{ch['id']}/startups")
    assert r.status_code == 200
    items = r.json()["items"]
    assert items[0]["startup_id"] == str(world.startup_a.org)
    assert marker not in r.text
    r = await _rank(client, world.dept_a, f"challenges/{ch['id']}/startups", sector="education")
    assert [i["startup_id"] for i in r.json()["items"]] == [str(world.startup_b.org)]
    for who in (world.dept_b, world.startup_a):
        assert (await _rank(client, who, f"challenges/{ch['id']}/startups")).status_code == 404


async def test_startup_gets_open_challenges_that_fit(
    client: httpx.AsyncClient, world: World
) -> None:
    health = await published_challenge(client, world.dept_a)
    edu = await published_challenge(
        client,
        world.dept_b,
        title="Ứng dụng học tiếng Anh cho học sinh tiểu học",
        summary="Học sinh học tiếng Anh.",
        problem_statement="Trường tiểu học cần ứng dụng học tiếng Anh.",
        sectors=["education"],
    )
    draft = await create_challenge(client, world.dept_a, title="Bệnh án điện tử nháp")
    await _profile(
        client,
        world.startup_a,
        name="MediSync",
        description="Số hóa hồ sơ bệnh án, bệnh án điện tử HL7 FHIR.",
    )
    r = await _rank(client, world.startup_a, f"startups/{world.startup_a.org}/challenges")
    assert r.status_code == 200
    ids = [i["challenge_id"] for i in r.json()["items"]]
    assert ids[0] == health["id"] and edu["id"] in ids and draft["id"] not in ids
    assert all(i["status"] == "published" for i in r.json()["items"])
    r = await _rank(
        client, world.startup_a, f"startups/{world.startup_a.org}/challenges", sector="education"
    )
    assert [i["challenge_id"] for i in r.json()["items"]] == [edu["id"]]
    # Another startup, or a department, cannot read A's recommendations.
    for who in (world.startup_b, world.dept_a):
        assert (
            await _rank(client, who, f"startups/{world.startup_a.org}/challenges")
        ).status_code == 404
    # Closing a challenge drops it from recommendations at once.
    closed = await client.post(
        f"/challenges/{health['id']}/status",
        json={"status": "closed"},
        headers=world.dept_a.headers,
    )
    assert closed.status_code == 200
    r = await _rank(client, world.startup_a, f"startups/{world.startup_a.org}/challenges")
    assert health["id"] not in [i["challenge_id"] for i in r.json()["items"]]


async def test_similar_challenges_across_departments_and_on_a_draft(
    client: httpx.AsyncClient, world: World
) -> None:
    a = await published_challenge(client, world.dept_a)
    b_draft = await create_challenge(
        client, world.dept_b, title="Số hóa bệnh án điện tử cho trạm y tế"
    )
    b_pub = await published_challenge(
        client, world.dept_b, title="Số hóa hồ sơ bệnh án cho trạm y tế phường"
    )
    # The owner can check a draft for duplicates before publishing.
    r = await _rank(client, world.dept_b, f"challenges/{b_draft['id']}/similar")
    assert r.status_code == 200
    ids = [i["challenge_id"] for i in r.json()["items"]]
    assert a["id"] in ids and b_draft["id"] not in ids
    # Other departments' drafts never show up, and strangers cannot open a draft.
    r = await _rank(client, world.dept_a, f"challenges/{a['id']}/similar")
    ids = [i["challenge_id"] for i in r.json()["items"]]
    assert b_pub["id"] in ids and b_draft["id"] not in ids
    assert (
        await _rank(client, world.startup_a, f"challenges/{b_draft['id']}/similar")
    ).status_code == 404


async def test_search_finds_challenges_with_or_without_diacritics(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a)
    await published_challenge(
        client,
        world.dept_b,
        title="Ứng dụng học tiếng Anh",
        summary="Học sinh.",
        problem_statement="Tiểu học.",
        sectors=["education"],
    )
    for q in ("Số hóa hồ sơ bệnh án", "so hoa ho so benh an"):
        r = await client.get("/matching/search", params={"q": q}, headers=world.startup_b.headers)
        assert r.status_code == 200
        assert r.json()["items"][0]["challenge_id"] == ch["id"], q
    r = await client.get(
        "/matching/search", params={"q": "so hoa ho so benh an"}, headers=world.startup_b.headers
    )
    assert r.json()["unaccented_query"] is True


async def test_search_over_proposals_is_limited_to_what_the_caller_may_see(
    client: httpx.AsyncClient, world: World
) -> None:
    ch = await published_challenge(client, world.dept_a)
    mine = await submit_proposal(client, world.startup_a, ch["id"], **HEALTH)
    theirs = await submit_proposal(client, world.startup_b, ch["id"], **HEALTH)
    params = {"q": "bệnh án điện tử", "target": "proposals"}
    r = await client.get("/matching/search", params=params, headers=world.startup_a.headers)
    assert [i["proposal_id"] for i in r.json()["items"]] == [mine["id"]]
    r = await client.get("/matching/search", params=params, headers=world.dept_b.headers)
    assert r.json()["items"] == []
    r = await client.get("/matching/search", params=params, headers=world.dept_a.headers)
    assert {i["proposal_id"] for i in r.json()["items"]} == {mine["id"], theirs["id"]}


async def test_limits_on_matching_parameters(client: httpx.AsyncClient, world: World) -> None:
    ch = await published_challenge(client, world.dept_a)
    assert (
        await _rank(client, world.dept_a, f"challenges/{ch['id']}/proposals", top_k=101)
    ).status_code == 422
    assert (
        await _rank(client, world.dept_a, f"challenges/{ch['id']}/proposals", top_k=0)
    ).status_code == 422
    r = await client.get("/matching/search", params={"q": "a\u0000b"}, headers=world.dept_a.headers)
    assert r.status_code == 422
    r = await client.get("/matching/search", params={"q": "x" * 201}, headers=world.dept_a.headers)
    assert r.status_code == 422


async def test_matching_rate_limit_answers_429_with_retry_after(
    app: Any, client: httpx.AsyncClient, world: World
) -> None:
    from services.core.ratelimit import RateLimiter

    original = app.state.rate_limiters["matching"]
    app.state.rate_limiters["matching"] = RateLimiter("3/minute", "memory://")
    try:
        codes = []
        for _ in range(4):
            r = await client.get(
                "/matching/search", params={"q": "bệnh án"}, headers=world.startup_a.headers
            )
            codes.append(r.status_code)
        assert codes == [200, 200, 200, 429]
        assert int(r.headers["retry-after"]) >= 1
        assert r.headers["content-type"] == "application/problem+json"
        # The limit is per principal: another caller is unaffected.
        r = await client.get(
            "/matching/search", params={"q": "bệnh án"}, headers=world.startup_b.headers
        )
        assert r.status_code == 200
    finally:
        app.state.rate_limiters["matching"] = original
