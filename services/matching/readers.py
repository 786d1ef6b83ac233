"""Ports through which matching reads the other services' change feeds: in-process or httpx."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Literal, Protocol

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from services.challenges import service as challenges_service
from services.core.auth import Principal, Role, issue_token
from services.core.errors import Unavailable
from services.core.pagination import FeedParams
from services.core.settings import Settings
from services.solutions import service as solutions_service

Feed = Literal["challenges", "profiles", "proposals"]
FEEDS: tuple[Feed, ...] = ("challenges", "profiles", "proposals")


class FeedReader(Protocol):
    """Reads one page of a change feed: items (JSON-shaped dicts) and the next cursor."""

    async def read(
        self, feed: Feed, since: str | None, limit: int
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Changes after `since`, oldest first."""
        ...

    async def read_many(
        self, since: Mapping[Feed, str | None], limit: int
    ) -> dict[Feed, tuple[list[dict[str, Any]], str | None]]:
        """The first page of each of several feeds (as `read`, in one go where possible)."""
        ...


def service_principal(settings: Settings) -> Principal:
    """The identity matching uses to read feeds: a configured token, or one it signs itself."""
    if settings.service_token is not None:
        token = settings.service_token.get_secret_value()
    elif settings.jwt_algorithm == "HS256":
        token = issue_token(
            settings, sub="svc:matching", role=Role.admin, ttl_seconds=10 * 365 * 86400
        )
    else:
        token = ""
    return Principal(sub="svc:matching", role=Role.admin, org=None, token=token)


_InProcessCall = Callable[[AsyncSession, Principal, FeedParams], Awaitable[dict[str, Any]]]
_IN_PROCESS: dict[Feed, _InProcessCall] = {
    "challenges": challenges_service.challenge_changes,
    "profiles": solutions_service.profile_changes,
    "proposals": solutions_service.proposal_changes,
}


class InProcessFeedReader:
    """Calls the challenges and solutions service layers (the all-in-one deployment)."""

    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], principal: Principal
    ) -> None:
        self.sessionmaker = sessionmaker
        self.principal = principal

    async def read(
        self, feed: Feed, since: str | None, limit: int
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Read a feed page through the owning service's layer."""
        return (await self.read_many({feed: since}, limit))[feed]

    async def read_many(
        self, since: Mapping[Feed, str | None], limit: int
    ) -> dict[Feed, tuple[list[dict[str, Any]], str | None]]:
        """Read the feeds' pages in one read transaction (one consistent snapshot)."""
        pages: dict[Feed, dict[str, Any]] = {}
        async with self.sessionmaker() as session:
            for feed, cursor in since.items():
                params = FeedParams(since=cursor, limit=limit)
                pages[feed] = await _IN_PROCESS[feed](session, self.principal, params)
        return {
            feed: ([item.model_dump(mode="json") for item in page["items"]], page["next_cursor"])
            for feed, page in pages.items()
        }


class _Retryable(Exception):
    pass


class HttpFeedReader:
    """Pulls the feeds over HTTP with a timeout, retries and the service token."""

    def __init__(
        self, client: httpx.AsyncClient, urls: dict[Feed, str], principal: Principal
    ) -> None:
        self.client = client
        self.urls = urls
        self.headers = {"Authorization": f"Bearer {principal.token}"}

    async def read(
        self, feed: Feed, since: str | None, limit: int
    ) -> tuple[list[dict[str, Any]], str | None]:
        """GET /feed/{feed} on the owning service."""
        params: dict[str, Any] = {"limit": limit}
        if since:
            params["since"] = since
        url = f"{self.urls[feed].rstrip('/')}/feed/{feed}"
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(4),
                wait=wait_exponential(multiplier=0.1, max=2.0),
                retry=retry_if_exception_type((httpx.TransportError, _Retryable)),
                reraise=True,
            ):
                with attempt:
                    response = await self.client.get(url, params=params, headers=self.headers)
                    if response.status_code >= 500:
                        raise _Retryable(f"{url} answered {response.status_code}")
        except (httpx.HTTPError, _Retryable) as exc:
            raise Unavailable(f"the {feed} feed is unavailable: {exc}") from exc
        if response.status_code != 200:
            raise Unavailable(f"the {feed} feed answered {response.status_code}")
        body = response.json()
        return list(body["items"]), body.get("next_cursor")

    async def read_many(
        self, since: Mapping[Feed, str | None], limit: int
    ) -> dict[Feed, tuple[list[dict[str, Any]], str | None]]:
        """Read the feeds concurrently; the first failure is raised once every read has ended."""
        feeds = list(since)
        pages = await asyncio.gather(
            *(self.read(feed, since[feed], limit) for feed in feeds), return_exceptions=True
        )
        for page in pages:
            if isinstance(page, BaseException):
                raise page
        return dict(zip(feeds, pages, strict=True))


def make_feed_reader(
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    client: httpx.AsyncClient,
) -> FeedReader:
    """HTTP when the other services' URLs are set, else the in-process service layers."""
    principal = service_principal(settings)
    if settings.challenges_url or settings.solutions_url:
        if not (settings.challenges_url and settings.solutions_url):
            raise ValueError(
                "set both OIP_CHALLENGES_URL and OIP_SOLUTIONS_URL for a separate matching service"
            )
        urls: dict[Feed, str] = {
            "challenges": settings.challenges_url,
            "profiles": settings.solutions_url,
            "proposals": settings.solutions_url,
        }
        return HttpFeedReader(client, urls, principal)
    return InProcessFeedReader(sessionmaker, principal)
