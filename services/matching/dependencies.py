"""Matching dependencies: the engine, caught up before every ranking."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.matching.service import MatchingEngine


async def fresh_engine(request: Request) -> MatchingEngine:
    """The process's matching engine, after it has applied every pending change."""
    engine: MatchingEngine = request.app.state.matching
    await engine.catch_up()
    return engine


EngineDep = Annotated[MatchingEngine, Depends(fresh_engine)]
