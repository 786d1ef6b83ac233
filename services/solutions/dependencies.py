"""Solutions dependencies: the challenge reader port, in-process or over HTTP."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.core.deps import SessionDep
from services.solutions.readers import (
    ChallengeReader,
    HttpChallengeReader,
    InProcessChallengeReader,
)


def challenge_reader(request: Request, session: SessionDep) -> ChallengeReader:
    """HTTP when OIP_CHALLENGES_URL is set, else the in-process service layer."""
    settings = request.app.state.settings
    if settings.challenges_url:
        return HttpChallengeReader(request.app.state.http_client, settings.challenges_url)
    return InProcessChallengeReader(session)


ReaderDep = Annotated[ChallengeReader, Depends(challenge_reader)]
