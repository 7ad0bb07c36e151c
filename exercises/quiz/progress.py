"""The progress page: quiz results, drafts and worksheets read from localStorage.

``render_progress()`` runs at book-build time (the ``{progress}`` directive). The
table skeleton (one row per quiz, grouped by chapter in course order) is built here
from the banks; the inline JS fills in what this browser has saved, and offers
export (the saved-work JSON of ``exercises.storage`` plus a Markdown kit), import
and a reset with a real confirmation step.
"""

from __future__ import annotations

import html
import itertools

from exercises.saved_schema import js_source, schema

from .loader import list_quizzes
from .render import asset, safe_instance, script_json
from .schema import Quiz

# Course order of chapters (docs/architecture.md, "Book chapters"); unknown ones go last.
CHAPTER_ORDER = ("welcome", "purpose", "planning", "finding-people", "pitching", "questions",
                 "conversation", "campaign", "practice", "workshop", "handouts")

# Exercises and worksheets always listed, so a learner sees what is still to do.
EXERCISE_KINDS = (("goal", "Learning goal"), ("pitch", "Outreach pitch"),
                  ("questions", "Question list"), ("thanks", "Thank-you note"))
WORKSHEETS = (("planning", "Planning worksheet"), ("contacts", "Campaign tracker"),
              ("exit-ticket", "Workshop exit ticket"),
              ("beliefs", "Beliefs and decision grid"))
# The progress page is book/progress.html, next to the practice chapter.
PRACTICE_URL = "practice.html"

_counter = itertools.count(1)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def chapter_title(slug: str) -> str:
    """'finding-people' -> 'Finding people'."""
    return slug.replace("-", " ").replace("_", " ").strip().capitalize()


def _sorted(quizzes: list[Quiz]) -> list[Quiz]:
    def key(q: Quiz) -> tuple[int, str, str]:
        rank = CHAPTER_ORDER.index(q.chapter) if q.chapter in CHAPTER_ORDER else len(
            CHAPTER_ORDER)
        return rank, q.chapter, q.id

    return sorted(quizzes, key=key)


def _quiz_rows(quizzes: list[Quiz]) -> str:
    if not quizzes:
        return '<tr role="row"><td role="cell" colspan="4">No quizzes yet.</td></tr>'
    rows = []
    for q in quizzes:
        rows.append(
            f'<tr class="iic-progress-row" role="row" data-quiz-id="{_e(q.id)}">'
            f'<th scope="row" role="rowheader" data-label="Chapter">'
            f'{_e(chapter_title(q.chapter))}</th>'
            f'<td role="cell" data-label="Quiz">{_e(q.title)}</td>'
            f'<td class="iic-progress-score" role="cell" data-label="Score">Not taken yet</td>'
            f'<td class="iic-progress-date" role="cell" data-label="Last checked">\u2013</td>'
            f'</tr>')
    return "".join(rows)


def _work_rows() -> str:
    rows = []
    for prefix, items in (("exercise", EXERCISE_KINDS), ("worksheet", WORKSHEETS)):
        for name, title in items:
            rows.append(
                f'<tr class="iic-progress-row" role="row" data-key="iic:{prefix}:{name}">'
                f'<th scope="row" role="rowheader" data-label="Work">{_e(title)}</th>'
                f'<td class="iic-progress-state" role="cell" data-label="Saved">'
                f'Not saved yet</td>'
                f'<td class="iic-progress-score" role="cell" data-label="Latest score">'
                f'\u2013</td>'
                f'<td class="iic-progress-date" role="cell" data-label="Last saved">\u2013</td>'
                f'</tr>')
    return "".join(rows)


def _personas() -> dict[str, dict[str, str]]:
    """Names the rehearsal rows and transcripts show instead of persona ids."""
    try:
        from exercises.practice import list_personas

        return {p.id: {"name": p.name, "role": p.role, "organisation": p.organisation}
                for p in list_personas()}
    except Exception:  # noqa: BLE001 - a broken persona must not break the progress page
        return {}


def progress_config(quizzes: list[Quiz]) -> dict:
    """What the JS needs: quiz titles/chapters, names for the tables and the kit."""
    from exercises.campaign.tracker import CIRCLES

    return {
        "quizzes": [{"id": q.id, "title": q.title, "chapter": q.chapter,
                     "chapterTitle": chapter_title(q.chapter), "total": q.total}
                    for q in quizzes],
        "exerciseTitles": dict(EXERCISE_KINDS),
        "worksheetTitles": dict(WORKSHEETS),
        "circles": [list(c) for c in CIRCLES],
        "personas": _personas(),
        "practiceUrl": PRACTICE_URL,
    }


