"""Turn a grader's Report into accessible, deterministic HTML.

This module is shared by the notebook widgets and the book page's own Pyodide
worker, so it uses the standard library only and its output must be
byte-identical in CPython and Pyodide: no time, no randomness, and every
collection is walked in an order fixed here rather than by dict/set internals.

Every piece of text that can come from a learner (their text, question texts,
and for safety also the graders' messages) is html-escaped before output.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

from exercises.grading import rubric
from exercises.grading.questions import CATEGORIES, CORE

__all__ = [
    "OptionError",
    "CATEGORY_LABELS",
    "CORE_CATEGORIES",
    "coverage_data",
    "grade_and_render",
    "grade_and_render_report",
    "grade_report",
    "merge_spans",
    "render_coverage_chart",
    "render_css",
    "render_error",
    "render_report",
    "render_report_with_style",
    "report_from_dict",
]

KINDS = rubric.KINDS

KIND_TITLES = dict(rubric.general()["kind_titles"])

LEVEL_WORDS = {lv["id"]: lv["words"] for lv in rubric.levels()}

# Core categories first, in the order a conversation usually flows; the rubric's
# coverage check counts only these.
CORE_CATEGORIES = CORE
EXTRA_CATEGORIES = tuple(c for c in CATEGORIES if c not in CORE)

CATEGORY_LABELS = {c: rubric.category(c)["title"] for c in CATEGORIES}

FLAG_ORDER = rubric.flag_ids()
FLAG_WORDS = {f: rubric.flag(f)["feedback"] for f in FLAG_ORDER}
CLOSED_LABEL = rubric.flag("closed")["label"]

ICON_PASSED = "\u2713"  # check mark
ICON_NOT_YET = "\u25cb"  # open circle: "not yet" rather than a harsh cross

# C0/C1 controls (except tab, newline, carriage return) and lone surrogates are
# replaced so the output is valid HTML and always encodes to UTF-8.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


# --------------------------------------------------------------------------- text helpers


def _esc(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    text = value if isinstance(value, str) else str(value)
    return html.escape(_UNSAFE_CHARS.sub("\ufffd", text), quote=True)


def _as_int(value: Any, default: int = 0) -> int:
    try:
        return int(round(float(value)))
    except (TypeError, ValueError, OverflowError):
        return default


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-") or "x"


def _id_prefix(kind: str, text: str) -> str:
    """Stable element-id prefix, distinct for different texts on one page."""
    digest = hashlib.sha1(
        (kind + "\0" + text).encode("utf-8", errors="surrogatepass")
    ).hexdigest()
    return f"iic-{_slug(kind)}-{digest[:8]}"


def _check_label(check: Any) -> str:
    label = getattr(check, "label", "") or ""
    if label:
        return str(label)
    cid = str(getattr(check, "id", "") or "check")
    return cid.rsplit(".", 1)[-1].replace("_", " ").capitalize()


# --------------------------------------------------------------------------- spans


def _clamp_span(span: Any, length: int) -> tuple[int, int] | None:
    """Return a (start, end) inside 0..length, or None when unusable or empty."""
    try:
        a, b = span[0], span[1]
        a, b = int(a), int(b)
    except (TypeError, ValueError, IndexError, KeyError, OverflowError):
        return None
    if a > b:
        a, b = b, a
    a = min(max(a, 0), length)
    b = min(max(b, 0), length)
    return (a, b) if b > a else None


def merge_spans(
    spans: Iterable[tuple[Any, Iterable[int]]], length: int
) -> list[tuple[int, int, tuple[int, ...]]]:
    """Merge overlapping or touching evidence spans.

    ``spans`` yields (span, owners) pairs where owners are the check numbers that
    cite the span. Returns sorted, disjoint (start, end, owners) with the owners of
    every merged piece, sorted and unique. Bad, reversed, out-of-range and
    zero-length spans are clamped or dropped, never raised on.
    """
    cleaned: list[tuple[int, int, tuple[int, ...]]] = []
    for span, owners in spans:
        clamped = _clamp_span(span, length)
        if clamped is not None:
            cleaned.append((clamped[0], clamped[1], tuple(owners)))
    cleaned.sort(key=lambda item: (item[0], item[1], item[2]))
    merged: list[list[Any]] = []
    for start, end, owners in cleaned:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].update(owners)
        else:
            merged.append([start, end, set(owners)])
    return [(s, e, tuple(sorted(o))) for s, e, o in merged]


# --------------------------------------------------------------------------- reports from dicts


def report_from_dict(data: dict[str, Any], text: str | None = None) -> Any:
    """Rebuild a Report from ``Report.to_dict()`` output (e.g. from saved work).

    ``to_dict`` does not carry the text; pass it as ``text`` or store it under a
    "text" key (the widgets do). Missing or malformed fields get safe defaults.
    """
    from exercises.grading.report import Check, QuestionInfo, Report

    data = data if isinstance(data, dict) else {}
    body = text if isinstance(text, str) else data.get("text", "")
    body = body if isinstance(body, str) else ""
    checks = []
    for raw in data.get("checks") or []:
        if not isinstance(raw, dict):
            continue
        evidence = []
        for pair in raw.get("evidence") or []:
            if isinstance(pair, (list, tuple)) and len(pair) == 2:
                evidence.append((_as_int(pair[0]), _as_int(pair[1])))
        checks.append(
            Check(
                id=str(raw.get("id", "")),
                passed=bool(raw.get("passed", False)),
                message=str(raw.get("message", "")),
                tip=str(raw.get("tip", "") or ""),
                evidence=evidence,
                weight=_as_int(raw.get("weight", 1), 1),
                label=str(raw.get("label", "") or ""),
                details=[d for d in raw.get("details") or [] if isinstance(d, dict)],
            )
        )
    questions = []
    for raw in data.get("questions") or []:
        if not isinstance(raw, dict):
            continue
        span = raw.get("span") or [0, 0]
        span = span if isinstance(span, (list, tuple)) and len(span) == 2 else [0, 0]
        questions.append(
            QuestionInfo(
                text=str(raw.get("text", "")),
                category=str(raw.get("category", "other")),
                open_ended=bool(raw.get("open_ended", True)),
                flags={str(f) for f in raw.get("flags") or []},
                start=_as_int(span[0]),
                end=_as_int(span[1]),
                graded_category=str(raw.get("graded_category", "") or ""),
            )
        )
    suggestions_raw = data.get("suggestions") or {}
    suggestions = {
        str(k): [str(q) for q in v]
        for k, v in (suggestions_raw.items() if isinstance(suggestions_raw, dict) else [])
        if isinstance(v, (list, tuple))
    }
    order = [_as_int(i, -1) for i in data.get("suggested_order") or []]
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    cap = data.get("cap")
    cap = {str(k): str(v) for k, v in cap.items()} if isinstance(cap, dict) else None
    fix_first = data.get("fix_first")
    return Report(
        kind=str(data.get("kind", "")),
        text=body,
        checks=checks,
        score=_as_int(data.get("score", 0)),
        level=str(data.get("level", "needs-work")),
        questions=questions,
        suggestions=suggestions,
        suggested_order=order,
        meta=dict(meta),
        cap=cap,
        fix_first=str(fix_first) if isinstance(fix_first, str) else None,
    )


# --------------------------------------------------------------------------- coverage


def _ordered_categories(extra: Iterable[str]) -> list[str]:
    known = list(CORE_CATEGORIES) + list(EXTRA_CATEGORIES)
    unknown = sorted({c for c in extra if c not in known})
    return known + unknown


def coverage_data(report: Any) -> list[dict[str, Any]]:
    """Per category: its label, how many questions fall in it, and whether it is core.

    Always lists every rubric category in a fixed order (core ones first), so a
    missing category shows as a zero rather than disappearing.
    """
    questions = list(getattr(report, "questions", None) or [])
    counts: dict[str, int] = {}
    for q in questions:
        cat = str(getattr(q, "category", "other") or "other")
        counts[cat] = counts.get(cat, 0) + 1
    rows = []
    for cat in _ordered_categories(counts):
        rows.append(
            {
                "category": cat,
                "label": CATEGORY_LABELS.get(cat, cat.replace("_", " ").capitalize()),
                "count": counts.get(cat, 0),
                "core": cat in CORE_CATEGORIES,
            }
        )
    return rows


# --------------------------------------------------------------------------- HTML pieces


def _render_score(report: Any, checks: list[Any]) -> str:
    score = max(0, min(100, _as_int(getattr(report, "score", 0))))
    level = str(getattr(report, "level", "") or "needs-work")
    level_words = LEVEL_WORDS.get(level, level.replace("-", " "))
    passed = [c for c in checks if getattr(c, "passed", False)]
    total_w = sum(_as_int(getattr(c, "weight", 1), 1) for c in checks)
    got_w = sum(_as_int(getattr(c, "weight", 1), 1) for c in passed)
    out = (
        f'<p class="iic-score iic-level-{_slug(level)}">'
        f'<span class="iic-score-text">Score {score} of 100: {_esc(level_words)}</span>'
        f'<span class="iic-meter" aria-hidden="true">'
        f'<span class="iic-meter-fill" style="width:{score}%"></span></span></p>'
        f'<p class="iic-summary">{len(passed)} of {len(checks)} checks passed, '
        f"worth {got_w} of {total_w} weight points.</p>"
    )
    cap = getattr(report, "cap", None)
    if isinstance(cap, dict) and cap.get("sentence"):
        cap_id = _esc(cap.get("id", ""))
        out += f'<p class="iic-cap" data-cap="{cap_id}">{_esc(cap["sentence"])}</p>'
    return out


def _fix_first_check(report: Any, checks: list[Any]) -> Any:
    wanted = getattr(report, "fix_first", None)
    failed = [c for c in checks if not getattr(c, "passed", False)]
    for c in failed:
        if getattr(c, "id", None) == wanted:
            return c
    if not failed:
        return None
    return max(failed, key=lambda c: (_as_int(getattr(c, "weight", 1), 1), -failed.index(c)))


def _render_fix_first(report: Any, checks: list[Any], prefix: str) -> str:
    """One line at the top: the most important thing to change, and how."""
    if not checks or not str(getattr(report, "text", "") or "").strip():
        return ""
    first = _fix_first_check(report, checks)
    if first is None:
        return (
            '<p class="iic-fix-first iic-fix-none"><strong>Nothing to fix:</strong> '
            "every check passed.</p>"
        )
    number = checks.index(first) + 1
    tip = str(getattr(first, "tip", "") or getattr(first, "message", "") or "")
    return (
        '<p class="iic-fix-first"><strong>Fix this first:</strong> '
        f'<a href="#{prefix}-check-{number}">{_esc(_check_label(first))}</a>. {_esc(tip)}</p>'
    )


def _display_order(checks: list[Any]) -> list[Any]:
    """Checks that did not pass first (heaviest first), then the passed ones, each group
    otherwise in the rubric's order."""
    failed = [c for c in checks if not getattr(c, "passed", False)]
    failed.sort(key=lambda c: -_as_int(getattr(c, "weight", 1), 1))
    return failed + [c for c in checks if getattr(c, "passed", False)]


