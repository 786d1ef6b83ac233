"""The application factory every service (and the all-in-one app) is built with."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy import text

from services.audit.recorder import AuditMiddleware
from services.audit.router import router as audit_router
from services.core.auth import TokenVerifier, hs256_secret
from services.core.db import make_engine, make_sessionmaker, make_write_sessionmaker
from services.core.errors import install_error_handlers
from services.core.heap import freeze_long_lived
from services.core.idempotency import idempotency_sweeper
from services.core.limits import BodyLimit
from services.core.migrate import is_at_head
from services.core.observability import RequestContext, configure_logging, metrics_endpoint
from services.core.openapi import install_openapi
from services.core.settings import Settings

log = logging.getLogger("oip.app")

# Set when the process received SIGTERM: readyz answers 503 so load balancers stop sending
# traffic, while in-flight and late requests are still served until the server stops.
DRAINING = threading.Event()

BackgroundTask = Callable[[FastAPI], Coroutine[Any, Any, None]]
StartupHook = Callable[[FastAPI], None]


def operation_id(route: APIRoute) -> str:
    """Stable, readable operation ids: the path operation function's name."""
    return route.name


def _verifier(settings: Settings) -> TokenVerifier:
    secret = hs256_secret(settings) if settings.jwt_algorithm == "HS256" else None
    return TokenVerifier(settings, secret)


def build_app(
    *,
    title: str,
    settings: Settings,
    routers: Sequence[APIRouter],
    background: Sequence[BackgroundTask] = (),
    startup: Sequence[StartupHook] = (),
    description: str = "",
) -> FastAPI:
    """Build a FastAPI app with our lifespan, error handling, health checks and routers."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = make_engine(
            settings.resolved_database_url, pool_size=settings.db_pool_size, echo=settings.db_echo
        )
        app.state.settings = settings
        app.state.engine = engine
        app.state.sessionmaker = make_sessionmaker(engine)
        app.state.write_sessionmaker = make_write_sessionmaker(engine)
        app.state.verifier = _verifier(settings)
        app.state.http_client = httpx.AsyncClient(timeout=settings.http_timeout_seconds)
        app.state.draining = False
        app.state.readiness_probes = {}
        for hook in startup:
            hook(app)
        tasks = [asyncio.create_task(job(app)) for job in (idempotency_sweeper, *background)]
        if settings.gc_freeze:
            freeze_long_lived("start-up")
        try:
            yield
        finally:
            app.state.draining = True
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            await app.state.http_client.aclose()
            await engine.dispose()

    app = FastAPI(
        title=title,
        version="0.1.0",
        description=description,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    configure_logging(settings.log_level)
    install_error_handlers(app)
    app.add_middleware(AuditMiddleware)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContext)
    app.add_route("/metrics", metrics_endpoint, include_in_schema=False)

    @app.get("/livez", tags=["health"], response_model=dict[str, str])
    async def livez() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get(
        "/readyz",
        tags=["health"],
        response_model=dict[str, Any],
        responses={503: {"description": "Not ready", "model": dict[str, Any]}},
    )
    async def readyz(request: Request) -> JSONResponse:
        """Ready when the database answers and its schema is at the migrations' head."""
        checks: dict[str, Any] = {}
        draining = request.app.state.draining or DRAINING.is_set()
        ok = not draining
        checks["draining"] = draining
        try:
            async with request.app.state.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            checks["database"] = "ok"
            at_head = await is_at_head(request.app.state.engine)
            checks["migrations"] = "head" if at_head else "behind"
            ok = ok and at_head
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            checks["database"] = f"unreachable: {type(exc).__name__}"
            ok = False
        for name, probe in getattr(request.app.state, "readiness_probes", {}).items():
            checks[name] = probe()
        return JSONResponse(
            {"status": "ok" if ok else "unavailable", "checks": checks},
            status_code=200 if ok else 503,
        )

    for router in [*routers, audit_router]:
        app.include_router(router)
    install_openapi(app)
    return app
