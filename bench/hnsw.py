"""HNSW recall@10 and latency of the product's ``HnswIndex`` against exact numpy top-k.

Run from the repository root:  .venv/bin/python bench/hnsw.py [--n 1000000] [--queries 200]
                                                              [--ef 64,128,256]

Data: ``--n`` vectors of dimension 384 around ``--clusters`` random unit centroids plus
isotropic Gaussian noise (``--noise`` = noise norm relative to the centroid), L2-normalised;
queries are drawn the same way near random centroids (not members of the data set).

* build: ``services.matching.index.HnswIndex(384)`` with the product's defaults
  (connectivity 16, expansion_add 128), filled through ``upsert`` in batches; build time and
  throughput reported;
* ground truth: exact cosine top-10 per query (numpy, chunked);
* for each ``ef_search``: ``HnswIndex.search(q, 10)`` per query: recall@10 and p50/p95
  latency; also ``search(q, 100)`` (the ranker fetches ``candidates=100``): the share of the
  true top-10 found among those 100;
* the floor/baseline: exact numpy top-k for one query (``M @ q``, ``argpartition``) p50 over
  ``--exact-reps`` queries. ``speedup = exact_p50 / hnsw_p50``.

Goal: recall@10 >= 0.95 at the product's default ef_search (``HnswIndex``'s, 128), reported for
64/128/256.
Exactly one JSON line goes to stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import sys
import time
from typing import Any

import _common as c
import numpy as np

GOAL_RECALL = 0.95


def clustered(
    n: int, centroids: np.ndarray, noise: float, rng: np.random.Generator, chunk: int = 100_000
) -> np.ndarray:
    """n unit vectors near random centroids: (c + noise * g/sqrt(dim)), normalised."""
    dim = centroids.shape[1]
    out = np.empty((n, dim), dtype=np.float32)
    scale = np.float32(noise / np.sqrt(dim))
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        which = rng.integers(0, centroids.shape[0], stop - start)
        block = rng.standard_normal((stop - start, dim), dtype=np.float32)
        block *= scale
        block += centroids[which]
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start:stop] = block
    return out


def exact_topk(mat: np.ndarray, queries: np.ndarray, k: int, chunk: int = 200_000) -> np.ndarray:
    """Exact top-k row indices per query (best first), scanning the matrix in chunks."""
    nq = queries.shape[0]
    best_s = np.full((nq, k), -np.inf, dtype=np.float32)
    best_i = np.zeros((nq, k), dtype=np.int64)
    for start in range(0, mat.shape[0], chunk):
        sims = queries @ mat[start : start + chunk].T  # (nq, chunk)
        kk = min(k, sims.shape[1])
        part = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        cand_s = np.concatenate([best_s, np.take_along_axis(sims, part, axis=1)], axis=1)
        cand_i = np.concatenate([best_i, part + start], axis=1)
        order = np.argsort(-cand_s, axis=1, kind="stable")[:, :k]
        best_s = np.take_along_axis(cand_s, order, axis=1)
        best_i = np.take_along_axis(cand_i, order, axis=1)
    return best_i


def exact_one(mat: np.ndarray, q: np.ndarray, k: int) -> np.ndarray:
    scores = mat @ q
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part])]


def measure(
    index: Any, queries: np.ndarray, fetch: int, truth_sets: list[set[str]]
) -> tuple[list[float], list[float]]:
    """Seconds per search of ``fetch`` hits, and the share of each query's true top-k found."""
    times: list[float] = []
    found: list[float] = []
    for q, truth in zip(queries, truth_sets, strict=True):
        t = time.perf_counter()
        hits = index.search(q, fetch)
        times.append(time.perf_counter() - t)
        found.append(len({h.id for h in hits} & truth) / len(truth))
    return times, found


