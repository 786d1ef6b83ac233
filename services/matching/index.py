"""In-memory indexes for matching: dense vectors (exact or HNSW) and BM25.

* ``DenseIndex`` - exact inner-product top-k over a float32 matrix that grows
  geometrically; ``remove`` swap-deletes the last row into the hole, so
  neither upserts nor removes rebuild the matrix.
* ``HnswIndex`` - the same interface on a ``usearch`` HNSW graph (cosine).
  Filtered searches over-fetch and fall back to an exact scan of the allowed
  subset when it is small, so they still return ``k`` hits when ``k`` allowed
  items exist.
* ``LexicalIndex`` - BM25 (Lucene variant, the formula of ``bm25s``) over two
  token fields per document: the normalised (NFC, lowercase) tokens and the
  accent-folded tokens, each with syllable bigrams (Vietnamese words are mostly
  two syllables) and Snowball stems for English words. Statistics are updated
  on every change; postings sit in a large main segment and a small delta
  segment of recent changes, merged once the delta outgrows a fraction of the
  main one, so an edit does not rebuild the corpus and scores always equal
  those of a full rebuild.

Vectors are expected L2-normalised (as ``Embedder`` returns them); they are
re-normalised on insert, so scores are cosine similarities.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any, Literal, NamedTuple, Protocol

import numpy as np

from services.matching import textnorm

__all__ = [
    "DenseIndex",
    "DenseIndexLike",
    "Doc",
    "HnswIndex",
    "LexicalIndex",
    "Scored",
    "as_values",
    "make_dense_index",
    "top_k_indices",
]


@dataclass
class Doc:
    """A document to index: ``text`` is the body, ``title`` is optional and prepended."""

    id: str
    text: str
    title: str = ""
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def full_text(self) -> str:
        """Title and body joined by a blank line (the body alone when there is no title)."""
        title = self.title.strip()
        return f"{title}\n\n{self.text}" if title else self.text


class Scored(NamedTuple):
    """A search result: document id and score."""

    id: str
    score: float


def _as_matrix(vectors: np.ndarray | Sequence[Sequence[float]], dim: int) -> np.ndarray:
    mat = np.asarray(vectors, dtype=np.float32)
    if mat.ndim == 1:
        mat = mat.reshape(1, -1)
    if mat.ndim != 2 or mat.shape[1] != dim:
        raise ValueError(f"expected vectors of shape (n, {dim}), got {mat.shape}")
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(mat / norms, dtype=np.float32)


def _as_query(qvec: np.ndarray | Sequence[float], dim: int) -> np.ndarray:
    q = np.asarray(qvec, dtype=np.float32).reshape(-1)
    if q.shape[0] != dim:
        raise ValueError(f"expected a query vector of size {dim}, got {q.shape[0]}")
    n = float(np.linalg.norm(q))
    return q / n if n > 0 else q


# Above this size, top-k first narrows the scores with a threshold taken from a strided sample.
_SAMPLED_TOP_K_MIN = 16_384
_SAMPLE_STRIDE = 8


def top_k_indices(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest scores, best first (ties broken by position).

    On a large array the k-th largest score of every 8th element is a threshold that at
    least k scores reach (those k elements themselves), so the selection runs on the few
    scores at or above it instead of on the whole array: the result is the same.
    """
    n = scores.size
    if k <= 0 or n == 0:
        return np.empty(0, dtype=np.int64)
    part = np.arange(n) if k >= n else _top_k_unordered(scores, k)
    return part[np.lexsort((part, -scores[part]))]


def _top_k_unordered(scores: np.ndarray, k: int) -> np.ndarray:
    n = scores.size
    if n >= _SAMPLED_TOP_K_MIN and n >= 4 * _SAMPLE_STRIDE * k:
        sample = scores[::_SAMPLE_STRIDE]
        threshold = np.partition(sample, sample.size - k)[sample.size - k]
        candidates = np.flatnonzero(scores >= threshold)
        if k <= candidates.size < n // 2:  # not so when the scores are NaN or mostly tied
            return candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
    return np.argpartition(-scores, k - 1)[:k]


