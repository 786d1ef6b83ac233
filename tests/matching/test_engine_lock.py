"""Slow model work in one ranking, or in indexing one corpus, does not hold up unrelated rankings."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Callable

import httpx
import numpy as np
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from services.core.settings import Settings
from services.main import create_all_in_one
from tests.conftest import World
from tests.factories import published_challenge, submit_proposal
from tests.matching.fakes import TranslatingEmbedder

TRAFFIC = {
    "title": "Đèn giao thông thông minh tại các giao lộ",
    "summary": "Giảm ùn tắc vào giờ cao điểm.",
    "problem_statement": "Các giao lộ trung tâm ùn tắc kéo dài mỗi sáng và chiều.",
    "expected_outcomes": ["Đèn tự điều chỉnh theo lưu lượng xe"],
    "sectors": ["transport"],
    "tags": [],
}


class _GatedEmbedder(TranslatingEmbedder):
    """Holds the passage embeddings that ``hold`` picks until the test releases them."""

    def __init__(self, dim: int = 64) -> None:
        super().__init__(dim)
        self.hold: Callable[[list[str]], bool] = lambda texts: False
        self.entered = threading.Event()
        self.release = threading.Event()

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """Wait for the test's signal when the texts are held, then embed."""
        if self.hold(texts):
            self.entered.set()
            self.release.wait(30)
        return super().encode_passages(texts)


@contextlib.asynccontextmanager
async def _gated_worker(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient, _GatedEmbedder]]:
    """A second all-in-one process on the same database whose model is the gated embedder."""
    monkeypatch.setattr("services.matching.embedder.FakeEmbedder", _GatedEmbedder)
    worker = create_all_in_one(settings)
    async with LifespanManager(worker):
        embedder = await worker.state.matching.holder.get()
        assert isinstance(embedder, _GatedEmbedder)
        transport = httpx.ASGITransport(app=worker)
        async with httpx.AsyncClient(transport=transport, base_url="http://worker") as client:
            try:
                yield worker, client, embedder
            finally:
                embedder.release.set()


async def test_other_rankings_answer_while_cross_lingual_passages_are_embedded(
    client: httpx.AsyncClient,
    world: World,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    traffic = await published_challenge(client, world.dept_a, **TRAFFIC)
    health = await published_challenge(client, world.dept_a)
    async with _gated_worker(settings, monkeypatch) as (_, other, embedder):
        search = "/matching/search"
        headers = world.startup_a.headers
        lexical = {"q": "bệnh án", "method": "lexical"}  # no passage chosen by cosine
        warm = await other.get(search, params=lexical, headers=headers)
        assert warm.status_code == 200, warm.text  # indexed, nothing held yet
        # Explanations embed their passages off the indexing thread: hold those.
        embedder.hold = lambda texts: not threading.current_thread().name.startswith("oip-encode")

        # English words only: the Vietnamese challenge shares none of them, so its passages
        # are chosen by cosine, which embeds them (held).
        english = asyncio.create_task(
            other.get(search, params={"q": "lights congestion"}, headers=headers)
        )
        entered = await asyncio.to_thread(embedder.entered.wait, 10)
        assert entered, "the cross-lingual search never embedded its passages"
        # Meanwhile another ranking (catch-up included) answers at once.
        r = await asyncio.wait_for(other.get(search, params=lexical, headers=headers), 10)
        assert r.status_code == 200, r.text
        assert r.json()["items"][0]["challenge_id"] == health["id"]
        assert not english.done()
        embedder.release.set()
        r = await english
    assert r.status_code == 200, r.text
    top = r.json()["items"][0]
    assert top["challenge_id"] == traffic["id"]
    passages = top["explanation"]["passages"]
    assert passages and all("đèn" in p.lower() or "ùn tắc" in p.lower() for p in passages), passages


async def test_rankings_without_proposals_answer_while_new_proposals_are_embedded(
    client: httpx.AsyncClient,
    world: World,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ch = await published_challenge(client, world.dept_a)
    other_ch = await published_challenge(client, world.dept_b, title="Bệnh án điện tử trạm y tế")
    profile = {
        "name": "MediSync",
        "description": "Bệnh án điện tử",
        "sectors": ["health"],
        "stage": "mvp",
    }
    r = await client.put(
        f"/startups/{world.startup_a.org}", json=profile, headers=world.startup_a.headers
    )
    assert r.status_code == 201, r.text
    unrelated = [  # rankings that read challenges or profiles, never proposals
        (f"/matching/startups/{world.startup_a.org}/challenges", world.startup_a),
        (f"/matching/challenges/{ch['id']}/startups", world.dept_a),
        (f"/matching/challenges/{ch['id']}/similar", world.dept_a),
        ("/matching/search?q=b%E1%BB%87nh%20%C3%A1n&method=lexical", world.startup_a),
        ("/matching/search?q=MediSync&target=startups&method=lexical", world.dept_a),
    ]
    proposals = f"/matching/challenges/{ch['id']}/proposals"
    async with _gated_worker(settings, monkeypatch) as (worker, other, embedder):
        for path, who in [*unrelated, (proposals, world.dept_a)]:
            r = await other.get(path, headers=who.headers)  # indexed, query vectors stored
            assert r.status_code == 200, r.text
        embedder.hold = lambda texts: any("MARKER-7" in t for t in texts)

        new = await submit_proposal(client, world.startup_b, ch["id"], title="MARKER-7 HIS")
        engine = worker.state.matching
        indexing = asyncio.create_task(engine.catch_up())  # as the background job does
        entered = await asyncio.to_thread(embedder.entered.wait, 10)
        assert entered, "the new proposal was never embedded"
        ranking = asyncio.create_task(other.get(proposals, headers=world.dept_a.headers))
        await asyncio.sleep(0.2)  # its catch-up now waits for the proposals being embedded
        for path, who in unrelated:
            r = await asyncio.wait_for(other.get(path, headers=who.headers), 10)
            assert r.status_code == 200, r.text
            if path.endswith("/similar"):
                ids = {i["challenge_id"] for i in r.json()["items"]}
                assert other_ch["id"] in ids  # answered meanwhile
        assert not ranking.done()  # it waits for the proposal: it must include it
        embedder.release.set()
        await indexing
        r = await ranking
        assert r.status_code == 200, r.text
        assert new["id"] in {i["proposal_id"] for i in r.json()["items"]}
        assert await engine.catch_up() == 0  # nothing was left behind
