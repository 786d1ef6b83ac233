"""Fake embedders shared by the matching tests."""

from __future__ import annotations

import numpy as np

from services.core.embeddings.base import FakeEmbedder


class TranslatingEmbedder(FakeEmbedder):
    """The fake embedder after a tiny Vietnamese-to-English word list, counting passages it embeds."""

    WORDS = {"đèn": "lights", "giao": "traffic", "ùn": "congestion", "tắc": "congestion"}

    def __init__(self, dim: int = 64) -> None:
        super().__init__(dim)
        self.passages_embedded: list[str] = []

    def _encode(self, texts: list[str]) -> np.ndarray:
        return super()._encode(
            [" ".join(self.WORDS.get(w.lower(), w) for w in t.split()) for t in texts]
        )

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """Embed and remember the passages."""
        self.passages_embedded.extend(texts)
        return super().encode_passages(texts)
