"""Catch-up re-reads only the changes that may have committed late, never an old import again."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update

from services.challenges.models import Challenge
from services.core.db import make_engine, make_write_sessionmaker
from services.core.errors import Unavailable
from services.core.settings import Settings
from services.matching.readers import (
    FEEDS,
    Feed,
    FeedReader,
    HttpFeedReader,
    InProcessFeedReader,
    service_principal,
)
from services.matching.service import MatchingEngine
from tests.conftest import World
from tests.e2e.servers import free_port
from tests.factories import published_challenge


class CountingReader:
    """Wraps the engine's feed reader and counts the items each read returns."""

    def __init__(self, inner: FeedReader) -> None:
        self.inner = inner
        self.items: list[int] = []

    async def read(
        self, feed: Feed, since: str | None, limit: int
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Read through the wrapped reader and remember how many items came back."""
        items, cursor = await self.inner.read(feed, since, limit)
        self.items.append(len(items))
        return items, cursor

    async def read_many(
        self, since: Mapping[Feed, str | None], limit: int
    ) -> dict[Feed, tuple[list[dict[str, Any]], str | None]]:
        """Read each feed through `read`, so every page is counted."""
        return {feed: await self.read(feed, cursor, limit) for feed, cursor in since.items()}


@pytest.fixture
async def engine(app: FastAPI) -> AsyncIterator[tuple[MatchingEngine, CountingReader]]:
    """The app's matching engine with a counting reader, restored afterwards."""
    matching: MatchingEngine = app.state.matching
    original = matching.reader
    counting = CountingReader(original)
    matching.reader = counting
    try:
        yield matching, counting
    finally:
        matching.reader = original


def _shift_last_read(matching: MatchingEngine, hours: float) -> None:
    """Pretend every feed's last read began `hours` later than it did."""
    for feed, started in matching.read_started.items():
        if started is not None:
            matching.read_started[feed] = started + timedelta(hours=hours)


async def test_an_old_import_is_not_read_again_once_the_window_has_passed(
    client: httpx.AsyncClient, world: World, engine: tuple[MatchingEngine, CountingReader]
) -> None:
    """Within the overlap window recent rows are re-read; after it, a catch-up reads nothing."""
    matching, reader = engine
    for n in range(3):
        await published_challenge(client, world.dept_a, title=f"Đề bài số {n}")
    await matching.catch_up()
    reader.items.clear()
    await matching.catch_up()
    assert sum(reader.items) >= 3  # still inside the window: re-read, harmless
    # The window is measured from when the last read began, not from the newest row: as if
    # that read had happened two hours after the import.
    _shift_last_read(matching, hours=2)
    reader.items.clear()
    await matching.catch_up()
    assert sum(reader.items) == 0


async def test_a_change_that_commits_after_a_read_with_an_older_timestamp_is_indexed(
    client: httpx.AsyncClient,
    world: World,
    engine: tuple[MatchingEngine, CountingReader],
    db_url: str,
) -> None:
    """A write whose timestamp predates the last read (a slow transaction) still reaches the index."""
    matching, _ = engine
    first = await published_challenge(client, world.dept_a, title="Số hóa hồ sơ bệnh án")
    late = await published_challenge(client, world.dept_a, title="Bản đồ ngập nước đô thị")
    await matching.catch_up()
    # Make `late` look as if its transaction had stamped it before `first` but committed only
    # now, after the read above: its updated_at lies below the feed's high-water mark.
    db = make_engine(db_url)
    try:
        async with make_write_sessionmaker(db)() as session, session.begin():
            stamp = await session.scalar(
                select(Challenge.updated_at).where(Challenge.id == uuid.UUID(first["id"]))
            )
            assert stamp is not None
            await session.execute(
                update(Challenge)
                .where(Challenge.id == uuid.UUID(late["id"]))
                .values(title="Cảnh báo ngập nước theo thời gian thực", updated_at=stamp)
            )
    finally:
        await db.dispose()
    await matching.catch_up()
    entry = matching.corpora["challenge"].entries[uuid.UUID(late["id"])]
    assert entry.title == "Cảnh báo ngập nước theo thời gian thực"


async def test_both_readers_read_the_three_feeds_alike_and_a_dead_service_is_unavailable(
    app: FastAPI, client: httpx.AsyncClient, world: World, settings: Settings
) -> None:
    """In process (one read transaction) and over HTTP (concurrent reads) give the same pages."""
    await published_challenge(client, world.dept_a, title="Số hóa hồ sơ bệnh án")
    in_process: InProcessFeedReader = app.state.matching.reader
    principal = service_principal(settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://oip.test") as http:
        urls: dict[Feed, str] = dict.fromkeys(FEEDS, "http://oip.test")
        over_http = HttpFeedReader(http, urls, principal)
        since: dict[Feed, str | None] = dict.fromkeys(FEEDS)
        local, remote = await in_process.read_many(since, 50), await over_http.read_many(since, 50)
    assert local == remote
    titles = [item["title"] for item in local["challenges"][0]]
    assert titles == ["Số hóa hồ sơ bệnh án"]
    assert local["challenges"] == await in_process.read("challenges", None, 50)

    # Nothing listens on the proposals service's port: after its retries, 503 Unavailable
    # while the other two reads succeed.
    mounts = {"http://oip.test": httpx.ASGITransport(app=app)}
    async with httpx.AsyncClient(mounts=mounts, timeout=2.0) as real:
        dead_url = f"http://127.0.0.1:{free_port()}"
        dead = HttpFeedReader(real, {**urls, "proposals": dead_url}, principal)
        with pytest.raises(Unavailable, match="proposals feed is unavailable"):
            await dead.read_many(since, 50)
