"""Merging an imported saved-work document into the learner's own, for the learner to read.

The rules (also in ``saved_work.js`` for the progress page, and checked against this
module on random documents by tests/test_saved_schema.py):

* exercises: the newer ``saved_at`` wins; the score histories are combined;
* worksheets: the file's version wins unless both have a time and ours is newer;
* quizzes: a checked result wins when it is newer; a quiz only opened (its shuffle
  seed alone) is added when this side has nothing for it;
* rehearsals and set-aside parts: the file's are added unless already here.

Times are compared only in the form both readers write (``2030-01-01T09:00:00Z``,
optionally with a fraction of a second); anything else counts as no time. Every
step is one pass over the entries, so a file of 20,000 entries merges in linear time,
and the messages summarise by group instead of one line per entry.
"""

from __future__ import annotations

import calendar
import copy
import json
import re
from typing import Any

from .saved_schema import schema

HISTORY_LIMIT = 100
NAMES_SHOWN = 5
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def time_ms(value: Any) -> int | None:
    """Milliseconds since 1970 for a UTC time as the course writes it; None otherwise."""
    if not isinstance(value, str):
        return None
    m = _ISO.fullmatch(value)
    if not m:
        return None
    y, mo, d, h, mi, s = (int(m.group(i)) for i in range(1, 7))
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    if not (1970 <= y and 1 <= mo <= 12 and h < 24 and mi < 60 and s < 60):
        return None
    if not 1 <= d <= _DAYS[mo - 1] + (1 if mo == 2 and leap else 0):
        return None
    ms = int((m.group(7) or "0")[:3].ljust(3, "0"))
    return calendar.timegm((y, mo, d, h, mi, s)) * 1000 + ms


def newer(a: Any, b: Any) -> bool:
    """Is time a strictly later than b? A usable time beats a missing one."""
    ta, tb = time_ms(a), time_ms(b)
    return ta is not None and (tb is None or ta > tb)


def canonical(value: Any) -> str:
    """One text per JSON value (keys sorted), to spot the same record twice."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def merge_history(a: Any, b: Any) -> list[Any]:
    seen: set[str] = set()
    out = []
    for h in (a if isinstance(a, list) else []) + (b if isinstance(b, list) else []):
        key = canonical(h)
        if key not in seen:
            seen.add(key)
            out.append(h)
    def when(h: Any) -> int:
        t = time_ms(h.get("saved_at")) if isinstance(h, dict) else None
        return -1 if t is None else t

    out.sort(key=when)
    return out[-HISTORY_LIMIT:]


def title(section: str, name: str) -> str:
    """A name as the learner knows it: "Thank-you note" for thanks."""
    return schema()["x-titles"].get(section, {}).get(name, name)


def _names(section: str, names: list[str]) -> str:
    shown = ", ".join(title(section, n) for n in names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _is_taken(quiz: dict[str, Any]) -> bool:
    def number(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    return number(quiz.get("score")) and number(quiz.get("total"))


def merge_documents(base: dict[str, Any], incoming: dict[str, Any]
                    ) -> tuple[dict[str, Any], list[str], dict[str, Any]]:
    """(merged copy of ``base``, messages for the learner, what changed).

    Both documents hold sections already checked by ``saved_schema.fit_document``.
    ``changed`` names the entries written: {"exercises": [...], "worksheets": [...],
    "quizzes": [...], "rehearsals": bool, "set_aside": bool}.
    """
    merged = copy.deepcopy(base)
    changed: dict[str, Any] = {"exercises": [], "worksheets": [], "quizzes": [],
                               "rehearsals": False, "set_aside": False}
    messages: list[str] = []
    added: list[str] = []
    replaced: list[str] = []
    kept: list[str] = []
    for name, entry in incoming.get("exercises", {}).items():
        mine = merged["exercises"].get(name)
        if mine is None:
            merged["exercises"][name] = copy.deepcopy(entry)
            added.append(name)
            changed["exercises"].append(name)
            continue
        history = merge_history(mine.get("history"), entry.get("history"))
        if newer(entry.get("saved_at"), mine.get("saved_at")):
            merged["exercises"][name] = copy.deepcopy(entry)
            replaced.append(name)
        else:
            kept.append(name)
        if history != merged["exercises"][name].get("history") or name in replaced:
            changed["exercises"].append(name)
        merged["exercises"][name]["history"] = history
    for words, names in (("Exercises added from the file", added),
                         ("Exercises where the file's version was newer and replaced yours",
                          replaced),
                         ("Exercises where your version was newer or the same and was kept",
                          kept)):
        if names:
            messages.append(f"{words}: {_names('exercises', names)}.")
    added, replaced, kept = [], [], []
    for name, sheet in incoming.get("worksheets", {}).items():
        mine = merged["worksheets"].get(name)
        if mine is None:
            added.append(name)
        elif (time_ms(mine.get("saved_at")) is not None
              and time_ms(sheet.get("saved_at")) is not None
              and not newer(sheet.get("saved_at"), mine.get("saved_at"))):
            kept.append(name)
            continue
        else:
            replaced.append(name)
        merged["worksheets"][name] = copy.deepcopy(sheet)
        changed["worksheets"].append(name)
    for words, names in (("Worksheets added from the file", added),
                         ("Worksheets replaced by the file's version", replaced),
                         ("Worksheets where your version was newer and was kept", kept)):
        if names:
            messages.append(f"{words}: {_names('worksheets', names)}.")
    results = 0
    for name, quiz in incoming.get("quizzes", {}).items():
        mine = merged["quizzes"].get(name)
        if not _is_taken(quiz):
            if mine is None:  # opened there, never checked: bring the learner's order
                merged["quizzes"][name] = copy.deepcopy(quiz)
                changed["quizzes"].append(name)
            continue
        if mine is None or newer(quiz.get("updated"), mine.get("updated")):
            merged["quizzes"][name] = copy.deepcopy(quiz)
            changed["quizzes"].append(name)
            results += 1
    if results:
        messages.append(f"Quizzes: {results} result(s) added or updated; the others were kept.")
    for section, words in (("rehearsals", "Rehearsals: {n} added from the file."),
                           ("set_aside", "Set-aside work: {n} part(s) added from the file.")):
        known = {canonical(r) for r in merged[section]}
        n = 0
        for record in incoming.get(section, []):
            key = canonical(record)
            if key not in known:
                known.add(key)
                merged[section].append(copy.deepcopy(record))
                n += 1
        if n:
            changed[section] = True
            messages.append(words.format(n=n))
    if not messages:
        messages.append("The file holds no saved work; nothing changed.")
    return merged, messages, changed
