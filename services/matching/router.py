"""Matching endpoints (rankings, recommendations, similar challenges)."""

from __future__ import annotations

from fastapi import APIRouter

from services.core.errors import problem_responses

router = APIRouter(prefix="/matching", tags=["matching"], responses=problem_responses(401, 422))
