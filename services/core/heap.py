"""Keep long-lived objects out of the cyclic garbage collector's full passes.

A full (oldest-generation) collection walks every tracked object. With the embedding model
loaded the process holds about 550k of them (torch, transformers, our modules), and one full
pass takes about 0.3 s on a 2-core machine: every request in flight waits for it, which is
most of a loaded server's p99. The objects that exist once start-up (or the model load) is
over live as long as the process, so they are moved to the collector's permanent generation
(``gc.freeze``); later passes only walk what requests create.
"""

from __future__ import annotations

import gc
import logging
import time

log = logging.getLogger("oip.heap")


def freeze_long_lived(reason: str) -> int:
    """Collect garbage once, then freeze every surviving object; returns how many are frozen."""
    started = time.perf_counter()
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    log.info(
        "froze %d long-lived objects after %s (%.0f ms)",
        frozen,
        reason,
        1000 * (time.perf_counter() - started),
    )
    return frozen
