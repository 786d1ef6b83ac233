"""Every query on matching's embedding table."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.db import utcnow
from services.matching.models import Embedding

_CHUNK = 500


class EmbeddingRepository:
    """Stored vectors keyed by (kind, entity, model) and checked against the content hash.

    A row holds one vector per chunk of the text, as an (m, dim) float32 matrix.
    """

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find(
        self, kind: str, model_id: str, wanted: dict[uuid.UUID, str]
    ) -> dict[uuid.UUID, np.ndarray]:
        """Chunk matrices whose stored content hash equals the wanted one."""
        found: dict[uuid.UUID, np.ndarray] = {}
        ids = list(wanted)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            stmt = select(Embedding).where(
                Embedding.kind == kind,
                Embedding.model_id == model_id,
                Embedding.entity_id.in_(chunk),
            )
            for row in (await self.session.scalars(stmt)).all():
                if row.content_hash == wanted[row.entity_id]:
                    flat = np.frombuffer(row.vector, dtype=np.float32)
                    found[row.entity_id] = flat.reshape(-1, row.dim).copy()
        return found

    async def save(
        self,
        kind: str,
        model_id: str,
        items: Sequence[tuple[uuid.UUID, str]],
        matrices: Sequence[np.ndarray],
    ) -> None:
        """Insert or replace the chunk vectors of each (entity, hash) item.

        An upsert, not delete-then-insert: two workers (or matching replicas) that embed the
        same new text at once must both succeed, whichever commits first.
        """
        if not items:
            return
        now = utcnow()
        rows = [
            {
                "kind": kind,
                "entity_id": entity_id,
                "model_id": model_id,
                "content_hash": content_hash,
                "dim": int(matrix.shape[1]),
                "vector": np.ascontiguousarray(matrix, dtype=np.float32).tobytes(),
                "created_at": now,
            }
            for matrix, (entity_id, content_hash) in zip(matrices, items, strict=True)
        ]
        dialect = self.session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        stmt = insert(Embedding)
        stmt = stmt.on_conflict_do_update(
            index_elements=[Embedding.kind, Embedding.entity_id, Embedding.model_id],
            set_={
                name: stmt.excluded[name]
                for name in ("content_hash", "dim", "vector", "created_at")
            },
        )
        for start in range(0, len(rows), _CHUNK):
            await self.session.execute(stmt, rows[start : start + _CHUNK])
