"""Loads the embedding model once, off the event loop, and reports its state."""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import numpy as np

from services.core.embeddings import Embedder, FakeEmbedder, load_embedder
from services.core.heap import freeze_long_lived
from services.core.settings import Settings
from services.matching.errors import ModelUnavailable

log = logging.getLogger("oip.matching.model")
T = TypeVar("T")


def _lower_priority(nice: int) -> None:
    """Worker-thread initializer: raise this thread's niceness (Linux sets it per thread)."""
    if nice <= 0 or not hasattr(os, "setpriority"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
    except OSError as exc:
        log.warning("could not lower the encoding thread's priority: %s", exc)


class EmbedderHolder:
    """Lazily loaded embedder shared by the process; encoding runs in one low-priority thread.

    Encoding is the heavy part of indexing; running it at a higher niceness lets the API's
    requests (on the event loop) win the CPU when both want it. torch's own threads, if any,
    are started from this thread and inherit its niceness.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.state = "not_loaded"
        self.error: str | None = None
        self.load_seconds: float | None = None
        self._embedder: Embedder | None = None
        self._lock = asyncio.Lock()
        self._executor = ThreadPoolExecutor(
            max_workers=1,
            thread_name_prefix="oip-encode",
            initializer=_lower_priority,
            initargs=(settings.embedding_nice,),
        )

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run model work (loading, encoding) on the encoding thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args))

    def close(self) -> None:
        """Stop the encoding thread once its current work is done."""
        self._executor.shutdown(wait=False, cancel_futures=True)

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
                    self._embedder = await self.run(self._load)
                except Exception as exc:
                    self.state = "failed"
                    self.error = f"{type(exc).__name__}: {exc}"
                    log.exception("embedding model failed to load")
                    raise ModelUnavailable(
                        f"the embedding model failed to load: {self.error}"
                    ) from exc
                self.load_seconds = round(time.perf_counter() - started, 2)
                if self.settings.gc_freeze:
                    # The model's objects live as long as the process (services/core/heap.py).
                    await self.run(freeze_long_lived, "loading the embedding model")
                self.state = "ready"
                log.info(
                    "embedding model %s ready in %.1fs", self._embedder.model_id, self.load_seconds
                )
        return self._embedder

    async def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        """Embed texts on the encoding thread, one slice of ``embedding_batch_size`` at a time.

        Each slice is a separate job on the thread, so work queued meanwhile (a search's
        query) runs before the next slice instead of after the whole batch. Texts go longest
        first, as ``SentenceTransformer.encode`` sorts them, so a slice pads little.
        """
        embedder = await self.get()
        encode = embedder.encode_queries if query else embedder.encode_passages
        out = np.empty((len(texts), embedder.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        size = self.settings.embedding_batch_size
        for start in range(0, len(order), size):
            part = order[start : start + size]
            out[part] = await self.run(encode, [texts[i] for i in part])
        return out

    def describe(self) -> dict[str, object]:
        """The model's state, for /readyz."""
        out: dict[str, object] = {"state": self.state, "setting": self.settings.embedding_model}
        if self._embedder is not None:
            out["model"] = self._embedder.model_id
            out["load_seconds"] = self.load_seconds
        if self.error:
            out["error"] = self.error
        return out