def _render_check(number: int, check: Any, prefix: str, marks: list[int]) -> str:
    passed = bool(getattr(check, "passed", False))
    state = "passed" if passed else "not-yet"
    icon = ICON_PASSED if passed else ICON_NOT_YET
    word = "Passed" if passed else "Not yet"
    weight = _as_int(getattr(check, "weight", 1), 1)
    message = str(getattr(check, "message", "") or "")
    tip = str(getattr(check, "tip", "") or "")
    cid = str(getattr(check, "id", "") or "")
    parts = [
        f'<li class="iic-check iic-check-{state}" id="{prefix}-check-{number}"'
        f' value="{number}" data-check="{_esc(cid)}">',
        '<p class="iic-check-head">',
        f'<span class="iic-icon" aria-hidden="true">{icon}</span> ',
        f'<span class="iic-status">{word}</span>: ',
        f'<strong class="iic-check-label">{_esc(_check_label(check))}</strong> ',
        f'<span class="iic-weight">(weight {weight})</span></p>',
    ]
    if message:
        parts.append(f'<p class="iic-message">{_esc(message)}</p>')
    if tip and not passed:
        parts.append(f'<p class="iic-tip"><span class="iic-tip-word">Tip:</span> {_esc(tip)}</p>')
    if marks:
        links = ", ".join(
            f'<a class="iic-mark-link" href="#{prefix}-mark-{m}">highlight {m}</a>' for m in marks
        )
        parts.append(f'<p class="iic-evidence-links">Found in your text: {links}</p>')
    parts.append("</li>")
    return "".join(parts)


