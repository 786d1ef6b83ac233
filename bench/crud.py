"""CRUD load benchmark: our all-in-one app against a bare FastAPI baseline, on SQLite and PostgreSQL.

Run from the repository root:  .venv/bin/python bench/crud.py [--backends sqlite,postgres]
                                                              [--duration 10] [--warmup 2]

For each backend it builds a throwaway database (a temp dir for SQLite, a uniquely named
PostgreSQL database that is dropped at the end), migrates it with ``oip migrate``, starts

* the real app: ``python -m services.cli serve --no-migrate`` (uvicorn, uvloop, httptools,
  1 worker), and
* the bare baseline: ``bench/_bare_app.py`` with the same uvicorn settings, same database URL,
  same tables and the same engine (``services.core.db.make_engine``),

creates a department through the admin API, pre-creates challenges, and loads
``GET /challenges/{id}`` (round-robin over the pre-created ids) and ``POST /challenges`` on
each server with 64 connections: a warm-up run, then a measured one. The load generator is
``wrk`` (a separate process), or a Python asyncio+httpx generator when wrk is missing.

Exactly one JSON line goes to stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
from _common import APP_CMD, Server, default_model_cache, log, migrate

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
PG_ADMIN_URL = os.environ.get("OIP_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
JWT_SECRET = "bench-secret-" + secrets.token_hex(24)
TARGETS = {"rps_ratio_min": 0.5, "p99_ms_max": 100.0}
HCMC = timezone(timedelta(hours=7))


def challenge_body() -> dict[str, Any]:
    """A valid challenge body (as tests/factories.py challenge_body), deadline 30 days ahead."""
    return {
        "title": "Số hóa hồ sơ bệnh án tại bệnh viện quận",
        "summary": "Chuyển hồ sơ bệnh án giấy sang bệnh án điện tử.",
        "problem_statement": "Các bệnh viện quận vẫn lưu hồ sơ bệnh án giấy, khó tra cứu và liên thông.",
        "expected_outcomes": ["Bệnh án điện tử liên thông"],
        "sectors": ["health", "e_government"],
        "tags": ["EMR"],
        "sdg_goals": [3],
        "budget_min": 500_000_000,
        "budget_max": 2_000_000_000,
        "deadline": (datetime.now(HCMC) + timedelta(days=30)).isoformat(),
        "language": "vi",
        "contact": {"name": "Phòng CNTT", "email": "cntt@soyte.example.gov.vn"},
    }


# --------------------------------------------------------------------------- processes


# --------------------------------------------------------------------------- databases


@contextlib.contextmanager
def sqlite_database() -> Iterator[tuple[str, Path]]:
    tmp = Path(tempfile.mkdtemp(prefix="oip_bench_sqlite_"))
    try:
        yield f"sqlite+aiosqlite:///{tmp / 'oip.db'}", tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def postgres_database() -> Iterator[tuple[str, Path]]:
    """A uniquely named throwaway database; raises ConnectionError if PostgreSQL is unreachable."""
    import psycopg

    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        raise ConnectionError(f"PostgreSQL unreachable at {PG_ADMIN_URL}: {exc}") from exc
    name = f"oip_bench_{os.getpid()}_{secrets.token_hex(3)}"
    tmp = Path(tempfile.mkdtemp(prefix="oip_bench_pg_"))
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
        yield f"{base}/{name}", tmp
    finally:
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            log(f"dropped database {name}")
        finally:
            admin.close()
            shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- load generators

_LUA_DONE = r"""
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end
"""


def _lua_str(s: str) -> str:
    level = "=" * 4
    assert f"]{level}]" not in s
    return f"[{level}[{s}]{level}]"


def lua_get_script(ids: list[str], headers: dict[str, str]) -> str:
    lines = ['wrk.method = "GET"']
    lines += [f"wrk.headers[ {_lua_str(k)} ] = {_lua_str(v)}" for k, v in headers.items()]
    lines.append("local ids = {" + ",".join(f'"{i}"' for i in ids) + "}")
    lines.append(
        """
