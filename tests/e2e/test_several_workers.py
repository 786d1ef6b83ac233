"""`oip serve --workers 2`: the all-in-one app in two processes behind one port, on each backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from services.core.auth import Role
from tests.conftest import make_settings
from tests.e2e.servers import Server, app_env, bearer
from tests.factories import challenge_body, proposal_body

pytestmark = pytest.mark.e2e


def test_two_workers_serve_writes_and_fresh_rankings(db_url: str, tmp_path: Path) -> None:
    settings = make_settings(db_url, tmp_path)
    # only a ranking's own catch-up may help
    env = app_env(db_url, tmp_path, OIP_FEED_POLL_SECONDS="3600")
    admin = bearer(settings, Role.admin)

    server = Server(env, tmp_path / "server.log", workers=2).start()
    try:
        log = server.log.read_text()
        # the operator is told that SQLite serialises writers across processes
        assert ("workers on SQLite" in log) == db_url.startswith("sqlite")

        def fresh(method: str, path: str, **kwargs: Any) -> httpx.Response:
            """One request on a new connection: either worker may take it."""
            return httpx.request(method, server.url + path, timeout=30, **kwargs)

        dept = fresh("POST", "/orgs", json={"kind": "department", "name": "Sở Y tế"}, headers=admin)
        startup = fresh("POST", "/orgs", json={"kind": "startup", "name": "A"}, headers=admin)
        d = bearer(settings, Role.department, dept.json()["id"])
        a = bearer(settings, Role.startup, startup.json()["id"])
        ch = fresh("POST", "/challenges", json=challenge_body(), headers=d).json()
        r = fresh("POST", f"/challenges/{ch['id']}/status", json={"status": "published"}, headers=d)
        assert r.status_code == 200
        url = f"/matching/challenges/{ch['id']}/proposals"
        for _ in range(4):
            assert fresh("GET", url, headers=d).json()["items"] == []
        proposals = []
        for n in range(3):
            p = fresh("POST", "/proposals", json=proposal_body(ch["id"], submit=True), headers=a)
            if n == 0:
                assert p.status_code == 201, p.text
                proposals.append(p.json()["id"])
            else:
                assert p.status_code == 409  # one active proposal per startup, in every worker
            for _ in range(4):
                r = fresh("GET", url, headers=d)
                assert r.status_code == 200, r.text
                assert [i["proposal_id"] for i in r.json()["items"]] == proposals
        # whichever worker answers, the proposal is readable by its department
        for _ in range(4):
            assert fresh("GET", f"/proposals/{proposals[0]}", headers=d).status_code == 200
    finally:
        server.stop()
