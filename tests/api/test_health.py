"""Liveness and readiness: readyz is 503 when the database is unreachable or behind the migrations."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager

from services.core import migrate
from services.main import create_all_in_one
from tests.conftest import make_settings


async def _readyz(settings_url: str, data_dir: Path) -> httpx.Response:
    app = create_all_in_one(make_settings(settings_url, data_dir))
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://oip.test") as c:
            assert (await c.get("/livez")).status_code == 200
            return await c.get("/readyz")


async def test_readyz_is_ok_on_a_migrated_database(client: httpx.AsyncClient) -> None:
    r = await client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["checks"]["migrations"] == "head"


async def test_readyz_is_503_until_migrations_reach_head(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    r = await _readyz(url, tmp_path)
    assert r.status_code == 503
    assert r.json()["checks"]["migrations"] == "behind"
    await asyncio.to_thread(migrate.upgrade, url)
    assert (await _readyz(url, tmp_path)).status_code == 200


async def test_readyz_is_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    r = await _readyz(
        "postgresql+psycopg://postgres@127.0.0.1:9/nowhere?connect_timeout=1", tmp_path
    )
    assert r.status_code == 503
    assert r.json()["checks"]["database"].startswith("unreachable")
