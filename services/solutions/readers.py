"""The port through which solutions learns a challenge's owner, status and deadline."""

from __future__ import annotations

import uuid
from typing import Protocol

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from services.challenges import service as challenges_service
from services.challenges.schemas import ChallengeInfo
from services.core.auth import Principal
from services.core.errors import Unavailable


class ChallengeReader(Protocol):
    """Reads what solutions needs about a challenge, as the caller is allowed to see it."""

    async def get(self, principal: Principal, challenge_id: uuid.UUID) -> ChallengeInfo | None:
        """The challenge's info, or None when it does not exist or is hidden from the caller."""
        ...


class InProcessChallengeReader:
    """Calls the challenges service layer directly (the all-in-one deployment)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, principal: Principal, challenge_id: uuid.UUID) -> ChallengeInfo | None:
        """Ask the challenges service layer."""
        return await challenges_service.challenge_info(self.session, principal, challenge_id)


class _Retryable(Exception):
    pass


class HttpChallengeReader:
    """Calls the challenges service over HTTP with the caller's own token, timeouts and retries."""

    def __init__(self, client: httpx.AsyncClient, base_url: str, attempts: int = 3) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.attempts = attempts

    async def get(self, principal: Principal, challenge_id: uuid.UUID) -> ChallengeInfo | None:
        """GET /challenges/{id} on the challenges service."""
        url = f"{self.base_url}/challenges/{challenge_id}"
        headers = {"Authorization": f"Bearer {principal.token}"}
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(self.attempts),
                wait=wait_exponential(multiplier=0.1, max=1.0),
                retry=retry_if_exception_type((httpx.TransportError, _Retryable)),
                reraise=True,
            ):
                with attempt:
                    response = await self.client.get(url, headers=headers)
                    if response.status_code >= 500:
                        raise _Retryable(f"challenges service answered {response.status_code}")
        except (httpx.HTTPError, _Retryable) as exc:
            raise Unavailable(f"the challenges service is unavailable: {exc}") from exc
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise Unavailable(f"the challenges service answered {response.status_code}")
        return ChallengeInfo.model_validate(response.json())
