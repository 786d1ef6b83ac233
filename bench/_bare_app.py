"""The baseline for bench/crud.py: a bare FastAPI app on the same database and engine settings.

Two ``async def`` routes and nothing else: no auth, no validation beyond the minimum, no
problem+json, no middleware. GET reads a challenge by primary key with a plain SQLAlchemy async
session and returns a dict; POST inserts a row of the same shape (the same column values the
real app would write) and commits. The engine comes from ``services.core.db.make_engine`` so
the SQLite pragmas and pool match; writes take the SQLite write lock up front like ours do.

Run: ``OIP_DATABASE_URL=... OIP_BENCH_DEPARTMENT_ID=<uuid> python bench/_bare_app.py --port P``.
It is served by uvicorn with the same settings as ``oip serve`` (uvloop, httptools, 1 worker).
"""

from __future__ import annotations

import argparse
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from services.challenges.models import Challenge
from services.core.db import WRITE_OPTION, make_engine, utcnow
from services.core.text import search_blob

COLUMNS = [c.key for c in Challenge.__table__.columns]


def _row(challenge: Challenge) -> dict[str, Any]:
    return {name: getattr(challenge, name) for name in COLUMNS}


def create_app() -> FastAPI:
    url = os.environ["OIP_DATABASE_URL"]
    department_id = uuid.UUID(os.environ["OIP_BENCH_DEPARTMENT_ID"])
    pool = os.environ.get("OIP_DB_POOL_SIZE")
    pool_size = int(pool) if pool else None  # as the app: make_engine's per-backend default

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(url, pool_size=pool_size)
        app.state.sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
        try:
            yield
        finally:
            await engine.dispose()

    app = FastAPI(lifespan=lifespan)

    @app.get("/livez")
    async def livez() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/challenges/{challenge_id}")
    async def get_challenge(challenge_id: uuid.UUID, request: Request) -> Any:
        async with request.app.state.sessionmaker() as session:
            row = await session.scalar(select(Challenge).where(Challenge.id == challenge_id))
        if row is None:
            return JSONResponse({"detail": "not found"}, status_code=404)
        return _row(row)

    @app.post("/challenges", status_code=201)
    async def create_challenge(request: Request) -> Any:
        data = await request.json()
        now = utcnow()
        sectors = list(data["sectors"])
        contact = data["contact"]
        row = Challenge(
            id=uuid.uuid4(),
            department_id=department_id,
            created_by="bench",
            status="draft",
            version=1,
            title=data["title"],
            summary=data["summary"],
            problem_statement=data["problem_statement"],
            expected_outcomes=data.get("expected_outcomes", []),
            sectors=sectors,
            tags=data.get("tags", []),
            sdg_goals=data.get("sdg_goals", []),
            budget_min=data.get("budget_min"),
            budget_max=data.get("budget_max"),
            currency=data.get("currency", "VND"),
            deadline=datetime.fromisoformat(data["deadline"]).astimezone(UTC),
            language=data["language"],
            contact={
                "name": contact["name"],
                "email": contact.get("email"),
                "phone": contact.get("phone"),
            },
            published_at=None,
            sector_keys=" " + " ".join(sectors) + " ",
            search_text=search_blob(
                data["title"],
                data["summary"],
                data["problem_statement"],
                data.get("tags", []),
                data.get("expected_outcomes", []),
            ),
            created_at=now,
            updated_at=now,
        )
        async with request.app.state.sessionmaker() as session:
            await session.connection(execution_options={WRITE_OPTION: True})
            session.add(row)
            await session.commit()
        return _row(row)

    return app


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    # The same uvicorn settings as `oip serve` (services/cli.py).
    uvicorn.run(
        "_bare_app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        loop="uvloop",
        http="httptools",
        proxy_headers=True,
        timeout_graceful_shutdown=30,
        log_level=os.environ.get("OIP_LOG_LEVEL", "INFO").lower(),
    )


if __name__ == "__main__":
    main()
