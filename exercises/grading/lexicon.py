"""Cue lists from the rubric data, compiled once and cached.

The cues live beside their checks in ``exercises/grading/rubric/<kind>.json`` so a
career adviser can review and edit them without touching code. Each cue entry is
either a list of plain phrases or an object ``{"phrases": [...], "patterns": [...]}``
where ``patterns`` are regular expressions (bounded, so they cannot backtrack badly).
Learned models, which are generated rather than written, stay in ``data/``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from . import rubric
from .gated import GatedAlternation, GateGroup, gated_terms
from .text import PhraseIndex, compile_terms


@cache
def load(name: str) -> Any:
    """Parsed JSON of the generated data file ``data/<name>.json``."""
    ref = resources.files(__package__).joinpath("data", f"{name}.json")
    return json.loads(ref.read_text(encoding="utf-8"))


def cue(kind: str, key: str) -> Any:
    """The cue entry ``key`` of one kind's checks."""
    return rubric.cues(kind)[key]


@cache
def terms(kind: str, key: str) -> re.Pattern:
    """Compiled alternation for cue ``key`` of one kind."""
    entry = cue(kind, key)
    if isinstance(entry, list):
        return compile_terms(entry, None)
    return compile_terms(entry.get("phrases"), entry.get("patterns"))


@cache
def phrase_index(kind: str, key: str) -> tuple[PhraseIndex | None, GatedAlternation | None]:
    """Cue ``key`` split for speed: phrases as a word index, patterns as one regex."""
    entry = cue(kind, key)
    phrases = entry if isinstance(entry, list) else entry.get("phrases") or []
    patterns = [] if isinstance(entry, list) else entry.get("patterns") or []
    index = PhraseIndex(phrases) if phrases else None
    regex = gated_terms(None, patterns, _gate_group(kind)) if patterns else None
    return index, regex


@cache
def _gate_group(kind: str) -> GateGroup:
    # One grader reads the same text with each of its cues in turn: one scan serves them all.
    return GateGroup()


def check_specs(kind: str) -> tuple[dict[str, Any], ...]:
    """The check entries of one grader, in the published order."""
    return rubric.checks(kind)


def clear_caches() -> None:
    """Forget every compiled cue: used by the mutation benchmark after editing the data."""
    from . import rubric as r

    for fn in (load, terms, phrase_index, _gate_group, r._file, r.checks, r._check_index, r.cues,
               r.levels, r.categories, r.core_categories, r.category, r.flag_ids, r.flag,
               r.channels, r.numbers, r.word_list):
        clear = getattr(fn, "cache_clear", None)
        if clear is not None:  # the mutation benchmark swaps in a plain loader
            clear()
