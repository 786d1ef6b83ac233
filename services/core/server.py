"""A uvicorn server that drains before it stops: readyz turns 503 first, then shutdown begins."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import uvicorn

from services.core.app import DRAINING


class DrainingServer(uvicorn.Server):
    """On SIGTERM: report not-ready for `drain_seconds` while serving, then shut down gracefully."""

    def __init__(self, config: uvicorn.Config, drain_seconds: float) -> None:
        super().__init__(config)
        self.drain_seconds = drain_seconds

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        """Start draining on the first SIGTERM; a second signal (or SIGINT) stops at once."""
        if sig == signal.SIGTERM and not DRAINING.is_set() and self.drain_seconds > 0:
            DRAINING.set()
            timer = threading.Timer(self.drain_seconds, super().handle_exit, (sig, frame))
            timer.daemon = True
            timer.start()
            return
        super().handle_exit(sig, frame)