local n = #ids
local i = 0
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end
function init(args)
  -- spread the threads over the id list
  i = ((tid or 0) * 7919) % n
end
function request()
  i = i % n + 1
  return wrk.format(nil, "/challenges/" .. ids[i])
end
"""
    )
    return "\n".join(lines) + _LUA_DONE


def lua_post_script(path: str, body: str, headers: dict[str, str]) -> str:
    lines = ['wrk.method = "POST"', f"wrk.path = {_lua_str(path)}", f"wrk.body = {_lua_str(body)}"]
    lines += [f"wrk.headers[ {_lua_str(k)} ] = {_lua_str(v)}" for k, v in headers.items()]
    return "\n".join(lines) + "\n" + _LUA_DONE


def run_wrk(
    url: str, script: Path, *, threads: int, connections: int, duration: float
) -> dict[str, Any]:
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stderr}{proc.stdout}")
    stats: dict[str, Any] | None = None
    report: list[str] = []
    for line in proc.stdout.splitlines():
        if line.startswith("BENCHJSON "):
            stats = json.loads(line[len("BENCHJSON ") :])
        else:
            report.append(line)
    if stats is None:
        raise RuntimeError(f"no stats in wrk output: {proc.stdout}")
    # Cross-check with the --latency text report (p50/p99 lines), kept for the log.
    text = "\n".join(report)
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if m:
            scale = {"us": 1e-3, "ms": 1.0, "s": 1e3}[m.group(2)]
            stats[f"text_p{pct}_ms"] = float(m.group(1)) * scale
    log("wrk: " + " | ".join(s.strip() for s in report if s.strip()))
    return {
        "requests": stats["requests"],
        "duration_s": stats["duration_us"] / 1e6,
        "p50_ms": stats["p50_us"] / 1e3,
        "p90_ms": stats["p90_us"] / 1e3,
        "p99_ms": stats["p99_us"] / 1e3,
        "max_ms": stats["max_us"] / 1e3,
        "non_2xx": stats["status"],
        "socket_errors": {k: stats[k] for k in ("connect", "read", "write", "timeout") if stats[k]},
    }


async def _python_loadgen(spec: dict[str, Any]) -> dict[str, Any]:
    """64 asyncio workers with httpx; per-request latencies; 2xx counts as success."""
    base, method, paths = spec["url"], spec["method"], spec["paths"]
    headers, body, duration = spec["headers"], spec.get("body"), spec["duration"]
    content = body.encode() if body is not None else None
    latencies: list[float] = []
    non_2xx = 0
    other_errors = 0
    limits = httpx.Limits(max_connections=spec["connections"], max_keepalive_connections=None)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=10) as c:
        start = time.perf_counter()
        stop_at = start + duration

        async def worker(k: int) -> None:
            nonlocal non_2xx, other_errors
            i = k * 7919
            while time.perf_counter() < stop_at:
                i += 1
                path = paths[i % len(paths)]
                t0 = time.perf_counter()
                try:
                    r = await c.request(method, path, content=content)
                except httpx.HTTPError:
                    other_errors += 1
                    continue
                latencies.append(time.perf_counter() - t0)
                if not 200 <= r.status_code < 300:
                    non_2xx += 1

        await asyncio.gather(*(worker(k) for k in range(spec["connections"])))
        elapsed = time.perf_counter() - start
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1e3

    return {
        "requests": len(latencies) + other_errors,
        "duration_s": elapsed,
        "p50_ms": pct(50),
        "p90_ms": pct(90),
        "p99_ms": pct(99),
        "max_ms": latencies[-1] * 1e3 if latencies else float("nan"),
        "non_2xx": non_2xx,
        "socket_errors": {"other": other_errors} if other_errors else {},
    }


def run_python_loadgen(spec: dict[str, Any], spec_path: Path) -> dict[str, Any]:
    spec_path.write_text(json.dumps(spec))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--loadgen-spec", str(spec_path)]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=spec["duration"] + 120, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"python load generator failed: {proc.stderr[-2000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


# --------------------------------------------------------------------------- one backend


class Loader:
    """Runs one load scenario (warm-up, then measured) against a server."""

    def __init__(self, args: argparse.Namespace, tool: str, workdir: Path) -> None:
        self.args = args
        self.tool = tool
        self.workdir = workdir
        self.n = 0

    def run(
        self,
        server: Server,
        method: str,
        *,
        ids: list[str],
        body: str | None,
        headers: dict[str, str],
        warmup: bool = True,
    ) -> dict[str, Any]:
        self.n += 1
        results = []
        phases = (("warm-up", self.args.warmup if warmup else 0), ("measured", self.args.duration))
        for phase, duration in phases:
            if duration <= 0:
                continue
            log(f"{server.name} {method} {phase} {duration:g}s")
            cpu0, child0 = server.cpu(), resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.monotonic()
            if self.tool == "wrk":
                script = self.workdir / f"load_{self.n}.lua"
                if method == "GET":
                    script.write_text(lua_get_script(ids, headers))
                else:
                    assert body is not None
                    script.write_text(lua_post_script("/challenges", body, headers))
                res = run_wrk(
                    server.url,
                    script,
                    threads=self.args.threads,
                    connections=self.args.connections,
                    duration=duration,
                )
            else:
                paths = [f"/challenges/{i}" for i in ids] if method == "GET" else ["/challenges"]
                spec = {
                    "url": server.url,
                    "method": method,
                    "paths": paths,
                    "headers": headers,
                    "body": body,
                    "duration": duration,
                    "connections": self.args.connections,
                }
                res = run_python_loadgen(spec, self.workdir / f"load_{self.n}.json")
            wall = time.monotonic() - t0
            child1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            res["server_cpu_s"] = server.cpu() - cpu0
            res["server_cpu_pct"] = round(100 * res["server_cpu_s"] / wall, 1)
            res["loadgen_cpu_pct"] = round(
                100
                * ((child1.ru_utime + child1.ru_stime) - (child0.ru_utime + child0.ru_stime))
                / wall,
                1,
            )
            results.append(res)
        res = results[-1]
        errors = res["non_2xx"] + sum(res["socket_errors"].values())
        out = {
            "rps": round(res["requests"] / res["duration_s"], 1),
            "p50_ms": round(res["p50_ms"], 2),
            "p90_ms": round(res["p90_ms"], 2),
            "p99_ms": round(res["p99_ms"], 2),
            "max_ms": round(res["max_ms"], 2),
            "requests": res["requests"],
            "errors": errors,
            "server_cpu_pct": res["server_cpu_pct"],
            "server_cpu_ms_per_req": (
                round(1000 * res["server_cpu_s"] / res["requests"], 3) if res["requests"] else None
            ),
            "loadgen_cpu_pct": res["loadgen_cpu_pct"],
        }
        if errors:
            out["error_detail"] = {"non_2xx": res["non_2xx"], **res["socket_errors"]}
        log(f"{server.name} {method}: {json.dumps(out)}")
        return out


def wait_background(server: Server, want_indexed: int, timeout: float) -> dict[str, Any]:
    """Wait until the app's in-process matching job has loaded its model and indexed the seed.

    The all-in-one app runs the matching index in the same process; it loads the embedding
    model at start and embeds new challenges as it follows the feed. Measuring while that
    one-off catch-up runs would charge it to the first scenario, so we wait for it (bounded).
    Tolerant of apps without these probes: then there is nothing to wait for.
    """
    deadline = time.monotonic() + timeout
    checks: dict[str, Any] = {}
    while time.monotonic() < deadline:
        checks = server.checks()
        model = checks.get("model")
        index = checks.get("index")
        if not isinstance(model, dict):
            return checks
        state = model.get("state")
        indexed = (server.indexed("challenge") or 0) if isinstance(index, dict) else 0
        if state == "failed":
            log(f"embedding model failed to load: {model.get('error')}")
            return checks
        if state == "ready" and indexed >= want_indexed:
            log(
                f"app background ready: model {model.get('model')} ({model.get('load_seconds')}s), "
                f"{indexed} challenges indexed"
            )
            return checks
        time.sleep(0.5)
    log(f"app background not settled after {timeout:.0f}s: {json.dumps(checks)[:500]}")
    return checks


def _server_env(url: str, data_dir: Path, args: argparse.Namespace) -> dict[str, str]:
    env = {
        **os.environ,
        "OIP_DATABASE_URL": url,
        "OIP_DATA_DIR": str(data_dir),
        "OIP_ENV": "test",
        "OIP_JWT_SECRET": JWT_SECRET,
        "OIP_LOG_LEVEL": args.log_level,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    if args.model_cache_dir:
        env["OIP_MODEL_CACHE_DIR"] = args.model_cache_dir
    if args.workers > 1 and url.startswith("postgresql") and "OIP_DB_POOL_SIZE" not in os.environ:
        # Each worker's pool may grow to 1.5x its size, and the frozen server keeps its
        # connections: four pools of 20 would pass PostgreSQL's default max_connections (100).
        env["OIP_DB_POOL_SIZE"] = str(max(2, 24 // args.workers))
    return env


def _seed(server: Server, n: int, headers: dict[str, str]) -> list[str]:
    """Create n challenges through the server's POST /challenges; their ids."""
    with httpx.Client(base_url=server.url, timeout=30) as client:

        def seed_one(_: int) -> str:
            r = client.post("/challenges", json=challenge_body(), headers=headers)
            if r.status_code != 201:
                raise RuntimeError(f"seeding {server.name} failed: {r.status_code} {r.text}")
            return str(r.json()["id"])

        with ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(seed_one, range(n)))
        r = client.get(f"/challenges/{ids[0]}", headers=headers)
        r.raise_for_status()
        assert r.json()["id"] == ids[0], r.text
    return ids


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the rounds (errors summed); every round's figures are kept under `runs`."""
    out: dict[str, Any] = {
        key: round(_median([r[key] for r in runs]), 3 if key.endswith("per_req") else 1)
        for key in ("rps", "p50_ms", "p90_ms", "p99_ms", "server_cpu_pct", "server_cpu_ms_per_req")
        if all(r.get(key) is not None for r in runs)
    }
    out["max_ms"] = max(r["max_ms"] for r in runs)
    out["requests"] = sum(r["requests"] for r in runs)
    out["errors"] = sum(r["errors"] for r in runs)
    out["runs"] = runs
    return out