def _render_checks(checks: list[Any], prefix: str, marks_by_check: dict[int, list[int]]) -> str:
    """Checks to work on, listed open; passed checks folded under one summary line."""
    failed = [(n, c) for n, c in enumerate(checks, start=1) if not getattr(c, "passed", False)]
    passed = [(n, c) for n, c in enumerate(checks, start=1) if getattr(c, "passed", False)]
    out = []
    if failed:
        out.append(
            '<ol class="iic-checks iic-checks-open">'
            + "".join(_render_check(n, c, prefix, marks_by_check.get(n, [])) for n, c in failed)
            + "</ol>"
        )
    if passed:
        word = "check" if len(passed) == 1 else "checks"
        out.append(
            f'<details class="iic-passed"><summary>{len(passed)} {word} passed '
            '<span class="iic-hint">(show)</span></summary>'
            '<ol class="iic-checks iic-checks-passed">'
            + "".join(_render_check(n, c, prefix, marks_by_check.get(n, [])) for n, c in passed)
            + "</ol></details>"
        )
    return "".join(out)


def _render_text(
    text: str, checks: list[Any], prefix: str
) -> tuple[str, dict[int, list[int]]]:
    """The learner's text with evidence wrapped in <mark>, plus check -> marks links."""
    spans: list[tuple[Any, tuple[int, ...]]] = []
    for number, check in enumerate(checks, start=1):
        for span in getattr(check, "evidence", None) or []:
            spans.append((span, (number,)))
    merged = merge_spans(spans, len(text))
    labels = {n: _check_label(c) for n, c in enumerate(checks, start=1)}
    marks_by_check: dict[int, list[int]] = {}
    out = []
    pos = 0
    for mark_no, (start, end, owners) in enumerate(merged, start=1):
        out.append(_esc(text[pos:start]))
        ids = " ".join(_esc(getattr(checks[n - 1], "id", "")) for n in owners)
        # A highlight that a not-yet check points at gets its own style (dashed
        # underline); the words after it say which check and its state.
        not_yet = any(not getattr(checks[n - 1], "passed", False) for n in owners)
        cls = "iic-mark iic-mark-not-yet" if not_yet else "iic-mark"
        hint = _spelling_hint(checks, owners, start, end)
        if hint:
            cls += " iic-misspelt"
        out.append(
            f'<mark class="{cls}" id="{prefix}-mark-{mark_no}" data-checks="{ids}"'
            f'{f" title={chr(34)}{_esc(hint)}{chr(34)}" if hint else ""}>'
            f"{_esc(text[start:end])}</mark>"
        )
        if hint:
            out.append(f'<span class="iic-sr-only"> ({_esc(hint)})</span>')
        refs = []
        for n in owners:
            marks_by_check.setdefault(n, []).append(mark_no)
            state = "passed" if getattr(checks[n - 1], "passed", False) else "not yet"
            refs.append(
                f'<a class="iic-mark-ref" href="#{prefix}-check-{n}">'
                f'<span aria-hidden="true">{n}</span>'
                f'<span class="iic-sr-only">highlight {mark_no}, found by check {n} '
                f"({state}): {_esc(labels[n])}</span></a>"
            )
        out.append('<sup class="iic-mark-refs">' + ",".join(refs) + "</sup>")
        pos = end
    out.append(_esc(text[pos:]))
    if not text.strip():
        body = '<p class="iic-empty">You have not written anything yet.</p>'
    else:
        body = '<div class="iic-text">' + "".join(out) + "</div>"
    note = ""
    if merged:
        note = (
            '<p class="iic-text-note">Highlighted parts are what the checks found; '
            "the small numbers point to the check. A dashed underline marks something "
            "to fix.</p>"
        )
    html_out = '<section class="iic-your-text"><h4>Your text</h4>' + note + body + "</section>"
    return html_out, marks_by_check


