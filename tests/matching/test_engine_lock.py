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


class _SteppedEmbedder(_GatedEmbedder):
    """Lets the held passage calls through one at a time, as the test steps them."""

    def __init__(self, dim: int = 64) -> None:
        super().__init__(dim)
        self.steps = threading.Semaphore(0)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """Wait for one step of the test when the texts are held, then embed."""
        if self.hold(texts) and not self.release.is_set():
            self.entered.set()
            self.steps.acquire(timeout=30)
        return TranslatingEmbedder.encode_passages(self, texts)


@contextlib.asynccontextmanager
async def _gated_worker(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    model: type[_GatedEmbedder] = _GatedEmbedder,
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient, _GatedEmbedder]]:
    """A second all-in-one process on the same database whose model is the gated embedder."""
    monkeypatch.setattr("services.matching.embedder.FakeEmbedder", model)
    worker = create_all_in_one(settings)
    async with LifespanManager(worker):
        embedder = await worker.state.matching.holder.get()
        assert isinstance(embedder, model)
        transport = httpx.ASGITransport(app=worker)
        async with httpx.AsyncClient(transport=transport, base_url="http://worker") as client:
            try:
                yield worker, client, embedder
            finally:
                embedder.release.set()
                if isinstance(embedder, _SteppedEmbedder):
                    embedder.steps.release(1000)


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


async def test_a_search_answers_between_slices_of_a_large_batch_being_indexed(
    client: httpx.AsyncClient,
    world: World,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A burst of new proposals is embedded a slice at a time, and a search's query goes in
    between: it does not wait for the whole burst (the model thread is shared)."""
    challenges = [
        await published_challenge(client, world.dept_a, title=f"Bệnh án điện tử đợt {i}")
        for i in range(6)
    ]
    sliced = settings.model_copy(update={"embedding_batch_size": 2})
    async with _gated_worker(sliced, monkeypatch, _SteppedEmbedder) as (worker, other, model):
        assert isinstance(model, _SteppedEmbedder)
        search = ("/matching/search", {"q": "bệnh án điện tử đợt 3"})
        r = await other.get(search[0], params=search[1], headers=world.startup_a.headers)
        assert r.status_code == 200, r.text  # challenges indexed, nothing held yet
        model.hold = lambda texts: any("MARKER-9" in t for t in texts)
        burst = [
            await submit_proposal(client, who, ch["id"], title=f"MARKER-9 FHIR {n}")
            for n, (who, ch) in enumerate(
                (who, ch) for ch in challenges for who in (world.startup_a, world.startup_b)
            )
        ]
        engine = worker.state.matching
        indexing = asyncio.create_task(engine.catch_up())  # as the background job does
        assert await asyncio.to_thread(model.entered.wait, 10), "the burst was never embedded"

        searching = asyncio.create_task(
            other.get(search[0], params=search[1], headers=world.dept_b.headers)
        )
        for _ in burst:  # one held slice (2 proposals) at a time, until the search answers
            model.steps.release()
            done, _ = await asyncio.wait({searching}, timeout=2)
            if done:
                break
        assert searching.done(), "the search waited for the whole burst"
        embedded = sum("MARKER-9" in t for t in model.passages_embedded)
        assert embedded < len(burst), "the search answered only after the whole burst"
        assert not indexing.done()
        r = searching.result()
        assert r.status_code == 200, r.text
        assert r.json()["items"][0]["challenge_id"] == challenges[3]["id"]

        model.release.set()
        model.steps.release(len(burst))
        await indexing
        ranking = f"/matching/challenges/{challenges[0]['id']}/proposals"
        r = await other.get(ranking, headers=world.dept_a.headers)
        assert r.status_code == 200, r.text
        ids = {i["proposal_id"] for i in r.json()["items"]}
        assert ids == {p["id"] for p in burst if p["challenge_id"] == challenges[0]["id"]}
        assert sum("MARKER-9" in t for t in model.passages_embedded) == len(burst)


async def test_a_repeated_search_answers_while_the_model_is_busy(
    client: httpx.AsyncClient,
    world: World,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same words searched again (say with a sector filter) reuse their query vector, so
    they do not queue behind indexing on the model's thread; new words do."""
    ch = await published_challenge(client, world.dept_a)
    async with _gated_worker(settings, monkeypatch) as (worker, other, embedder):
        headers = world.startup_a.headers
        r = await other.get("/matching/search", params={"q": "hồ sơ bệnh án"}, headers=headers)
        assert r.status_code == 200, r.text
        assert r.json()["items"][0]["challenge_id"] == ch["id"]
        embedder.hold = lambda texts: any("MARKER-5" in t for t in texts)
        await submit_proposal(client, world.startup_a, ch["id"], title="MARKER-5 EMR")
        indexing = asyncio.create_task(worker.state.matching.catch_up())
        assert await asyncio.to_thread(embedder.entered.wait, 10), "the proposal was never embedded"

        again = {"q": "hồ sơ bệnh án", "sector": "health"}
        r = await asyncio.wait_for(other.get("/matching/search", params=again, headers=headers), 10)
        assert r.status_code == 200, r.text
        assert r.json()["items"][0]["challenge_id"] == ch["id"]
        new_words = asyncio.create_task(
            other.get("/matching/search", params={"q": "bệnh viện quận"}, headers=headers)
        )
        await asyncio.sleep(0.2)
        assert not new_words.done()  # its query must be embedded, behind the held proposal
        embedder.release.set()
        await indexing
        r = await new_words
        assert r.status_code == 200, r.text
        assert r.json()["items"][0]["challenge_id"] == ch["id"]
