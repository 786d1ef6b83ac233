"""The ``oip`` command: serve, migrate, organisations, tokens, demo data, backups, OpenAPI export."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from filelock import Timeout
from rich.console import Console
from sqlalchemy.ext.asyncio import AsyncSession

from services.core import migrate
from services.core.auth import Role, issue_token
from services.core.db import make_engine, make_sessionmaker
from services.core.settings import get_settings

app = typer.Typer(help="Open-innovation platform operations.", no_args_is_help=True)
org_app = typer.Typer(help="Manage organisations.", no_args_is_help=True)
app.add_typer(org_app, name="org")

T = TypeVar("T")


def _run_in_session(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work` in one session and commit it (the CLI's request boundary)."""

    async def runner() -> T:
        settings = get_settings()
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = make_engine(settings.resolved_database_url)
        try:
            async with make_sessionmaker(engine)() as session, session.begin():
                return await work(session)
        finally:
            await engine.dispose()

    return asyncio.run(runner())


@app.command("migrate")
def migrate_cmd(revision: Annotated[str, typer.Option(help="Target revision")] = "head") -> None:
    """Apply database migrations."""
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(settings.resolved_database_url, revision)
    typer.echo(f"database at {revision}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(envvar="HOST")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="PORT")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
    apply_migrations: Annotated[bool, typer.Option("--migrate/--no-migrate")] = True,
) -> None:
    """Serve the app selected by OIP_SERVICE (default: all-in-one) with uvicorn."""
    import uvicorn

    from services.core.backup import server_lock
    from services.core.server import DrainingServer

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    # Held for the life of this process, so `oip restore` refuses to run under a live server
    # (a second server on the same file goes without: the first one already holds it).
    serving = server_lock(settings.resolved_database_url)
    if serving is not None:
        with contextlib.suppress(Timeout, OSError):
            serving.acquire(timeout=0)
    if apply_migrations:
        migrate.upgrade(settings.resolved_database_url)
    options: dict[str, Any] = {
        "factory": True,
        "host": host,
        "port": port,
        "loop": "uvloop",
        "http": "httptools",
        "proxy_headers": True,
        "timeout_graceful_shutdown": 30,
        "access_log": False,  # our own JSON access log carries the request id
        "log_level": settings.log_level.lower(),
    }
    if workers > 1:
        if settings.resolved_database_url.startswith("sqlite"):
            typer.echo(
                f"warning: {workers} workers on SQLite: writers in different processes wait for "
                "each other's file lock, which lengthens write latency; run several workers on "
                "PostgreSQL",
                err=True,
            )
        uvicorn.run("services.main:create_app", workers=workers, **options)
        return
    DrainingServer(
        uvicorn.Config("services.main:create_app", **options), settings.drain_seconds
    ).run()


@org_app.command("create")
def org_create(
    kind: Annotated[str, typer.Option(help="department or startup")],
    name: Annotated[str, typer.Option(help="Display name")],
) -> None:
    """Create an organisation and print its id."""
    from services.orgs.schemas import OrganisationCreate
    from services.orgs.service import create_org_unchecked

    data = OrganisationCreate.model_validate({"kind": kind, "name": name})
    org = _run_in_session(lambda s: create_org_unchecked(s, data.kind.value, data.name))
    typer.echo(str(org.id))


@app.command()
def token(
    role: Annotated[Role, typer.Option(help="admin, department, reviewer or startup")],
    sub: Annotated[str, typer.Option(help="Who the token is for")],
    org: Annotated[str | None, typer.Option(help="Organisation id (not for admin)")] = None,
    ttl: Annotated[int | None, typer.Option(help="Lifetime in seconds")] = None,
) -> None:
    """Print a bearer token signed with the embedded HS256 key."""
    org_id = uuid.UUID(org) if org else None
    if role is not Role.admin and org_id is None:
        raise typer.BadParameter(f"a {role.value} token needs --org")
    typer.echo(issue_token(get_settings(), sub=sub, role=role, org=org_id, ttl_seconds=ttl))


