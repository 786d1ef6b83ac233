"""Every query on matching's embedding table."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.db import utcnow
from services.matching.models import Embedding

_CHUNK = 500


class EmbeddingRepository:
    """Stored vectors keyed by (kind, entity, model) and checked against the content hash."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find(
        self, kind: str, model_id: str, wanted: dict[uuid.UUID, str]
    ) -> dict[uuid.UUID, np.ndarray]:
        """Vectors whose stored content hash equals the wanted one."""
        found: dict[uuid.UUID, np.ndarray] = {}
        ids = list(wanted)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            stmt = select(Embedding).where(
                Embedding.kind == kind, Embedding.model_id == model_id, Embedding.entity_id.in_(chunk)
            )
            for row in (await self.session.scalars(stmt)).all():
                if row.content_hash == wanted[row.entity_id]:
                    found[row.entity_id] = np.frombuffer(row.vector, dtype=np.float32).copy()
        return found

    async def save(
        self,
        kind: str,
        model_id: str,
        items: Sequence[tuple[uuid.UUID, str]],
        vectors: np.ndarray,
    ) -> None:
        """Insert or replace vectors (one per (entity, hash) item, rows aligned with `vectors`)."""
        if not items:
            return
        ids = [entity_id for entity_id, _ in items]
        for start in range(0, len(ids), _CHUNK):
            await self.session.execute(
                delete(Embedding).where(
                    Embedding.kind == kind,
                    Embedding.model_id == model_id,
                    Embedding.entity_id.in_(ids[start : start + _CHUNK]),
                )
            )
        now = utcnow()
        self.session.add_all(
            Embedding(
                kind=kind,
                entity_id=entity_id,
                model_id=model_id,
                content_hash=content_hash,
                dim=int(vectors.shape[1]),
                vector=np.ascontiguousarray(vectors[row], dtype=np.float32).tobytes(),
                created_at=now,
            )
            for row, (entity_id, content_hash) in enumerate(items)
        )
        await self.session.flush()
