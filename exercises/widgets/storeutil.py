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


def reread(store: Any) -> None:
    """Bring a WorkStore's copy up to date with its file before reading or saving.

    Each widget opens its own WorkStore; in a notebook with several widgets (the
    campaign tracker and the beliefs grid) another one may have saved since. A
    store whose file is missing or unreadable is left as it is.
    """
    path = getattr(store, "path", None)
    if path is None or not isinstance(getattr(store, "data", None), dict):
        return
    try:
        from exercises.storage import parse_document

        with open(path, encoding="utf-8") as fh:
            data, _ = parse_document(fh.read())
    except Exception:  # noqa: BLE001 - keep the copy we have
        return
    store.data = data
