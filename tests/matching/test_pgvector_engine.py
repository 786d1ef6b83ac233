"""The whole app with OIP_VECTOR_INDEX=pgvector: rankings served from PostgreSQL's HNSW index,
and a second process (a fresh engine) finds the vectors already there."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from asgi_lifespan import LifespanManager

from services.core import migrate
from services.core.auth import Role
from services.main import create_all_in_one
from tests.conftest import actor, make_settings
from tests.factories import challenge_body, proposal_body
from tests.matching.pgserver import pgvector_url, scratch_database  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow


@pytest.fixture
def app_db(pgvector_url: str) -> Iterator[str]:  # noqa: F811
    """A migrated database on the pgvector server."""
    with scratch_database(pgvector_url, "oip_pgv_engine") as url:
        migrate.upgrade(url)
        yield url


def _stored_vectors(url: str) -> int:
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT count(*) FROM matching_vector").fetchone()
    return int(row[0]) if row else 0


async def test_rankings_come_from_pgvector_and_survive_a_restart(
    app_db: str, tmp_path: Path
) -> None:
    settings = make_settings(app_db, tmp_path, embedding_model="fake:384", vector_index="pgvector")
    admin = actor(settings, Role.admin, None, "ops")

    async def run(first: bool, ids: dict[str, str]) -> list[str]:
        app = create_all_in_one(settings)
        async with LifespanManager(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://oip.test") as c:
                if first:
                    dept = (
                        await c.post(
                            "/orgs", json={"kind": "department", "name": "D"}, headers=admin.headers
                        )
                    ).json()
                    ids["dept"] = dept["id"]
                    d = actor(settings, Role.department, uuid.UUID(dept["id"]), "d")
                    ch = (
                        await c.post("/challenges", json=challenge_body(), headers=d.headers)
                    ).json()
                    ids["challenge"] = ch["id"]
                    await c.post(
                        f"/challenges/{ch['id']}/status",
                        json={"status": "published"},
                        headers=d.headers,
                    )
                    for name, body in (
                        ("good", proposal_body(ch["id"], submit=True)),
                        (
                            "off",
                            proposal_body(
                                ch["id"],
                                submit=True,
                                title="Trò chơi học tiếng Anh",
                                summary="Học sinh tiểu học.",
                                approach="Luyện phát âm mỗi ngày.",
                            ),
                        ),
                    ):
                        org = (
                            await c.post(
                                "/orgs",
                                json={"kind": "startup", "name": name},
                                headers=admin.headers,
                            )
                        ).json()
                        s = actor(settings, Role.startup, uuid.UUID(org["id"]), name)
                        ids[name] = (
                            await c.post("/proposals", json=body, headers=s.headers)
                        ).json()["id"]
                d = actor(settings, Role.department, uuid.UUID(ids["dept"]), "d")
                r = await c.get(
                    f"/matching/challenges/{ids['challenge']}/proposals",
                    params={"method": "dense"},
                    headers=d.headers,
                )
                assert r.status_code == 200, r.text
                return [i["proposal_id"] for i in r.json()["items"]]

    ids: dict[str, str] = {}
    first = await run(True, ids)
    assert first == [ids["good"], ids["off"]]
    stored = await asyncio.to_thread(_stored_vectors, app_db)
    assert stored >= 3  # the challenge and both proposals, chunk by chunk
    # A new process rebuilds from the feeds and finds every vector already in PostgreSQL.
    assert await run(False, ids) == first
    assert await asyncio.to_thread(_stored_vectors, app_db) == stored
