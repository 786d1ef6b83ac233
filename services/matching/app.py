"""The matching service as its own process."""

from __future__ import annotations

from fastapi import FastAPI

from services.core.app import build_app
from services.core.settings import Settings, get_settings
from services.matching.router import router

ROUTERS = [router]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the matching service."""
    return build_app(
        title="OIP matching",
        settings=settings or get_settings(),
        routers=ROUTERS,
        description="Multilingual ranking of proposals, startups and challenges.",
    )
