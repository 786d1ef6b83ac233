"""Offline evaluation of the matching ranker on BEIR-layout sets.

A set directory holds ``corpus.jsonl`` (``_id``, ``title``, ``text``),
``queries.jsonl`` (``_id``, ``text``) and ``qrels/<split>.tsv`` (header, then
``query-id<TAB>corpus-id<TAB>score``; score > 0 means relevant).

Metrics use the standard definitions: gain ``2^rel - 1``, ``log2(rank + 1)``
discount, averaged over the queries that have at least one relevant label.
``run_eval`` indexes the corpus through ``HybridRanker.upsert`` and ranks every
query through ``HybridRanker.search``: the same path the API uses.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from services.core.embeddings.base import Embedder
from services.matching.index import Doc
from services.matching.ranker import HybridRanker, Method

__all__ = [
    "BeirSet",
    "VectorCache",
    "build_ranker",
    "load_beir",
    "mrr_at_k",
    "ndcg_at_k",
    "recall_at_k",
    "run_eval",
    "strip_accents",
]

Qrels = Mapping[str, Mapping[str, int]]
Run = Mapping[str, Sequence[str]]
Progress = Callable[[Iterable[Any]], Iterable[Any]]


@dataclass
class BeirSet:
    """One evaluation set: documents, queries and relevance labels."""

    name: str
    corpus: dict[str, dict[str, str]]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load_beir(dir: Path, split: str = "dev") -> BeirSet:
    """Load a BEIR-layout set; only queries with at least one relevant label are kept."""
    dir = Path(dir)
    corpus = {
        str(d["_id"]): {"title": str(d.get("title") or ""), "text": str(d.get("text") or "")}
        for d in _read_jsonl(dir / "corpus.jsonl")
    }
    qrels: dict[str, dict[str, int]] = {}
    path = dir / "qrels" / f"{split}.tsv"
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) < 3:
                continue
            try:
                score = int(float(parts[2]))
            except ValueError:
                if i == 0:
                    continue  # the header line
                raise ValueError(
                    f"{path}:{i + 1}: the score {parts[2]!r} is not a number"
                ) from None
            qrels.setdefault(parts[0], {})[parts[1]] = score
    labelled = {qid for qid, labels in qrels.items() if _relevant(labels)}
    queries = {
        str(q["_id"]): str(q.get("text") or "")
        for q in _read_jsonl(dir / "queries.jsonl")
        if str(q["_id"]) in labelled
    }
    return BeirSet(name=dir.name, corpus=corpus, queries=queries, qrels=qrels)


def _relevant(labels: Mapping[str, int]) -> dict[str, int]:
    return {d: r for d, r in labels.items() if r > 0}


def _mean(values: list[float]) -> float:
    return float(sum(values) / len(values)) if values else 0.0


def ndcg_at_k(qrels: Qrels, run: Run, k: int = 10) -> float:
    """Mean nDCG@k (gain 2^rel - 1, log2 discount) over queries with relevant labels."""
    scores: list[float] = []
    for qid, labels in qrels.items():
        rel = _relevant(labels)
        if not rel:
            continue
        ranked = list(run.get(qid, ()))[:k]
        dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked))
        ideal = sorted(rel.values(), reverse=True)[:k]
        idcg = sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
        scores.append(dcg / idcg if idcg > 0 else 0.0)
    return _mean(scores)


def mrr_at_k(qrels: Qrels, run: Run, k: int = 10) -> float:
    """Mean reciprocal rank of the first relevant document within the top k."""
    scores: list[float] = []
    for qid, labels in qrels.items():
        rel = _relevant(labels)
        if not rel:
            continue
        rr = 0.0
        for i, d in enumerate(list(run.get(qid, ()))[:k]):
            if d in rel:
                rr = 1.0 / (i + 1)
                break
        scores.append(rr)
    return _mean(scores)


def recall_at_k(qrels: Qrels, run: Run, k: int = 10) -> float:
    """Mean share of the relevant documents found within the top k."""
    scores: list[float] = []
    for qid, labels in qrels.items():
        rel = _relevant(labels)
        if not rel:
            continue
        top = set(list(run.get(qid, ()))[:k])
        scores.append(len(top & rel.keys()) / len(rel))
    return _mean(scores)


def strip_accents(text: str) -> str:
    """Remove Vietnamese diacritics, keeping case (NFD, combining marks dropped, đ→d)."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("Đ", "D"))


