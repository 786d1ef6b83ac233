"""Hybrid (dense + BM25) ranking of challenges, proposals and startup profiles.

FUSION_DOC_PLACEHOLDER
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from services.core.embeddings.base import Embedder
from services.matching import textnorm
from services.matching.index import Doc, LexicalIndex, make_dense_index

__all__ = ["Hit", "HybridRanker", "Method"]

Method = Literal["hybrid", "dense", "lexical"]

_SEP = "\x1f"  # doc id / chunk number separator in the dense index keys


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
        dense_kind: Literal["exact", "hnsw"] = "exact",
        *,
        lexical_weight: float = 0.35,
        unaccented_lexical_weight: float = 0.8,
        chunk_words: int = 200,
        candidates: int = 100,
        semantic_passages: bool = True,
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
        self._dense = make_dense_index(dense_kind, embedder.dim, **dense_options)
        self._lex = lexical if lexical is not None else LexicalIndex()
        self._chunks: dict[str, int] = {}
        self._fields: dict[str, dict[str, Any]] = {}

    # --- embedding ----------------------------------------------------------------

    def _chunks_of(self, text: str) -> list[str]:
        return textnorm.chunk_text(text, self.chunk_words) or [text]

    def embed_documents(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Chunk vectors of each text (one row per ~``chunk_words``-word chunk), ready for ``upsert``."""
        pieces: list[str] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            for chunk in self._chunks_of(text):
                pieces.append(chunk)
                owners.append(i)
        if not pieces:
            return [np.zeros((0, self.embedder.dim), dtype=np.float32) for _ in texts]
        mat = np.asarray(self.embedder.encode_passages(pieces), dtype=np.float32)
        own = np.asarray(owners)
        return [mat[own == i] for i in range(len(texts))]

    def embed_queries(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Query vectors of each text (one row per chunk of a long query), for ``search``."""
        pieces: list[str] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            for chunk in self._chunks_of(text):
                pieces.append(chunk)
                owners.append(i)
        if not pieces:
            return [np.zeros((0, self.embedder.dim), dtype=np.float32) for _ in texts]
        mat = np.asarray(self.embedder.encode_queries(pieces), dtype=np.float32)
        own = np.asarray(owners)
        return [mat[own == i] for i in range(len(texts))]

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
            per_doc = self.embed_documents([d.full_text for d in docs])
        elif isinstance(vectors, np.ndarray) and vectors.ndim == 2:
            if vectors.shape[0] != len(docs):
                raise ValueError(f"{len(docs)} docs for {vectors.shape[0]} vectors")
            per_doc = [vectors[i : i + 1] for i in range(len(docs))]
        else:
            per_doc = list(vectors)
            if len(per_doc) != len(docs):
                raise ValueError(f"{len(docs)} docs for {len(per_doc)} vector sets")
        rows = [_as_rows(v, self.embedder.dim) for v in per_doc]
        self.remove([d.id for d in docs if d.id in self._chunks])
        keys: list[str] = []
        for doc, mat in zip(docs, rows, strict=True):
            self._chunks[doc.id] = mat.shape[0]
            self._fields[doc.id] = dict(doc.fields)
            keys.extend(f"{doc.id}{_SEP}{j}" for j in range(mat.shape[0]))
        self._dense.upsert(keys, np.concatenate(rows))
        self._lex.upsert(docs)

    def remove(self, ids: Iterable[str]) -> None:
        """Remove documents (unknown ids are ignored)."""
        ids = [d for d in ids if d in self._chunks]
        keys = [f"{d}{_SEP}{j}" for d in ids for j in range(self._chunks[d])]
        self._dense.remove(keys)
        self._lex.remove(ids)
        for d in ids:
            del self._chunks[d]
            self._fields.pop(d, None)

    def ids_where(self, **conditions: Any) -> set[str]:
        """Ids whose ``fields`` match every condition (a value, or a set/list/tuple of values)."""
        out: set[str] = set()
        for doc_id, fields in self._fields.items():
            ok = True
            for key, want in conditions.items():
                have = fields.get(key)
                if isinstance(want, set | frozenset | list | tuple):
                    ok = have in want
                else:
                    ok = have == want
                if not ok:
                    break
            if ok:
                out.add(doc_id)
        return out

    # --- scoring ------------------------------------------------------------------

    def _dense_candidates(self, qmat: np.ndarray, k: int, allowed: set[str] | None) -> dict[str, float]:
        keys_allowed = None
        if allowed is not None:
            keys_allowed = {f"{d}{_SEP}{j}" for d in allowed for j in range(self._chunks[d])}
        fetch = k * max(1, math.ceil(len(self._dense) / max(len(self._chunks), 1)))
        best: dict[str, float] = {}
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
        explain: bool = True,
    ) -> list[Hit]:
        """Rank indexed documents for a query; ``allowed`` restricts the result to those ids.

        ``query_vector`` (one row, or one row per query chunk as returned by
        ``embed_queries``) skips embedding the query. ``explain=False`` skips
        ``matched_terms`` and ``passages``.
        """
        if method not in ("hybrid", "dense", "lexical"):
            raise ValueError(f"unknown method: {method!r}")
        if top_k <= 0 or not self._chunks:
            return []
        if allowed is not None:
            allowed = {d for d in allowed if d in self._chunks}
            if not allowed:
                return []
        text = query_text or ""
        folded = textnorm.is_unaccented_vietnamese(text)
        has_terms = bool(textnorm.tokenize(text))
        k_cand = max(self.candidates, top_k)

        lex_all: np.ndarray | None = None
        lex_ids: list[str] = []
        if method != "dense" and has_terms:
            lex_all = self._lex.normalized_scores(text, folded)
            lex_ids = self._lex.ids
        qmat: np.ndarray | None = None
        if method != "lexical":
            if query_vector is not None:
                qmat = _as_rows(query_vector, self.embedder.dim)
            elif text.strip():
                qmat = self.embed_queries([text])[0]
            if qmat is not None and qmat.shape[0] == 0:
                qmat = None

        cands: dict[str, float] = {}
        if qmat is not None:
            cands = self._dense_candidates(qmat, k_cand, allowed)
        lex_cand: list[str] = []
        if lex_all is not None and lex_all.size:
            masked = lex_all
            if allowed is not None:
                mask = np.fromiter((d in allowed for d in lex_ids), dtype=bool, count=len(lex_ids))
                masked = np.where(mask, lex_all, 0.0)
            top = np.argsort(-masked, kind="stable")[:k_cand]
            lex_cand = [lex_ids[i] for i in top if masked[i] > 0]
        if method == "dense":
            lex_cand = []
        if method == "lexical":
            cands = {}
        ids = list(dict.fromkeys([*cands, *lex_cand]))
        if not ids:
            return []
        sem = np.zeros(len(ids), dtype=np.float32)
        if qmat is not None:
            missing = [i for i, d in enumerate(ids) if d not in cands]
            for i, d in enumerate(ids):
                if d in cands:
                    sem[i] = cands[d]
            if missing:
                sem[missing] = self._dense_exact(qmat, [ids[i] for i in missing])
        lex = np.zeros(len(ids), dtype=np.float32)
        if lex_all is not None and lex_all.size:
            pos = [self._lex.position(d) for d in ids]
            lex = lex_all[pos].astype(np.float32)
        fused = self._fuse(sem, lex, method, folded, qmat is not None)
        order = np.lexsort((np.arange(len(ids)), -fused))[:top_k]
        hits = [
            Hit(
                id=ids[i],
                score=float(fused[i]),
                semantic=float(sem[i]),
                lexical=float(lex[i]),
                fields=dict(self._fields.get(ids[i], {})),
            )
            for i in order
        ]
        if explain:
            self._explain(hits, text, folded, qmat)
        return hits

    def _fuse(self, sem: np.ndarray, lex: np.ndarray, method: Method, folded: bool, has_dense: bool) -> np.ndarray:
        sem_n = np.clip(sem, 0.0, 1.0)
        if method == "dense":
            return sem_n
        if method == "lexical" or not has_dense:
            return lex
        w = self.unaccented_lexical_weight if folded else self.lexical_weight
        return (1.0 - w) * sem_n + w * lex

    # --- explanations ---------------------------------------------------------------

    def _explain(self, hits: list[Hit], text: str, folded: bool, qmat: np.ndarray | None) -> None:
        if not text.strip():
            return
        weights = self._lex.query_weights(text, True)
        q_terms = {t: w for t, w in weights.items() if "_" not in t and t not in textnorm.STOPWORDS}
        for rank, hit in enumerate(hits):
            hit.matched_terms = self._lex.matched_terms(text, hit.id, folded=folded or None)
            doc_text = self._lex.text(hit.id)
            passages = textnorm.split_passages(doc_text)
            if len(passages) <= 2:
                hit.passages = passages[:2] if len(passages) < 2 else self._best_two(passages, q_terms, None)
                continue
            scored = self._overlap(passages, q_terms)
            if max(scored, default=0.0) <= 0 and self.semantic_passages and qmat is not None and rank < 3:
                hit.passages = self._semantic_two(passages[:32], qmat)
            else:
                hit.passages = self._best_two(passages, q_terms, scored)

    @staticmethod
    def _overlap(passages: list[str], q_terms: Mapping[str, float]) -> list[float]:
        out = []
        for p in passages:
            toks = set(textnorm.tokenize_folded(p))
            out.append(sum(w for t, w in q_terms.items() if t in toks) / math.sqrt(1 + len(toks)) if toks else 0.0)
        return out

    def _best_two(self, passages: list[str], q_terms: Mapping[str, float], scored: list[float] | None) -> list[str]:
        if scored is None:
            scored = self._overlap(passages, q_terms)
        order = sorted(range(len(passages)), key=lambda i: (-scored[i], i))
        picked = [order[0]]
        if len(order) > 1 and scored[order[1]] > 0:
            picked.append(order[1])
        return [passages[i] for i in picked]

    def _semantic_two(self, passages: list[str], qmat: np.ndarray) -> list[str]:
        vecs = np.asarray(self.embedder.encode_passages(passages), dtype=np.float32)
        sims = (vecs @ qmat.T).max(axis=1)
        order = np.argsort(-sims, kind="stable")[:2]
        return [passages[i] for i in order]
