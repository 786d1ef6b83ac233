"""Start real `oip serve` processes on 127.0.0.1 for end-to-end tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx

from services.core.auth import Role
from services.core.settings import Settings
from tests.conftest import TEST_SECRET, actor


def oip(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run the `oip` CLI in a fresh process with this environment on top of the test's."""
    return subprocess.run(
        [sys.executable, "-m", "services.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def free_port() -> int:
    """A TCP port that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def app_env(db_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment of an `oip serve` process on this database, with the fake embedder."""
    return {
        "OIP_ENV": "test",
        "OIP_DATABASE_URL": db_url,
        "OIP_DATA_DIR": str(data_dir),
        "OIP_JWT_SECRET": TEST_SECRET,
        "OIP_EMBEDDING_MODEL": "fake",
        **extra,
    }


def bearer(
    settings: Settings, role: Role, org: str | None = None, sub: str | None = None
) -> dict[str, str]:
    """Authorization header of a token for this role (admins need no org)."""
    sub = sub or ("ops" if role is Role.admin else f"{role.value}@e2e")
    return actor(settings, role, uuid.UUID(org) if org else None, sub).headers


class Server:
    """One uvicorn process running `oip serve`."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 1) -> None:
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **env}
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> Server:
        """Start the process and wait until /readyz answers 200."""
        cmd = [sys.executable, "-m", "services.cli", "serve", "--port", str(self.port)]
        cmd += ["--workers", str(self.workers)]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(cmd, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"server not ready: {self.log.read_text()[-2000:]}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int | None:
        """Signal the process and wait for it to exit."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


@contextlib.contextmanager
def serving(env: dict[str, str], log: Path) -> Iterator[httpx.Client]:
    """A started `oip serve` process and a client on it; the process is stopped on exit."""
    server = Server(env, log).start()
    try:
        with httpx.Client(base_url=server.url, timeout=10) as client:
            yield client
    finally:
        server.stop()