def bench_backend(backend: str, args: argparse.Namespace, tool: str) -> dict[str, Any]:
    """Both servers up on twin databases of one backend; GET then POST, in alternating rounds."""
    from services.core.auth import Role, issue_token
    from services.core.settings import Settings

    make_db = sqlite_database if backend == "sqlite" else postgres_database
    with make_db() as (app_url, app_tmp), make_db() as (bare_url, bare_tmp):
        app_env = _server_env(app_url, app_tmp, args)
        log(f"migrating {app_url}")
        migrate(app_env)
        settings = Settings(
            env="test", database_url=app_url, data_dir=app_tmp, jwt_secret=JWT_SECRET
        )
        admin_token = issue_token(settings, sub="bench-admin", role=Role.admin)
        load = Loader(args, tool, app_tmp)
        body = json.dumps(challenge_body(), ensure_ascii=False)
        runs: dict[str, dict[str, list[dict[str, Any]]]] = {
            op: {"app": [], "bare": []} for op in ("get", "post")
        }
        extra: dict[str, Any] = {}
        servers: list[Server] = []
        try:
            # ---- our app on its database: seed through its API, let its background settle.
            app = Server(
                app_env,
                app_tmp / "app.log",
                cmd=(*APP_CMD, "--workers", str(args.workers)),
            )
            servers.append(app)
            app.start()
            r = httpx.post(
                f"{app.url}/orgs",
                json={"kind": "department", "name": "Sở Y tế (bench)"},
                headers={"Authorization": f"Bearer {admin_token}"},
                timeout=30,
            )
            r.raise_for_status()
            dept = uuid.UUID(r.json()["id"])
            token = issue_token(settings, sub="bench-dept", role=Role.department, org=dept)
            headers = {"Authorization": f"Bearer {token}"}
            app_ids = _seed(app, args.ids, headers)
            log(f"[{backend}] app: department {dept}, {len(app_ids)} challenges seeded")

            # ---- the bare baseline on a twin database of the same backend, same table.
            bare_env = {
                **_server_env(bare_url, bare_tmp, args),
                "OIP_BENCH_DEPARTMENT_ID": str(dept),
            }
            log(f"migrating {bare_url}")
            migrate(bare_env)
            bare = Server(
                bare_env,
                bare_tmp / "bare.log",
                name="bare",
                cmd=(
                    sys.executable,
                    str(BENCH_DIR / "_bare_app.py"),
                    "--workers",
                    str(args.workers),
                ),
            )
            servers.append(bare)
            bare.start(ready_path="/livez")
            bare_ids = _seed(bare, args.ids, headers)
            before = wait_background(app, len(app_ids), args.background_timeout)

            # ---- alternating rounds: the idle server is frozen (SIGSTOP) while the other is
            # measured, so the app's background indexing is charged to the app alone.
            req_headers = {**headers, "Content-Type": "application/json"}
            for op, method in (("get", "GET"), ("post", "POST")):
                for rnd in range(args.rounds):
                    order = (app, bare) if rnd % 2 == 0 else (bare, app)
                    for server in order:
                        other = bare if server is app else app
                        other.pause()
                        server.resume()
                        try:
                            runs[op][server.name].append(
                                load.run(
                                    server,
                                    method,
                                    ids=app_ids if server is app else bare_ids,
                                    body=body if method == "POST" else None,
                                    headers=req_headers if method == "POST" else headers,
                                    warmup=rnd == 0,
                                )
                            )
                        finally:
                            other.resume()
                        if server.proc is not None and server.proc.poll() is not None:
                            raise RuntimeError(f"{server.name} server died:\n{server.log_tail()}")
            after = app.checks()
            extra = {
                k: {"before": before.get(k), "after_post": after.get(k)}
                for k in ("model", "index")
                if k in before or k in after
            }
        except BaseException:
            for srv in servers:
                log(f"{srv.name} server log tail:\n{srv.log_tail()}")
            raise
        finally:
            for srv in servers:
                # (The app's graceful shutdown waits for an embedding batch in flight.)
                srv.stop(timeout=5 if srv.name == "app" else 15)

        result: dict[str, Any] = {}
        for op, per_server in runs.items():
            per: dict[str, Any] = {name: _summarise(r) for name, r in per_server.items()}
            bare_rps = per["bare"]["rps"]
            per["rps_ratio"] = round(per["app"]["rps"] / bare_rps, 3) if bare_rps else None
            per["rps_ratio_rounds"] = [
                round(a["rps"] / b["rps"], 3) if b["rps"] else None
                for a, b in zip(per_server["app"], per_server["bare"], strict=True)
            ]
            app_cpu = per["app"].get("server_cpu_ms_per_req")
            bare_cpu = per["bare"].get("server_cpu_ms_per_req")
            per["cpu_ratio"] = round(bare_cpu / app_cpu, 3) if app_cpu and bare_cpu else None
            per["p99_ms"] = per["app"]["p99_ms"]
            result[op] = per
        if extra:
            result["app_background"] = extra
        return result


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="CRUD load benchmark (one JSON line on stdout).")
    p.add_argument("--backends", default="sqlite,postgres", help="comma list: sqlite,postgres")
    p.add_argument("--duration", type=float, default=10.0, help="measured seconds per run")
    p.add_argument(
        "--rounds", type=int, default=3, help="measured runs per server and operation (alternating)"
    )
    p.add_argument("--warmup", type=float, default=2.0, help="warm-up seconds before each run")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2, help="wrk threads")
    p.add_argument(
        "--workers", type=int, default=1, help="uvicorn worker processes of both servers"
    )
    p.add_argument("--ids", type=int, default=100, help="challenges pre-created for GET")
    p.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    p.add_argument("--log-level", default="warning", help="OIP_LOG_LEVEL of both servers")
    p.add_argument(
        "--model-cache-dir",
        default=default_model_cache(),
        help="OIP_MODEL_CACHE_DIR for the app (a converted model is reused, not rebuilt per run)",
    )
    p.add_argument(
        "--background-timeout",
        type=float,
        default=120.0,
        help="max seconds to wait for the app's model load and seed indexing before loading it",
    )
    p.add_argument("--loadgen-spec", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    for b in args.backends:
        if b not in ("sqlite", "postgres"):
            p.error(f"unknown backend {b!r}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.loadgen_spec:  # internal: the Python fallback load generator's own process
        spec = json.loads(Path(args.loadgen_spec).read_text())
        with contextlib.suppress(ImportError):
            import uvloop

            uvloop.install()
        print(json.dumps(asyncio.run(_python_loadgen(spec))))
        return 0

    # Turn SIGTERM into SystemExit so the finally blocks stop servers and drop databases.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tool = args.tool
    if tool == "auto":
        tool = "wrk" if shutil.which("wrk") else "python"
        if tool == "python":
            log(
                "WARNING: wrk not found, falling back to the Python load generator, which "
                "saturates before the servers (its ratios mean little); install wrk with "
                "`apt-get install -y wrk`"
            )
    if tool == "wrk" and not shutil.which("wrk"):
        log("wrk not found (apt-get install -y wrk)")
        return 2
    log(f"load generator: {tool}; backends: {','.join(args.backends)}")
    started = time.monotonic()
    results: dict[str, Any] = {}
    met: dict[str, bool] = {}
    for backend in args.backends:
        try:
            results[backend] = bench_backend(backend, args, tool)
        except ConnectionError as exc:
            log(f"[{backend}] skipped: {exc}")
            results[backend] = {"skipped": str(exc)}
            continue
        except Exception as exc:  # noqa: BLE001 - reported in the JSON, other backends still run
            log(f"[{backend}] failed: {type(exc).__name__}: {exc}")
            results[backend] = {"failed": f"{type(exc).__name__}: {exc}"[:500]}
            met[f"{backend}.get"] = met[f"{backend}.post"] = False
            continue
        for op in ("get", "post"):
            r = results[backend][op]
            met[f"{backend}.{op}"] = bool(
                r["rps_ratio"] is not None
                and r["rps_ratio"] >= TARGETS["rps_ratio_min"]
                and r["p99_ms"] < TARGETS["p99_ms_max"]
                and r["app"]["errors"] == 0
                and r["bare"]["errors"] == 0
            )
    errors = sum(
        r[op][srv]["errors"]
        for r in results.values()
        if "skipped" not in r and "failed" not in r
        for op in ("get", "post")
        for srv in ("app", "bare")
    )
    out = {
        "bench": "crud",
        "tool": tool,
        **(
            {"tool_note": "httpx load generator saturates before the servers; ratios unreliable"}
            if tool == "python"
            else {}
        ),
        "connections": args.connections,
        "threads": args.threads if tool == "wrk" else None,
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "servers": {
            "uvicorn": f"loop=uvloop http=httptools workers={args.workers}",
            "log_level": args.log_level,
            "embedding_model": os.environ.get("OIP_EMBEDDING_MODEL", "default"),
            # OIP_SERVICE=challenges measures the challenges service as it runs on its own
            # (the three-process deployment: no embedding in the write path)
            "app_service": os.environ.get("OIP_SERVICE", "all"),
        },
        "results": results,
        "targets": TARGETS,
        "met": met,
        "errors_total": errors,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        },
        "elapsed_s": round(time.monotonic() - started, 1),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
