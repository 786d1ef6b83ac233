"""Crash safety against a real uvicorn process: SIGKILL mid-load loses no acknowledged write;
SIGTERM drains (readyz 503) and lets in-flight requests finish."""

from __future__ import annotations

import asyncio
import json
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from services.core.auth import Role
from tests.conftest import make_settings, truncate_all
from tests.e2e.servers import Server, app_env, bearer
from tests.factories import challenge_body

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

WRITERS = 4


def _department(server: Server, db_url: str, data_dir: Path) -> dict[str, str]:
    settings = make_settings(db_url, data_dir)
    admin = bearer(settings, Role.admin)
    org = httpx.post(
        f"{server.url}/orgs", json={"kind": "department", "name": "Sở Y tế"}, headers=admin
    )
    return bearer(settings, Role.department, org.json()["id"], sub="crash@test")


@pytest.fixture
def server_env(db_url: str, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A clean database for this test (the shared one is emptied first)."""
    asyncio.run(truncate_all(db_url))
    yield db_url, tmp_path


def test_sigkill_mid_load_loses_no_acknowledged_write(server_env: tuple[str, Path]) -> None:
    db_url, data_dir = server_env
    env = app_env(db_url, data_dir)
    server = Server(env, data_dir / "server.log").start()
    dept = _department(server, db_url, data_dir)
    acked: dict[str, str] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def writer(n: int) -> None:
        with httpx.Client(base_url=server.url, timeout=5) as c:
            i = 0
            while not stop.is_set():
                marker = f"crash-{n}-{i}-{uuid.uuid4().hex[:8]}"
                body = challenge_body(title=f"Thử nghiệm {marker}", summary=f"Tóm tắt {marker}")
                try:
                    r = c.post("/challenges", json=body, headers=dept)
                except httpx.HTTPError:
                    return  # the server died mid-request: not acknowledged, nothing to check
                if r.status_code == 201:
                    with lock:
                        acked[r.json()["id"]] = marker
                i += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    while len(acked) < 100 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.stop(signal.SIGKILL)
    stop.set()
    for t in threads:
        t.join(10)
    assert len(acked) >= 20, "the load did not get going"

    server = Server(env, data_dir / "server.log").start()
    try:
        lost, half = 0, 0
        with httpx.Client(base_url=server.url, timeout=10) as c:
            for challenge_id, marker in acked.items():
                r = c.get(f"/challenges/{challenge_id}", headers=dept)
                if r.status_code != 200:
                    lost += 1
                    continue
                body = r.json()
                if marker not in body["title"] or marker not in body["summary"]:
                    half += 1
            # Nothing half-written among the rows that exist, acknowledged or not.
            cursor = None
            while True:
                params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
                page = c.get("/challenges", params=params, headers=dept).json()
                for item in page["items"]:
                    marker = item["title"].removeprefix("Thử nghiệm ")
                    if marker not in item["summary"]:
                        half += 1
                cursor = page["next_cursor"]
                if not cursor:
                    break
        print(
            f"\ncrash-safety {db_url.split(':')[0]}: acknowledged={len(acked)} lost={lost} half_written={half}"
        )
        assert (lost, half) == (0, 0)
    finally:
        server.stop()


def test_sigterm_drains_and_finishes_in_flight_requests(server_env: tuple[str, Path]) -> None:
    db_url, data_dir = server_env
    server = Server(
        app_env(db_url, data_dir, OIP_DRAIN_SECONDS="1.5"), data_dir / "server.log"
    ).start()
    dept = _department(server, db_url, data_dir)
    payload = json.dumps(challenge_body(title="Yêu cầu đang xử lý khi tắt máy")).encode()
    result: dict[str, int] = {}

    def slow_upload() -> Iterator[bytes]:
        # The request is in flight (headers sent, body still arriving) while SIGTERM lands.
        half = len(payload) // 2
        yield payload[:half]
        time.sleep(3.0)
        yield payload[half:]

    def send() -> None:
        headers = {**dept, "Content-Type": "application/json", "Content-Length": str(len(payload))}
        r = httpx.post(
            f"{server.url}/challenges", content=slow_upload(), headers=headers, timeout=30
        )
        result["status"] = r.status_code

    t = threading.Thread(target=send)
    t.start()
    time.sleep(0.5)
    assert server.proc is not None
    server.proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    ready = httpx.get(f"{server.url}/readyz", timeout=5)
    assert ready.status_code == 503
    assert ready.json()["checks"]["draining"] is True
    assert httpx.get(f"{server.url}/livez", timeout=5).status_code == 200
    t.join(30)
    assert result.get("status") == 201
    assert server.proc.wait(30) in (0, -signal.SIGTERM)