def _spelling_hint(checks: list[Any], owners: tuple[int, ...], start: int, end: int) -> str:
    """ "Did you mean ...?" for a highlight that a spelling check found."""
    for n in owners:
        check = checks[n - 1]
        if not str(getattr(check, "id", "")).endswith(".spelling"):
            continue
        for item in getattr(check, "details", None) or []:
            span = item.get("span") if isinstance(item, dict) else None
            if isinstance(span, (list, tuple)) and len(span) == 2 and start <= span[0] < end:
                words = [str(w) for w in item.get("suggestions") or []][:3]
                return "possible misspelling" + (
                    ": did you mean " + " or ".join(words) + "?" if words else ""
                )
    return ""


def _flags_in_order(flags: Iterable[Any]) -> list[str]:
    names = {str(f) for f in flags or []}
    known = [f for f in FLAG_ORDER if f in names]
    return known + sorted(names - set(FLAG_ORDER))


def _topic_cell(q: Any, number: int, retag: bool) -> str:
    """The question's topic; says when the learner's choice differs from the grader's
    reading, and with ``retag`` offers a menu to change it (the book page wires it up)."""
    cat = str(getattr(q, "category", "other") or "other")
    graded = str(getattr(q, "graded_category", "") or cat)
    label = _esc(CATEGORY_LABELS.get(cat, cat))
    note = ""
    if graded != cat:
        note = (
            f' <span class="iic-retagged">(your choice; the coach read it as '
            f"{_esc(CATEGORY_LABELS.get(graded, graded))})</span>"
        )
    cell = f'<td class="iic-q-category" role="cell" data-label="Topic" data-category="{_esc(cat)}">'
    if not retag:
        return f"{cell}{label}{note}</td>"
    options = "".join(
        f'<option value="{_esc(c)}"{" selected" if c == cat else ""}>'
        f"{_esc(CATEGORY_LABELS.get(c, c))}</option>"
        for c in CATEGORIES
    )
    return (
        f"{cell}"
        f'<select class="iic-retag" data-question="{_esc(getattr(q, "text", ""))}"'
        f' data-graded="{_esc(graded)}" aria-label="Topic of question {number}">{options}'
        f"</select>{note}</td>"
    )


