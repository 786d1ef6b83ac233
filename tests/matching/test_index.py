"""Dense (exact and HNSW) and lexical indexes."""

from __future__ import annotations

import threading
import time
from itertools import pairwise
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.matching.index import (
    DenseIndex,
    Doc,
    HnswIndex,
    LexicalIndex,
    make_dense_index,
    top_k_indices,
)


def _unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    x = rng.normal(size=(n, dim)).astype(np.float32)
    return np.asarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)


def _embedding_like(rng: np.random.Generator, n: int, dim: int, seed: int = 7) -> np.ndarray:
    """Clustered unit vectors on a curved low-dimensional manifold, like text embeddings."""
    latent, clusters = 48, 100
    basis = np.random.default_rng(seed)
    proj = basis.normal(size=(latent, dim)) / np.sqrt(latent)
    centers = basis.normal(size=(clusters, latent))
    z = centers[rng.integers(0, clusters, n)] + 0.7 * rng.normal(size=(n, latent))
    x = (np.tanh(z @ proj) + 0.1 * rng.normal(size=(n, dim))).astype(np.float32)
    return np.asarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)


def _brute(ids: list[str], mat: np.ndarray, q: np.ndarray, k: int) -> list[str]:
    scores = mat @ q
    order = sorted(range(len(ids)), key=lambda i: (-scores[i], ids[i]))
    return [ids[i] for i in order[:k]]


# --- DenseIndex -----------------------------------------------------------------------


