"""Every cell of the authorization policy (tests/security/policy.py), on both backends.

Cells run against the all-in-one app in-process through a module-scoped ``client`` (it shadows
the function-scoped one of tests/conftest.py, which empties the database before every test):
the database is emptied once per backend, the world's organisations are created once, and

- read-only cells share one arrangement per (operation, state) for all roles;
- mutating cells get a fresh arrangement each, so no cell depends on another.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from services.core.auth import Role
from services.core.settings import Settings
from services.main import create_all_in_one
from tests.conftest import Actor, actor, clean_client, make_settings
from tests.security.policy import (
    ADMIN,
    ANONYMOUS,
    ARRANGE,
    BUILDERS,
    LISTED,
    OTHER_DEPARTMENT,
    OTHER_STARTUP,
    OWN_DEPARTMENT,
    OWN_STARTUP,
    POLICY,
    REVIEWER,
    ROLES,
    UNLISTED,
    Arranged,
    Ctx,
    Row,
    app_operations,
    cells,
    request_for,
)

PROBLEM_JSON = "application/problem+json"
MIN_CELLS = 150


@pytest.fixture(scope="module")
async def client(app: FastAPI, db_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the app, on a database emptied once for this module and backend."""
    async with clean_client(app, db_url) as c:
        yield c


@dataclass
class Matrix:
    """The world's actors and the arrangements shared by read-only cells."""

    ctx: Ctx
    shared: dict[tuple[str, str], Arranged] = field(default_factory=dict)

    async def arranged(self, row: Row) -> Arranged:
        """A fresh arrangement for a mutating cell, the shared one for a read-only cell."""
        fn = ARRANGE[row.arrange_name]
        if row.mutating:
            return await fn(self.ctx)
        key = (row.op, row.state)
        if key not in self.shared:
            self.shared[key] = await fn(self.ctx)
        return self.shared[key]


@pytest.fixture(scope="module")
async def matrix(client: httpx.AsyncClient, settings: Settings) -> Matrix:
    """Admin, departments A and B, a reviewer of A, startups A and B (created over the API)."""
    # Own subjects: the matching rate limit counts per (org, sub) in the session-wide app.
    run = uuid.uuid4().hex[:8]
    admin = actor(settings, Role.admin, None, f"ops@matrix-{run}")

    async def org(kind: str, name: str) -> uuid.UUID:
        r = await client.post("/orgs", json={"kind": kind, "name": name}, headers=admin.headers)
        assert r.status_code == 201, r.text
        return uuid.UUID(r.json()["id"])

    dept_a = await org("department", "Sở Y tế TP.HCM")
    dept_b = await org("department", "Sở Giáo dục và Đào tạo TP.HCM")
    st_a = await org("startup", "MediSync")
    st_b = await org("startup", "EduNext")
    actors: dict[str, Actor] = {
        ADMIN: admin,
        OWN_DEPARTMENT: actor(settings, Role.department, dept_a, "alice@so-y-te"),
        OTHER_DEPARTMENT: actor(settings, Role.department, dept_b, "bob@so-gd"),
        REVIEWER: actor(settings, Role.reviewer, dept_a, "rita@so-y-te"),
        OWN_STARTUP: actor(settings, Role.startup, st_a, "an@medisync"),
        OTHER_STARTUP: actor(settings, Role.startup, st_b, "binh@edunext"),
    }
    return Matrix(Ctx(client=client, settings=settings, actors=actors))


CELLS = cells()


def _cell_id(cell: tuple[Row, str]) -> str:
    row, role = cell
    return f"{row.op}/{row.state}/{role}"


@pytest.mark.parametrize("cell", CELLS, ids=[_cell_id(c) for c in CELLS])
async def test_policy_cell(
    client: httpx.AsyncClient, matrix: Matrix, cell: tuple[Row, str]
) -> None:
    """Arrange the state, call the operation as the role, check the status (and list contents)."""
    row, role = cell
    arranged = await matrix.arranged(row)
    req = request_for(row, arranged)
    headers = dict(req.headers)
    if role != ANONYMOUS:
        who = arranged.actors.get(role) or matrix.ctx.actors[role]
        headers.update(who.headers)
    r = await client.request(req.method, req.path, params=req.query, json=req.json, headers=headers)
    wanted = row.expect[role]
    status = 200 if wanted in (LISTED, UNLISTED) else int(wanted)
    where = f"{row.op} [{row.state}] as {role}"
    assert r.status_code == status, (
        f"{where}: expected {status}, got {r.status_code}: {r.text[:400]}"
    )
    if r.status_code >= 400:
        assert r.headers["content-type"].startswith(PROBLEM_JSON), where
    for private in arranged.private_ids:
        if role in arranged.private_to:
            assert r.json().get("id") == private, f"{where}: expected the replay of {private}"
        else:
            assert private not in r.text, f"{where}: answer carries {private}, not the caller's"
    if r.status_code == 200 and req.item_key is not None:
        ids: set[str] = set()
        for item in r.json()["items"]:
            value = item[req.item_key]
            ids.update(map(str, value) if isinstance(value, list) else [str(value)])
        leaked = ids & set(req.never_ids)
        assert not leaked, f"{where}: lists objects nobody may see here: {leaked}"
        if wanted == LISTED:
            assert req.listed_id in ids, f"{where}: {req.listed_id} missing from {sorted(ids)}"
        elif wanted == UNLISTED:
            assert req.listed_id not in ids, f"{where}: lists hidden {req.listed_id}"


# --- the table itself ------------------------------------------------------------------------------


def all_in_one_operations() -> set[str]:
    """The operations of `services.main.create_all_in_one` (no database needed to list them)."""
    settings = make_settings("sqlite+aiosqlite:///unused.db", Path("unused-data-dir"))
    return app_operations(create_all_in_one(settings))


def test_every_route_of_the_app_has_a_policy_row() -> None:
    """A new route without a row in the table fails here, listing the routes."""
    ops = all_in_one_operations()
    assert len(ops) >= 28, sorted(ops)
    covered = {row.op for row in POLICY}
    missing = sorted(ops - covered)
    assert not missing, "routes without a row in tests/security/policy.py:\n" + "\n".join(missing)
    stale = sorted(covered - ops)
    assert not stale, "policy rows for routes the app does not have:\n" + "\n".join(stale)


def test_policy_rows_are_complete_and_consistent() -> None:
    """Every row names every role once, a known arrangement, and a request builder."""
    seen: set[tuple[str, str]] = set()
    for row in POLICY:
        assert (row.op, row.state) not in seen, f"duplicate row {row.op} [{row.state}]"
        seen.add((row.op, row.state))
        assert set(row.expect) == set(ROLES), f"{row.op} [{row.state}]: roles {set(row.expect)}"
        assert row.arrange_name in ARRANGE, f"{row.op} [{row.state}]: no arrangement"
        assert row.op in BUILDERS, f"{row.op}: no request builder"
        for role, wanted in row.expect.items():
            assert wanted in (LISTED, UNLISTED) or isinstance(wanted, int), (row.op, role)
            if wanted in (LISTED, UNLISTED):
                assert row.method == "GET", f"{row.op}: only reads list"


def test_matrix_size() -> None:
    """The matrix is big enough to mean something; prints its size."""
    n_cells = len(CELLS)
    print(
        f"\nauthorization matrix: {len(POLICY)} rows x {len(ROLES)} roles = {n_cells} cells "
        f"per backend ({len({r.op for r in POLICY})} operations)"
    )
    assert n_cells >= MIN_CELLS