def _render_questions(report: Any, retag: bool = False) -> str:
    questions = list(getattr(report, "questions", None) or [])
    if not questions:
        return ""
    rows = []
    for number, q in enumerate(questions, start=1):
        open_ended = bool(getattr(q, "open_ended", True))
        flags = [f for f in _flags_in_order(getattr(q, "flags", ())) if f != "closed"]
        flag_text = "; ".join(FLAG_WORDS.get(f, f.replace("_", " ")) for f in flags)
        # data-label names each cell when a narrow screen shows a row as a card
        # (render.css); the explicit roles keep it a table for screen readers then.
        flag_cell = (
            f'<td class="iic-q-flags" role="cell" data-label="To fix">{_esc(flag_text)}</td>'
            if flags
            else '<td class="iic-q-flags iic-q-noflags" role="cell" data-label="To fix">none</td>'
        )
        rows.append(
            f'<tr class="iic-q iic-q-{"open" if open_ended else "closed"}" role="row">'
            f'<th scope="row" role="rowheader" data-label="Question">{number}</th>'
            f'<td class="iic-q-text" role="cell">{_esc(getattr(q, "text", ""))}</td>'
            + _topic_cell(q, number, retag)
            + '<td class="iic-q-open" role="cell" data-label="Open or closed">'
            f'{"Open" if open_ended else _esc(CLOSED_LABEL)}</td>'
            f"{flag_cell}</tr>"
        )
    hint = (
        '<p class="iic-retag-hint">If the coach filed a question under the wrong topic, '
        "choose the right one: the coverage check and the suggestions follow your choice.</p>"
        if retag
        else ""
    )
    return (
        '<section class="iic-questions"><h4>Your questions</h4>'
        + hint
        + '<div class="iic-scroll"><table class="iic-table iic-q-table" role="table">'
        "<caption>Each question, its topic, whether it is open, and anything to fix"
        '</caption><thead role="rowgroup"><tr role="row">'
        '<th scope="col" role="columnheader">#</th>'
        '<th scope="col" role="columnheader">Question</th>'
        '<th scope="col" role="columnheader">Topic</th>'
        '<th scope="col" role="columnheader">Open or closed</th>'
        '<th scope="col" role="columnheader">To fix</th></tr></thead><tbody role="rowgroup">'
        + "".join(rows)
        + "</tbody></table></div></section>"
    )


