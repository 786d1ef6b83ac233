"""Conditional requests (RFC 9110): strong ETags from row versions, If-Match checks."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Header, Response

from services.core.errors import PreconditionFailed, PreconditionRequired

# If-Match uses the strong comparison (RFC 9110 13.1.1): a weak tag never matches.
_TAG = re.compile(r'^\s*"v(\d{1,12})"\s*$')

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=100,
        description='The ETag of the version you edited, e.g. `"v3"`',
    ),
]


def etag(version: int) -> str:
    """The ETag of a row version."""
    return f'"v{version}"'


def set_etag(response: Response, version: int) -> None:
    """Put the row's ETag on the response."""
    response.headers["ETag"] = etag(version)


def expected_version(if_match: str | None, *, required: bool = True) -> int | None:
    """The version an If-Match header names; 428 when required and missing, 412 when unusable."""
    if if_match is None or not if_match.strip():
        if required:
            raise PreconditionRequired("this edit needs an If-Match header with the ETag you read")
        return None
    if if_match.strip() == "*":
        return None
    match = _TAG.match(if_match)
    if not match:
        raise PreconditionFailed("If-Match does not name a version of this object")
    return int(match.group(1))


def check_version(if_match: str | None, current: int, *, required: bool = True) -> int | None:
    """Compare If-Match with the current version; 412 when stale. Returns the expected version."""
    wanted = expected_version(if_match, required=required)
    if wanted is not None and wanted != current:
        raise PreconditionFailed(
            f"the object changed since you read it (now {etag(current)}); read it again"
        )
    return wanted