@app.command()
def seed(
    demo: Annotated[bool, typer.Option("--demo", help="Load the demo data set")] = False,
) -> None:
    """Load demo data: departments, challenges, startups and proposals."""
    if not demo:
        raise typer.BadParameter("only --demo is available")
    from services.seed.loader import load_demo

    summary = _run_in_session(load_demo)
    typer.echo(json.dumps(summary, ensure_ascii=False))


def _print_summary(action: str, work: Callable[[], dict[str, Any]]) -> None:
    """Print a backup or restore summary as one JSON line, or its error with exit code 2."""
    import sqlite3

    from services.core.backup import BackupError

    try:
        summary = work()
    except (BackupError, OSError, sqlite3.Error) as exc:
        typer.echo(f"{action} failed: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(json.dumps(summary))


@app.command("backup")
def backup_cmd(
    dest: Annotated[Path, typer.Argument(help="Directory for the copy")],
) -> None:
    """Copy the embedded SQLite database (and its signing key) while the server runs."""
    from services.core.backup import backup

    settings = get_settings()
    _print_summary(
        "backup", lambda: backup(settings.resolved_database_url, dest, settings.data_dir)
    )


@app.command("restore")
def restore_cmd(
    backup_file: Annotated[Path, typer.Argument(help="A file written by `oip backup`")],
) -> None:
    """Replace the embedded SQLite database with a backup (stop the server first)."""
    from services.core.backup import restore

    settings = get_settings()
    _print_summary("restore", lambda: restore(settings.resolved_database_url, backup_file))


@app.command("prepare-model")
def prepare_model() -> None:
    """Convert (if needed) and load the embedding model once, so the first ranking is fast."""
    from services.matching.embedder import EmbedderHolder

    settings = get_settings()
    holder = EmbedderHolder(settings)
    embedder = asyncio.run(holder.get())
    typer.echo(
        json.dumps(
            {"model": embedder.model_id, "dim": embedder.dim, "load_seconds": holder.load_seconds}
        )
    )


@app.command("eval")
def eval_cmd(
    directory: Annotated[
        Path, typer.Argument(help="A BEIR-layout directory", exists=True, file_okay=False)
    ],
    split: Annotated[str, typer.Option(help="qrels split")] = "dev",
    strip_accents: Annotated[
        bool, typer.Option("--strip-accents", help="Type the queries without diacritics")
    ] = False,
    method: Annotated[str, typer.Option(help="hybrid, dense or lexical")] = "hybrid",
) -> None:
    """Index a BEIR set through the matching code path, rank every query, print one JSON line."""
    import sys

    from rich.progress import track

    from services.matching.embedder import EmbedderHolder
    from services.matching.evaluation import load_beir, run_eval

    if method not in ("hybrid", "dense", "lexical"):
        raise typer.BadParameter("method must be hybrid, dense or lexical")
    try:  # before the model loads: a broken set fails at once, with a message
        beir = load_beir(directory, split)
    except (OSError, ValueError, KeyError) as exc:
        typer.echo(f"eval failed: {directory} is not a readable BEIR set: {exc!r}", err=True)
        raise typer.Exit(2) from exc
    embedder = asyncio.run(EmbedderHolder(get_settings()).get())

    def progress(items: Iterable[Any]) -> Iterable[Any]:
        return track(list(items), description="indexing", console=Console(stderr=True))

    result = run_eval(
        beir,
        embedder,
        split=split,
        strip_accents=strip_accents,
        method=method,  # type: ignore[arg-type]
        progress=progress if sys.stderr.isatty() else None,
    )
    typer.echo(json.dumps(result, ensure_ascii=False))


@app.command()
def openapi(out: Annotated[Path, typer.Option(help="Output directory")] = Path("openapi")) -> None:
    """Write the OpenAPI documents of the all-in-one app and of each service."""
    from services.openapi_export import write_specs

    for path in write_specs(out):
        typer.echo(str(path))


if __name__ == "__main__":
    app()
