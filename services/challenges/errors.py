"""Challenge domain errors."""

from __future__ import annotations

from services.core.errors import Conflict, NotFound


class ChallengeNotFound(NotFound):
    """No such challenge, or the caller may not see it."""

    slug = "challenge-not-found"


class IllegalTransition(Conflict):
    """The lifecycle does not allow this move from the current status."""

    slug = "illegal-transition"


class ChallengeNotEditable(Conflict):
    """The challenge can no longer be edited in its current status."""

    slug = "challenge-not-editable"
