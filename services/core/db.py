"""Database plumbing: declarative base, async engine, and the request-scoped session.

We use SQLAlchemy's asyncio API (aiosqlite, psycopg 3 async): measured on 2 cores it serves
several times the requests of sync sessions run in the threadpool. The session commits once,
when the path operation returns and before the response is sent (``scope="function"``), so an
acknowledged write is durable and a failed commit still reaches the client as an error.

SQLite file databases run their statements on the event loop's thread (``_InlineConnection``):
a primary-key read takes ~15 µs in SQLite itself, while handing every DB-API call to
aiosqlite's worker thread cost ~100 µs of CPU per hop, ~16 hops per request (measured: an ORM
read by id 3.7 ms of CPU through the thread, 0.6 ms inline). Only COMMIT, whose fsync takes
milliseconds, still goes to the worker thread. Waiting for SQLite's write lock must never block
the loop on a holder in the same loop, so this process's write transactions queue on an
asyncio lock first (``_WriteGate``, first come first served) and keep their turn until their
COMMIT or ROLLBACK is done; SQLite's busy timeout is left for writers in other processes.
"""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import aiosqlite
from fastapi import Request
from sqlalchemy import DateTime, MetaData, event, update
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator
from sqlalchemy.util import await_

WRITE_OPTION = "oip_write"
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base shared by every service's models."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp stored in UTC on every backend (SQLite has no time zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to UTC before storing."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, aware, in UTC, truncated to milliseconds (portable precision)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=(now.microsecond // 1000) * 1000)


def new_id() -> uuid.UUID:
    """A new random identifier."""
    return uuid.uuid4()


class TimestampMixin:
    """created_at / updated_at columns."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow, nullable=False
    )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Take over transaction control from pysqlite so writers can BEGIN IMMEDIATE (see _begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


# aiosqlite's own path: queue the call to the connection's worker thread and await it.
_on_worker_thread: Callable[..., Awaitable[Any]] = aiosqlite.Connection._execute


class _InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose statements run on the calling (event loop) thread.

    aiosqlite's worker thread opens and closes the connection and runs COMMIT (with
    synchronous=FULL its fsync takes milliseconds that must not stall the loop); everything
    else SQLAlchemy calls (cursor, execute, fetch, rollback) runs inline. A write transaction
    holds its turn in the process's write queue (``gate``) until its COMMIT or ROLLBACK is done.
    """

    gate: asyncio.Lock | None = None

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    async def commit(self) -> None:
        """Commit on the worker thread, then let the next writer in."""
        try:
            await _on_worker_thread(self, self._conn.commit)
        finally:
            self.release_gate()

    async def rollback(self) -> None:
        """Roll back (inline: no fsync), then let the next writer in."""
        try:
            await self._execute(self._conn.rollback)
        finally:
            self.release_gate()

    def release_gate(self) -> None:
        """Give up this connection's turn in the write queue, if it holds one."""
        gate, self.gate = self.gate, None
        if gate is not None:
            gate.release()


def _inline_creator(path: str) -> Callable[[], Any]:
    def connector() -> sqlite3.Connection:
        return sqlite3.connect(path, check_same_thread=False, isolation_level=None)

    async def create() -> aiosqlite.Connection:
        connection = _InlineConnection(connector, iter_chunk_size=64)
        connection._thread.daemon = True
        return await connection

    return create


class _WriteGate:
    """Lets the process's SQLite write transactions in one at a time per event loop, in arrival order."""

    def __init__(self) -> None:
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self._last: tuple[weakref.ref[asyncio.AbstractEventLoop], asyncio.Lock] | None = None

    def lock(self) -> asyncio.Lock:
        """The lock of the running event loop."""
        loop = asyncio.get_running_loop()
        if self._last is not None and self._last[0]() is loop:
            return self._last[1]
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        self._last = (weakref.ref(loop), lock)
        return lock

    def begin(self, conn: Any) -> None:
        """BEGIN; a writer first waits for its turn, then takes SQLite's write lock up front."""
        if not conn.get_execution_options().get(WRITE_OPTION, False):
            conn.exec_driver_sql("BEGIN")
            return
        driver: _InlineConnection = conn.connection.driver_connection
        lock = self.lock()
        await_(lock.acquire())
        driver.gate = lock
        try:
            # A deferred transaction that reads and then writes fails at once with SQLITE_BUSY
            # when another writer got in between; writers therefore take the write lock up front.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            driver.release_gate()
            raise

    @staticmethod
    def checkin(dbapi_connection: Any, _record: Any) -> None:
        """A connection back in the pool never keeps a turn (its transaction is over)."""
        driver = getattr(dbapi_connection, "driver_connection", None)
        if isinstance(driver, _InlineConnection):
            driver.release_gate()


def _sqlite_engine(url: str, echo: bool, pool_size: int, max_overflow: int) -> AsyncEngine:
    database = make_url(url).database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        # In-memory or URI databases keep aiosqlite's worker thread for every statement.
        memory = database in ("", ":memory:")
        engine = create_async_engine(url, echo=echo, poolclass=NullPool if memory else None)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin_threaded)
        return engine
    engine = create_async_engine(
        url,
        echo=echo,
        async_creator=_inline_creator(database),
        pool_size=pool_size,
        max_overflow=max_overflow,
    )
    gate = _WriteGate()
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    event.listen(engine.sync_engine, "begin", gate.begin)
    event.listen(engine.sync_engine.pool, "checkin", gate.checkin)
    return engine


def _sqlite_begin_threaded(conn: Any) -> None:
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


SQLITE_POOL_SIZE = 32
POSTGRES_POOL_SIZE = 20


def make_engine(url: str, *, pool_size: int | None = None, echo: bool = False) -> AsyncEngine:
    """Create an async engine for SQLite (aiosqlite, inline) or PostgreSQL (psycopg 3).

    The pool keeps ``pool_size`` connections open; under load it opens more (as many again
    on SQLite, half as many on PostgreSQL), closed as soon as they are returned. Opening a
    connection per request burst is what a loaded server would otherwise spend its time on,
    so the kept pool is sized for 64 concurrent requests (``bench/crud.py``): ``None`` means
    32 on SQLite (a connection is a file handle and a thread) and 20 on PostgreSQL (a server
    process each; at most 30 per process, as before, so several workers stay under
    ``max_connections``).
    """
    if url.startswith("sqlite"):
        size = pool_size or SQLITE_POOL_SIZE
        return _sqlite_engine(url, echo, size, size)
    size = pool_size or POSTGRES_POOL_SIZE
    return create_async_engine(
        url, echo=echo, pool_size=size, max_overflow=size // 2, pool_pre_ping=True
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """A session factory whose objects stay readable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def make_write_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions whose transactions take SQLite's write lock at their first statement."""
    return make_sessionmaker(engine.execution_options(**{WRITE_OPTION: True}))


async def request_session(request: Request) -> AsyncIterator[AsyncSession]:
    """Yield the request's session; a write request commits once, at the request boundary."""
    reading = request.method in _READ_METHODS
    state = request.app.state
    factory: async_sessionmaker[AsyncSession] = (
        state.sessionmaker if reading else state.write_sessionmaker
    )
    async with factory() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            if not reading:
                await session.commit()


async def compare_and_set(
    session: AsyncSession, model: Any, row_id: uuid.UUID, version: int, values: dict[str, Any]
) -> bool:
    """Update a versioned row only if it is still at `version`; bump the version. True if applied."""
    result = await session.execute(
        update(model)
        .where(model.id == row_id, model.version == version)
        .values(**values, version=version + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)
