"""Matching dependencies: the engine, caught up on the feeds a ranking depends on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from services.matching.readers import FEEDS, Feed
from services.matching.service import MatchingEngine


def fresh_engine(*feeds: Feed) -> Callable[[Request], Awaitable[MatchingEngine]]:
    """A dependency: the process's engine once it has applied every pending change of ``feeds``."""

    async def caught_up(request: Request) -> MatchingEngine:
        engine: MatchingEngine = request.app.state.matching
        await engine.catch_up(feeds)
        return engine

    return caught_up


# A ranking reads the corpus of its query and the corpus it ranks (also to authorise the call):
# challenges with proposals, challenges with profiles (either way round), or challenges alone.
EngineAllFeeds = Annotated[MatchingEngine, Depends(fresh_engine(*FEEDS))]
EngineForProposals = Annotated[MatchingEngine, Depends(fresh_engine("challenges", "proposals"))]
EngineForProfiles = Annotated[MatchingEngine, Depends(fresh_engine("challenges", "profiles"))]
EngineForChallenges = Annotated[MatchingEngine, Depends(fresh_engine("challenges"))]
