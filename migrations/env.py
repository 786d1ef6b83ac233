"""Alembic environment: async engines, every service's models, batch mode on SQLite."""

from __future__ import annotations

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, Engine
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

import services.audit.models
import services.challenges.models
import services.core.idempotency
import services.matching.models
import services.orgs.models
import services.solutions.models  # noqa: F401  (register every table)
from services.core.db import Base
from services.core.settings import Settings

config = context.config
if config.config_file_name and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name)

target_metadata = Base.metadata

# Tables that migrations create with raw SQL and the models do not describe.
UNMANAGED_TABLES = {"matching_vector"}  # pgvector dense index, see services/matching/pgvector.py


def _include_name(name: str | None, type_: str, parent_names: object) -> bool:
    return not (type_ == "table" and name in UNMANAGED_TABLES)


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or Settings().resolved_database_url


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    is_sqlite = (url or "").startswith("sqlite") or (
        connection is not None and connection.dialect.name == "sqlite"
    )
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        render_as_batch=is_sqlite,
        compare_type=True,
        include_name=_include_name,
        literal_binds=connection is None,
    )


def run_migrations_offline() -> None:
    """Emit SQL without a database connection."""
    _configure(url=_url())
    with context.begin_transaction():
        context.run_migrations()


def _run_sync(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    engine = create_async_engine(_url(), poolclass=NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_run_sync)
        await connection.commit()
    await engine.dispose()


def run_migrations_online() -> None:
    """Run migrations against the database (an existing connection when a caller passes one)."""
    connection = config.attributes.get("connection")
    if isinstance(connection, Engine):
        with connection.begin() as conn:
            _run_sync(conn)
        return
    if connection is not None:
        _run_sync(connection)
        return
    asyncio.run(_run_async())


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
