"""Long-lived objects are frozen out of the garbage collector after start-up and the model load."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from asgi_lifespan import LifespanManager

from services.core.heap import freeze_long_lived
from services.main import create_app
from services.matching.embedder import EmbedderHolder
from tests.conftest import make_settings


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Start and end with nothing frozen (the collector's state is process-wide)."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def _walked_by_full_collection(obj: object) -> bool:
    return any(o is obj for o in gc.get_objects())


def test_freeze_moves_live_objects_out_of_full_collections(unfrozen: None) -> None:
    long_lived: list[object] = []
    long_lived.append(long_lived)  # a cycle: only the cyclic collector could free it
    assert _walked_by_full_collection(long_lived)
    frozen = freeze_long_lived("a test")
    assert frozen == gc.get_freeze_count() > 0
    assert not _walked_by_full_collection(long_lived)
    created_later: list[object] = []
    assert _walked_by_full_collection(created_later)  # what requests create is still collected


@pytest.mark.parametrize("enabled", [True, False])
async def test_app_start_freezes_only_when_enabled(
    unfrozen: None, tmp_path: Path, enabled: bool
) -> None:
    settings = make_settings(
        f"sqlite+aiosqlite:///{tmp_path / 'oip.db'}", tmp_path, gc_freeze=enabled
    )
    app = create_app(settings)
    async with LifespanManager(app):
        assert (gc.get_freeze_count() > 0) is enabled
        assert _walked_by_full_collection(app) is not enabled


@pytest.mark.parametrize("enabled", [True, False])
async def test_model_load_freezes_the_model_only_when_enabled(
    unfrozen: None, tmp_path: Path, enabled: bool
) -> None:
    holder = EmbedderHolder(make_settings("sqlite+aiosqlite://", tmp_path, gc_freeze=enabled))
    try:
        embedder = await holder.get()
        assert holder.state == "ready"
        assert _walked_by_full_collection(embedder) is not enabled
    finally:
        holder.close()
