"""The challenges service as its own process (it also serves the organisation directory)."""

from __future__ import annotations

import asyncio
import logging

from fastapi import FastAPI

from services.challenges import service
from services.challenges.router import feed_router
from services.challenges.router import router as challenges_router
from services.core.app import build_app
from services.core.settings import Settings, get_settings
from services.orgs.router import router as orgs_router

log = logging.getLogger("oip.challenges")


async def deadline_sweeper(app: FastAPI) -> None:
    """Persist the automatic close of challenges whose deadline passed (readers never wait for it)."""
    settings: Settings = app.state.settings
    while True:
        try:
            async with app.state.write_sessionmaker() as session, session.begin():
                closed = await service.close_expired(session)
            if closed:
                log.info("closed %d challenges past their deadline", closed)
        except Exception:
            log.warning("deadline sweep failed", exc_info=True)
        await asyncio.sleep(settings.deadline_sweep_seconds)


ROUTERS = [orgs_router, challenges_router, feed_router]
BACKGROUND = [deadline_sweeper]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the challenges service."""
    return build_app(
        title="OIP challenges",
        settings=settings or get_settings(),
        routers=ROUTERS,
        background=BACKGROUND,
        description="Departments post challenges; organisations directory.",
    )