def _table(cls: str, caption: str, heads: tuple[str, ...], body: str) -> str:
    """A table that becomes one card per row on a narrow screen (see progress.css).

    Explicit roles keep it a table for screen readers when CSS stacks the cells.
    """
    cols = "".join(f'<th scope="col" role="columnheader">{_e(h)}</th>' for h in heads)
    return (f'<table class="iic-progress-table {cls}" role="table">'
            f'<caption>{_e(caption)}</caption>'
            f'<thead role="rowgroup"><tr role="row">{cols}</tr></thead>'
            f'<tbody role="rowgroup">{body}</tbody></table>')


def render_progress(instance: str | None = None) -> str:
    """Self-contained HTML+CSS+JS for the progress page (no external file, no CDN)."""
    quizzes = _sorted(list_quizzes())
    uid = f"iic-progress-{safe_instance(instance) or next(_counter)}"
    script = ("(function(){\n" + js_source("saved_work.js") + "\n" + js_source("saved_kit.js")
              + "\n" + asset("progress.js")
              + f"\nvar sw = iicSavedWorkMake({script_json(schema())});"
              + f"\niicProgressInit({script_json(uid)}, "
              + f"{script_json(progress_config(quizzes))}, sw, iicSavedKitMake(sw));"
              + "\n})();")
    rehearsal_empty = (
        '<tr class="iic-progress-none" role="row"><td role="cell" colspan="5">'
        'No practice conversations saved yet. '
        f'<a href="{_e(PRACTICE_URL)}">Rehearse one on the Practice page</a>; it is saved '
        'here when it ends.</td></tr>')
    return (
        f'<div class="iic-progress" id="{uid}" data-iic-uid="{uid}" lang="en">'
        f'<style>{asset("quiz.css")}{asset("progress.css")}</style>'
        f'<p class="iic-progress-nojs">This page needs JavaScript to read the work saved in '
        f'your browser.</p>'
        f'<p class="iic-progress-note" hidden></p>'
        + _table("iic-progress-quizzes", "Quiz results, by chapter",
                 ("Chapter", "Quiz", "Score", "Last checked"), _quiz_rows(quizzes))
        + _table("iic-progress-work", "Exercise drafts and worksheets",
                 ("Work", "Saved", "Latest score", "Last saved"), _work_rows())
        + _table("iic-progress-rehearsals", "Practice conversations",
                 ("Person", "Agreed length", "Messages", "Saved", "Transcript"),
                 rehearsal_empty)
        + f'<section class="iic-progress-aside" aria-labelledby="{uid}-aside-title" hidden>'
        f'<h3 class="iic-progress-aside-title" id="{uid}-aside-title">Set-aside parts</h3>'
        f'<p class="iic-progress-aside-text"></p><ul class="iic-progress-aside-list"></ul>'
        f'</section>'
        f'<div class="iic-progress-actions" role="group" aria-label="Your saved work">'
        f'<button type="button" class="iic-progress-export iic-progress-primary">'
        f'Export my work (.json)</button>'
        f'<button type="button" class="iic-progress-kit">Download my interview kit (.md)'
        f'</button>'
        f'<span class="iic-progress-import">'
        f'<label class="iic-progress-file-label" for="{uid}-file">Import saved work (.json)'
        f'</label><input type="file" class="iic-progress-file" id="{uid}-file" '
        f'accept=".json,application/json"></span>'
        f'<button type="button" class="iic-progress-reset">Reset my saved work</button></div>'
        f'<div class="iic-progress-confirm" id="{uid}-confirm" role="group" '
        f'aria-labelledby="{uid}-confirm-text" hidden>'
        f'<p id="{uid}-confirm-text"><strong>Delete all your saved course work from this '
        f'browser?</strong> This removes your quiz answers, drafts, worksheets and practice '
        f'conversations from this browser. Export first if you want to keep a copy.</p>'
        f'<button type="button" class="iic-progress-confirm-yes">Yes, delete my saved work'
        f'</button> <button type="button" class="iic-progress-confirm-no">Cancel</button>'
        f'</div>'
        f'<div class="iic-progress-status" role="status" aria-live="polite"></div>'
        f'<script>{script}</script></div>'
    )
