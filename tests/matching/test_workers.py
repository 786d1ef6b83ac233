"""Several worker processes (`oip serve --workers N`, or matching replicas) on one database.

Each worker has its own matching index. It must rank what another worker just wrote, and two
workers that embed the same new text at once must both store it without failing.
"""

from __future__ import annotations

import asyncio
import uuid

import httpx
import numpy as np
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import func, select

from services.core.db import WRITE_OPTION
from services.core.settings import Settings
from services.main import create_all_in_one
from services.matching.models import Embedding
from services.matching.repository import EmbeddingRepository
from tests.conftest import World
from tests.factories import published_challenge, submit_proposal


async def test_a_second_worker_ranks_what_the_first_one_just_wrote(
    app: FastAPI, client: httpx.AsyncClient, world: World, settings: Settings
) -> None:
    other = create_all_in_one(settings)
    async with LifespanManager(other):
        transport = httpx.ASGITransport(app=other)
        async with httpx.AsyncClient(transport=transport, base_url="http://worker-2") as second:
            ch = await published_challenge(client, world.dept_a)
            url = f"/matching/challenges/{ch['id']}/proposals"
            # both workers have indexed the challenge; the proposal is written through the first
            for worker in (client, second):
                r = await worker.get(url, headers=world.dept_a.headers)
                assert r.status_code == 200, r.text
                assert r.json()["items"] == []
            p = await submit_proposal(client, world.startup_a, ch["id"])
            r = await second.get(url, headers=world.dept_a.headers)
            assert r.status_code == 200, r.text
            assert [i["proposal_id"] for i in r.json()["items"]] == [p["id"]]

            # a second proposal, then both workers catch up at the same moment: both succeed
            # and each text is stored once
            q = await submit_proposal(
                client, world.startup_b, ch["id"], title="Hồ sơ sức khỏe điện tử cho trạm y tế"
            )
            results = await asyncio.gather(
                app.state.matching.catch_up(), other.state.matching.catch_up()
            )
            assert sum(results) >= 1
            for worker in (client, second):
                r = await worker.get(url, headers=world.dept_a.headers)
                assert {i["proposal_id"] for i in r.json()["items"]} == {p["id"], q["id"]}
        async with app.state.sessionmaker() as session:
            stored = await session.scalar(
                select(func.count())
                .select_from(Embedding)
                .where(Embedding.kind == "proposal", Embedding.entity_id == uuid.UUID(q["id"]))
            )
        assert stored == 1


async def test_two_workers_storing_the_same_new_vector_both_succeed(
    app: FastAPI, client: httpx.AsyncClient, db_url: str
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite takes its write lock up front, so two writers cannot interleave")
    entity = uuid.uuid4()
    key = ("proposal", "test-model")
    first_vector = np.full((1, 4), 0.5, dtype=np.float32)
    second_vector = np.full((1, 4), 0.25, dtype=np.float32)
    sessions = app.state.sessionmaker
    async with sessions() as first, sessions() as second:
        # The first worker stores the text's vector but has not committed yet...
        await first.connection(execution_options={WRITE_OPTION: True})
        await EmbeddingRepository(first).save(*key, [(entity, "h1")], [first_vector])
        # ...when the second one, which found nothing stored either, stores the same text's.
        await second.connection(execution_options={WRITE_OPTION: True})
        pending = asyncio.create_task(
            EmbeddingRepository(second).save(*key, [(entity, "h1")], [second_vector])
        )
        await asyncio.sleep(0.3)
        assert not pending.done()  # PostgreSQL holds it until the first one's row is settled
        await first.commit()
        await asyncio.wait_for(pending, 10)  # must not fail on the row it could not see
        await second.commit()
    async with sessions() as session:
        found = await EmbeddingRepository(session).find(*key, {entity: "h1"})
    assert list(found) == [entity]
    np.testing.assert_array_equal(found[entity], second_vector)
