"""The matching service as its own process, and its wiring into the all-in-one app."""

from __future__ import annotations

import asyncio
import logging

from fastapi import FastAPI

from services.core.app import build_app
from services.core.ratelimit import RateLimiter
from services.core.settings import Settings, get_settings
from services.matching.embedder import EmbedderHolder
from services.matching.readers import make_feed_reader
from services.matching.router import router
from services.matching.service import MatchingEngine

log = logging.getLogger("oip.matching")


def _dense_options(settings: Settings) -> dict[str, object]:
    if settings.vector_index != "pgvector":
        return {}
    url = settings.pgvector_url or settings.resolved_database_url
    return {"url": url, "ef_search": settings.pgvector_ef_search}


def init_matching(app: FastAPI) -> None:
    """Create the process's model holder and engine (nothing is loaded yet)."""
    settings: Settings = app.state.settings
    holder = EmbedderHolder(settings)
    reader = make_feed_reader(settings, app.state.sessionmaker, app.state.http_client)
    app.state.matching = MatchingEngine(
        holder,
        reader,
        app.state.sessionmaker,
        dense_kind=settings.vector_index,
        overlap_seconds=settings.feed_overlap_seconds,
        dense_options=_dense_options(settings),
    )
    app.state.rate_limiters = {
        "matching": RateLimiter(settings.rate_limit_matching, settings.rate_limit_storage)
    }
    app.state.readiness_probes["model"] = holder.describe
    app.state.readiness_probes["index"] = app.state.matching.stats


async def keep_index_warm(app: FastAPI) -> None:
    """Load the model and follow the feeds in the background, so rankings rarely wait."""
    engine: MatchingEngine = app.state.matching
    settings: Settings = app.state.settings
    try:
        while True:
            try:
                applied = await engine.catch_up()
                if applied:
                    log.info("matching index applied %d changes", applied)
            except Exception:
                log.warning("matching catch-up failed", exc_info=True)
            await asyncio.sleep(settings.feed_poll_seconds)
    finally:
        engine.holder.close()


ROUTERS = [router]
BACKGROUND = [keep_index_warm]
STARTUP = [init_matching]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the matching service."""
    return build_app(
        title="OIP matching",
        settings=settings or get_settings(),
        routers=ROUTERS,
        background=BACKGROUND,
        startup=STARTUP,
        description="Multilingual ranking of proposals, startups and challenges.",
    )
