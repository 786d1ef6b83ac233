"""Encoding runs on its own thread at a lower priority, so indexing yields the CPU to requests."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from services.core.embeddings import FakeEmbedder
from services.matching.embedder import EmbedderHolder
from tests.conftest import make_settings

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="per-thread niceness is Linux's")


def _holder(tmp_path: Path, nice: int) -> EmbedderHolder:
    return EmbedderHolder(
        make_settings("sqlite+aiosqlite:///unused.db", tmp_path, embedding_nice=nice)
    )


def _thread_nice() -> tuple[int, int]:
    return threading.get_native_id(), os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


async def test_encoding_thread_runs_at_the_configured_niceness(tmp_path: Path) -> None:
    """The encoding thread is not the event loop's, and it is `embedding_nice` steps nicer."""
    holder = _holder(tmp_path, 7)
    try:
        loop_tid, loop_nice = _thread_nice()
        tid, nice = await holder.run(_thread_nice)
        assert tid != loop_tid
        assert nice == min(19, loop_nice + 7)
        # The model is loaded and used on that same thread.
        vectors = await holder.encode(["bệnh án điện tử", "electronic health records"])
        assert vectors.shape[0] == 2
        assert (await holder.run(_thread_nice))[0] == tid
    finally:
        holder.close()


async def test_nice_zero_keeps_normal_priority(tmp_path: Path) -> None:
    """`OIP_EMBEDDING_NICE=0` leaves the encoding thread at the process's priority."""
    holder = _holder(tmp_path, 0)
    try:
        _, loop_nice = _thread_nice()
        assert (await holder.run(_thread_nice))[1] == loop_nice
    finally:
        holder.close()


def test_niceness_outside_0_to_19_is_refused(tmp_path: Path) -> None:
    """A typo in the setting fails at start, not silently."""
    with pytest.raises(ValueError, match="embedding_nice"):
        _holder(tmp_path, 25)


async def test_sliced_encoding_returns_each_text_its_own_vector(tmp_path: Path) -> None:
    """Texts are embedded longest first in small slices, and come back in the caller's order."""
    holder = EmbedderHolder(
        make_settings("sqlite+aiosqlite:///unused.db", tmp_path, embedding_batch_size=3)
    )
    texts = [" ".join(f"từ{j}" for j in range(n)) for n in (2, 9, 1, 14, 5, 7, 3, 11, 6, 4)]
    try:
        got = await holder.encode(texts)
        want = FakeEmbedder().encode_passages(texts)
        np.testing.assert_array_equal(got, want)
        assert (await holder.encode([])).shape == (0, want.shape[1])
    finally:
        holder.close()
