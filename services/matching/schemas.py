"""Matching API schemas: ranked results with explanations."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from services.challenges.schemas import ChallengeStatus, Language, Sector
from services.solutions.schemas import ProposalStatus, Stage

T = TypeVar("T")


class Explanation(BaseModel):
    """Why a result ranks where it does."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "semantic": 0.86,
                "lexical": 0.72,
                "matched_terms": ["bệnh án", "điện tử", "HL7 FHIR"],
                "passages": [
                    "Chúng tôi số hóa hồ sơ bệnh án giấy bằng OCR và liên thông HL7 FHIR."
                ],
            }
        }
    )

    semantic: float = Field(description="Cosine similarity of the embeddings, -1..1")
    lexical: float = Field(description="BM25 score normalised to 0..1 within this query")
    matched_terms: list[str] = Field(description="Query words found in the ranked text")
    passages: list[str] = Field(
        description="The one or two passages of the ranked text that match best"
    )


class RankedProposal(BaseModel):
    """A submitted proposal ranked against its challenge."""

    proposal_id: uuid.UUID
    startup_id: uuid.UUID
    title: str
    status: ProposalStatus
    score: float
    explanation: Explanation


class RankedStartup(BaseModel):
    """A startup ranked for a challenge from its public profile only."""

    startup_id: uuid.UUID
    name: str
    sectors: list[Sector]
    stage: Stage | None
    score: float
    explanation: Explanation


class RankedChallenge(BaseModel):
    """A challenge ranked for a startup, or as similar to another challenge."""

    challenge_id: uuid.UUID
    department_id: uuid.UUID
    title: str
    status: ChallengeStatus
    deadline: datetime
    sectors: list[Sector]
    language: Language
    score: float
    explanation: Explanation


class Ranking(BaseModel, Generic[T]):
    """Ranked results, best first, capped at `top_k`."""

    items: list[T]
    model: str = Field(description="Embedding model id")
    method: str = Field(description="hybrid, dense or lexical")
    unaccented_query: bool = Field(
        description="The query looked like Vietnamese typed without diacritics"
    )
