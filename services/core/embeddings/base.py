"""The embedder port: what matching needs from a text-embedding model."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    model_id: str
    dim: int

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed search queries (e5: with the "query: " prefix)."""
        ...

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """Embed indexed documents (e5: with the "passage: " prefix)."""
        ...


_TOKEN = re.compile(r"\w+", re.UNICODE)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.replace("đ", "d")


class FakeEmbedder:
    """Deterministic hashed bag-of-words embedder for fast unit tests (no model)."""

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.model_id = f"fake-bow-{dim}"

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in _TOKEN.findall(_fold(text)):
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        normalised: np.ndarray = out / norms
        return normalised

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed queries."""
        return self._encode(texts)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """Embed passages."""
        return self._encode(texts)
