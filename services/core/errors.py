"""RFC 9457 problem details for every error the platform returns."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("oip.errors")


class Problem(BaseModel):
    """An RFC 9457 problem details document."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "type": "https://oip.example/problems/not-found",
                "title": "Not Found",
                "status": 404,
                "detail": "challenge not found",
            }
        }
    )

    type: str = Field(default="about:blank", description="URI identifying the problem type")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="Validation errors, one per offending field"
    )


class AppError(Exception):
    """Base of every domain error: carries its HTTP status and a problem slug."""

    status: int = 400
    slug: str = "bad-request"

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None):
        super().__init__(detail or self.slug)
        self.detail = detail
        self.headers = headers


class NotFound(AppError):
    """A missing object, or one the caller may not see (never 403 for hidden objects)."""

    status, slug = 404, "not-found"


class Unauthorized(AppError):
    """No valid bearer token."""

    status, slug = 401, "unauthorized"


class Forbidden(AppError):
    """The caller can see the object but may not perform the action."""

    status, slug = 403, "forbidden"


class Conflict(AppError):
    """The request conflicts with the current state of the object."""

    status, slug = 409, "conflict"


class PreconditionFailed(AppError):
    """If-Match does not match the current version."""

    status, slug = 412, "precondition-failed"


class PreconditionRequired(AppError):
    """The request must carry If-Match."""

    status, slug = 428, "precondition-required"


class Invalid(AppError):
    """Semantically invalid input that passed schema validation."""

    status, slug = 422, "validation-error"


class TooManyRequests(AppError):
    """The caller exceeded its rate limit; Retry-After says when to come back."""

    status, slug = 429, "too-many-requests"


class Unavailable(AppError):
    """A dependency (database, another service) cannot be reached right now."""

    status, slug = 503, "unavailable"


def problem_response(
    status: int,
    detail: str | None = None,
    *,
    slug: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
) -> JSONResponse:
    """Render a problem+json response."""
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body = Problem(
        type=f"https://oip.example/problems/{slug}" if slug else "about:blank",
        title=title,
        status=status,
        detail=detail,
        instance=instance,
        errors=errors,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _clean_validation_errors(errors: Any) -> list[dict[str, Any]]:
    cleaned = []
    for err in errors:
        # Never echo the offending input back: it may be huge or carry control bytes.
        cleaned.append(
            {
                "loc": [str(part) for part in err.get("loc", ())],
                "msg": str(err.get("msg", "")),
                "type": str(err.get("type", "")),
            }
        )
    return cleaned


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return problem_response(
        exc.status, exc.detail, slug=exc.slug, headers=exc.headers, instance=request.url.path
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        # FastAPI answers 400 when a JSON body cannot even be decoded (e.g. it is not UTF-8);
        # that is the same client error as malformed JSON, which it reports as a 422.
        return problem_response(
            422,
            "The request is not valid",
            slug="validation-error",
            errors=[{"loc": ["body"], "msg": "the body is not valid JSON", "type": "json_invalid"}],
            instance=request.url.path,
        )
    return problem_response(
        exc.status_code,
        str(exc.detail) if exc.detail else None,
        headers=getattr(exc, "headers", None),
        instance=request.url.path,
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return problem_response(
        422,
        "The request is not valid",
        slug="validation-error",
        errors=_clean_validation_errors(exc.errors()),
        instance=request.url.path,
    )


async def _integrity_error(request: Request, exc: Exception) -> JSONResponse:
    log.info("integrity error on %s: %s", request.url.path, exc)
    return problem_response(
        409, "The request conflicts with existing data", slug="conflict", instance=request.url.path
    )


async def _operational_error(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable on %s: %s", request.url.path, exc)
    return problem_response(
        503, "The database is unavailable", slug="unavailable", headers={"Retry-After": "5"}
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return problem_response(500, "Internal error", slug="internal")


def install_error_handlers(app: FastAPI) -> None:
    """Render every error (ours, HTTP, validation, database) as problem+json."""
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(OperationalError, _operational_error)
    app.add_exception_handler(Exception, _unexpected)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries declaring problem+json for the given statuses."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        out[status] = {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    return out
