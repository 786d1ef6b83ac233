"""The all-in-one app: the three services in one process, or one of them by ``OIP_SERVICE``."""

from __future__ import annotations

from fastapi import FastAPI

from services.challenges import app as challenges_app
from services.core.app import build_app
from services.core.settings import Settings, get_settings
from services.matching import app as matching_app
from services.solutions import app as solutions_app

DESCRIPTION = (
    "Open-innovation platform for Ho Chi Minh City: departments post challenges (đặt hàng), "
    "startups answer with proposals, and matching ranks them. Every error is RFC 9457 "
    "`application/problem+json`."
)


def create_all_in_one(settings: Settings | None = None) -> FastAPI:
    """Build the all-in-one app with every service's routers and background jobs."""
    return build_app(
        title="OIP — open innovation platform",
        settings=settings or get_settings(),
        routers=[*challenges_app.ROUTERS, *solutions_app.ROUTERS, *matching_app.ROUTERS],
        background=[*challenges_app.BACKGROUND, *matching_app.BACKGROUND],
        startup=[*matching_app.STARTUP],
        description=DESCRIPTION,
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app selected by OIP_SERVICE: all (default), challenges, solutions or matching."""
    settings = settings or get_settings()
    factories = {
        "all": create_all_in_one,
        "challenges": challenges_app.create_app,
        "solutions": solutions_app.create_app,
        "matching": matching_app.create_app,
    }
    return factories[settings.service](settings)
