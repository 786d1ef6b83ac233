"""pgvector matching_vector

The dense index of matching in PostgreSQL (``services.matching.pgvector``), created only
where the ``vector`` extension is available; a no-op on SQLite and on PostgreSQL without
pgvector. The table is not part of the SQLAlchemy models: ``migrations/env.py`` leaves it
out of autogenerate comparisons.

``vector(384)`` is the dimension of multilingual-e5-small; a model of another dimension
needs a new migration.

Revision ID: 2a0419655e2c
Revises: 8ca082753c5d
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "2a0419655e2c"
down_revision: str | None = "8ca082753c5d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DIM = 384  # the column type below

# PL/pgSQL blocks, so the check happens in the database (also with `alembic upgrade --sql`).
UPGRADE = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        CREATE EXTENSION IF NOT EXISTS vector;
        CREATE TABLE IF NOT EXISTS matching_vector (
            namespace text NOT NULL,
            key text NOT NULL,
            embedding vector(384) NOT NULL,
            CONSTRAINT pk_matching_vector PRIMARY KEY (namespace, key)
        );
        CREATE INDEX IF NOT EXISTS ix_matching_vector_embedding_hnsw
            ON matching_vector USING hnsw (embedding vector_cosine_ops)
            WITH (m = 16, ef_construction = 64);
    END IF;
END
$$
"""

DOWNGRADE = """
DO $$
BEGIN
    DROP TABLE IF EXISTS matching_vector;
    BEGIN
        DROP EXTENSION IF EXISTS vector;
    EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
        RAISE NOTICE 'extension vector kept: other objects use it or it is not ours to drop';
    END;
END
$$
"""


def upgrade() -> None:
    """Apply this revision."""
    if op.get_context().dialect.name == "postgresql":
        op.execute(UPGRADE)


def downgrade() -> None:
    """Revert this revision."""
    if op.get_context().dialect.name == "postgresql":
        op.execute(DOWNGRADE)
