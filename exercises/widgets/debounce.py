"""Save drafts shortly after typing stops, without writing the file on every keystroke."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


class Debouncer:
    """Run ``fn`` once, ``delay`` seconds after the last ``trigger()``.

    ipykernel and the Pyodide kernel both run widget callbacks inside an asyncio
    loop, so a timer there gives a real debounce. Without a running loop (plain
    Python, tests) or with ``delay <= 0`` the call happens at once, so nothing is
    ever left unsaved.
    """

    def __init__(self, fn: Callable[[], Any], delay: float = 1.0) -> None:
        self._fn = fn
        self._delay = delay
        self._handle: Any = None

    @property
    def pending(self) -> bool:
        return self._handle is not None

    def trigger(self) -> None:
        self.cancel()
        loop = None
        if self._delay > 0:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
        if loop is None:
            self._fn()
            return
        self._handle = loop.call_later(self._delay, self._fire)

    def _fire(self) -> None:
        self._handle = None
        self._fn()

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def flush(self) -> None:
        """Run a pending call now (e.g. before Check saves the draft anyway)."""
        if self._handle is not None:
            self.cancel()
            self._fn()
