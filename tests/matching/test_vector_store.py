"""A bulk of new texts is stored in short write transactions, and every vector is kept."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from sqlalchemy import event, func, select

from services.matching.models import Embedding
from services.matching.service import VECTOR_WRITE_BATCH, MatchingEngine
from tests.conftest import World
from tests.factories import create_challenge


async def test_a_bulk_import_stores_every_vector_in_short_write_transactions(
    app: FastAPI, client: httpx.AsyncClient, world: World
) -> None:
    count = 2 * VECTOR_WRITE_BATCH + 5  # two full batches and a partial one
    for n in range(count):
        await create_challenge(client, world.dept_a, title=f"Đề bài số {n}: số hóa hồ sơ")
    matching: MatchingEngine = app.state.matching
    commits: list[int] = []
    listener = lambda _conn: commits.append(1)  # noqa: E731
    event.listen(app.state.engine.sync_engine, "commit", listener)
    try:
        assert await matching.catch_up() == count
    finally:
        event.remove(app.state.engine.sync_engine, "commit", listener)
    async with app.state.sessionmaker() as session:
        stored = await session.scalar(
            select(func.count()).select_from(Embedding).where(Embedding.kind == "challenge")
        )
    assert stored == count
    assert len(commits) >= 3  # one write transaction per batch, none holding the whole import
    # Unchanged texts are not embedded again: a fresh engine finds every vector stored.
    await matching.reset()
    encoded: list[int] = []
    original = matching.holder.run

    async def counting_run(fn, *args):  # type: ignore[no-untyped-def]
        encoded.append(1)
        return await original(fn, *args)

    matching.holder.run = counting_run  # type: ignore[method-assign]
    try:
        assert await matching.catch_up() == count
    finally:
        matching.holder.run = original  # type: ignore[method-assign]
    assert encoded == []