class DenseIndexLike(Protocol):
    """What ``HybridRanker`` needs from a dense index (ids are strings, scores cosines)."""

    dim: int

    def __len__(self) -> int:
        """Number of indexed vectors."""
        ...

    def __contains__(self, doc_id: object) -> bool:
        """Whether an id is indexed."""
        ...

    def upsert(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Insert or replace vectors."""
        ...

    def remove(self, ids: Iterable[str]) -> None:
        """Delete ids (unknown ids are ignored)."""
        ...

    def search(self, qvec: np.ndarray, k: int, allowed: set[str] | None = None) -> list[Scored]:
        """Top-k ids by cosine, restricted to ``allowed`` when given."""
        ...

    def score_ids(self, qvec: np.ndarray, ids: Sequence[str]) -> np.ndarray:
        """Cosine of the query with each id (NaN for unknown ids)."""
        ...

    def get(self, ids: Sequence[str]) -> np.ndarray:
        """Stored vectors of ids."""
        ...


class DenseIndex:
    """Exact cosine top-k over an in-memory float32 matrix with incremental updates."""

    def __init__(self, dim: int, capacity: int = 1024) -> None:
        self.dim = dim
        self._mat = np.zeros((max(capacity, 1), dim), dtype=np.float32)
        self._ids: list[str] = []
        self._row: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._row

    @property
    def ids(self) -> list[str]:
        """Indexed ids in row order."""
        return list(self._ids)

    def _reserve(self, n: int) -> None:
        if n <= self._mat.shape[0]:
            return
        cap = self._mat.shape[0]
        while cap < n:
            cap = max(cap * 2, 16)
        grown = np.zeros((cap, self.dim), dtype=np.float32)
        grown[: len(self._ids)] = self._mat[: len(self._ids)]
        self._mat = grown

    def upsert(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Insert or replace the vectors of ``ids`` (amortised O(n·dim))."""
        ids = list(ids)
        mat = _as_matrix(vectors, self.dim)
        if len(ids) != mat.shape[0]:
            raise ValueError(f"{len(ids)} ids for {mat.shape[0]} vectors")
        latest = {doc_id: i for i, doc_id in enumerate(ids)}  # the last duplicate wins
        new = [doc_id for doc_id in latest if doc_id not in self._row]
        self._reserve(len(self._ids) + len(new))
        for doc_id in new:
            self._row[doc_id] = len(self._ids)
            self._ids.append(doc_id)
        rows = np.fromiter((self._row[d] for d in latest), dtype=np.int64, count=len(latest))
        self._mat[rows] = mat[list(latest.values())]

    def remove(self, ids: Iterable[str]) -> None:
        """Delete ``ids`` (unknown ids are ignored) by moving the last row into each hole."""
        for doc_id in ids:
            row = self._row.pop(doc_id, None)
            if row is None:
                continue
            last = len(self._ids) - 1
            if row != last:
                moved = self._ids[last]
                self._mat[row] = self._mat[last]
                self._ids[row] = moved
                self._row[moved] = row
            self._ids.pop()
        if 16 < len(self._ids) * 4 < self._mat.shape[0]:
            self._mat = self._mat[: max(len(self._ids) * 2, 16)].copy()

    def get(self, ids: Sequence[str]) -> np.ndarray:
        """Stored vectors of ``ids`` (KeyError for unknown ids)."""
        rows = [self._row[d] for d in ids]
        return self._mat[rows].copy()

    def score_ids(self, qvec: np.ndarray, ids: Sequence[str]) -> np.ndarray:
        """Cosine of the query with each of ``ids`` (NaN for unknown ids)."""
        q = _as_query(qvec, self.dim)
        out = np.full(len(ids), np.nan, dtype=np.float32)
        pos = [(i, self._row[d]) for i, d in enumerate(ids) if d in self._row]
        if pos:
            idx, rows = zip(*pos, strict=True)
            out[list(idx)] = self._mat[list(rows)] @ q
        return out

    def search(self, qvec: np.ndarray, k: int, allowed: set[str] | None = None) -> list[Scored]:
        """Exact top-``k`` by cosine, restricted to ``allowed`` ids when given."""
        n = len(self._ids)
        if n == 0 or k <= 0:
            return []
        q = _as_query(qvec, self.dim)
        if allowed is None:
            scores = self._mat[:n] @ q
            return [Scored(self._ids[i], float(scores[i])) for i in top_k_indices(scores, k)]
        rows = np.fromiter((self._row[d] for d in allowed if d in self._row), dtype=np.int64)
        if rows.size == 0:
            return []
        rows.sort()
        scores = self._mat[rows] @ q
        return [Scored(self._ids[rows[i]], float(scores[i])) for i in top_k_indices(scores, k)]


class HnswIndex:
    """Approximate cosine top-k on a ``usearch`` HNSW graph, same interface as ``DenseIndex``."""

    def __init__(
        self,
        dim: int,
        *,
        connectivity: int = 16,
        expansion_add: int = 128,
        ef_search: int = 128,
        exact_below: int = 2048,
    ) -> None:
        from usearch.index import Index

        self.dim = dim
        self.exact_below = exact_below
        self._index = Index(
            ndim=dim,
            metric="cos",
            dtype="f32",
            connectivity=connectivity,
            expansion_add=expansion_add,
            expansion_search=ef_search,
        )
        self._key: dict[str, int] = {}
        self._id: dict[int, str] = {}
        self._next = 0

    @property
    def ef_search(self) -> int:
        """HNSW search breadth (higher: better recall, slower)."""
        return int(self._index.expansion_search)

    @ef_search.setter
    def ef_search(self, value: int) -> None:
        # usearch types the property as read-only, but it has a setter at runtime.
        setattr(self._index, "expansion_search", int(value))  # noqa: B010

    def __len__(self) -> int:
        return len(self._key)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._key

    def upsert(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Insert or replace the vectors of ``ids``."""
        ids = list(ids)
        mat = _as_matrix(vectors, self.dim)
        if len(ids) != mat.shape[0]:
            raise ValueError(f"{len(ids)} ids for {mat.shape[0]} vectors")
        latest = {doc_id: i for i, doc_id in enumerate(ids)}
        self.remove([d for d in latest if d in self._key])
        keys = np.arange(self._next, self._next + len(latest), dtype=np.uint64)
        self._next += len(latest)
        for doc_id, key in zip(latest, keys, strict=True):
            self._key[doc_id] = int(key)
            self._id[int(key)] = doc_id
        if len(latest):
            self._index.add(keys, mat[list(latest.values())])

    def remove(self, ids: Iterable[str]) -> None:
        """Delete ``ids`` (unknown ids are ignored)."""
        keys = [self._key.pop(d) for d in ids if d in self._key]
        for key in keys:
            del self._id[key]
        if keys:
            self._index.remove(np.asarray(keys, dtype=np.uint64))

    def get(self, ids: Sequence[str]) -> np.ndarray:
        """Stored vectors of ``ids`` (KeyError for unknown ids)."""
        if not ids:
            return np.zeros((0, self.dim), dtype=np.float32)
        keys = np.asarray([self._key[d] for d in ids], dtype=np.uint64)
        return np.asarray(self._index.get(keys, dtype="f32"), dtype=np.float32).reshape(
            len(ids), self.dim
        )

    def score_ids(self, qvec: np.ndarray, ids: Sequence[str]) -> np.ndarray:
        """Exact cosine of the query with each of ``ids`` (NaN for unknown ids)."""
        q = _as_query(qvec, self.dim)
        out = np.full(len(ids), np.nan, dtype=np.float32)
        known = [i for i, d in enumerate(ids) if d in self._key]
        if known:
            out[known] = self.get([ids[i] for i in known]) @ q
        return out

    def _exact(self, q: np.ndarray, ids: list[str], k: int) -> list[Scored]:
        ids.sort()
        scores = self.get(ids) @ q
        return [Scored(ids[i], float(scores[i])) for i in top_k_indices(scores, k)]

    def _ann(self, q: np.ndarray, count: int) -> list[Scored]:
        matches = self._index.search(q, count)
        return [
            Scored(self._id[int(key)], 1.0 - float(dist))
            for key, dist in zip(matches.keys, matches.distances, strict=True)
            if int(key) in self._id
        ]

    def search(self, qvec: np.ndarray, k: int, allowed: set[str] | None = None) -> list[Scored]:
        """Approximate top-``k``; with ``allowed``, over-fetch or scan the allowed subset exactly."""
        n = len(self._key)
        if n == 0 or k <= 0:
            return []
        q = _as_query(qvec, self.dim)
        if allowed is None:
            return self._ann(q, min(k, n))[:k]
        subset = [d for d in allowed if d in self._key]
        want = min(k, len(subset))
        if want == 0:
            return []
        if len(subset) <= max(self.exact_below, 4 * k):
            return self._exact(q, subset, k)
        # Over-fetch in proportion to the share of allowed items, doubling until enough.
        fetch = min(n, max(2 * k, math.ceil(2 * k * n / len(subset))))
        while True:
            hits = [h for h in self._ann(q, fetch) if h.id in allowed]
            if len(hits) >= want:
                return hits[:k]
            if fetch >= n or fetch >= 16 * len(subset):
                return self._exact(q, subset, k)
            fetch = min(n, fetch * 2)


def make_dense_index(
    kind: Literal["exact", "hnsw", "pgvector"], dim: int, **kwargs: Any
) -> DenseIndexLike:
    """Create a dense index: ``"exact"``, ``"hnsw"`` (usearch) or ``"pgvector"`` (needs ``url``, ``namespace``)."""
    if kind == "exact":
        return DenseIndex(dim, **kwargs)
    if kind == "hnsw":
        return HnswIndex(dim, **kwargs)
    if kind == "pgvector":
        from services.matching.pgvector import PgVectorIndex

        options = dict(kwargs)
        url, namespace = options.pop("url"), options.pop("namespace")
        return PgVectorIndex(url, dim, namespace, **options)
    raise ValueError(f"unknown dense index kind: {kind!r}")


# --- lexical ----------------------------------------------------------------------


def _lucene_idf(n_docs: int, df: int) -> float:
    """Lucene's BM25 idf of a term found in ``df`` of ``n_docs`` documents."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def as_values(want: Any) -> Collection[Any]:
    """A filter condition's accepted values: a set, list or tuple as is, else the one value."""
    return want if isinstance(want, set | frozenset | list | tuple) else (want,)


def _with_bigrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


@lru_cache(maxsize=256)
def _analyze(text: str, folded: bool, stem: bool, bigrams: bool) -> tuple[str, ...]:
    tokens = textnorm.tokenize_folded(text) if folded else textnorm.tokenize(text)
    if stem:
        tokens = [textnorm.stem(t) for t in tokens]
    return tuple(_with_bigrams(tokens) if bigrams else tokens)


def _make_word_key(folded: bool, stem: bool) -> Callable[[str], str]:
    base = textnorm.fold_word if folded else textnorm.normalize_word

    @lru_cache(maxsize=262_144)
    def key(word: str) -> str:
        return textnorm.stem(base(word)) if stem else base(word)

    return key


# The comparison key of one surface word, by (folded, stem): one cached call per token.
_WORD_KEY = {(f, s): _make_word_key(f, s) for f in (False, True) for s in (False, True)}


@lru_cache(maxsize=64)
def _query_keys(
    query: str, folded: bool, stem: bool
) -> tuple[frozenset[str], frozenset[tuple[str, str]], dict[str, int], frozenset[str]]:
    """Comparison keys of a query's words for ``matched_terms`` (computed once per query).

    The set of keys, the set of adjacent pairs, each key's first position, and the keys
    that are function words.
    """
    keys = list(map(_WORD_KEY[folded, stem], textnorm.tokenize(query)))
    first = {t: i for i, t in reversed(list(enumerate(keys)))}
    key_set = frozenset(keys) - {""}
    stop = frozenset(k for k in key_set if textnorm.fold_word(k) in textnorm.STOPWORDS)
    return key_set, frozenset(pairwise(keys)), first, stop


class _Postings:
    """One segment's postings, grouped by term (CSC-style): document slot and term count.

    ``tfc`` caches the BM25 term-frequency factor of each posting; it depends on the
    average document length, so it is recomputed per term, when the term is next
    queried, after any change to the collection (``gen``).
    """

    def __init__(self, slots: np.ndarray, token_ids: list[np.ndarray], n_terms: int) -> None:
        lengths = np.fromiter((t.size for t in token_ids), dtype=np.int64, count=len(token_ids))
        n = len(token_ids)
        # Document lengths by slot, from the segment's first slot (slots ascend).
        self.base = int(slots[0]) if n else 0
        self.lengths = np.zeros(int(slots[-1]) - self.base + 1 if n else 0, dtype=np.float32)
        if n:
            self.lengths[slots - self.base] = lengths
        if n == 0 or lengths.sum() == 0:
            self.indptr = np.zeros(n_terms + 1, dtype=np.int64)
            self.slot = np.zeros(0, dtype=np.int32)
            self.tf = np.zeros(0, dtype=np.float32)
        else:
            flat = np.concatenate(token_ids).astype(np.int64)
            owner = np.repeat(np.arange(n, dtype=np.int64), lengths)
            pairs, tf = np.unique(flat * n + owner, return_counts=True)  # by term, then doc
            term = pairs // n
            local = pairs - term * n
            self.indptr = np.concatenate(
                [[0], np.cumsum(np.bincount(term, minlength=n_terms))]
            ).astype(np.int64)
            self.slot = slots[local].astype(np.int32)
            self.tf = tf.astype(np.float32)
        self.tfc = np.zeros(self.tf.size, dtype=np.float32)
        self.tfc_gen = np.full(self.indptr.size - 1, -1, dtype=np.int64)

    def term_factors(self, tid: int, gen: int, k1: float, b: float, avgdl: float) -> np.ndarray:
        """``tf / (tf + k1 · (1 - b + b · dl / avgdl))`` of every posting of a term."""
        if tid + 1 >= self.indptr.size:
            return self.tfc[:0]
        lo, hi = int(self.indptr[tid]), int(self.indptr[tid + 1])
        if hi > lo and self.tfc_gen[tid] != gen:
            tf = self.tf[lo:hi]
            denom = self.lengths[self.slot[lo:hi] - self.base] * np.float32(k1 * b / avgdl)
            denom += np.float32(k1 * (1.0 - b))
            denom += tf
            np.divide(tf, denom, out=self.tfc[lo:hi])
            self.tfc_gen[tid] = gen
        return self.tfc[lo:hi]

    def slots_of(self, tid: int) -> np.ndarray:
        """Document slots of a term's postings."""
        if tid + 1 >= self.indptr.size:
            return self.slot[:0]
        return self.slot[self.indptr[tid] : self.indptr[tid + 1]]


@dataclass
class _QueryPlan:
    """One query's term weights for one index generation, and lazily its scoring terms and coverage.

    A ranking asks for each of them once or twice; they change only when the index does.
    """

    gen: int
    weights: dict[str, float]
    terms: list[tuple[int, np.float32]] | None = None
    coverage: float | None = None


class _Field:
    """One BM25 field: vocabulary, token ids per document, live statistics, two segments."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.tokens: dict[str, np.ndarray] = {}
        self.df = np.zeros(0, dtype=np.int64)  # live documents containing each term
        self.total = 0  # tokens in live documents
        empty = np.zeros(0, dtype=np.int32)
        self.main = _Postings(empty, [], 0)
        self.delta = _Postings(empty, [], 0)

    def encode(self, terms: Sequence[str]) -> np.ndarray:
        vocab = self.vocab
        return np.fromiter(
            (vocab.setdefault(t, len(vocab)) for t in terms), dtype=np.int32, count=len(terms)
        )

    def live(self, term: str) -> tuple[int, int] | None:
        """Term id and document frequency of a term some live document contains, else None."""
        tid = self.vocab.get(term)
        if tid is None or tid >= self.df.size or self.df[tid] <= 0:
            return None
        return tid, int(self.df[tid])

    def count(self, doc_id: str, sign: int) -> None:
        """Add (+1) or subtract (-1) a document's tokens to the live statistics."""
        tokens = self.tokens[doc_id]
        if self.df.size < len(self.vocab):
            grown = np.zeros(max(len(self.vocab), 2 * self.df.size), dtype=np.int64)
            grown[: self.df.size] = self.df
            self.df = grown
        self.df[np.unique(tokens)] += sign
        self.total += sign * int(tokens.size)


class LexicalIndex:
    """BM25 over normalised and accent-folded tokens, updated incrementally.

    The scoring is Lucene's BM25 exactly as ``bm25s`` computes it
    (``method="lucene"``), from statistics (document frequencies, document
    count, total length) kept up to date on every change, so scores are
    always those of a full rebuild. Postings live in two segments: ``main``,
    built in one vectorised pass, and a small ``delta`` holding the documents
    added or replaced since; a replaced or removed document's main postings
    are ignored (tombstoned). The delta is rebuilt on the next search after a
    change (cost proportional to its size), and merged into main once it or
    the tombstones exceed ``merge_fraction`` of the main segment (at least
    ``merge_min`` documents), so one edit costs milliseconds instead of a
    rebuild of the whole corpus (seconds at 100k documents).
    """

    def __init__(
        self,
        k1: float = 1.2,
        b: float = 0.75,
        bigrams: bool = True,
        query_idf_power: float = 1.0,
        stem: bool = True,
        merge_fraction: float = 0.05,
        merge_min: int = 1024,
        background_merge: bool = True,
        prune_share: float = 0.02,
        prune_postings: int = 200_000,
    ) -> None:
        self.k1 = k1
        self.b = b
        self.bigrams = bigrams
        self.query_idf_power = query_idf_power
        self.stem = stem
        self.merge_fraction = merge_fraction
        self.merge_min = merge_min
        self.prune_share = prune_share
        self.prune_postings = prune_postings
        self._plans: dict[tuple[str, bool], _QueryPlan] = {}
        self._texts: dict[str, str] = {}
        self._plain: set[str] = set()  # documents typed in Vietnamese without diacritics
        self._plain_rows = np.zeros(0, dtype=np.int64)
        self._fields = {False: _Field(), True: _Field()}
        # Slots: positions in ``scores`` arrays. Main documents first, then delta ones;
        # a replaced document gets a new slot and its old one becomes a tombstone.
        self._slot: dict[str, int] = {}
        self._slot_ids: list[str | None] = []
        self._slot_fields: list[dict[str, Any]] = []
        # Per field name: value -> code, and the code of each slot (-1: missing or removed).
        self._codes: dict[str, tuple[dict[Any, int], np.ndarray]] = {}
        self._n_main = 0
        self._dead_main: list[int] = []
        self._gen = 0  # bumped on every change: invalidates cached term factors
        self._delta_stale = False
        self._merges = 0
        self.background_merge = background_merge
        self._pending: tuple[threading.Thread, list[int], dict[bool, _Postings]] | None = None

    def __len__(self) -> int:
        return len(self._texts)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._texts

    def is_plain(self, doc_id: str) -> bool:
        """Whether the document is Vietnamese typed without diacritics."""
        return doc_id in self._plain

    def text(self, doc_id: str) -> str:
        """The indexed text of a document."""
        return self._texts[doc_id]

    def analyze(self, text: str, folded: bool) -> list[str]:
        """Index terms of a text: (stemmed) unigrams (+ bigrams), normalised or accent-folded."""
        return list(_analyze(text, folded, self.stem, self.bigrams))

    def upsert(self, docs: Iterable[Doc]) -> None:
        """Insert or replace documents (their terms count from the next search)."""
        for doc in docs:
            self._drop(doc.id)
            text = doc.full_text
            self._texts[doc.id] = text
            if textnorm.is_unaccented_vietnamese(text):
                self._plain.add(doc.id)
            for folded, f in self._fields.items():
                f.tokens[doc.id] = f.encode(_analyze(text, folded, self.stem, self.bigrams))
                f.count(doc.id, +1)
            self._slot[doc.id] = len(self._slot_ids)
            self._slot_ids.append(doc.id)
            self._slot_fields.append(dict(doc.fields))
            self._delta_stale = True
            self._gen += 1

    def remove(self, ids: Iterable[str]) -> None:
        """Delete documents (unknown ids are ignored)."""
        for doc_id in ids:
            self._drop(doc_id)

    def _drop(self, doc_id: str) -> None:
        if self._texts.pop(doc_id, None) is None:
            return
        self._plain.discard(doc_id)
        for f in self._fields.values():
            f.count(doc_id, -1)
            del f.tokens[doc_id]
        slot = self._slot.pop(doc_id)
        self._slot_ids[slot] = None
        self._slot_fields[slot] = {}
        for _, codes in self._codes.values():
            if slot < codes.size:
                codes[slot] = -1
        if slot < self._n_main:
            self._dead_main.append(slot)
        else:
            self._delta_stale = True
        self._gen += 1

    def refresh(self) -> None:
        """Install a finished background merge; positions change, so call it before a search.

        Nothing else renumbers positions unless documents change, so ``scores``, ``ids``,
        ``positions`` and ``mask`` called after it (and no change) agree with each other.
        """
        self._ensure_built(install=True)

    def _ensure_built(self, install: bool = False) -> None:
        pending = self._pending
        if install and pending is not None and not pending[0].is_alive():
            self._pending = None
            if len(pending[2]) == len(self._fields):  # else the build failed: merge again later
                self._install(pending[1], pending[2])
        n_delta = len(self._slot_ids) - self._n_main
        changed = n_delta + len(self._dead_main)
        if n_delta and not self._n_main:
            self._merge(background=False)  # the first build: nothing to serve meanwhile
        elif self._pending is None and changed > max(
            self.merge_min, self.merge_fraction * self._n_main
        ):
            self._merge(background=self.background_merge)
        if self._delta_stale:
            self._build_delta()

    def _merge(self, background: bool) -> None:
        """Build a main segment of every live document, in a thread when ``background``.

        Searches meanwhile use the current segments; the new main is installed by the
        first search after the build, and documents changed since it started stay in
        (or move to) the delta.
        """
        snapshot = [s for s, d in enumerate(self._slot_ids) if d is not None]
        slots = np.arange(len(snapshot), dtype=np.int32)
        work = {
            folded: ([f.tokens[str(self._slot_ids[s])] for s in snapshot], len(f.vocab))
            for folded, f in self._fields.items()
        }
        built: dict[bool, _Postings] = {}

        def build() -> None:
            for folded, (tokens, n_terms) in work.items():
                built[folded] = _Postings(slots, tokens, n_terms)

        if not background:
            build()
            self._install(snapshot, built)
            return
        thread = threading.Thread(target=build, name="lexical-merge", daemon=True)
        self._pending = (thread, snapshot, built)
        thread.start()

    def _install(self, snapshot: list[int], built: dict[bool, _Postings]) -> None:
        """Make ``built`` (the postings of the documents at ``snapshot`` slots) the main segment."""
        old_ids, old_fields = self._slot_ids, self._slot_fields
        # A slot keeps its document until it is replaced or removed (then it holds None).
        main_ids = [old_ids[s] for s in snapshot]
        newer = [s for s in range(snapshot[-1] + 1 if snapshot else 0, len(old_ids))]
        newer = [s for s in newer if old_ids[s] is not None]
        self._slot_ids = main_ids + [old_ids[s] for s in newer]
        self._slot_fields = [old_fields[s] for s in snapshot] + [old_fields[s] for s in newer]
        self._slot = {d: i for i, d in enumerate(self._slot_ids) if d is not None}
        self._n_main = len(main_ids)
        self._dead_main = [i for i, d in enumerate(main_ids) if d is None]
        self._codes = {}
        for folded, f in self._fields.items():
            f.main = built[folded]
        self._delta_stale = True
        self._merges += 1

    def flush(self) -> None:
        """Wait for a background merge and install it (tests; otherwise searches do it)."""
        pending = self._pending
        if pending is not None:
            pending[0].join()
        self.refresh()

    def _build_delta(self) -> None:
        slots = np.fromiter(
            (s for s in range(self._n_main, len(self._slot_ids)) if self._slot_ids[s] is not None),
            dtype=np.int32,
        )
        ids = [self._slot_ids[s] for s in slots.tolist()]
        for f in self._fields.values():
            f.delta = _Postings(slots, [f.tokens[d] for d in ids if d is not None], len(f.vocab))
        self._plain_rows = self._rows(self._plain)
        self._delta_stale = False

    def _rows(self, ids: Iterable[str]) -> np.ndarray:
        slot = self._slot
        rows = np.fromiter((slot[d] for d in ids if d in slot), dtype=np.int64)
        rows.sort()
        return rows

    @property
    def size(self) -> int:
        """Length of ``scores`` arrays (live documents plus tombstoned slots)."""
        self._ensure_built()
        return len(self._slot_ids)

    @property
    def ids(self) -> list[str | None]:
        """Id of each position of ``scores`` arrays (``None`` where a document was removed)."""
        self._ensure_built()
        return list(self._slot_ids)

    def id_at(self, position: int) -> str:
        """Id of the document at a position of ``scores`` arrays."""
        doc_id = self._slot_ids[position]
        if doc_id is None:
            raise KeyError(position)
        return doc_id

    def positions(self, ids: Iterable[str]) -> np.ndarray:
        """Sorted positions of the indexed documents among ``ids`` (unknown ids are skipped)."""
        self._ensure_built()
        return self._rows(ids)

    def positions_in_order(self, ids: Sequence[str]) -> np.ndarray:
        """Position of each of ``ids`` in ``scores`` arrays, in the given order (all indexed)."""
        self._ensure_built()
        slot = self._slot
        return np.fromiter((slot[d] for d in ids), dtype=np.intp, count=len(ids))

    def mask(self, conditions: Mapping[str, Any]) -> np.ndarray:
        """Positions whose document fields equal every condition (a value, or a set of values).

        Vectorised over positions: per field, an array of value codes is kept (extended
        with the documents added since the last call), so a filter matching most of a
        large index costs no per-document Python work.
        """
        self._ensure_built()
        n = len(self._slot_ids)
        out = np.ones(n, dtype=bool)
        for name, want in conditions.items():
            values, codes = self._codes.get(name, ({}, np.zeros(0, dtype=np.int32)))
            if codes.size < n:
                fresh = np.fromiter(
                    (
                        -1 if (v := fields.get(name)) is None else values.setdefault(v, len(values))
                        for fields in self._slot_fields[codes.size :]
                    ),
                    dtype=np.int32,
                    count=n - codes.size,
                )
                codes = np.concatenate([codes, fresh])
                self._codes[name] = (values, codes)
            known = [values[v] for v in as_values(want) if v in values]
            out &= np.isin(codes, known) if len(known) != 1 else codes == known[0]
        return out

    def idf(self, term: str, folded: bool = False) -> float | None:
        """Lucene idf of an index term, ``None`` when no indexed document contains it."""
        found = self._fields[folded].live(term)
        return None if found is None else _lucene_idf(len(self._texts), found[1])

    def query_weights(self, query: str, folded: bool = False) -> dict[str, float]:
        """Weight of each distinct query term: ``(1 + ln qtf) · idf^query_idf_power``.

        Sub-linear in the term's count, so long queries (a whole challenge or
        proposal) are not dominated by their most repeated words, and scaled by
        idf so rare shared words (product names, acronyms) count most.
        Out-of-vocabulary terms get the idf of an unseen term. Remembered until the index
        changes (a search asks for them several times); do not modify the result.
        """
        return self._plan(query, folded).weights

    def _plan(self, query: str, folded: bool) -> _QueryPlan:
        """The query's cached plan for this index generation (weights first, the rest lazily)."""
        plan = self._plans.get((query, folded))
        if plan is not None and plan.gen == self._gen:
            return plan
        counts = Counter(t for t in _analyze(query, folded, self.stem, self.bigrams) if t)
        weights: dict[str, float] = {}
        if counts and self._texts:
            unseen = math.log(1 + (len(self._texts) + 0.5) / 0.5)
            for t, c in counts.items():
                idf = self.idf(t, folded)
                weights[t] = (1.0 + math.log(c)) * (
                    unseen if idf is None else idf
                ) ** self.query_idf_power
        if len(self._plans) >= 16:
            self._plans.clear()
        plan = self._plans[(query, folded)] = _QueryPlan(self._gen, weights)
        return plan

    def _query_terms(self, weights: dict[str, float], f: _Field) -> list[tuple[int, np.float32]]:
        """Term id and score scale (query weight · idf) of each indexed query term, in query order.

        A long query against a large index spends most of its time in the postings of its
        commonest words, which add little: when the query's postings exceed
        ``prune_postings``, the commonest terms are skipped while their scales sum to at most
        ``prune_share`` of the query's, so no document's score moves by more than that share
        of the highest score the query allows.
        """
        n = len(self._texts)
        terms: list[tuple[int, float, int]] = []  # term id, scale, document frequency
        for term, w in weights.items():
            found = f.live(term)
            if found is not None:
                tid, df = found
                terms.append((tid, w * _lucene_idf(n, df), df))
        if self.prune_share > 0 and sum(t[2] for t in terms) > self.prune_postings:
            budget = self.prune_share * sum(t[1] for t in terms)
            skipped: set[int] = set()
            for tid, scale, _ in sorted(terms, key=lambda t: (-t[2], t[0])):
                if scale > budget:
                    break
                budget -= scale
                skipped.add(tid)
            terms = [t for t in terms if t[0] not in skipped]
        return [(tid, np.float32(scale)) for tid, scale, _ in terms]

    def _score(self, query: str, folded: bool) -> np.ndarray:
        n = len(self._slot_ids)
        f = self._fields[folded]
        avgdl = f.total / max(len(self._texts), 1)
        scores = np.zeros(n, dtype=np.float32)
        segments = [seg for seg in (f.main, f.delta) if seg.slot.size]
        plan = self._plan(query, folded)
        if plan.terms is None:
            plan.terms = self._query_terms(plan.weights, f)
        if avgdl > 0:
            for tid, scale in plan.terms:
                # Main, then delta: each document's terms are added in query order either way,
                # so a document scores the same bits in either segment. The sums are done in
                # place in float32 (`add.at`), without gathering every posting into one array
                # first (at 100k documents and 600k postings that copy cost more than the sums).
                for seg in segments:
                    factors = seg.term_factors(tid, self._gen, self.k1, self.b, avgdl)
                    if factors.size:
                        np.add.at(scores, seg.slots_of(tid), factors * scale)
        if self._dead_main:
            scores[self._dead_main] = 0.0
        return scores

    def scores(self, query: str, folded: bool = False) -> np.ndarray:
        """Query-weighted BM25 scores of every position (see ``ids``; 0 for removed documents).

        A document typed without diacritics can only match through the folded field, so
        for an accented query it scores by the better of the two fields.
        """
        self._ensure_built()
        if not self._texts:
            return np.zeros(0, dtype=np.float32)
        scores = self._score(query, folded)
        if not folded and self._plain_rows.size:
            rows = self._plain_rows
            by_folding = self._score(query, True)
            scores[rows] = np.maximum(scores[rows], by_folding[rows])
        return scores

    def coverage(self, query: str, folded: bool = False) -> float:
        """Idf-weighted share of the query's words that occur anywhere in the index (0..1).

        Near 0 when the query is in a language the documents are not written in
        (a Vietnamese query against English documents): lexical scores are then
        noise, and the ranker stops relying on them.
        """
        if not self._texts:
            return 0.0
        plan = self._plan(query, folded)
        if plan.coverage is None:
            words = {t: w for t, w in plan.weights.items() if " " not in t}
            total = sum(words.values())
            found = sum(w for t, w in words.items() if self.idf(t, folded) is not None)
            plan.coverage = float(found / total) if total > 0 else 0.0
        return plan.coverage

    def search(
        self, query: str, k: int, allowed: set[str] | None = None, folded: bool = False
    ) -> list[Scored]:
        """Top-``k`` documents by BM25 (only positive scores), restricted to ``allowed`` when given."""
        self.refresh()
        scores = self.scores(query, folded)
        if scores.size == 0 or k <= 0:
            return []
        if allowed is not None:
            rows = self.positions(allowed)
            sub = scores[rows]
            return [
                Scored(self.id_at(int(rows[i])), float(sub[i]))
                for i in top_k_indices(sub, k)
                if sub[i] > 0
            ]
        return [
            Scored(self.id_at(int(i)), float(scores[i]))
            for i in top_k_indices(scores, k)
            if scores[i] > 0
        ]

    def matched_terms(
        self, query: str, doc_id: str, folded: bool | None = None, limit: int | None = 20
    ) -> list[str]:
        """Query terms found in the document, in the document's surface form.

        Adjacent matches that are also adjacent in the query are joined into one
        phrase ("bệnh án" for the query "benh an"). With ``folded=None`` the
        comparison ignores accents when the query has none. Function words are
        left out; beyond ``limit`` terms, the rarest ones are kept.
        """
        text = self._texts.get(doc_id)
        if not text or not query.strip():
            return []
        if folded is None:
            folded = textnorm.has_no_diacritics(query) or doc_id in self._plain
        q_set, q_pairs, order, q_stop = _query_keys(query, folded, self.stem)
        keys = list(map(_WORD_KEY[folded, self.stem], textnorm.surface_tokens(text)))
        hits = [i for i, k in enumerate(keys) if k in q_set]
        if not hits:
            return []
        spans = textnorm.surface_spans(text, hits[-1] + 1)
        phrases: list[tuple[str, str]] = []  # (folded key, surface)
        run: list[int] = []  # token positions of the current phrase

        def flush() -> None:
            if run:
                words = [keys[i] for i in run]
                if not q_stop.issuperset(words):  # every word of a run is a query key
                    phrases.append((" ".join(words), text[spans[run[0]][0] : spans[run[-1]][1]]))
                run.clear()

        # A phrase is a run of adjacent matching tokens whose every pair is adjacent in the
        # query and separated by white space only; any other token between two ends it.
        for i in hits:
            if run and (
                run[-1] != i - 1
                or (keys[i - 1], keys[i]) not in q_pairs
                or text[spans[i - 1][1] : spans[i][0]].strip()
            ):
                flush()
            run.append(i)
        flush()
        seen: dict[str, str] = {}
        for k, surface in phrases:
            seen.setdefault(k, surface)
        # Drop single words already covered by a longer phrase; order as in the query.
        covered = {w for k in seen if " " in k for w in k.split()}
        result = [(k, s) for k, s in seen.items() if " " in k or k not in covered]
        if limit is not None and len(result) > limit:
            result.sort(key=lambda ks: -sum(self.idf(w, folded) or 0.0 for w in ks[0].split()))
            result = result[:limit]
        result.sort(key=lambda ks: (order.get(ks[0].split()[0], len(order)), -len(ks[0])))
        return [s for _, s in result]
