"""Constrained text types for input schemas, and Vietnamese accent folding."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, StringConstraints, WithJsonSchema
from pydantic.networks import validate_email

# C0 controls except tab/newline/carriage return, DEL, C1 controls, and lone surrogates.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_FORBIDDEN_INLINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _no_controls(value: str) -> str:
    if _FORBIDDEN.search(value):
        raise ValueError("control characters are not allowed")
    return unicodedata.normalize("NFC", value)


def _no_controls_inline(value: str) -> str:
    if _FORBIDDEN_INLINE.search(value):
        raise ValueError("control characters and line breaks are not allowed")
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        raise ValueError("must not be blank")
    return value


NoControls = AfterValidator(_no_controls)
InlineNoControls = AfterValidator(_no_controls_inline)

Tag = Annotated[str, StringConstraints(min_length=1, max_length=50), InlineNoControls]
"""A short label: a tag, a capability, a technology."""
Title = Annotated[str, StringConstraints(min_length=1, max_length=200), InlineNoControls]
"""A single-line title or name."""
Line = Annotated[str, StringConstraints(min_length=1, max_length=500), InlineNoControls]
"""A single line of text (a contact, an outcome, a timeline)."""
Summary = Annotated[str, StringConstraints(min_length=1, max_length=2_000), NoControls]
"""A paragraph or two."""
LongText = Annotated[str, StringConstraints(min_length=1, max_length=20_000), NoControls]
"""A long multi-line text: a problem statement, an approach."""
Query = Annotated[str, StringConstraints(min_length=1, max_length=200), InlineNoControls]
"""A free-text search query."""


@lru_cache(maxsize=4096)
def _normalised_email(value: str) -> str:
    # pydantic's own EmailStr check (email-validator), remembered: every read of a stored
    # row re-validates its contact, and the same few addresses come back again and again.
    return validate_email(value)[1]


# EmailStr's rules, schema and errors, with the check cached.
Email = Annotated[
    str, AfterValidator(_normalised_email), WithJsonSchema({"type": "string", "format": "email"})
]


def fold(text: str) -> str:
    """Lowercase and strip Vietnamese diacritics (NFD, drop marks, đ→d) for accent-blind search."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d")


_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(query: str, limit: int = 12) -> list[str]:
    """Folded word tokens of a free-text query, for accent-blind LIKE matching."""
    return _WORD.findall(fold(query))[:limit]


def search_blob(*parts: str | list[str] | None) -> str:
    """A folded, space-joined text of all parts, wrapped in spaces for word-prefix matching."""
    words: list[str] = []
    for part in parts:
        if part is None:
            continue
        for item in [part] if isinstance(part, str) else part:
            words.extend(_WORD.findall(fold(item)))
    return " " + " ".join(words) + " "
