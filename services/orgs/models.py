"""Organisations: the city's departments and the registered startups."""

from __future__ import annotations

import uuid

from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from services.core.db import Base, TimestampMixin, new_id


class Organisation(TimestampMixin, Base):
    """A department or a startup; tokens name it in their ``org`` claim."""

    __tablename__ = "orgs_organisation"

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200))
