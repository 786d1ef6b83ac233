"""Against a real `oip serve` process: the main flow over HTTP, and a restart loses nothing."""

from __future__ import annotations

import signal
from pathlib import Path

import httpx
import pytest

from services.core.auth import Role
from tests.conftest import make_settings
from tests.e2e.servers import Server, app_env, bearer, serving
from tests.factories import challenge_body, proposal_body

pytestmark = pytest.mark.e2e


def _move(c: httpx.Client, challenge_id: str, status: str, headers: dict[str, str]) -> int:
    """Move a challenge to a status; returns the response's status code."""
    r = c.post(f"/challenges/{challenge_id}/status", json={"status": status}, headers=headers)
    return r.status_code


def test_flow_survives_a_server_restart(db_url: str, tmp_path: Path) -> None:
    settings = make_settings(db_url, tmp_path)
    env = app_env(db_url, tmp_path)  # persistence is under test here, not the model
    admin = bearer(settings, Role.admin)

    server = Server(env, tmp_path / "server.log").start()
    try:
        with httpx.Client(base_url=server.url, timeout=10) as c:
            dept = c.post(
                "/orgs", json={"kind": "department", "name": "Sở Y tế"}, headers=admin
            ).json()
            st_a = c.post("/orgs", json={"kind": "startup", "name": "A"}, headers=admin).json()
            st_b = c.post("/orgs", json={"kind": "startup", "name": "B"}, headers=admin).json()
            d, a, b = (
                bearer(settings, Role.department, dept["id"]),
                bearer(settings, Role.startup, st_a["id"]),
                bearer(settings, Role.startup, st_b["id"]),
            )
            ch = c.post("/challenges", json=challenge_body(), headers=d).json()
            assert _move(c, ch["id"], "published", d) == 200
            p = c.post("/proposals", json=proposal_body(ch["id"], submit=True), headers=a)
            assert p.status_code == 201
            pid = p.json()["id"]
            assert c.get(f"/proposals/{pid}", headers=d).status_code == 200
            assert c.get(f"/proposals/{pid}", headers=b).status_code == 404
            assert (
                c.post(
                    "/proposals", json=proposal_body(ch["id"], submit=True), headers=a
                ).status_code
                == 409
            )
            bad = c.post("/challenges", json=challenge_body(title="x\u0000y"), headers=d)
            assert bad.status_code == 422
            assert bad.headers["content-type"] == "application/problem+json"
    finally:
        # uvicorn shuts down gracefully, then re-raises SIGTERM to report how it ended.
        assert server.stop() in (0, -signal.SIGTERM)

    with serving(env, tmp_path / "server.log") as c:
        got = c.get(f"/proposals/{pid}", headers=a)
        assert got.status_code == 200
        assert got.json()["status"] == "submitted"
        assert c.get(f"/challenges/{ch['id']}", headers=b).json()["status"] == "published"
        assert _move(c, ch["id"], "closed", d) == 200
        r = c.post("/proposals", json=proposal_body(ch["id"], submit=True), headers=b)
        assert r.status_code == 409
