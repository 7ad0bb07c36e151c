"""Open the learner's WorkStore for a widget and read from it defensively."""

from __future__ import annotations

import os
from typing import Any


def open_store(store: Any = None) -> Any:
    """A WorkStore: the default one, one at a path, or the object given (tests)."""
    from exercises.storage import WorkStore

    if store is None:
        return WorkStore()
    if isinstance(store, (str, os.PathLike)):
        return WorkStore(store)
    return store


def store_notice(store: Any) -> str:
    notice = getattr(store, "notice", "")
    return notice if isinstance(notice, str) else ""


def safe_get(getter: Any, name: str) -> Any:
    """store.get_exercise / get_worksheet, treating any failure as "nothing saved"."""
    try:
        return getter(name)
    except Exception:  # a damaged entry must not stop the widget from opening
        return None
