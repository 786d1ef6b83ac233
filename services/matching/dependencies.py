"""Matching dependencies: the engine, caught up on the feeds a ranking depends on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from services.matching.readers import Feed
from services.matching.service import MatchingEngine


async def current_engine(request: Request) -> MatchingEngine:
    """The process's engine as it is (free-text search catches up on its target's feed itself)."""
    engine: MatchingEngine = request.app.state.matching
    return engine


def fresh_engine(*feeds: Feed) -> Callable[[Request], Awaitable[MatchingEngine]]:
    """A dependency: the process's engine once it has applied every pending change of ``feeds``."""

    async def caught_up(request: Request) -> MatchingEngine:
        engine = await current_engine(request)
        await engine.catch_up(feeds)
        return engine

    return caught_up


Engine = Annotated[MatchingEngine, Depends(current_engine)]
# A ranking reads the corpus of its query and the corpus it ranks (also to authorise the call):
# challenges with proposals, challenges with profiles (either way round), or challenges alone.
EngineForProposals = Annotated[MatchingEngine, Depends(fresh_engine("challenges", "proposals"))]
EngineForProfiles = Annotated[MatchingEngine, Depends(fresh_engine("challenges", "profiles"))]
EngineForChallenges = Annotated[MatchingEngine, Depends(fresh_engine("challenges"))]
