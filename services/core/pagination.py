"""Cursor pagination: opaque keyset cursors over (created_at, id), newest first."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field
from sqlalchemy import Select, and_, literal, or_, tuple_
from sqlalchemy.orm import InstrumentedAttribute

from services.core.errors import Invalid

MAX_PAGE_SIZE = 100
T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of results and the cursor of the next one (null on the last page)."""

    items: list[T]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page")


class PageParams(BaseModel):
    """Page size and cursor from the query string."""

    limit: int
    cursor: str | None


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Page size (max 100)")] = 20,
    cursor: Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9_\-=]+$")] = None,
) -> PageParams:
    """Parse the pagination query parameters."""
    return PageParams(limit=limit, cursor=cursor)


def encode_cursor(created_at: datetime, row_id: uuid.UUID) -> str:
    """Encode a keyset position."""
    raw = json.dumps([created_at.isoformat(), str(row_id)]).encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """Decode a keyset position, or raise a 422."""
    try:
        created, row_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        when = datetime.fromisoformat(created)
        if when.tzinfo is None:
            raise ValueError("cursor timestamp without a time zone")
        return when, uuid.UUID(row_id)
    except (ValueError, TypeError) as exc:
        raise Invalid("malformed cursor") from exc


def apply_keyset(
    stmt: Select[Any],
    params: PageParams,
    created_col: InstrumentedAttribute[datetime],
    id_col: InstrumentedAttribute[uuid.UUID],
) -> Select[Any]:
    """Order newest first, start after the cursor, and fetch one extra row to detect more."""
    if params.cursor:
        created, row_id = decode_cursor(params.cursor)
        stmt = stmt.where(or_(created_col < created, and_(created_col == created, id_col < row_id)))
    return stmt.order_by(created_col.desc(), id_col.desc()).limit(params.limit + 1)


def make_page(rows: list[Any], params: PageParams, convert: Any) -> dict[str, Any]:
    """Build a page from rows fetched with apply_keyset."""
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    next_cursor = encode_cursor(rows[-1].created_at, rows[-1].id) if more and rows else None
    return {"items": [convert(r) for r in rows], "next_cursor": next_cursor}


FEED_MAX = 500


class FeedParams(BaseModel):
    """Position and size of a change-feed read."""

    since: str | None
    limit: int


def feed_params(
    since: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=r"^[A-Za-z0-9_\-=]+$",
            description="`next_cursor` of the last read",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=FEED_MAX)] = 200,
) -> FeedParams:
    """Parse change-feed query parameters."""
    return FeedParams(since=since, limit=limit)


def apply_feed(
    stmt: Select[Any],
    params: FeedParams,
    updated_col: InstrumentedAttribute[datetime],
    id_col: InstrumentedAttribute[uuid.UUID],
) -> Select[Any]:
    """Oldest change first, strictly after the cursor."""
    if params.since:
        updated, row_id = decode_cursor(params.since)
        # A row-value comparison lets the (updated_at, id) index seek straight to the cursor.
        stmt = stmt.where(
            tuple_(updated_col, id_col)
            > tuple_(literal(updated, updated_col.type), literal(row_id, id_col.type))
        )
    return stmt.order_by(updated_col.asc(), id_col.asc()).limit(params.limit)


def make_feed(rows: list[Any], params: FeedParams, convert: Any) -> dict[str, Any]:
    """A feed page; `next_cursor` is where to continue (the same cursor when nothing changed)."""
    next_cursor = encode_cursor(rows[-1].updated_at, rows[-1].id) if rows else params.since
    return {"items": [convert(r) for r in rows], "next_cursor": next_cursor}
