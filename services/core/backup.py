"""Online backup and restore of the embedded SQLite database (on PostgreSQL, use pg_dump).

Both go through SQLite's backup API (``sqlite3.Connection.backup``): a backup is one consistent
snapshot taken while the server goes on reading and writing (WAL mode), and a restore writes
through SQLite's own pager, so the live database's WAL and shared-memory files stay consistent.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from sqlalchemy.engine import make_url


class BackupError(Exception):
    """The backup or restore could not be done; nothing was changed."""


def sqlite_file(database_url: str) -> Path:
    """The database file of a SQLite URL; BackupError for any other database."""
    url = make_url(database_url)
    if not url.get_backend_name().startswith("sqlite"):
        raise BackupError(
            f"{url.get_backend_name()} is backed up with its own tools "
            "(PostgreSQL: pg_dump -Fc, then pg_restore); `oip backup` copies the embedded SQLite file"
        )
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        raise BackupError("only a SQLite database file can be backed up")
    return Path(database)


def _serving_lock(path: Path) -> FileLock:
    return FileLock(str(path.with_name(f".{path.name}.serving.lock")))


def server_lock(database_url: str) -> FileLock | None:
    """The lock ``oip serve`` holds on its SQLite database while it runs (None for PostgreSQL)."""
    try:
        return _serving_lock(sqlite_file(database_url))
    except BackupError:
        return None


@contextlib.contextmanager
def _connect(path: Path, *, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    conn = sqlite3.connect(target, uri=read_only, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout=10000")
        yield conn
    finally:
        conn.close()


def _check(conn: sqlite3.Connection, what: str) -> list[str]:
    """Integrity-check a database and return its migration revisions."""
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{what} is not an OIP database: {exc}") from exc
    if result != "ok":
        raise BackupError(f"{what} failed its integrity check: {result}")
    if not revisions:
        raise BackupError(f"{what} has no migration revision")
    return revisions


def backup(database_url: str, dest_dir: Path, data_dir: Path) -> dict[str, Any]:
    """Write a checked snapshot of the database (and the generated signing key) into dest_dir."""
    source = sqlite_file(database_url)
    if not source.is_file():
        raise BackupError(f"there is no database at {source}")
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    target = dest_dir / f"oip-{stamp}.db"
    partial = dest_dir / f".oip-{stamp}.db.partial"
    try:
        with _connect(source) as src, _connect(partial) as dst:
            src.backup(dst)  # one step: a consistent snapshot; writers go on (WAL)
            revisions = _check(dst, "the copy")
        partial.chmod(0o600)  # the copy holds confidential proposals: owner only
        with partial.open("rb+") as f:
            os.fsync(f.fileno())
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    out: dict[str, Any] = {
        "backup": str(target),
        "bytes": target.stat().st_size,
        "integrity": "ok",
        "revision": ",".join(sorted(revisions)),
        "jwt_secret": None,
    }
    secret = data_dir / "jwt_secret"
    if secret.is_file():
        # The generated HS256 key: with it, tokens issued before the backup stay valid.
        key_copy = dest_dir / f"oip-{stamp}.jwt_secret"
        shutil.copyfile(secret, key_copy)
        key_copy.chmod(0o600)
        out["jwt_secret"] = str(key_copy)
    return out


def restore(database_url: str, backup_file: Path) -> dict[str, Any]:
    """Replace the database's content with a checked backup (the server must be stopped)."""
    target = sqlite_file(database_url)
    if not backup_file.is_file():
        raise BackupError(f"there is no backup at {backup_file}")
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = _serving_lock(target)
    try:
        lock.acquire(timeout=0)
    except Timeout as exc:
        raise BackupError(f"a server is running on {target}: stop it first") from exc
    try:
        with _connect(backup_file, read_only=True) as src:
            revisions = _check(src, str(backup_file))
            with _connect(target) as dst:
                dst.execute("PRAGMA journal_mode=WAL")
                src.backup(dst)
                _check(dst, "the restored database")
    finally:
        lock.release()
    return {
        "restored": str(target),
        "from": str(backup_file),
        "revision": ",".join(sorted(revisions)),
    }
