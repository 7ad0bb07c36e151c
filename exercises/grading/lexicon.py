"""Load the JSON data files (lexicons, check specs, question bank) once and cache them.

The data lives in ``exercises/grading/data`` so a career adviser can review and
edit the wording without touching code. Each lexicon entry is either a list of
plain phrases or an object ``{"phrases": [...], "patterns": [...]}`` where
``patterns`` are regular expressions (bounded, so they cannot backtrack badly).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from .text import PhraseIndex, compile_terms


@cache
def load(name: str) -> Any:
    """Parsed JSON of ``data/<name>.json``."""
    ref = resources.files(__package__).joinpath("data", f"{name}.json")
    return json.loads(ref.read_text(encoding="utf-8"))


@cache
def terms(name: str, key: str) -> re.Pattern:
    """Compiled alternation for lexicon ``key`` of data file ``name``."""
    entry = load(name)[key]
    if isinstance(entry, list):
        return compile_terms(entry, None)
    return compile_terms(entry.get("phrases"), entry.get("patterns"))


@cache
def phrase_index(name: str, key: str) -> tuple[PhraseIndex | None, re.Pattern | None]:
    """Lexicon ``key`` split for speed: phrases as a word index, patterns as one regex."""
    entry = load(name)[key]
    phrases = entry if isinstance(entry, list) else entry.get("phrases") or []
    patterns = [] if isinstance(entry, list) else entry.get("patterns") or []
    index = PhraseIndex(phrases) if phrases else None
    regex = compile_terms(None, patterns) if patterns else None
    return index, regex


@cache
def check_specs(kind: str) -> tuple[dict[str, Any], ...]:
    """The check specs of one grader, in the published order."""
    return tuple(load("checks")[kind])