def _scores(kind: str, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if kind == "normal":
        return rng.standard_normal(n).astype(np.float32)
    if kind == "ties":  # few distinct values: ties at the k-th score
        return rng.integers(0, 50, n).astype(np.float32)
    if kind == "ascending":
        return np.sort(rng.random(n).astype(np.float32))
    if kind == "descending":
        return np.sort(rng.random(n).astype(np.float32))[::-1].copy()
    if kind == "sparse":  # BM25-like: most documents score 0
        out = np.zeros(n, dtype=np.float32)
        out[rng.choice(n, n // 50, replace=False)] = rng.random(n // 50)
        return out
    return np.full(n, 0.5, dtype=np.float32)


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(["normal", "ties", "ascending", "descending", "sparse", "constant"]),
    n=st.integers(1, 70_000),
    k=st.integers(1, 600),
    seed=st.integers(0, 2**16),
)
def test_top_k_indices_are_the_k_best_in_order(kind: str, n: int, k: int, seed: int) -> None:
    scores = _scores(kind, n, seed)
    got = top_k_indices(scores, k)
    best = np.lexsort((np.arange(n), -scores))[:k]  # every index, by score then position
    assert len(got) == min(k, n) and len(set(got.tolist())) == len(got)
    # The same scores as a full sort, best first; ties within the result by position.
    assert np.array_equal(scores[got], scores[best])
    assert all((scores[a], -a) > (scores[b], -b) for a, b in pairwise(got))
    if len(got) < n and scores[best[-1]] not in scores[np.setdiff1d(np.arange(n), best)]:
        assert np.array_equal(got, best)  # no tie at the k-th score: exactly the sorted prefix


def test_dense_exact_matches_brute_force() -> None:
    rng = np.random.default_rng(0)
    vecs = _unit(rng, 500, 32)
    ids = [f"d{i}" for i in range(500)]
    index = DenseIndex(32, capacity=8)
    index.upsert(ids, vecs)
    for q in _unit(rng, 10, 32):
        got = [h.id for h in index.search(q, 10)]
        assert set(got) == set(_brute(ids, vecs, q, 10))
        scores = [h.score for h in index.search(q, 10)]
        assert scores == sorted(scores, reverse=True)


def test_dense_exact_after_removes_and_upserts_matches_brute_force() -> None:
    rng = np.random.default_rng(1)
    live: dict[str, np.ndarray] = {}
    index = DenseIndex(16, capacity=4)
    for step in range(30):
        batch = _unit(rng, 40, 16)
        ids = [f"s{step}-{i}" for i in range(40)]
        index.upsert(ids, batch)
        live.update(zip(ids, batch, strict=True))
        victims = list(rng.choice(sorted(live), size=15, replace=False))
        index.remove([*victims, "never-indexed"])
        for v in victims:
            del live[v]
        # overwrite a few existing ids with new vectors
        again = list(rng.choice(sorted(live), size=5, replace=False))
        fresh = _unit(rng, 5, 16)
        index.upsert(again, fresh)
        live.update(zip(again, fresh, strict=True))
    assert len(index) == len(live)
    ids = sorted(live)
    mat = np.stack([live[i] for i in ids])
    for q in _unit(rng, 20, 16):
        got = [h.id for h in index.search(q, 7)]
        assert set(got) == set(_brute(ids, mat, q, 7))
    np.testing.assert_allclose(index.get(ids[:3]), mat[:3], atol=1e-6)


def test_dense_upsert_does_not_rebuild_matrix_each_time() -> None:
    index = DenseIndex(8, capacity=4)
    rng = np.random.default_rng(2)
    buffers = set()
    for i in range(64):
        index.upsert([f"x{i}"], _unit(rng, 1, 8))
        buffers.add(id(index._mat))
    assert len(buffers) <= 6  # geometric growth: a handful of reallocations for 64 inserts


def test_dense_filter_returns_only_allowed_ids() -> None:
    rng = np.random.default_rng(3)
    vecs = _unit(rng, 200, 16)
    ids = [f"d{i}" for i in range(200)]
    index = DenseIndex(16)
    index.upsert(ids, vecs)
    allowed = {f"d{i}" for i in range(0, 200, 9)} | {"unknown"}
    for q in _unit(rng, 5, 16):
        hits = index.search(q, 10, allowed)
        assert len(hits) == 10
        assert {h.id for h in hits} <= allowed
        sub = sorted(allowed - {"unknown"})
        assert {h.id for h in hits} == set(
            _brute(sub, np.stack([vecs[int(s[1:])] for s in sub]), q, 10)
        )


def test_dense_empty_and_degenerate_inputs() -> None:
    index = DenseIndex(4)
    q = np.ones(4, dtype=np.float32)
    assert index.search(q, 5) == []
    index.upsert(["a"], np.ones((1, 4), dtype=np.float32))
    assert index.search(q, 0) == []
    assert index.search(q, 5, allowed=set()) == []
    assert [h.id for h in index.search(q, 5)] == ["a"]
    index.remove(["a", "a"])
    assert len(index) == 0 and index.search(q, 5) == []
    with pytest.raises(ValueError):
        index.upsert(["b"], np.ones((1, 3), dtype=np.float32))


def test_make_dense_index_factory() -> None:
    assert isinstance(make_dense_index("exact", 8), DenseIndex)
    assert isinstance(make_dense_index("hnsw", 8), HnswIndex)
    with pytest.raises(ValueError):
        make_dense_index("faiss", 8)  # type: ignore[arg-type]


# --- HnswIndex --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clustered_20k() -> tuple[list[str], np.ndarray, np.ndarray]:
    rng = np.random.default_rng(42)
    vecs = _embedding_like(rng, 20_000, 64)
    queries = _embedding_like(rng, 100, 64)
    return [f"v{i}" for i in range(len(vecs))], vecs, queries


def test_hnsw_recall_at_10_vs_exact(
    clustered_20k: tuple[list[str], np.ndarray, np.ndarray],
) -> None:
    ids, vecs, queries = clustered_20k
    exact = DenseIndex(64)
    exact.upsert(ids, vecs)
    hnsw = HnswIndex(64, ef_search=64)
    hnsw.upsert(ids, vecs)
    found = 0
    start = time.perf_counter()
    results = [hnsw.search(q, 10) for q in queries]
    elapsed = time.perf_counter() - start
    for q, got in zip(queries, results, strict=True):
        truth = {h.id for h in exact.search(q, 10)}
        found += len(truth & {h.id for h in got})
    recall = found / (10 * len(queries))
    assert recall >= 0.95, recall
    assert elapsed / len(queries) < 0.05


def test_hnsw_filtered_search_still_returns_k(
    clustered_20k: tuple[list[str], np.ndarray, np.ndarray],
) -> None:
    ids, vecs, queries = clustered_20k
    hnsw = HnswIndex(64, exact_below=100)
    hnsw.upsert(ids, vecs)
    exact = DenseIndex(64)
    exact.upsert(ids, vecs)
    for share in (500, 37, 3):  # about 0.2 %, 2.7 % and 33 % of the items allowed
        allowed = set(ids[::share])
        for q in queries[:5]:
            hits = hnsw.search(q, 10, allowed)
            assert len(hits) == 10
            assert {h.id for h in hits} <= allowed
            truth = {h.id for h in exact.search(q, 10, allowed)}
            assert len(truth & {h.id for h in hits}) >= 8


def test_hnsw_upsert_replace_and_remove() -> None:
    rng = np.random.default_rng(5)
    vecs = _unit(rng, 300, 16)
    ids = [f"d{i}" for i in range(300)]
    index = HnswIndex(16)
    index.upsert(ids, vecs)
    index.remove(ids[:100])
    assert len(index) == 200
    q = vecs[150]
    assert index.search(q, 1)[0].id == "d150"
    index.upsert(["d150"], -vecs[150:151])  # replace: now the farthest point
    assert "d150" not in {h.id for h in index.search(q, 5)}
    assert all(h.id not in set(ids[:100]) for h in index.search(vecs[5], 20))
    np.testing.assert_allclose(index.score_ids(q, ["d150"]), [-1.0], atol=1e-5)


def test_hnsw_empty() -> None:
    index = HnswIndex(8)
    assert index.search(np.ones(8, dtype=np.float32), 3) == []
    assert index.search(np.ones(8, dtype=np.float32), 3, allowed={"x"}) == []


# --- LexicalIndex -----------------------------------------------------------------------


@pytest.fixture()
def lexical() -> LexicalIndex:
    index = LexicalIndex()
    index.upsert(
        [
            Doc("vi-1", "Số hóa hồ sơ bệnh án tại bệnh viện quận 1"),
            Doc("vi-2", "Ứng dụng giao thông thông minh cho thành phố Hồ Chí Minh"),
            Doc("vi-3", "Bán bàn ghế văn phòng giá rẻ"),
            Doc("en-1", "Digitising hospital medical records", title="Hospital records"),
            Doc("en-2", "Smart traffic lights reduce congestion in District 1"),
        ]
    )
    return index


def test_lexical_folded_search_finds_accented_document(lexical: LexicalIndex) -> None:
    hits = lexical.search("so hoa benh an", 3, folded=True)
    assert hits[0].id == "vi-1"


def test_lexical_accented_search_uses_exact_accents(lexical: LexicalIndex) -> None:
    # "bàn" (table) and "bán" (sell) fold to the same word; the accented field keeps them apart.
    exact = {h.id: h.score for h in lexical.search("bàn", 5, folded=False)}
    assert "vi-3" in exact
    assert lexical.search("bạn", 5, folded=False) == []
    assert [h.id for h in lexical.search("ban", 5, folded=True)] == ["vi-3"]


def test_lexical_title_is_indexed(lexical: LexicalIndex) -> None:
    assert lexical.search("hospital", 1)[0].id == "en-1"


def test_lexical_matched_terms_use_document_surface_form(lexical: LexicalIndex) -> None:
    assert lexical.matched_terms("so hoa benh an", "vi-1") == ["Số hóa", "bệnh án"]
    assert lexical.matched_terms("bệnh án điện tử", "vi-1") == ["bệnh án"]
    assert lexical.matched_terms("traffic congestion", "en-2") == ["traffic", "congestion"]
    assert lexical.matched_terms("xyz", "vi-1") == []
    assert lexical.matched_terms("", "vi-1") == []
    assert lexical.matched_terms("so hoa", "missing") == []


def test_lexical_matched_phrases_end_where_document_or_query_breaks() -> None:
    index = LexicalIndex()
    text = "Hệ thống quản lý hồ sơ bệnh án, bệnh viện quận. Traffic data platform and open data."
    index.upsert([Doc("d", text)])
    # "hồ sơ bệnh án" is one phrase; the comma ends it before "bệnh viện".
    assert index.matched_terms("ho so benh an benh vien", "d") == ["hồ sơ bệnh án", "bệnh viện"]
    # Adjacent in the document but not in the query: two terms, not one phrase.
    assert index.matched_terms("data traffic", "d") == ["data", "Traffic"]
    # A document word that is not in the query ("hồ sơ") ends the phrase.
    assert index.matched_terms("quản lý bệnh án", "d") == ["quản lý", "bệnh án"]
    # Function words alone explain nothing; inside a phrase they are kept.
    assert index.matched_terms("and", "d") == []
    assert index.matched_terms("platform and open", "d") == ["platform and open"]


def test_lexical_updates_apply_at_the_next_search(lexical: LexicalIndex) -> None:
    lexical.search("traffic", 1)
    lexical.upsert([Doc("en-3", "Flood sensors for traffic tunnels")])
    assert "en-3" in {h.id for h in lexical.search("flood", 3)}
    lexical.remove(["en-3", "unknown"])
    assert lexical.search("flood", 3) == []
    lexical.upsert([Doc("en-2", "Rainwater harvesting")])  # replace
    assert lexical.search("congestion", 3) == []
    assert lexical.search("rainwater", 3)[0].id == "en-2"


_VOCABULARY = (
    "bệnh án điện tử số hóa hồ sơ benh an dien tu so hoa ho so giao thông thông minh ngập lụt "
    "cảnh báo hospital records traffic lights flood sensors congestion digital platform data "
    "open api citizens clinic appointments vaccination schools learning"
)
_WORDS = _VOCABULARY.split()


def _random_docs(rng: np.random.Generator, ids: list[str]) -> list[Doc]:
    return [
        Doc(
            d,
            " ".join(rng.choice(_WORDS, size=int(rng.integers(3, 40)))),
            title=" ".join(rng.choice(_WORDS, size=int(rng.integers(0, 5)))),
        )
        for d in ids
    ]


def _by_id(index: LexicalIndex, query: str, folded: bool) -> dict[str, float]:
    scores = index.scores(query, folded)
    return {d: float(scores[i]) for i, d in enumerate(index.ids) if d is not None}


@pytest.mark.parametrize(("merge_min", "background"), [(10_000, False), (8, False), (8, True)])
def test_lexical_incremental_scores_equal_a_full_rebuild(merge_min: int, background: bool) -> None:
    rng = np.random.default_rng(11)
    live = {d.id: d for d in _random_docs(rng, [f"d{i}" for i in range(300)])}
    incremental = LexicalIndex(
        merge_min=merge_min, merge_fraction=0.05, background_merge=background
    )
    incremental.upsert(live.values())
    queries = ["so hoa benh an", "bệnh án điện tử", "traffic flood sensors", "hồ sơ api data"]
    incremental.scores(queries[0])  # builds the main segment
    for step in range(40):
        edited = _random_docs(rng, [f"d{i}" for i in rng.integers(0, 360, size=3)])
        incremental.upsert(edited)
        live.update((d.id, d) for d in edited)
        gone = [f"d{i}" for i in rng.integers(0, 360, size=2)]
        incremental.remove(gone)
        for d in gone:
            live.pop(d, None)
        if step % 7 == 0:
            incremental.scores(queries[step % len(queries)])  # searches between edits
    full = LexicalIndex()
    full.upsert(live.values())
    assert len(incremental) == len(full) == len(live)
    _assert_same_scores(incremental, full, queries)  # a background merge may still be running
    incremental.flush()
    _assert_same_scores(incremental, full, queries)
    if merge_min > 1000:
        assert incremental._merges == 1  # every edit went through the delta segment
    else:
        assert incremental._merges > 1


def _assert_same_scores(incremental: LexicalIndex, full: LexicalIndex, queries: list[str]) -> None:
    for query in queries:
        for folded in (False, True):
            got, want = _by_id(incremental, query, folded), _by_id(full, query, folded)
            assert got == want  # bit for bit, not approximately
            assert incremental.query_weights(query, folded) == full.query_weights(query, folded)
            assert incremental.coverage(query, folded) == full.coverage(query, folded)
            got_top = incremental.search(query, 10, folded=folded)
            assert [h.score for h in got_top] == [
                h.score for h in full.search(query, 10, folded=folded)
            ]


@pytest.mark.parametrize("folded", [False, True])
@pytest.mark.parametrize("seed", [0, 1])
def test_lexical_scores_are_bm25s_lucene_scores_after_edits(folded: bool, seed: int) -> None:
    # The reference is the bm25s library itself (method="lucene") indexing the same terms:
    # a query scores the sum over its distinct terms of bm25s's score for that term, each
    # weighted (1 + ln count) (idf weighting of the query turned off, nothing pruned).
    import bm25s  # a pinned dev dependency: the reference implementation

    rng = np.random.default_rng(seed)
    index = LexicalIndex(query_idf_power=0.0, prune_share=0.0, merge_min=8, background_merge=False)
    docs = {d.id: d for d in _random_docs(rng, [f"d{i}" for i in range(80)])}
    index.upsert(docs.values())
    index.scores("warm up", folded)  # the edits below go through the delta segment and a merge
    for doc in _random_docs(rng, [f"d{i}" for i in range(0, 80, 7)] + ["new-1", "new-2"]):
        docs[doc.id] = doc
        index.upsert([doc])
    index.remove(["d3", "d40"])
    del docs["d3"], docs["d40"]

    live = list(docs.values())
    reference = bm25s.BM25(k1=index.k1, b=index.b, method="lucene")
    reference.index([index.analyze(d.full_text, folded) for d in live], show_progress=False)
    for query in ("hospital records flood", "số hóa bệnh án", "giao thông thông minh minh"):
        terms = index.analyze(query, folded)
        want = sum(
            (1.0 + np.log(terms.count(t))) * reference.get_scores([t]) for t in dict.fromkeys(terms)
        )
        got = _by_id(index, query, folded)
        assert set(got) == set(docs)
        assert max(want) > 0
        assert [got[d.id] for d in live] == pytest.approx(list(want), rel=1e-5, abs=1e-5)


def test_lexical_long_query_skips_only_its_commonest_words_at_scale() -> None:
    rng = np.random.default_rng(5)
    docs = _random_docs(rng, [f"d{i}" for i in range(400)])
    docs.append(Doc("rare", "ngập lụt cảnh báo vaccination clinic appointments"))
    query = " ".join(_WORDS)  # a long query: every word of the corpus
    exact = LexicalIndex(prune_share=0.0)
    small = LexicalIndex(prune_share=0.05)  # the corpus is under prune_postings: nothing skipped
    pruned = LexicalIndex(prune_share=0.05, prune_postings=100)
    for index in (exact, small, pruned):
        index.upsert(docs)
    want, as_small, got = (_by_id(i, query, False) for i in (exact, small, pruned))
    assert as_small == want

    weights = exact.query_weights(query, False)
    scales = {t: w * (exact.idf(t) or 0.0) for t, w in weights.items()}
    kept = pruned._query_terms(weights, pruned._fields[False])
    vocab = pruned._fields[False].vocab
    skipped = {t for t in scales if exact.idf(t) is not None} - {
        t for t in scales if vocab.get(t) in {tid for tid, _ in kept}
    }
    df = {t: int(pruned._fields[False].df[vocab[t]]) for t in scales if t in vocab}
    assert skipped, "the commonest words should be skipped"
    assert sum(scales[t] for t in skipped) <= 0.05 * sum(scales.values()) + 1e-9
    assert min(df[t] for t in skipped) >= max(df[t] for t in set(df) - skipped)
    # No score moves by more than the skipped share of the highest score the query allows.
    bound = 0.05 * sum(scales.values()) * (exact.k1 + 1)
    assert max(abs(got[d] - want[d]) for d in want) <= bound
    assert max(want.values()) - max(got.values()) <= bound
    assert pruned.search("ngập lụt cảnh báo", 3)[0].id == "rare"


def test_lexical_repeated_query_follows_index_changes(lexical: LexicalIndex) -> None:
    # A query's weights, scoring terms and coverage are kept between searches; an edit
    # must change them exactly as a fresh index would have them.
    query = "flood sensors hospital records"
    coverage_before = lexical.coverage(query, folded=True)
    assert _by_id(lexical, query, False).get("en-3") is None
    added = Doc("en-3", "Flood sensors for traffic tunnels")
    lexical.upsert([added])
    fresh = LexicalIndex()
    fresh.upsert([Doc(d, lexical.text(d)) for d in lexical.ids if d is not None and d != "en-3"])
    fresh.upsert([added])
    assert lexical.coverage(query, folded=True) == fresh.coverage(query, folded=True)
    assert lexical.coverage(query, folded=True) > coverage_before
    assert lexical.query_weights(query) == fresh.query_weights(query)
    got = _by_id(lexical, query, False)
    assert got["en-3"] > 0
    assert got == pytest.approx(_by_id(fresh, query, False))


def test_lexical_one_edit_does_not_rebuild_the_main_segment(lexical: LexicalIndex) -> None:
    lexical.search("traffic", 1)
    main = lexical._fields[False].main
    lexical.upsert([Doc("en-2", "Smart traffic lights and flood sensors")])
    assert lexical.search("flood", 1)[0].id == "en-2"
    assert lexical._fields[False].main is main
    assert lexical._merges == 1


def test_lexical_filter_never_leaks(lexical: LexicalIndex) -> None:
    allowed = {"en-1", "vi-2"}
    hits = lexical.search("benh vien hospital traffic giao thong", 10, allowed=allowed, folded=True)
    assert hits and {h.id for h in hits} <= allowed


def test_lexical_empty_index_and_empty_query() -> None:
    index = LexicalIndex()
    assert index.search("anything", 5) == []
    assert index.scores("anything").size == 0
    assert index.coverage("anything") == 0.0
    index.upsert([Doc("a", "hello world")])
    assert index.search("", 5) == []
    assert index.search("!!!", 5) == []
    assert index.search("unknownword", 5) == []


def test_lexical_coverage_low_for_foreign_language_queries(lexical: LexicalIndex) -> None:
    assert lexical.coverage("hospital records", folded=True) > 0.9
    assert lexical.coverage("Krankenhaus Akten digitalisieren", folded=True) == 0.0


def test_lexical_edits_during_a_background_merge_keep_full_rebuild_scores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from services.matching import index as index_module

    rng = np.random.default_rng(5)
    live = {d.id: d for d in _random_docs(rng, [f"d{i}" for i in range(200)])}
    lexical = LexicalIndex(merge_min=10, merge_fraction=0.0, background_merge=True)
    lexical.upsert(live.values())
    lexical.scores("so hoa")  # first build, synchronous
    release = threading.Event()
    postings = index_module._Postings

    def slow_postings(*args: Any) -> Any:
        if threading.current_thread().name == "lexical-merge":
            release.wait(10)
        return postings(*args)

    monkeypatch.setattr(index_module, "_Postings", slow_postings)
    first = _random_docs(rng, [f"d{i}" for i in range(10)])
    lexical.upsert(first)
    live.update((d.id, d) for d in first)
    lexical.scores("so hoa")  # starts the merge, which now waits
    assert lexical._pending is not None
    during = _random_docs(rng, ["d3", "d150", "new-1"])
    lexical.upsert(during)
    live.update((d.id, d) for d in during)
    lexical.remove(["d7", "d151"])
    for d in ("d7", "d151"):
        live.pop(d)
    full = LexicalIndex()
    full.upsert(live.values())
    queries = ["so hoa benh an", "traffic flood sensors", "hồ sơ api data"]
    _assert_same_scores(lexical, full, queries)  # served by the old segments meanwhile
    release.set()
    lexical.flush()
    assert lexical._merges == 2 and lexical._pending is None
    assert lexical._fields[False].delta.slot.size > 0  # the documents edited during the merge
    _assert_same_scores(lexical, full, queries)
