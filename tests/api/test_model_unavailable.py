"""Writes never depend on the model: with a model that cannot load, writes succeed and
rankings answer 503 problem+json, while readyz reports the model's state."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from asgi_lifespan import LifespanManager

from services.core.auth import Role
from services.main import create_all_in_one
from tests.conftest import actor, make_settings, truncate_all
from tests.factories import challenge_body, proposal_body


@pytest.fixture
async def broken_model_client(
    db_url: str, tmp_path: Path
) -> AsyncIterator[tuple[httpx.AsyncClient, object]]:
    """The app configured with a model path that does not exist."""
    await truncate_all(db_url)
    settings = make_settings(db_url, tmp_path, embedding_model=str(tmp_path / "no-such-model"))
    app = create_all_in_one(settings)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://oip.test") as c:
            yield c, settings


async def test_writes_succeed_and_rankings_say_503_when_the_model_is_missing(
    broken_model_client: tuple[httpx.AsyncClient, object],
) -> None:
    client, settings = broken_model_client
    admin = actor(settings, Role.admin, None, "ops")  # type: ignore[arg-type]
    dept_org = (
        await client.post("/orgs", json={"kind": "department", "name": "D"}, headers=admin.headers)
    ).json()
    st_org = (
        await client.post("/orgs", json={"kind": "startup", "name": "S"}, headers=admin.headers)
    ).json()
    dept = actor(settings, Role.department, uuid.UUID(dept_org["id"]), "d")  # type: ignore[arg-type]
    startup = actor(settings, Role.startup, uuid.UUID(st_org["id"]), "s")  # type: ignore[arg-type]

    ch = await client.post("/challenges", json=challenge_body(), headers=dept.headers)
    assert ch.status_code == 201
    pub = await client.post(
        f"/challenges/{ch.json()['id']}/status", json={"status": "published"}, headers=dept.headers
    )
    assert pub.status_code == 200
    p = await client.post(
        "/proposals", json=proposal_body(ch.json()["id"], submit=True), headers=startup.headers
    )
    assert p.status_code == 201

    r = await client.get(f"/matching/challenges/{ch.json()['id']}/proposals", headers=dept.headers)
    assert r.status_code == 503
    assert r.headers["content-type"] == "application/problem+json"
    assert "model" in r.json()["detail"]

    ready = await client.get("/readyz")
    assert ready.json()["checks"]["model"]["state"] == "failed"
