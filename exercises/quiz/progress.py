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

from .loader import list_quizzes
from .render import asset, safe_instance, script_json
from .schema import Quiz

# Course order of chapters (docs/architecture.md, "Book chapters"); unknown ones go last.
CHAPTER_ORDER = ("welcome", "purpose", "planning", "finding-people", "pitching", "questions",
                 "conversation", "practice", "workshop", "handouts")

# Exercises and worksheets always listed, so a learner sees what is still to do.
EXERCISE_KINDS = (("goal", "Learning goal"), ("pitch", "Outreach pitch"),
                  ("questions", "Question list"), ("thanks", "Thank-you note"))
WORKSHEETS = (("planning", "Planning worksheet"), ("contacts", "Contact map"))

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
        return '<tr><td colspan="4">No quizzes yet.</td></tr>'
    rows = []
    for q in quizzes:
        rows.append(
            f'<tr class="iic-progress-row" data-quiz-id="{_e(q.id)}">'
            f'<th scope="row">{_e(chapter_title(q.chapter))}</th>'
            f'<td>{_e(q.title)}</td>'
            f'<td class="iic-progress-score">Not taken yet</td>'
            f'<td class="iic-progress-date">\u2013</td></tr>')
    return "".join(rows)


def _work_rows() -> str:
    rows = []
    for prefix, items in (("exercise", EXERCISE_KINDS), ("worksheet", WORKSHEETS)):
        for name, title in items:
            rows.append(
                f'<tr class="iic-progress-row" data-key="iic:{prefix}:{name}">'
                f'<th scope="row">{_e(title)}</th>'
                f'<td class="iic-progress-state">Not saved yet</td>'
                f'<td class="iic-progress-score">\u2013</td>'
                f'<td class="iic-progress-date">\u2013</td></tr>')
    return "".join(rows)


def progress_config(quizzes: list[Quiz]) -> dict:
    """What the JS needs: quiz titles/chapters and names for the kit."""
    return {
        "quizzes": [{"id": q.id, "title": q.title, "chapter": q.chapter,
                     "chapterTitle": chapter_title(q.chapter), "total": q.total}
                    for q in quizzes],
        "exerciseTitles": dict(EXERCISE_KINDS),
        "worksheetTitles": dict(WORKSHEETS),
    }


def render_progress(instance: str | None = None) -> str:
    """Self-contained HTML+CSS+JS for the progress page (no external file, no CDN)."""
    quizzes = _sorted(list_quizzes())
    uid = f"iic-progress-{safe_instance(instance) or next(_counter)}"
    script = ("(function(){\n" + asset("progress.js")
              + f"\niicProgressInit({script_json(uid)}, {script_json(progress_config(quizzes))});"
              + "\n})();")
    return (
        f'<div class="iic-progress" id="{uid}" data-iic-uid="{uid}" lang="en">'
        f'<style>{asset("quiz.css")}{asset("progress.css")}</style>'
        f'<p class="iic-progress-nojs">This page needs JavaScript to read the work saved in '
        f'your browser.</p>'
        f'<p class="iic-progress-note" hidden></p>'
        f'<table class="iic-progress-table iic-progress-quizzes">'
        f'<caption>Quiz results, by chapter</caption>'
        f'<thead><tr><th scope="col">Chapter</th><th scope="col">Quiz</th>'
        f'<th scope="col">Score</th><th scope="col">Last checked</th></tr></thead>'
        f'<tbody>{_quiz_rows(quizzes)}</tbody></table>'
        f'<table class="iic-progress-table iic-progress-work">'
        f'<caption>Exercise drafts and worksheets</caption>'
        f'<thead><tr><th scope="col">Work</th><th scope="col">Saved</th>'
        f'<th scope="col">Latest score</th><th scope="col">Last saved</th></tr></thead>'
        f'<tbody>{_work_rows()}</tbody></table>'
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
        f'browser?</strong> This removes your quiz answers, drafts and worksheets from this '
        f'browser. Export first if you want to keep a copy.</p>'
        f'<button type="button" class="iic-progress-confirm-yes">Yes, delete my saved work'
        f'</button> <button type="button" class="iic-progress-confirm-no">Cancel</button>'
        f'</div>'
        f'<div class="iic-progress-status" role="status" aria-live="polite"></div>'
        f'<script>{script}</script></div>'
    )
