"""A small linear classifier stored as JSON: features in, scores per class out.

Training happens offline (``benchmarks/question_model.py``, pure Python and
deterministic); here is only inference, with the standard library, so it runs the same
in CPython and Pyodide. The model file holds ``classes``, a ``bias`` per class and
``weights``: ``{feature: {class: weight}}`` (zero weights left out).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any


def scores(model: dict[str, Any], features: Iterable[tuple[str, float]]) -> dict[str, float]:
    """The linear score of every class (higher is likelier)."""
    classes = model["classes"]
    weights = model["weights"]
    terms: dict[str, list[float]] = {c: [float(model["bias"].get(c, 0.0))] for c in classes}
    for name, value in features:
        row = weights.get(name)
        if row:
            for c, w in row.items():
                terms[c].append(w * value)
    # fsum: the same scores whatever order the features come in (they come from sets).
    return {c: math.fsum(t) for c, t in terms.items()}


def probabilities(score: dict[str, float]) -> dict[str, float]:
    """Softmax of class scores."""
    top = max(score.values())
    exp = {c: math.exp(v - top) for c, v in score.items()}
    total = sum(exp.values())
    return {c: v / total for c, v in exp.items()}


def best(score: dict[str, float], order: Iterable[str]) -> str:
    """The top class; ties go to the earlier class in ``order``."""
    order = list(order)
    return max(order, key=lambda c: (score.get(c, float("-inf")), -order.index(c)))
