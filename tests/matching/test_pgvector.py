"""The pgvector dense index and its migration, on a real PostgreSQL with pgvector (bundled server)."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import psycopg
import pytest
from alembic import command

from services.core import migrate
from services.core.embeddings.base import FakeEmbedder
from services.matching.index import DenseIndex, Doc
from services.matching.pgvector import TABLE, PgVectorIndex, libpq_dsn
from services.matching.ranker import HybridRanker
from tests.conftest import throwaway_pg_database
from tests.matching.pgserver import pgvector_url, scratch_database  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow

DIM = 384
N = 5000
K = 10


def _table_exists(url: str) -> bool:
    with psycopg.connect(libpq_dsn(url)) as conn:
        row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (TABLE,)).fetchone()
    return bool(row and row[0])


def _hnsw_index_exists(url: str) -> bool:
    with psycopg.connect(libpq_dsn(url)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            (TABLE, "%USING hnsw (embedding vector_cosine_ops)%"),
        ).fetchone()
    return bool(row and row[0] == 1)


# --- migration ----------------------------------------------------------------------------


def test_migration_creates_the_table_where_pgvector_exists_and_downgrade_drops_it(
    pgvector_url: str,  # noqa: F811
) -> None:
    with scratch_database(pgvector_url, "oip_pgv_migration") as url:
        migrate.upgrade(url)
        assert _table_exists(url)
        assert _hnsw_index_exists(url)
        with psycopg.connect(libpq_dsn(url)) as conn:
            row = conn.execute(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                " WHERE attrelid = to_regclass(%s) AND attname = 'embedding'",
                (TABLE,),
            ).fetchone()
        assert row == ("vector(384)",)
        command.check(migrate.alembic_config(url))  # the models still match: the table is skipped
        migrate.downgrade(url, "base")
        assert not _table_exists(url)
        migrate.upgrade(url)  # and again, after the extension was dropped
        assert _table_exists(url)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_migration_is_a_no_op_without_pgvector(backend: str, tmp_path: Path) -> None:
    with _fresh_database(backend, tmp_path) as url:
        migrate.upgrade(url)
        if backend == "postgres":
            with psycopg.connect(libpq_dsn(url)) as conn:
                available = conn.execute(
                    "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'"
                ).fetchone()
            assert _table_exists(url) == (available is not None)
        command.check(migrate.alembic_config(url))
        migrate.downgrade(url, "base")


def _fresh_database(backend: str, tmp_path: Path) -> contextlib.AbstractContextManager[str]:
    """A fresh database of the backend (SQLite file, or the local PostgreSQL of conftest)."""
    if backend == "sqlite":
        return contextlib.nullcontext(f"sqlite+aiosqlite:///{tmp_path / 'oip.db'}")
    return throwaway_pg_database()


# --- the index ----------------------------------------------------------------------------


@dataclass
class Data:
    """Clustered unit vectors, queries drawn from the same clusters, and their keys."""

    keys: list[str]
    mat: np.ndarray
    labels: np.ndarray
    queries: np.ndarray
    qlabels: np.ndarray


def _unit(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)
    return out


@pytest.fixture(scope="module")
def data() -> Data:
    """5,000 vectors in 50 clusters plus 50 queries."""
    rng = np.random.default_rng(7)
    centers = _unit(rng.standard_normal((50, DIM)))
    labels = rng.integers(0, 50, N)
    mat = _unit(centers[labels] + 0.06 * rng.standard_normal((N, DIM)))
    qlabels = rng.integers(0, 50, 50)
    queries = _unit(centers[qlabels] + 0.06 * rng.standard_normal((50, DIM)))
    return Data([f"doc-{i}\x1f0" for i in range(N)], mat, labels, queries, qlabels)


@pytest.fixture(scope="module")
def vec_url(pgvector_url: str) -> Iterator[str]:  # noqa: F811
    """A database of the pgvector server, migrated to head."""
    with scratch_database(pgvector_url, "oip_pgv_index") as url:
        migrate.upgrade(url)
        yield url


@pytest.fixture(scope="module")
def filled(vec_url: str, data: Data) -> Iterator[PgVectorIndex]:
    """An index holding the 5,000 vectors (HNSW path: ``exact_below`` is below N)."""
    index = PgVectorIndex(vec_url, DIM, "test:recall", ef_search=100, exact_below=2000)
    started = time.perf_counter()
    index.upsert(data.keys, data.mat)
    print(f"upsert of {N} vectors: {time.perf_counter() - started:.2f}s")
    yield index
    index.close()


def _exact(data: Data, q: np.ndarray, k: int, allowed: set[str] | None = None) -> list[str]:
    exact = DenseIndex(DIM)
    if allowed is None:
        scores = data.mat @ q
        order = np.argsort(-scores, kind="stable")[:k]
        return [data.keys[i] for i in order]
    exact.upsert(data.keys, data.mat)
    return [h.id for h in exact.search(q, k, allowed)]


def test_top10_recall_with_ef_search_100(filled: PgVectorIndex, data: Data) -> None:
    assert len(filled) == N
    found = 0
    took = []
    for q in data.queries:
        started = time.perf_counter()
        hits = filled.search(q, K)
        took.append(time.perf_counter() - started)
        assert len(hits) == K
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        found += len({h.id for h in hits} & set(_exact(data, q, K)))
    recall = found / (K * len(data.queries))
    print(f"recall@10 = {recall:.3f}, p50 search = {1000 * float(np.median(took)):.2f} ms")
    assert recall >= 0.95


def test_scores_are_cosine_similarities(filled: PgVectorIndex, data: Data) -> None:
    q = data.queries[0]
    hits = filled.search(q, K)
    rows = [data.keys.index(h.id) for h in hits]
    assert np.allclose([h.score for h in hits], data.mat[rows] @ q, atol=1e-5)
    ids = [hits[0].id, "missing", hits[1].id]
    scores = filled.score_ids(q, ids)
    assert np.isnan(scores[1])
    assert np.allclose(scores[[0, 2]], [hits[0].score, hits[1].score], atol=1e-5)
    assert np.allclose(filled.get(ids[::2]), data.mat[rows[:2]], atol=1e-6)
    assert filled.get([]).shape == (0, DIM)
    with pytest.raises(KeyError):
        filled.get(["missing"])


def test_filtered_search_with_a_small_allowed_set_is_exact(
    filled: PgVectorIndex, data: Data
) -> None:
    rng = np.random.default_rng(1)
    allowed = {data.keys[i] for i in rng.choice(N, 500, replace=False)}
    for q in data.queries[:10]:
        hits = filled.search(q, K, allowed)
        assert [h.id for h in hits] == _exact(data, q, K, allowed)
    assert filled.search(data.queries[0], K, {"missing"}) == []
    few = set(data.keys[:3])
    assert {h.id for h in filled.search(data.queries[0], K, few)} == few


@pytest.mark.parametrize("kind", ["other-clusters", "random-60%", "random-45%"])
def test_filtered_search_with_a_large_allowed_set_returns_k_allowed_hits(
    filled: PgVectorIndex, data: Data, kind: str
) -> None:
    # "other-clusters" leaves out the query's own cluster: its nearest neighbours are all
    # filtered away, so the HNSW scan must iterate far beyond ef_search to find k hits.
    # "random-60%" takes the unfiltered over-fetch path, "random-45%" the filtered scan.
    rng = np.random.default_rng(3)
    found = 0
    for q, label in zip(data.queries[:10], data.qlabels[:10], strict=True):
        if kind == "other-clusters":
            allowed = {data.keys[i] for i in np.flatnonzero(data.labels != label)}
        else:
            share = 0.6 if kind == "random-60%" else 0.45
            allowed = {data.keys[i] for i in rng.choice(N, int(share * N), replace=False)}
        assert len(allowed) > filled.exact_below
        hits = filled.search(q, K, allowed)
        assert len(hits) == K
        assert {h.id for h in hits} <= allowed
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        found += len({h.id for h in hits} & set(_exact(data, q, K, allowed)))
    recall = found / (10 * K)
    print(f"filtered ({kind}) recall@10 = {recall:.2f}")
    # Outside the query's cluster the candidates are near-ties (cosine ~0): recall is looser there.
    assert recall >= (0.75 if kind == "other-clusters" else 0.95)


def test_an_iterative_scan_that_stops_early_falls_back_to_an_exact_scan(
    vec_url: str, filled: PgVectorIndex, data: Data
) -> None:
    q, label = data.queries[0], data.qlabels[0]
    other = next(c for c in range(50) if c != label)
    allowed = {data.keys[i] for i in np.flatnonzero(data.labels == other)}  # ~100 far-away keys
    with PgVectorIndex(vec_url, DIM, "test:recall", exact_below=0, max_scan_tuples=20) as index:
        assert len(index) == N
        assert [h.id for h in index.search(q, K, allowed)] == _exact(data, q, K, allowed)


def test_k_above_ef_search_still_returns_k(vec_url: str, filled: PgVectorIndex, data: Data) -> None:
    with PgVectorIndex(vec_url, DIM, "test:recall", ef_search=10) as index:
        hits = index.search(data.queries[1], 300)
    assert len(hits) == 300
    assert len({h.id for h in hits} & set(_exact(data, data.queries[1], 300))) >= 0.9 * 300


def test_reindexing_identical_vectors_writes_nothing(
    vec_url: str, filled: PgVectorIndex, data: Data
) -> None:
    def versions() -> list[tuple[str, str]]:
        with psycopg.connect(libpq_dsn(vec_url)) as conn:
            rows = conn.execute(
                "SELECT key, xmin::text FROM matching_vector WHERE namespace = %s AND key = ANY(%s)"
                " ORDER BY key",
                ("test:recall", data.keys[:50]),
            ).fetchall()
        return [(k, x) for k, x in rows]

    before = versions()
    filled.upsert(data.keys[:50], data.mat[:50])
    assert versions() == before


def test_concurrent_searches_from_threads(filled: PgVectorIndex, data: Data) -> None:
    expected = [[h.id for h in filled.search(q, K)] for q in data.queries[:16]]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda q: [h.id for h in filled.search(q, K)], data.queries[:16]))
    assert got == expected


@pytest.mark.parametrize("exact_below", [0, 2000])
def test_upsert_replaces_and_remove_drops(vec_url: str, data: Data, exact_below: int) -> None:
    ns = f"test:updates:{exact_below}"
    with PgVectorIndex(vec_url, DIM, ns, exact_below=exact_below) as index:
        index.remove(data.keys[:300])  # a rerun leaves nothing behind
        index.upsert(data.keys[:300], data.mat[:300])
        q = data.queries[0]
        target = data.keys[299]
        assert target not in [h.id for h in index.search(q, 5)]
        index.upsert([target, target], np.stack([-q, 3 * q]))  # the last duplicate wins, normalised
        hits = index.search(q, 5)
        assert hits[0].id == target
        assert hits[0].score == pytest.approx(1.0, abs=1e-5)
        assert len(index) == 300
        index.remove([target, "never-there"])
        assert target not in index
        assert len(index) == 299
        assert target not in [h.id for h in index.search(q, 300)]
        assert np.isnan(index.score_ids(q, [target])[0])
        index.remove(data.keys[:300])
        assert len(index) == 0
        assert index.search(q, 5) == []


def test_zero_vectors_score_zero_and_clear_empties_the_namespace(vec_url: str, data: Data) -> None:
    with PgVectorIndex(vec_url, DIM, "test:zero") as index:
        index.clear()
        index.upsert(["zero", "one"], np.stack([np.zeros(DIM, dtype=np.float32), data.mat[0]]))
        hits = index.search(data.mat[0], 5)  # exact path: the namespace is small
        assert [h.id for h in hits] == ["one", "zero"]
        assert hits[1].score == 0.0
        assert index.score_ids(data.mat[0], ["zero"])[0] == 0.0
        with pytest.raises(ValueError, match="finite"):
            index.search(np.full(DIM, np.nan, dtype=np.float32), 5)
        index.clear()
        assert len(index) == 0
        assert index.search(data.mat[0], 5) == []
        index.refresh()
        assert len(index) == 0


def test_keys_with_quotes_commas_and_backslashes_round_trip(vec_url: str, data: Data) -> None:
    odd = ['a"b', "c\\d", "e,f", "{g}", "NULL", " sp ", "x\x1f3", "ứng dụng"]
    with PgVectorIndex(vec_url, DIM, "test:odd-keys") as index:
        index.clear()
        index.upsert(odd, data.mat[: len(odd)])
        assert np.allclose(index.get(odd), data.mat[: len(odd)], atol=1e-6)
        hits = index.search(data.mat[0], 3, set(odd[:2]))
        assert [h.id for h in hits] == odd[:2]
        index.remove(odd[:4])
        index.refresh()
        assert sorted(index._keys) == sorted(odd[4:])
        index.clear()


def test_a_new_index_sees_the_stored_vectors_and_namespaces_isolate(
    vec_url: str, data: Data
) -> None:
    with (
        PgVectorIndex(vec_url, DIM, "test:ns-a") as a,
        PgVectorIndex(vec_url, DIM, "test:ns-b") as b,
    ):
        a.remove(data.keys[:100])
        b.remove(data.keys[:100])
        a.upsert(data.keys[:100], data.mat[:100])
        b.upsert(data.keys[:50], data.mat[100:150])
        with PgVectorIndex(vec_url, DIM, "test:ns-a") as again:  # e.g. a restarted replica
            assert len(again) == 100
            assert data.keys[0] in again
            assert "nope" not in again
        assert len(b) == 50
        q = data.mat[120]
        assert b.search(q, 1)[0].id == data.keys[20]
        assert a.search(q, 1)[0].id != data.keys[20] or np.allclose(data.mat[20], q)
        assert np.allclose(a.get([data.keys[0]]), data.mat[:1], atol=1e-6)
        assert np.allclose(b.get([data.keys[0]]), data.mat[100:101], atol=1e-6)
        b.remove(data.keys[:50])
        assert len(b) == 0
        a.refresh()
        assert len(a) == 100
        a.remove(data.keys[:100])


def test_a_wrong_dimension_is_refused_clearly(vec_url: str) -> None:
    with pytest.raises(ValueError, match=r"dim 64 .*vector\(384\).*migration"):
        PgVectorIndex(vec_url, 64, "test:wrong-dim")
    with PgVectorIndex(vec_url, DIM, "test:wrong-dim") as index, pytest.raises(ValueError):
        index.upsert(["x"], np.ones((1, 64), dtype=np.float32))


def test_a_database_without_the_table_is_refused_clearly(pgvector_url: str) -> None:  # noqa: F811
    with pytest.raises(RuntimeError, match="alembic upgrade head"):
        PgVectorIndex(pgvector_url, DIM, "test:no-table")


# --- in the ranker ------------------------------------------------------------------------

TEXTS = [
    (
        "Ứng dụng đặt lịch khám bệnh trực tuyến",
        "Giảm thời gian chờ tại bệnh viện bằng đặt lịch khám qua điện thoại.",
        "health",
    ),
    (
        "Hồ sơ sức khỏe điện tử",
        "Liên thông hồ sơ bệnh án giữa các bệnh viện quận và thành phố.",
        "health",
    ),
    (
        "Telemedicine for district clinics",
        "Video consultations between district clinics and city hospitals.",
        "health",
    ),
    (
        "Theo dõi chất lượng không khí",
        "Cảm biến đo bụi mịn PM2.5 đặt tại trường học và khu dân cư.",
        "environment",
    ),
    (
        "Phân loại rác tại nguồn",
        "Ứng dụng hướng dẫn người dân phân loại rác và đặt lịch thu gom.",
        "environment",
    ),
    (
        "Flood early warning",
        "Water level sensors and SMS alerts for low-lying wards during the rainy season.",
        "environment",
    ),
    (
        "Học trực tuyến cho học sinh",
        "Nền tảng bài giảng video và bài tập cho học sinh trung học.",
        "education",
    ),
    (
        "Quản lý thư viện trường học",
        "Số hóa sách và mượn trả bằng mã QR trong trường học.",
        "education",
    ),
    (
        "AI tutor for mathematics",
        "Adaptive exercises and hints for secondary school mathematics.",
        "education",
    ),
    (
        "Giao thông thông minh",
        "Điều khiển đèn tín hiệu theo lưu lượng xe máy tại các nút giao.",
        "transport",
    ),
    (
        "Bãi đỗ xe thông minh",
        "Tìm chỗ đỗ xe trống qua ứng dụng, thanh toán không tiền mặt.",
        "transport",
    ),
    (
        "Bus arrival predictions",
        "Real-time bus positions and arrival times for city bus routes.",
        "transport",
    ),
    (
        "Dịch vụ công trực tuyến",
        "Nộp hồ sơ hành chính và theo dõi tiến độ xử lý qua cổng dịch vụ công.",
        "government",
    ),
    (
        "Chatbot hỗ trợ người dân",
        "Trả lời câu hỏi thường gặp về thủ tục hành chính bằng tiếng Việt.",
        "government",
    ),
    (
        "Open data portal",
        "Publish city datasets with APIs for startups and researchers.",
        "government",
    ),
    ("Truy xuất nguồn gốc thực phẩm", "Mã QR truy xuất nguồn gốc rau quả tại chợ đầu mối.", "food"),
]
QUERIES = [
    "đặt lịch khám bệnh",
    "dat lich kham benh",
    "air quality sensors in schools",
    "xe buýt thời gian thực",
    "thủ tục hành chính trực tuyến",
    "QR code",
]


class TieFreeFakeEmbedder(FakeEmbedder):
    """``FakeEmbedder`` plus a small text-seeded jitter, so no two documents tie on cosine.

    Bag-of-words vectors tie exactly (e.g. at 0 for documents sharing no word with the
    query), and the ranker breaks ties by candidate order, which differs between indexes.
    """

    def _encode(self, texts: list[str]) -> np.ndarray:
        base = super()._encode(texts)
        for row, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
            base[row] += 0.005 * np.random.default_rng(seed).standard_normal(self.dim).astype(
                np.float32
            )
        out: np.ndarray = base / np.linalg.norm(base, axis=1, keepdims=True)
        return out


def _assert_same_ranking(got: list[tuple[str, float]], want: list[tuple[str, float]]) -> None:
    """Same hits with the same scores; the order may differ only between tied scores."""
    assert {i for i, _ in got} == {i for i, _ in want}
    want_score = dict(want)
    for doc_id, score in got:
        assert score == pytest.approx(want_score[doc_id], abs=1e-5)
    exact_in_got_order = [want_score[i] for i, _ in got]
    assert all(a >= b - 1e-5 for a, b in itertools.pairwise(exact_in_got_order))


@pytest.mark.parametrize("exact_below", [0, 2000])
def test_hybrid_ranker_on_pgvector_ranks_like_the_exact_index(
    vec_url: str, exact_below: int
) -> None:
    embedder = TieFreeFakeEmbedder(DIM)
    docs = [
        Doc(f"c{i}", body, title, {"sector": sector})
        for i, (title, body, sector) in enumerate(TEXTS)
    ]
    reference = HybridRanker(embedder, "exact", chunk_words=8)
    dense = PgVectorIndex(vec_url, DIM, f"test:ranker:{exact_below}", exact_below=exact_below)
    ranker = HybridRanker(embedder, "pgvector", chunk_words=8, dense_index=dense)
    try:
        dense.clear()  # a rerun starts from an empty namespace
        reference.upsert(docs)
        ranker.upsert(docs)
        ranker.upsert(docs[:3])  # re-indexing replaces the chunk vectors
        assert len(dense) == len(reference._dense)
        for method in ("hybrid", "dense"):
            for query in QUERIES:
                for allowed in (None, ranker.ids_where(sector={"health", "education"})):
                    got = ranker.search(query, len(docs), method, allowed, explain=False)
                    want = reference.search(query, len(docs), method, allowed, explain=False)
                    _assert_same_ranking(
                        [(h.id, h.score) for h in got], [(h.id, h.score) for h in want]
                    )
                    top = reference.search(query, 3, method, allowed)
                    assert {h.id for h in ranker.search(query, 3, method, allowed)} == {
                        h.id for h in top
                    } or (len(got) > 3 and abs(got[2].score - got[3].score) < 1e-5)
        ranker.remove(["c0"])
        reference.remove(["c0"])
        assert "c0" not in {h.id for h in ranker.search(QUERIES[0], 5, "dense")}
        assert len(dense) == len(reference._dense)
    finally:
        dense.close()
