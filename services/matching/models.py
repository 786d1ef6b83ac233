"""Matching's own tables: embeddings of challenges, profiles and proposals."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from services.core.db import Base, UTCDateTime, utcnow


class Embedding(Base):
    """One vector per (kind, entity, model); `content_hash` says which text it embeds.

    `kind` names the entity and the side: `challenge` (as a passage), `challenge_query`,
    `profile`, `profile_query`, `proposal`. Unchanged text is never re-embedded; a new model
    id gets its own rows.
    """

    __tablename__ = "matching_embedding"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    model_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
