"""Matching domain errors."""

from __future__ import annotations

from services.core.errors import NotFound, Unavailable


class ModelUnavailable(Unavailable):
    """The embedding model is still loading or failed to load; retry shortly."""

    slug = "model-unavailable"


class RankingNotFound(NotFound):
    """No such challenge or startup, or its ranking is not the caller's to see."""

    slug = "not-found"