def render_coverage_chart(report: Any) -> str:
    """An HTML bar chart of questions per category, readable without colour or CSS."""
    rows = coverage_data(report)
    top = max([r["count"] for r in rows] + [1])
    core_hit = sum(1 for r in rows if r["core"] and r["count"] > 0)
    body = []
    for r in rows:
        count = r["count"]
        width = int(round(100 * count / top))
        if r["core"]:
            status = "covered" if count else "missing"
        else:
            status = "covered" if count else "optional"
        word = "question" if count == 1 else "questions"
        core_tag = ' <span class="iic-core">(core)</span>' if r["core"] else ""
        body.append(
            f'<tr class="iic-cov-row iic-cov-{status}" data-category="{_esc(r["category"])}">'
            f'<th scope="row">{_esc(r["label"])}'
            f"{core_tag}</th>"
            f'<td class="iic-cov-count">{count} {word}</td>'
            f'<td class="iic-cov-bar-cell"><span class="iic-cov-bar" aria-hidden="true">'
            f'<span class="iic-cov-fill" style="width:{width}%"></span></span></td>'
            f'<td class="iic-cov-status">{status.capitalize()}</td></tr>'
        )
    return (
        '<section class="iic-coverage"><h4>Topics covered</h4>'
        f'<p class="iic-coverage-summary">Your list covers {core_hit} of '
        f"{len(CORE_CATEGORIES)} core topics.</p>"
        '<div class="iic-scroll"><table class="iic-table iic-coverage-chart">'
        "<caption>Questions per topic</caption><thead><tr>"
        '<th scope="col">Topic</th><th scope="col">Count</th>'
        '<th scope="col"><span class="iic-sr-only">Bar</span></th>'
        '<th scope="col">Status</th></tr></thead><tbody>'
        + "".join(body)
        + "</tbody></table></div></section>"
    )


def _render_suggestions(report: Any) -> str:
    raw = getattr(report, "suggestions", None) or {}
    if not isinstance(raw, dict) or not raw:
        return ""
    blocks = []
    for cat in _ordered_categories(raw.keys()):
        questions = raw.get(cat)
        if not questions:
            continue
        items = "".join(f"<li>{_esc(q)}</li>" for q in questions)
        label = CATEGORY_LABELS.get(cat, cat)
        blocks.append(
            f'<div class="iic-suggestion" data-category="{_esc(cat)}">'
            f"<h5>{_esc(label)}</h5><ul>{items}</ul></div>"
        )
    if not blocks:
        return ""
    return (
        '<section class="iic-suggestions"><h4>Ideas for missing topics</h4>'
        + "".join(blocks)
        + "</section>"
    )


def _render_order(report: Any) -> str:
    questions = list(getattr(report, "questions", None) or [])
    order = []
    for i in getattr(report, "suggested_order", None) or []:
        idx = _as_int(i, -1)
        if 0 <= idx < len(questions) and idx not in order:
            order.append(idx)
    if not order:
        return ""
    items = "".join(
        f'<li data-index="{idx}">{_esc(getattr(questions[idx], "text", ""))} '
        f'<span class="iic-order-was">(your question {idx + 1})</span></li>'
        for idx in order
    )
    return (
        '<section class="iic-order"><h4>A good order to ask them</h4>'
        '<p class="iic-order-note">Start with easy, friendly questions and ask '
        "who else to talk to near the end.</p>"
        f"<ol>{items}</ol></section>"
    )


# --------------------------------------------------------------------------- public API


def render_report(report: Any, retag: bool = False) -> str:
    """Render a Report (or its to_dict() form) as accessible HTML without CSS. With
    ``retag`` (the book page) each question's topic is a menu the learner can change."""
    if isinstance(report, dict):
        report = report_from_dict(report)
    kind = str(getattr(report, "kind", "") or "")
    text = getattr(report, "text", "")
    text = text if isinstance(text, str) else ""
    checks = list(getattr(report, "checks", None) or [])
    checks = _display_order(checks)
    prefix = _id_prefix(kind, text)
    title = KIND_TITLES.get(kind, "Feedback")

    text_html, marks_by_check = _render_text(text, checks, prefix)
    parts = [
        f'<section class="iic-root iic-report iic-kind-{_slug(kind or "report")}"'
        f' id="{prefix}" aria-labelledby="{prefix}-title">',
        f'<h3 class="iic-title" id="{prefix}-title">{_esc(title)}</h3>',
        _render_score(report, checks),
        _render_fix_first(report, checks, prefix),
        '<section class="iic-checks-section"><h4>Checks</h4>',
        _render_checks(checks, prefix, marks_by_check),
        "</section>",
    ]
    if kind == "questions" or getattr(report, "questions", None):
        parts.append(_render_questions(report, retag))
        parts.append(render_coverage_chart(report))
        parts.append(_render_suggestions(report))
        parts.append(_render_order(report))
    parts.append(text_html)
    parts.append("</section>")
    return "".join(parts)