def run(args: argparse.Namespace) -> dict[str, Any]:
    from services.matching.index import HnswIndex

    rng = np.random.default_rng(args.seed)
    dim = args.dim
    centroids = rng.standard_normal((args.clusters, dim), dtype=np.float32)
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    t0 = time.perf_counter()
    data = clustered(args.n, centroids, args.noise, rng)
    queries = clustered(args.queries, centroids, args.noise, rng)
    c.log(
        f"generated {args.n} x {dim} vectors around {args.clusters} centroids in {time.perf_counter() - t0:.1f}s"
    )

    t0 = time.perf_counter()
    truth = exact_topk(data, queries, args.k)
    c.log(f"ground truth for {args.queries} queries in {time.perf_counter() - t0:.1f}s")
    # how separable the neighbours are (hard data: the 10th neighbour is barely closer than the 100th)
    sims_10 = np.einsum("qd,qd->q", queries, data[truth[:, -1]])
    sims_1 = np.einsum("qd,qd->q", queries, data[truth[:, 0]])

    index = HnswIndex(dim)
    ids = [str(i) for i in range(args.n)]
    t0 = time.perf_counter()
    last = t0
    for start in range(0, args.n, args.batch):
        stop = min(args.n, start + args.batch)
        index.upsert(ids[start:stop], data[start:stop])
        if time.perf_counter() - last > 30 or stop == args.n:
            last = time.perf_counter()
            c.log(f"built {stop}/{args.n} ({stop / (last - t0):.0f} vectors/s)")
    build_s = time.perf_counter() - t0
    gc.collect()
    status = c.proc_status(__import__("os").getpid())

    # exact floor: one query at a time, as a ranking request would do it
    exact_times: list[float] = []
    for i in range(args.exact_warmup + args.exact_reps):
        q = queries[i % args.queries]
        t = time.perf_counter()
        exact_one(data, q, args.k)
        if i >= args.exact_warmup:
            exact_times.append(time.perf_counter() - t)
    exact = c.summary_ms(exact_times)
    c.log(f"exact numpy top-{args.k}: {exact}")

    per_ef: dict[str, Any] = {}
    truth_sets = [set(map(str, row)) for row in truth]
    for ef in args.ef:
        index.ef_search = ef
        for q in queries[: min(20, args.queries)]:  # warm-up
            index.search(q, args.k)
        times, recalls = measure(index, queries, args.k, truth_sets)
        times100, cover100 = measure(index, queries, args.candidates, truth_sets)
        lat = c.summary_ms(times)
        per_ef[str(ef)] = {
            "recall_at_10": round(float(np.mean(recalls)), 4),
            "recall_at_10_min": round(float(np.min(recalls)), 2),
            # queries whose whole neighbourhood was missed (greedy search stuck in another cluster)
            "queries_recall_zero": int(sum(r == 0 for r in recalls)),
            **lat,
            "speedup_p50_vs_exact": round(exact["p50_ms"] / lat["p50_ms"], 1),
            f"top10_in_{args.candidates}": round(float(np.mean(cover100)), 4),
            f"p50_ms_k{args.candidates}": c.summary_ms(times100)["p50_ms"],
        }
        c.log(f"ef_search={ef}: {per_ef[str(ef)]}")

    default_ef = inspect.signature(HnswIndex).parameters["ef_search"].default
    return {
        "bench": "hnsw",
        "n": args.n,
        "dim": dim,
        "clusters": args.clusters,
        "noise": args.noise,
        "queries": args.queries,
        "k": args.k,
        "index": {"connectivity": 16, "expansion_add": 128, "metric": "cos", "dtype": "f32"},
        "build_s": round(build_s, 1),
        "build_vectors_per_s": round(args.n / build_s),
        "process_rss_mib_after_build": round(status.get("VmRSS", 0) / 1024),
        "exact_numpy": exact,
        "ef_search": per_ef,
        "neighbour_cos": {
            "top1_mean": round(float(sims_1.mean()), 4),
            "top10_mean": round(float(sims_10.mean()), 4),
        },
        "goal": {"recall_at_10_min": GOAL_RECALL},
        "met": {ef: v["recall_at_10"] >= GOAL_RECALL for ef, v in per_ef.items()},
        "met_at_default_ef": per_ef.get(str(default_ef), {}).get("recall_at_10", 0) >= GOAL_RECALL,
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="HNSW recall/latency vs exact (one JSON line).")
    p.add_argument("--n", type=int, default=1_000_000)
    p.add_argument("--dim", type=int, default=384)
    p.add_argument("--clusters", type=int, default=2000)
    p.add_argument(
        "--noise", type=float, default=0.75, help="noise norm relative to the unit centroid"
    )
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--candidates", type=int, default=100, help="the ranker's over-fetch")
    p.add_argument("--ef", default="64,128,256", help="ef_search values")
    p.add_argument("--batch", type=int, default=50_000, help="vectors per upsert")
    p.add_argument("--exact-reps", type=int, default=30)
    p.add_argument("--exact-warmup", type=int, default=3)
    p.add_argument("--seed", type=int, default=5)
    args = p.parse_args(argv)
    args.ef = [int(x) for x in args.ef.split(",") if x.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    out = run(args)
    return c.finish(out, started)


if __name__ == "__main__":
    sys.exit(main())
