"""Loads the embedding model once, off the event loop, and reports its state."""

from __future__ import annotations

import asyncio
import logging
import os
import time

import numpy as np

from services.core.embeddings import Embedder, FakeEmbedder, load_embedder
from services.core.settings import Settings
from services.matching.errors import ModelUnavailable

log = logging.getLogger("oip.matching.model")


class EmbedderHolder:
    """Lazily loaded embedder shared by the process; encoding runs in a worker thread."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.state = "not_loaded"
        self.error: str | None = None
        self.load_seconds: float | None = None
        self._embedder: Embedder | None = None
        self._lock = asyncio.Lock()

    def _load(self) -> Embedder:
        name = self.settings.embedding_model
        if name.startswith("fake"):
            # Deterministic bag-of-words vectors for fast tests: `fake` or `fake:<dim>`.
            _, _, dim = name.partition(":")
            return FakeEmbedder(int(dim) if dim else 64)
        threads = self.settings.embedding_threads
        if threads is None and self.settings.service == "all":
            # In the all-in-one process, leave a core to the API: encoding runs beside requests.
            threads = max(1, (os.cpu_count() or 2) // 2)
        if threads:
            import torch

            torch.set_num_threads(threads)
        return load_embedder(
            name,
            self.settings.resolved_model_cache_dir,
            batch_size=self.settings.embedding_batch_size,
        )

    async def get(self) -> Embedder:
        """The loaded embedder; loads it on first use. Raises ModelUnavailable on failure."""
        if self._embedder is not None:
            return self._embedder
        async with self._lock:
            if self._embedder is None:
                self.state = "loading"
                started = time.perf_counter()
                try:
                    self._embedder = await asyncio.to_thread(self._load)
                except Exception as exc:
                    self.state = "failed"
                    self.error = f"{type(exc).__name__}: {exc}"
                    log.exception("embedding model failed to load")
                    raise ModelUnavailable(
                        f"the embedding model failed to load: {self.error}"
                    ) from exc
                self.load_seconds = round(time.perf_counter() - started, 2)
                self.state = "ready"
                log.info(
                    "embedding model %s ready in %.1fs", self._embedder.model_id, self.load_seconds
                )
        return self._embedder

    async def encode_passages(self, texts: list[str]) -> np.ndarray:
        """Embed passages in a worker thread."""
        embedder = await self.get()
        return await asyncio.to_thread(embedder.encode_passages, texts)

    async def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed queries in a worker thread."""
        embedder = await self.get()
        return await asyncio.to_thread(embedder.encode_queries, texts)

    def describe(self) -> dict[str, object]:
        """The model's state, for /readyz."""
        out: dict[str, object] = {"state": self.state, "setting": self.settings.embedding_model}
        if self._embedder is not None:
            out["model"] = self._embedder.model_id
            out["load_seconds"] = self.load_seconds
        if self.error:
            out["error"] = self.error
        return out
