"""Text embeddings: the :class:`Embedder` port, a fake for tests, and the real loader."""

from .base import Embedder, FakeEmbedder
from .loader import SentenceTransformerEmbedder, load_embedder

__all__ = ["Embedder", "FakeEmbedder", "SentenceTransformerEmbedder", "load_embedder"]
