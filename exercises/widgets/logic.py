"""Pure logic behind the exercise coaches: counts, history rows, what to save and restore.

Nothing here imports ipywidgets, so all of it is unit-tested directly and the
widget classes stay thin.
"""

from __future__ import annotations

import html
from typing import Any

from exercises.grading import rubric
from exercises.grading.pitch import body_without_subject
from exercises.grading.questions import split_questions
from exercises.grading.text import word_count


def strip_subject(text: str) -> str:
    """Drop a leading "Subject:" line: the rubric does not count it toward the limit."""
    return body_without_subject(text)


def count_words(text: str) -> int:
    """Words as the graders count them (the same function)."""
    return word_count(text)


def count_chars(text: str) -> int:
    """Characters as LinkedIn counts them, ignoring leading and trailing blank space."""
    return len(text.strip())


def length_status(text: str, kind: str, channel: str = "email") -> dict[str, Any]:
    """How long the text is against the limit that applies to this exercise.

    Returns {"count", "limit" (None when there is none), "unit", "over"}.
    """
    rule = rubric.length_limit(kind, channel) if kind in ("pitch", "thanks") else None
    if rule and rule[1] == "characters":
        count, limit, unit = count_chars(text), rule[0], "characters"
    elif kind == "pitch" and rule:
        count, limit, unit = count_words(strip_subject(text)), rule[0], "words"
    elif rule:
        count, limit, unit = count_words(text), rule[0], "words"
    elif kind == "questions":
        count, limit, unit = len(question_lines(text)), None, "questions"
    else:
        count, limit, unit = count_words(text), None, "words"
    return {"count": count, "limit": limit, "unit": unit, "over": bool(limit and count > limit)}


def length_html(status: dict[str, Any], kind: str = "", channel: str = "email") -> str:
    """The live counter line, in words (not colour) when the limit is passed."""
    count, limit, unit = status["count"], status["limit"], status["unit"]
    if limit is None:
        one = unit[:-1] if count == 1 else unit
        return f'<p class="iic-counter" aria-live="polite">{count} {one}</p>'
    note = ""
    if kind == "pitch" and channel == "email":
        note = " (a Subject: line is not counted)"
    if status["over"]:
        return (
            f'<p class="iic-counter iic-counter-over" aria-live="polite">{count} of {limit} '
            f"{unit}: {count - limit} over the limit{note}</p>"
        )
    return f'<p class="iic-counter" aria-live="polite">{count} of {limit} {unit}{note}</p>'


def question_lines(text: str) -> list[str]:
    """The questions as the grader reads them (headings skipped, two on a line split)."""
    return split_questions(text)


# --------------------------------------------------------------------------- history


def history_scores(history: Any) -> list[int]:
    """Scores from a saved history list; entries that are not usable are skipped."""
    scores = []
    for entry in history if isinstance(history, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("score"), (int, float)):
            if not isinstance(entry["score"], bool):
                scores.append(int(entry["score"]))
    return scores


def dedupe_scores(scores: list[int]) -> list[int]:
    """Collapse runs of one score: draft autosaves re-record the last checked score."""
    out: list[int] = []
    for score in scores:
        if not out or out[-1] != score:
            out.append(score)
    return out


def history_rows(scores: list[int]) -> list[str]:
    """ "Draft 1: 45", "Draft 2: 70 (up 25)" ... so the learner sees the score move."""
    rows = []
    for i, score in enumerate(scores):
        change = ""
        if i:
            diff = score - scores[i - 1]
            change = f" (up {diff})" if diff > 0 else f" (down {-diff})" if diff < 0 else " (same)"
        rows.append(f"Draft {i + 1}: {score}{change}")
    return rows


def history_html(scores: list[int], shown: int = 10) -> str:
    """The revision history panel; only the latest ``shown`` drafts are listed."""
    if not scores:
        return (
            '<div class="iic-root iic-bare iic-history"><p>No checked drafts yet: press '
            "Check to see your score.</p></div>"
        )
    rows = history_rows(scores)
    start = max(0, len(rows) - shown)
    items = "".join(f"<li>{html.escape(r)}</li>" for r in rows[start:])
    return (
        '<div class="iic-root iic-bare iic-history"><h4>Your drafts</h4>'
        f'<ol start="{start + 1}">{items}</ol></div>'
    )


# --------------------------------------------------------------------------- saving


def report_record(report: Any) -> dict[str, Any]:
    """What to save for a checked draft: Report.to_dict() plus the text it graded.

    The text is kept so a restored report's highlights line up even if the draft
    was edited after the check.
    """
    record = report.to_dict()
    record["text"] = report.text
    return record


def restore_exercise(saved: Any) -> dict[str, Any]:
    """Turn a saved exercise (store.get_exercise) into what a coach needs on creation."""
    saved = saved if isinstance(saved, dict) else {}
    text = saved.get("text") if isinstance(saved.get("text"), str) else ""
    options = saved.get("options") if isinstance(saved.get("options"), dict) else {}
    report = saved.get("report") if isinstance(saved.get("report"), dict) else None
    if report is not None and not report.get("checks"):
        report = None
    return {
        "text": text,
        "options": dict(options),
        "report": report,
        "scores": history_scores(saved.get("history")),
    }


def notice_html(notice: str) -> str:
    """Show the store's notice (e.g. a corrupt file was set aside), or nothing."""
    if not notice:
        return ""
    return (
        '<div class="iic-root iic-notice" role="status">'
        f"<p>{html.escape(str(notice))}</p></div>"
    )
