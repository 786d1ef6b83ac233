"""Limits and bad input: body size (413), lengths, list sizes, control characters (422)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.conftest import World
from tests.factories import challenge_body, published_challenge

CAP = 1_000_000  # OIP_MAX_BODY_BYTES default


async def test_oversized_body_is_413_with_content_length(
    client: httpx.AsyncClient, world: World
) -> None:
    body = json.dumps(challenge_body(problem_statement="x" * (CAP + 10))).encode()
    r = await client.post(
        "/challenges",
        content=body,
        headers={**world.dept_a.headers, "content-type": "application/json"},
    )
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"
    assert (await client.get("/challenges", headers=world.dept_a.headers)).json()["items"] == []


async def test_oversized_body_is_413_when_streamed_without_content_length(
    client: httpx.AsyncClient, world: World
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"title": "'
        for _ in range(CAP // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    r = await client.post(
        "/challenges",
        content=chunks(),
        headers={**world.dept_a.headers, "content-type": "application/json"},
    )
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "x" * 201),
        ("summary", "x" * 2001),
        ("tags", [f"t{i}" for i in range(21)]),
        ("tags", ["x" * 51]),
        ("expected_outcomes", ["ok"] * 21),
        ("sectors", []),
        ("sdg_goals", [0]),
        ("title", "bell\x07"),
        ("summary", "escape\x1b[31m"),
        ("summary", "nul\x00"),
        ("title", "line\nbreak"),
        ("currency", "vnd"),
        ("budget_min", -1),
    ],
)
async def test_out_of_bounds_fields_are_422(
    client: httpx.AsyncClient, world: World, field: str, value: object
) -> None:
    r = await client.post(
        "/challenges", json=challenge_body(**{field: value}), headers=world.dept_a.headers
    )
    assert r.status_code == 422, (field, value)
    assert r.headers["content-type"] == "application/problem+json"
    assert any(field in e["loc"] for e in r.json()["errors"]), r.json()


async def test_query_limits_are_422(client: httpx.AsyncClient, world: World) -> None:
    ch = await published_challenge(client, world.dept_a)
    h = world.dept_a.headers
    for path, params in [
        ("/challenges", {"limit": 101}),
        ("/challenges", {"limit": 0}),
        ("/challenges", {"q": "x" * 201}),
        ("/challenges", {"q": "tab\there"}),
        ("/proposals", {"limit": 1000}),
        (f"/matching/challenges/{ch['id']}/startups", {"top_k": 101}),
        ("/matching/search", {"q": "ok", "top_k": 500}),
    ]:
        r = await client.get(path, params=params, headers=h)
        assert r.status_code == 422, (path, params)
