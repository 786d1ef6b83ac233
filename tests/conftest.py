"""Shared fixtures: every database test runs on SQLite and on PostgreSQL, schema built by Alembic."""

from __future__ import annotations

import contextlib
import os
import secrets
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import text

from services.core import migrate
from services.core.auth import Role, issue_token
from services.core.db import Base, make_engine
from services.core.settings import Settings
from services.main import create_all_in_one

# No test may reach a model hub: the machine has no internet and CI must not depend on one.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

PG_ADMIN_URL = os.environ.get("OIP_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
TEST_SECRET = "test-secret-" + "x" * 40


def _pg_url_for(dbname: str) -> str:
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return base.replace("postgresql://", "postgresql+psycopg://", 1) + "/" + dbname


@contextlib.contextmanager
def throwaway_pg_database() -> Iterator[str]:
    """Create a uniquely named PostgreSQL database and drop it afterwards; skip if unreachable."""
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL unreachable at {PG_ADMIN_URL}: {exc}")
    name = f"oip_test_{os.getpid()}_{secrets.token_hex(3)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url_for(name)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A throwaway PostgreSQL database for this test session."""
    with throwaway_pg_database() as url:
        yield url


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The database URL of one backend, migrated to head."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sqlite') / 'oip.db'}"
    else:
        url = request.getfixturevalue("pg_database")
    migrate.upgrade(url)
    return url


def make_settings(db_url: str, data_dir: Path, **overrides: object) -> Settings:
    """Test settings on the given database."""
    values: dict[str, object] = {
        "env": "test",
        "database_url": db_url,
        "data_dir": data_dir,
        "jwt_secret": TEST_SECRET,
        "deadline_sweep_seconds": 3600.0,
        "embedding_model": "fake",
        # Freezing the heap at every app start would keep each test's dead apps forever;
        # tests/core/test_heap.py covers it.
        "gc_freeze": False,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def settings(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the app under test."""
    return make_settings(db_url, tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    """The all-in-one app, started once per backend."""
    application = create_all_in_one(settings)
    async with LifespanManager(application):
        yield application


async def truncate_all(url: str) -> None:
    """Delete every row of every table (keeps the schema and alembic_version)."""
    engine = make_engine(url)
    async with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            await conn.execute(text(f"DELETE FROM {table.name}"))
    await engine.dispose()


@contextlib.asynccontextmanager
async def clean_client(app: FastAPI, db_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """Empty the database and the matching index, then talk to the app in-process."""
    await truncate_all(db_url)
    await app.state.matching.reset()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://oip.test") as c:
        yield c


@pytest.fixture
async def client(app: FastAPI, db_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in-process, on a clean database."""
    async with clean_client(app, db_url) as c:
        yield c


@dataclass
class Actor:
    """A caller with a token."""

    role: Role
    org: uuid.UUID | None
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """Authorization header."""
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class World:
    """An admin, two departments, a reviewer of department A, two startups."""

    admin: Actor
    dept_a: Actor
    dept_b: Actor
    reviewer_a: Actor
    startup_a: Actor
    startup_b: Actor


def actor(settings: Settings, role: Role, org: uuid.UUID | None, sub: str) -> Actor:
    """Mint a token for a role."""
    return Actor(role, org, issue_token(settings, sub=sub, role=role, org=org))


@pytest.fixture
async def world(client: httpx.AsyncClient, settings: Settings) -> World:
    """Organisations created over the API by an admin, and tokens for their staff."""
    admin = actor(settings, Role.admin, None, "ops")

    async def org(kind: str, name: str) -> uuid.UUID:
        r = await client.post("/orgs", json={"kind": kind, "name": name}, headers=admin.headers)
        assert r.status_code == 201, r.text
        return uuid.UUID(r.json()["id"])

    dept_a = await org("department", "Sở Y tế TP.HCM")
    dept_b = await org("department", "Sở Giáo dục và Đào tạo TP.HCM")
    st_a = await org("startup", "MediSync")
    st_b = await org("startup", "EduNext")
    return World(
        admin=admin,
        dept_a=actor(settings, Role.department, dept_a, "alice@so-y-te"),
        dept_b=actor(settings, Role.department, dept_b, "bob@so-gd"),
        reviewer_a=actor(settings, Role.reviewer, dept_a, "rita@so-y-te"),
        startup_a=actor(settings, Role.startup, st_a, "an@medisync"),
        startup_b=actor(settings, Role.startup, st_b, "binh@edunext"),
    )
