"""The solutions service as its own process: startup profiles and proposals."""

from __future__ import annotations

from fastapi import FastAPI

from services.core.app import build_app
from services.core.settings import Settings, get_settings
from services.solutions.router import feed_router, router

ROUTERS = [router, feed_router]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the solutions service."""
    return build_app(
        title="OIP solutions",
        settings=settings or get_settings(),
        routers=ROUTERS,
        description="Startup profiles and confidential proposals.",
    )
