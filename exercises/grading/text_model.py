"""Learned decisions for the judgement checks of pitches, thank-you notes and goals.

Cue lists find the words ("your talk on", "I'll email her"); a linear model, trained on
every labelled pitch, note and goal (benchmarks/check_model.py), weighs them together with the
text's own words, so a reason, a link or a detail phrased in a way no cue lists still
counts, and a cue that fires in the wrong context does not. Which checks are learned is
data (a check's ``"learned": true`` in the rubric); the model file is
``data/check_model.json`` (inference here, standard library only).
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import Any

from . import rubric
from .lexicon import load
from .text import tokens

_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you've|you'd|yours|u|ur)\b")
_NAME = re.compile(r"(?<![.!?]\s)(?<!\n)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_NUMBER = re.compile(r"\b\d+\b")
_THANK_BEFORE = re.compile(r"\bthanks?\s+$")


@lru_cache(maxsize=1)
def _model() -> dict[str, Any] | None:
    try:
        return load("check_model")
    except FileNotFoundError:
        return None


def learned(check_id: str) -> bool:
    try:
        return bool(rubric.check(check_id).get("learned"))
    except KeyError:
        return False


def features(text: str, norm: str, checks: list[Any]) -> list[tuple[str, float]]:
    """What a learned check looks at: every rule check's decision and how many spans it
    found, the words and word pairs, words near a "you"/"your", and names or numbers
    near one."""
    feats: list[tuple[str, float]] = []
    for c in checks:
        if c.passed:
            feats.append(("rule:" + c.id, 1.0))
        if c.evidence:
            feats.append(("cue:" + c.id, min(len(c.evidence), 3) / 3.0))
    toks = [t for t, _ in tokens(norm[:4000])]
    words = set(toks)
    feats += [("w:" + w, 1.0) for w in words]
    feats += [("p:" + a + "_" + b, 1.0) for a, b in set(zip(toks, toks[1:], strict=False))]
    near: set[str] = set()
    for i, t in enumerate(toks):
        if _SECOND_PERSON.fullmatch(t):
            near.update(toks[i + 1 : i + 5])
    feats += [("y:" + w, 1.0) for w in near]
    names = 0
    for m in _SECOND_PERSON.finditer(norm[:4000]):
        # "Thank you,\nKenji" is the writer's own sign-off, not a name of theirs.
        if _THANK_BEFORE.search(norm, max(0, m.start() - 7), m.start()):
            continue
        window = text[m.end() : m.end() + 60]
        if _NAME.search(window) or _NUMBER.search(window):
            names += 1
    if names:
        feats.append(("you_near_name", min(names, 3) / 3.0))
    scale = 1.0 / math.sqrt(max(len(feats), 1))
    return [(n, v if n.startswith(("cue:", "rule:", "you_")) else v * scale) for n, v in feats]


#: Set by benchmarks/check_model.py while it collects training features.
DISABLED = False


def decide(check_id: str, feats: list[tuple[str, float]], rule: bool) -> bool:
    """The learned decision for a check, or the rule's when there is no model for it."""
    model = None if DISABLED else _model()
    if model is None or check_id not in model["checks"]:
        return rule
    bias, weights = _pass_weights(check_id)
    get = weights.get
    # fsum: the features come from sets, whose order changes with Python's hash seed, and a
    # plain sum of the same terms in another order can land on the other side of zero.
    score = math.fsum([bias, *(get(name, 0.0) * value for name, value in feats)])
    # Near zero the model is unsure, and the rule's reading of the words stands.
    if abs(score) < float(model.get("unsure", 0.0)):
        return rule
    return score >= 0.0


@cache
def _pass_weights(check_id: str) -> tuple[float, dict[str, float]]:
    """One check's model as its bias and {feature: weight} for the single class, "pass"
    (stored flat: the file ships to the browser inside the course wheel)."""
    entry = (_model() or {"checks": {}})["checks"][check_id]
    flat = {name: float(w) for name, w in entry["weights"].items()}
    return float(entry["bias"]), flat
