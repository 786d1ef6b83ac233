"""Solutions domain errors."""

from __future__ import annotations

from services.core.errors import Conflict, NotFound


class ProposalNotFound(NotFound):
    """No such proposal, or the caller may not see it (confidential)."""

    slug = "proposal-not-found"


class ProfileNotFound(NotFound):
    """No such startup profile."""

    slug = "profile-not-found"


class DuplicateProposal(Conflict):
    """The startup already has an active proposal to this challenge."""

    slug = "duplicate-proposal"


class ChallengeNotOpen(Conflict):
    """The challenge is not published or its deadline has passed."""

    slug = "challenge-not-open"


class IllegalProposalTransition(Conflict):
    """The proposal lifecycle does not allow this move."""

    slug = "illegal-transition"