def _doc_text(doc: Mapping[str, str]) -> str:
    title = (doc.get("title") or "").strip()
    text = doc.get("text") or ""
    return f"{title}\n\n{text}" if title else text


@dataclass
class VectorCache:
    """Chunk embeddings reused across runs (keyed by model, chunk size and text)."""

    passages: dict[tuple[str, int, str], np.ndarray] = field(default_factory=dict)
    queries: dict[tuple[str, int, str], np.ndarray] = field(default_factory=dict)


def _wrap(progress: Progress | None, items: Iterable[Any]) -> Iterable[Any]:
    return progress(items) if progress is not None else items


def build_ranker(
    beir: BeirSet,
    embedder: Embedder,
    *,
    batch_size: int = 32,
    progress: Progress | None = None,
    cache: VectorCache | None = None,
    **ranker_kwargs: Any,
) -> HybridRanker:
    """Index a set's corpus (title + text) through ``HybridRanker.upsert`` in batches."""
    ranker = HybridRanker(embedder, **ranker_kwargs)
    docs = [Doc(id=did, text=_doc_text(d)) for did, d in beir.corpus.items()]
    batches = [docs[i : i + batch_size] for i in range(0, len(docs), batch_size)]
    for batch in _wrap(progress, batches):
        if cache is None:
            ranker.upsert(batch)
            continue
        keys = [(embedder.model_id, ranker.chunk_words, d.text) for d in batch]
        missing = [i for i, key in enumerate(keys) if key not in cache.passages]
        if missing:
            encoded = ranker.embed_documents([batch[i].text for i in missing])
            for i, v in zip(missing, encoded, strict=True):
                cache.passages[keys[i]] = v
        ranker.upsert(batch, [cache.passages[key] for key in keys])
    return ranker


def run_eval(
    dir: Path | BeirSet,
    embedder: Embedder,
    split: str = "dev",
    strip_accents: bool = False,
    method: Method = "hybrid",
    progress: Progress | None = None,
    *,
    k: int = 10,
    ranker: HybridRanker | None = None,
    cache: VectorCache | None = None,
    batch_size: int = 32,
) -> dict[str, Any]:
    """Index a BEIR set and score ``method`` on it; returns the metrics and the run settings.

    ``ranker`` reuses an index built by ``build_ranker`` for the same set and
    embedder; ``cache`` keeps query and corpus embeddings across calls.
    """
    beir = dir if isinstance(dir, BeirSet) else load_beir(Path(dir), split)
    if ranker is None:
        ranker = build_ranker(beir, embedder, batch_size=batch_size, progress=progress, cache=cache)
    qids = list(beir.queries)
    texts = [_strip(beir.queries[q]) if strip_accents else beir.queries[q] for q in qids]
    vectors: list[np.ndarray | None] = [None] * len(qids)
    if method != "lexical":
        keys = [(embedder.model_id, ranker.chunk_words, t) for t in texts]
        todo = [i for i, key in enumerate(keys) if cache is None or key not in cache.queries]
        batches = [todo[i : i + batch_size] for i in range(0, len(todo), batch_size)]
        for idx in _wrap(progress, batches):
            for i, v in zip(idx, ranker.embed_queries([texts[i] for i in idx]), strict=True):
                vectors[i] = v
                if cache is not None:
                    cache.queries[keys[i]] = v
        if cache is not None:
            vectors = [
                v if v is not None else cache.queries[keys[i]] for i, v in enumerate(vectors)
            ]
    run: dict[str, list[str]] = {}
    for i in range(len(qids)):
        hits = ranker.search(
            texts[i], top_k=k, method=method, query_vector=vectors[i], explain=False
        )
        run[qids[i]] = [h.id for h in hits]
    return {
        "set": beir.name,
        f"ndcg@{k}": ndcg_at_k(beir.qrels, run, k),
        f"mrr@{k}": mrr_at_k(beir.qrels, run, k),
        f"recall@{k}": recall_at_k(beir.qrels, run, k),
        "queries": len(qids),
        "method": method,
        "model": embedder.model_id,
        "split": split,
        "strip_accents": strip_accents,
    }


_strip = strip_accents
