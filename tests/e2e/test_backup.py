"""`oip backup` while a real server writes, then `oip restore` after it stops."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from services.core.auth import Role
from tests.conftest import make_settings
from tests.e2e.servers import app_env, bearer, oip, serving
from tests.factories import challenge_body

pytestmark = pytest.mark.e2e


def test_backup_while_serving_then_restore_after_stop(tmp_path: Path) -> None:
    db_file = tmp_path / "data" / "oip.db"
    db_url = f"sqlite+aiosqlite:///{db_file}"
    settings = make_settings(db_url, tmp_path / "data")
    env = app_env(db_url, tmp_path / "data")
    admin = bearer(settings, Role.admin)

    with serving(env, tmp_path / "server.log") as c:
        dept = c.post("/orgs", json={"kind": "department", "name": "Sở Y tế"}, headers=admin)
        d = bearer(settings, Role.department, dept.json()["id"])
        kept = c.post("/challenges", json=challenge_body(title="Trước sao lưu"), headers=d)
        assert kept.status_code == 201

        # Another writer holds an uncommitted change while the backup runs: the backup
        # neither waits for it nor contains it.
        other = sqlite3.connect(db_file, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE challenges_challenge SET title = 'chưa commit'")
        done = oip(env, "backup", str(tmp_path / "backups"))
        other.execute("ROLLBACK")
        other.close()
        assert done.returncode == 0, done.stderr

        later = c.post("/challenges", json=challenge_body(title="Sau sao lưu"), headers=d)
        assert later.status_code == 201

        # Restoring under a live server is refused, and the server's data stays.
        backup_file = next((tmp_path / "backups").glob("oip-*.db"))
        refused = oip(env, "restore", str(backup_file))
        assert refused.returncode == 2
        assert "stop it first" in refused.stderr
        assert c.get(f"/challenges/{later.json()['id']}", headers=d).status_code == 200

    copies = sorted((tmp_path / "backups").glob("oip-*.db"))
    assert len(copies) == 1
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    with sqlite3.connect(copies[0]) as snap:
        assert snap.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        titles = [r[0] for r in snap.execute("SELECT title FROM challenges_challenge")]
    assert titles == ["Trước sao lưu"]

    # A file that is not a backup is refused, and the database is left as it was.
    bogus = tmp_path / "not-a-backup.db"
    bogus.write_text("hello")
    refused = oip(env, "restore", str(bogus))
    assert refused.returncode == 2
    assert "not an OIP database" in refused.stderr

    restored = oip(env, "restore", str(copies[0]))
    assert restored.returncode == 0, restored.stderr

    with serving(env, tmp_path / "server.log") as c:
        got = c.get(f"/challenges/{kept.json()['id']}", headers=d)
        assert got.status_code == 200
        assert got.json()["title"] == "Trước sao lưu"
        assert c.get(f"/challenges/{later.json()['id']}", headers=d).status_code == 404
        # The restored database takes new writes.
        assert c.post("/challenges", json=challenge_body(), headers=d).status_code == 201


def test_backup_of_postgresql_points_to_pg_dump(tmp_path: Path) -> None:
    env = app_env("postgresql+psycopg://postgres@127.0.0.1:5432/oip", tmp_path / "data")
    done = oip(env, "backup", str(tmp_path / "backups"))
    assert done.returncode == 2
    assert "pg_dump" in done.stderr
    assert not (tmp_path / "backups").exists()


def test_backup_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    db_url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'oip.db'}"
    env = app_env(db_url, tmp_path / "data")
    missing = oip(env, "backup", str(tmp_path / "backups"))
    assert missing.returncode == 2
    assert "there is no database" in missing.stderr
    assert oip(env, "migrate").returncode == 0
    not_a_dir = oip(env, "backup", str(tmp_path / "data" / "oip.db" / "backups"))
    assert not_a_dir.returncode == 2
    assert "Not a directory" in not_a_dir.stderr
    assert "Traceback" not in not_a_dir.stderr
