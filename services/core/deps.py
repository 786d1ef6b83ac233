"""Annotated dependency aliases shared by every router."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.db import request_session

SessionDep = Annotated[AsyncSession, Depends(request_session, scope="function")]
