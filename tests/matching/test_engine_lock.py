"""A ranking that must embed its explanation passages does not hold up the process's other rankings."""

from __future__ import annotations

import asyncio
import threading

import httpx
import numpy as np
import pytest
from asgi_lifespan import LifespanManager

from services.core.settings import Settings
from services.main import create_all_in_one
from tests.conftest import World
from tests.factories import published_challenge
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
    """Holds every passage embedding outside the indexing thread (explanations) until released."""

    def __init__(self, dim: int = 64) -> None:
        super().__init__(dim)
        self.entered = threading.Event()
        self.release = threading.Event()

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """Wait for the test's signal when called for an explanation, then embed."""
        if not threading.current_thread().name.startswith("oip-encode"):
            self.entered.set()
            self.release.wait(30)
        return super().encode_passages(texts)


async def test_other_rankings_answer_while_cross_lingual_passages_are_embedded(
    client: httpx.AsyncClient,
    world: World,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    traffic = await published_challenge(client, world.dept_a, **TRAFFIC)
    health = await published_challenge(client, world.dept_a)
    monkeypatch.setattr("services.matching.embedder.FakeEmbedder", _GatedEmbedder)
    worker = create_all_in_one(settings)  # a process whose model is the gated embedder
    async with LifespanManager(worker):
        embedder = await worker.state.matching.holder.get()
        assert isinstance(embedder, _GatedEmbedder)
        transport = httpx.ASGITransport(app=worker)
        async with httpx.AsyncClient(transport=transport, base_url="http://worker") as other:
            search = "/matching/search"
            headers = world.startup_a.headers
            lexical = {"q": "bệnh án", "method": "lexical"}  # no passage chosen by cosine
            warm = await other.get(search, params=lexical, headers=headers)
            assert warm.status_code == 200, warm.text  # indexed, nothing gated yet
            assert not embedder.entered.is_set()

            # English words only: the Vietnamese challenge shares none of them, so its
            # passages are chosen by cosine, which embeds them (held by the gate).
            english = asyncio.create_task(
                other.get(search, params={"q": "lights congestion"}, headers=headers)
            )
            try:
                entered = await asyncio.to_thread(embedder.entered.wait, 10)
                assert entered, "the cross-lingual search never embedded its passages"
                # Meanwhile another ranking (catch-up included) answers at once.
                r = await asyncio.wait_for(
                    other.get(search, params=lexical, headers=headers),
                    timeout=10,
                )
                assert r.status_code == 200, r.text
                assert r.json()["items"][0]["challenge_id"] == health["id"]
                assert not english.done()
            finally:
                embedder.release.set()
            r = await english
    assert r.status_code == 200, r.text
    top = r.json()["items"][0]
    assert top["challenge_id"] == traffic["id"]
    passages = top["explanation"]["passages"]
    assert passages and all("đèn" in p.lower() or "ùn tắc" in p.lower() for p in passages), passages
