"""Alembic is the only way the schema changes: upgrade, model parity, downgrade, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.config import Config
from pytest_alembic.tests import (  # noqa: F401  (collected as tests here)
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import Engine, create_engine, inspect

from services.core import migrate
from tests.conftest import throwaway_pg_database


@pytest.fixture(params=["sqlite", "postgres"])
def alembic_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A sync engine on an empty database of each backend."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
        yield engine
        engine.dispose()
        return
    with throwaway_pg_database() as url:
        engine = create_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture
def alembic_config() -> Config:
    """Our Alembic configuration."""
    return migrate.alembic_config("sqlite://")


def test_upgrade_then_downgrade_to_base_leaves_no_tables(alembic_engine: Engine) -> None:
    url = alembic_engine.url.render_as_string(hide_password=False)
    async_url = url.replace("sqlite://", "sqlite+aiosqlite://", 1)
    migrate.upgrade(async_url)
    tables = set(inspect(alembic_engine).get_table_names())
    assert {"challenges_challenge", "solutions_proposal", "orgs_organisation"} <= tables
    migrate.downgrade(async_url, "base")
    assert set(inspect(alembic_engine).get_table_names()) <= {"alembic_version"}
