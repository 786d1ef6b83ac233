"""The SQLite engine: statements run on the loop's thread, so writers must queue, never deadlock."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.core.db import make_engine, make_sessionmaker, make_write_sessionmaker

# A generous guard against a hang, not a timing assertion: a deadlocked writer waits forever.
HANG = 60.0


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """An engine on a fresh SQLite file with one table."""
    eng = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'gate.db'}")
    async with eng.begin() as conn:
        await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT NOT NULL)"))
    yield eng
    await eng.dispose()


async def _rows(engine: AsyncEngine) -> list[str]:
    async with make_sessionmaker(engine)() as session:
        return list((await session.scalars(text("SELECT who FROM t ORDER BY id"))).all())


async def test_concurrent_writers_in_one_loop_all_commit(
    engine: AsyncEngine,
) -> None:
    """Writers that yield inside their transaction take turns instead of blocking the loop."""
    writes = make_write_sessionmaker(engine)

    async def writer(n: int) -> None:
        async with writes() as session:
            await session.execute(text("INSERT INTO t (who) VALUES (:w)"), {"w": f"w{n:02d}"})
            await asyncio.sleep(0.001)  # hold the write lock across an await
            await session.commit()

    await asyncio.wait_for(asyncio.gather(*(writer(n) for n in range(30))), HANG)
    assert sorted(await _rows(engine)) == [f"w{n:02d}" for n in range(30)]


async def test_a_failed_write_lets_the_next_writer_in(engine: AsyncEngine) -> None:
    """A transaction that fails (here: a constraint violation) releases the writers' queue."""
    writes = make_write_sessionmaker(engine)
    with pytest.raises(Exception, match="NOT NULL"):
        async with writes() as session:
            await session.execute(text("INSERT INTO t (who) VALUES (NULL)"))
            await session.commit()

    async def ok() -> None:
        async with writes() as session:
            await session.execute(text("INSERT INTO t (who) VALUES ('after')"))
            await session.commit()

    await asyncio.wait_for(ok(), HANG)
    async with writes() as session:  # closed without commit: rolled back, queue released
        await session.execute(text("INSERT INTO t (who) VALUES ('discarded')"))
    await asyncio.wait_for(ok(), HANG)
    assert await _rows(engine) == ["after", "after"]


async def test_reads_go_on_while_a_writer_holds_the_lock(engine: AsyncEngine) -> None:
    """WAL: a reader never queues behind a writer of this process."""
    writes = make_write_sessionmaker(engine)
    async with writes() as session:
        await session.execute(text("INSERT INTO t (who) VALUES ('pending')"))
        assert await asyncio.wait_for(_rows(engine), HANG) == []
        await session.commit()
    assert await _rows(engine) == ["pending"]


async def test_a_writer_waits_for_another_process_holding_the_lock(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    """Another connection (as `oip seed` in a second process) holds the lock; ours waits, then commits."""
    held = threading.Event()

    def other_writer() -> None:
        con = sqlite3.connect(tmp_path / "gate.db", isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO t (who) VALUES ('other')")
        held.set()
        threading.Event().wait(0.3)
        con.execute("COMMIT")
        con.close()

    thread = threading.Thread(target=other_writer)
    thread.start()
    assert held.wait(HANG)
    async with make_write_sessionmaker(engine)() as session:
        await session.execute(text("INSERT INTO t (who) VALUES ('ours')"))
        await session.commit()
    thread.join(HANG)
    assert await _rows(engine) == ["other", "ours"]


async def test_statements_run_on_the_loop_thread_and_commit_off_it(engine: AsyncEngine) -> None:
    """Reads and writes skip the thread hop; COMMIT (an fsync) never stalls the event loop."""
    seen: list[tuple[str, int]] = []
    async with make_write_sessionmaker(engine)() as session:
        conn = await session.connection()
        sqlite_conn = (await conn.get_raw_connection()).driver_connection._conn  # type: ignore[union-attr]
        sqlite_conn.set_trace_callback(
            lambda sql: seen.append((sql.split()[0].upper(), threading.get_ident()))
        )
        await session.execute(text("INSERT INTO t (who) VALUES ('traced')"))
        await session.execute(text("SELECT count(*) FROM t"))
        await session.commit()
    sqlite_conn.set_trace_callback(None)
    loop_thread = threading.get_ident()
    threads = {verb: ident for verb, ident in seen}
    assert threads["INSERT"] == threads["SELECT"] == loop_thread
    assert threads["COMMIT"] != loop_thread
    assert await _rows(engine) == ["traced"]
