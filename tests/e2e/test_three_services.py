"""Three services as separate uvicorn processes on PostgreSQL, each with its own database.

Matching can only learn about proposals through the solutions service's change feed over
HTTP; a proposal acknowledged by solutions must be in the very next ranking. With two matching
workers behind one port, each keeps its own index, and whichever answers must be up to date.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from services.core.auth import Role
from tests.conftest import TEST_SECRET, make_settings, throwaway_pg_database
from tests.e2e.servers import Server, bearer
from tests.factories import challenge_body, proposal_body

pytestmark = pytest.mark.e2e


@pytest.fixture
def three_databases() -> Iterator[tuple[str, str, str]]:
    """One throwaway PostgreSQL database per service."""
    with throwaway_pg_database() as a, throwaway_pg_database() as b, throwaway_pg_database() as c:
        yield a, b, c


@pytest.mark.parametrize("matching_workers", [1, 2])
def test_a_new_proposal_is_in_the_next_ranking_across_processes(
    three_databases: tuple[str, str, str], tmp_path: Path, matching_workers: int
) -> None:
    challenges_db, solutions_db, matching_db = three_databases
    common = {
        "OIP_ENV": "test",
        "OIP_JWT_SECRET": TEST_SECRET,
        "OIP_EMBEDDING_MODEL": "fake",
        "OIP_FEED_POLL_SECONDS": "3600",  # only the ranking request's own catch-up may help
        "OIP_DATA_DIR": str(tmp_path),
    }
    servers: list[Server] = []
    try:
        challenges = Server(
            {**common, "OIP_SERVICE": "challenges", "OIP_DATABASE_URL": challenges_db},
            tmp_path / "challenges.log",
        ).start()
        servers.append(challenges)
        solutions = Server(
            {
                **common,
                "OIP_SERVICE": "solutions",
                "OIP_DATABASE_URL": solutions_db,
                "OIP_CHALLENGES_URL": challenges.url,
            },
            tmp_path / "solutions.log",
        ).start()
        servers.append(solutions)
        matching = Server(
            {
                **common,
                "OIP_SERVICE": "matching",
                "OIP_DATABASE_URL": matching_db,
                "OIP_CHALLENGES_URL": challenges.url,
                "OIP_SOLUTIONS_URL": solutions.url,
            },
            tmp_path / "matching.log",
            workers=matching_workers,
        ).start()
        servers.append(matching)

        settings = make_settings(challenges_db, tmp_path)
        admin = bearer(settings, Role.admin)

        def ranked(url: str, headers: dict[str, str]) -> set[str]:
            """The ranked ids, asked on fresh connections (any worker may answer each)."""
            answers = []
            for _ in range(2 * matching_workers):
                r = httpx.get(url, headers=headers, timeout=30)
                assert r.status_code == 200, r.text
                answers.append({i["proposal_id"] for i in r.json()["items"]})
            assert all(a == answers[0] for a in answers), answers
            return answers[0]

        with httpx.Client(timeout=30) as c:
            dept = c.post(
                f"{challenges.url}/orgs",
                json={"kind": "department", "name": "Sở Y tế"},
                headers=admin,
            )
            startup = c.post(
                f"{challenges.url}/orgs",
                json={"kind": "startup", "name": "MediSync"},
                headers=admin,
            )
            d = bearer(settings, Role.department, dept.json()["id"])
            s = bearer(settings, Role.startup, startup.json()["id"])
            ch = c.post(f"{challenges.url}/challenges", json=challenge_body(), headers=d).json()
            r = c.post(
                f"{challenges.url}/challenges/{ch['id']}/status",
                json={"status": "published"},
                headers=d,
            )
            assert r.status_code == 200

            ranking_url = f"{matching.url}/matching/challenges/{ch['id']}/proposals"
            assert ranked(ranking_url, d) == set()

            # The solutions service checks the challenge over HTTP, then acknowledges the write.
            p = c.post(
                f"{solutions.url}/proposals", json=proposal_body(ch["id"], submit=True), headers=s
            )
            assert p.status_code == 201, p.text
            assert ranked(ranking_url, d) == {p.json()["id"]}

            # A second proposal from another startup, then a withdrawal: each seen at once.
            other = c.post(
                f"{challenges.url}/orgs", json={"kind": "startup", "name": "B"}, headers=admin
            )
            s2 = bearer(settings, Role.startup, other.json()["id"])
            p2 = c.post(
                f"{solutions.url}/proposals", json=proposal_body(ch["id"], submit=True), headers=s2
            )
            assert p2.status_code == 201
            assert ranked(ranking_url, d) == {p.json()["id"], p2.json()["id"]}
            w = c.post(
                f"{solutions.url}/proposals/{p.json()['id']}/status",
                json={"status": "withdrawn"},
                headers=s,
            )
            assert w.status_code == 200
            assert ranked(ranking_url, d) == {p2.json()["id"]}

            # Matching enforces ownership on its own: the startup cannot read the ranking.
            assert c.get(ranking_url, headers=s).status_code == 404
            # Its readiness reports the model and the index.
            ready = c.get(f"{matching.url}/readyz").json()
            assert ready["checks"]["index"]["synced"] is True
    finally:
        for server in servers:
            server.stop()
