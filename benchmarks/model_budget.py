"""Byte budgets for the learned models that ship to the browser.

Both models live inside the course wheel, which the offline site serves (tests/site/
test_built_site.py holds the whole site to its budget). More fixtures mean more features
and a bigger file, so each trainer stores only the weights that fit its budget: it drops
the smallest weights, raising the cut-off in small steps until the deflated file (the
wheel is a zip) fits. Deterministic: the same weights always give the same file.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

STEP = 0.01


def deflated_kb(text: str) -> float:
    """The size of ``text`` as a zip would store it, in KB."""
    return len(zlib.compress(text.encode("utf-8"), 9)) / 1024


def fit(store: Callable[[float], str], start: float, budget_kb: float) -> tuple[str, float]:
    """The stored text with the smallest cut-off from ``start`` up that fits the budget,
    and that cut-off."""
    prune = start
    while True:
        text = store(prune)
        if deflated_kb(text) <= budget_kb or prune >= 10:
            return text, prune
        prune = round(prune + STEP, 4)