def render_css() -> str:
    """The stylesheet for everything this module and the widgets output.

    Returns "" if the file is missing (e.g. a runtime that copied only .py files):
    the HTML stays readable without it, and a missing stylesheet must not stop
    feedback from showing.
    """
    try:
        ref = resources.files("exercises").joinpath("render.css")
        return ref.read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return ""


def render_report_with_style(report: Any) -> str:
    """render_report with the stylesheet inlined, for a notebook output or widget."""
    return f"<style>{render_css()}</style>" + render_report(report)


def render_error(message: str) -> str:
    """A clear, accessible message box (used instead of raising)."""
    return (
        '<div class="iic-root iic-error" role="alert">'
        f'<p class="iic-error-text">{_esc(message)}</p></div>'
    )




def _parse_minutes(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        minutes = value
    elif isinstance(value, float) and value.is_integer():
        minutes = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        minutes = int(value.strip())
    else:
        return None
    return minutes if 5 <= minutes <= 180 else None


class OptionError(ValueError):
    """A bad kind, text or option, with a sentence the learner can read."""


def grade_report(kind: Any, text: Any, **options: Any) -> Any:
    """Validate kind, text and options, then call the right grader.

    Raises OptionError (a ValueError) with a learner-facing sentence when something is wrong, so
    callers (grade_and_render, the widgets) can show it instead of crashing.
    """
    if kind not in KINDS:
        raise OptionError("Unknown exercise kind. Use one of: " + ", ".join(KINDS) + ".")
    if not isinstance(text, str):
        raise OptionError("There is no text to check. Write your text in the box first.")
    from exercises import grading

    allowed = {
        "pitch": {"channel", "known_words"},
        "questions": {"minutes", "topics", "known_words"},
        "thanks": {"known_words"},
        "goal": {"known_words"},
        "intro": set(),
    }
    unknown = sorted(set(options) - allowed[kind])
    if unknown:
        raise OptionError(f"This exercise does not take the option {', '.join(unknown)}.")
    # The learner's own words (their saved goal) are never flagged as misspellings.
    known = _known_words(options.get("known_words"))
    if kind == "pitch":
        channel = str(options.get("channel") or "email").strip().lower()
        if channel not in rubric.channels():
            names = ", ".join(f'"{c}"' for c in rubric.channels())
            raise OptionError(f"Choose where you will send it: one of {names}.")
        return grading.grade_pitch(text, channel=channel, known_words=known)
    if kind == "questions":
        raw = options.get("minutes")
        minutes = 30 if raw is None else _parse_minutes(raw)
        if minutes is None:
            raise OptionError("Choose the length of the conversation in minutes, e.g. 20 or 30.")
        return grading.grade_questions(
            text, minutes=minutes, topics=_topics(options.get("topics")), known_words=known
        )
    if kind == "thanks":
        return grading.grade_thank_you(text, known_words=known)
    if kind == "intro":
        from exercises.grading.intro import grade_intro

        return grade_intro(text)
    return grading.grade_goal(text)


def _known_words(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def _topics(value: Any) -> dict[str, str]:
    """The learner's re-tags, keeping only well-formed entries (saved data can be odd)."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and v in CATEGORIES}


def grade_and_render_report(kind: Any, text: Any, **options: Any) -> tuple[str, Any]:
    """Grade once; return (the HTML of grade_and_render, the Report or None on error).

    For callers that show the feedback and also keep the report (the book page's
    worker saves it), so nothing is graded twice.
    """
    # "retag" is about the page, not the grading: the book page asks for topic menus.
    retag = bool(options.pop("retag", False))
    try:
        report = grade_report(kind, text, **options)
    except OptionError as exc:
        return render_error(str(exc)), None
    except Exception:  # a grader bug must not break the page
        return render_error(
            "Sorry, something went wrong while checking your text. "
            "Your text is still in the box; try again or change it a little."
        ), None
    try:
        return render_report(report, retag=retag), report
    except Exception:
        return render_error("Sorry, the feedback could not be shown. Try checking again."), None


def grade_and_render(kind: Any, text: Any, **options: Any) -> str:
    """Grade ``text`` as ``kind`` and render the report; never raises.

    Bad kinds, options or text come back as an HTML message the learner can read.
    """
    return grade_and_render_report(kind, text, **options)[0]
