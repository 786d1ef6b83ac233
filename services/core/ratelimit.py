"""Per-principal rate limits (429 with Retry-After), backed by the `limits` library.

The default storage is the process's memory; give several replicas a shared
`OIP_RATE_LIMIT_STORAGE` (e.g. `redis://host:6379`) so the limit holds across them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable

from fastapi import Request
from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from services.core.auth import CurrentPrincipal, Principal
from services.core.errors import TooManyRequests


class RateLimiter:
    """A moving-window limit per principal."""

    def __init__(self, limit: str, storage_uri: str) -> None:
        self.item: RateLimitItem = parse(limit)
        storage = storage_from_string(f"async+{storage_uri}")
        assert isinstance(storage, Storage)
        self.strategy = MovingWindowRateLimiter(storage)

    async def check(self, scope: str, principal: Principal) -> None:
        """Count one hit; raise 429 with Retry-After when the window is full."""
        key = f"{principal.org or '-'}:{principal.sub}"
        if await self.strategy.hit(self.item, scope, key):
            return
        stats = await self.strategy.get_window_stats(self.item, scope, key)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise TooManyRequests(
            f"rate limit of {self.item} exceeded; retry in {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )


def rate_limited(scope: str) -> Callable[..., Awaitable[None]]:
    """A dependency enforcing the app's limiter for `scope` on the authenticated caller."""

    async def dependency(request: Request, principal: CurrentPrincipal) -> None:
        limiter: RateLimiter = request.app.state.rate_limiters[scope]
        await limiter.check(scope, principal)

    return dependency
