"""Quiz -> self-contained HTML (markup + inline CSS + inline JS), no kernel needed.

The same string is inserted into book pages at build time and shown as text/html
output in JupyterLite and Jupyter, so it carries everything it needs: no external
file, no CDN, no global JS names. All bank text is escaped here.

Options are written in the bank's own order (balanced by the bank tests, see
balance.py), so a build is reproducible. The script then shuffles them per learner
with a seed kept in that learner's saved answers (quiz.js); answers are stored as
the bank's option indexes, so they line up whatever order a learner sees.
"""

from __future__ import annotations

import html
import itertools
import json
import random
import re
import zlib
from functools import cache
from importlib import resources
from typing import Any

from exercises.saved_schema import js_source, schema

from .schema import Question, Quiz

ICON_RIGHT = "\u2713"  # check mark; always paired with words, never colour alone
ICON_WRONG = "\u2717"  # ballot x

# Distinguishes two renders of the same quiz in one process (e.g. the same quiz
# twice on a page). Notebooks add a random instance so separate kernels sharing one
# JupyterLab DOM cannot collide; the JS also re-keys ids if a clash slips through.
_counter = itertools.count(1)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def safe_instance(instance: str | None) -> str:
    """Keep only id-safe characters of a caller's instance tag (it ends up in ids)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", instance or "").strip("-")


@cache
def asset(name: str) -> str:
    """Text of a file in exercises/quiz/assets/ (inlined into the HTML)."""
    return (resources.files("exercises.quiz") / "assets" / name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON that is safe inside an inline <script>: no '</script>' or '<!--' breakouts."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def quiz_seed(quiz: Quiz) -> int:
    """A stable seed per quiz (not Python's salted hash) so the built HTML is reproducible."""
    return zlib.crc32(quiz.id.encode("utf-8"))


def item_order(quiz: Quiz, question: Question) -> list[int]:
    """The built HTML's order for an ordering question: shuffled, never already solved.

    The script re-shuffles per learner; this order is what shows before it runs.
    """
    order = list(range(len(question.items)))
    random.Random(f"{quiz_seed(quiz)}:{question.id}:items").shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]  # a rotation is never the identity for >= 2 items
    return order


def _feedback_block(fid: str, right: bool, feedback: str) -> str:
    icon = ICON_RIGHT if right else ICON_WRONG
    word = "Good choice." if right else "Not the best choice."
    cls = "iic-quiz-fb-right" if right else "iic-quiz-fb-wrong"
    return (f'<div class="iic-quiz-option-feedback {cls}" id="{fid}" hidden>'
            f'<span class="iic-quiz-icon" aria-hidden="true">{icon}</span> '
            f'<strong class="iic-quiz-verdict">{word}</strong> {_e(feedback)}</div>')


def _choice_options(uid: str, quiz: Quiz, q: Question) -> str:
    kind = "checkbox" if q.multi_select else "radio"
    name = f"{uid}-{q.id}"
    rows = []
    for idx, opt in enumerate(q.options):
        oid = f"{uid}-{q.id}-o{idx}"
        rows.append(
            f'<li class="iic-quiz-option">'
            f'<input class="iic-quiz-input" type="{kind}" name="{name}" id="{oid}" '
            f'value="{idx}">'
            f'<label class="iic-quiz-label" for="{oid}">{_e(opt.text)}</label>'
            f'{_feedback_block(oid + "-fb", opt.correct, opt.feedback)}</li>')
    return f'<ul class="iic-quiz-options">{"".join(rows)}</ul>'


def _truefalse_options(uid: str, q: Question) -> str:
    name = f"{uid}-{q.id}"
    rows = []
    for value, label in (("true", "True"), ("false", "False")):
        oid = f"{uid}-{q.id}-{value}"
        right = (value == "true") == q.answer
        rows.append(
            f'<li class="iic-quiz-option">'
            f'<input class="iic-quiz-input" type="radio" name="{name}" id="{oid}" '
            f'value="{value}">'
            f'<label class="iic-quiz-label" for="{oid}">{label}</label>'
            f'{_feedback_block(oid + "-fb", right, q.tf_feedback.get(value, ""))}</li>')
    return f'<ul class="iic-quiz-options">{"".join(rows)}</ul>'


def _ordering_items(uid: str, quiz: Quiz, q: Question) -> str:
    rows = []
    for idx in item_order(quiz, q):
        tid = f"{uid}-{q.id}-i{idx}"
        text = _e(q.items[idx])
        rows.append(
            f'<li class="iic-quiz-order-item" data-item="{idx}">'
            f'<span class="iic-quiz-order-text" id="{tid}">{text}</span>'
            f'<span class="iic-quiz-order-mark" hidden></span>'
            f'<span class="iic-quiz-order-buttons">'
            f'<button type="button" class="iic-quiz-move" data-dir="up" '
            f'aria-describedby="{tid}">'
            f'<span aria-hidden="true">\u2191</span> Move up</button>'
            f'<button type="button" class="iic-quiz-move" data-dir="down" '
            f'aria-describedby="{tid}">'
            f'<span aria-hidden="true">\u2193</span> Move down</button></span></li>')
    hint = (f'<p class="iic-quiz-hint" id="{uid}-{q.id}-hint">Use the Move up and Move down '
            f'buttons to put the items in order, first at the top.</p>')
    explain = (f'<div class="iic-quiz-order-feedback" id="{uid}-{q.id}-explain" hidden>'
               f'<strong>Why this order:</strong> {_e(q.feedback)}</div>')
    return (f'{hint}<ol class="iic-quiz-order" aria-describedby="{uid}-{q.id}-hint">'
            f'{"".join(rows)}</ol>{explain}')


def _question(uid: str, quiz: Quiz, q: Question, number: int) -> str:
    qid = f"{uid}-{q.id}"
    scenario = (f'<span class="iic-quiz-scenario">{_e(q.scenario)}</span>'
                if q.type == "scenario" else "")
    how = ""
    if q.multi_select:
        how = ' <span class="iic-quiz-how">(select all that apply)</span>'
    legend = (f'<legend class="iic-quiz-legend">'
              f'<span class="iic-quiz-qnum">Question {number} of {quiz.total}</span>'
              f'{scenario}<span class="iic-quiz-prompt">{_e(q.prompt)}{how}</span></legend>')
    if q.type == "truefalse":
        body = _truefalse_options(uid, q)
    elif q.type == "ordering":
        body = _ordering_items(uid, quiz, q)
    else:
        body = _choice_options(uid, quiz, q)
    return (f'<fieldset class="iic-quiz-question" id="{qid}" data-qid="{_e(q.id)}" '
            f'data-type="{q.type}">{legend}{body}'
            f'<div class="iic-quiz-feedback" id="{qid}-feedback" aria-live="polite"></div>'
            f'</fieldset>')


def quiz_config(quiz: Quiz) -> dict[str, Any]:
    """What the JS needs to score answers: only ids, types and the right answers."""
    questions = []
    for q in quiz.questions:
        entry: dict[str, Any] = {"id": q.id, "type": q.type}
        if q.type == "truefalse":
            entry["answer"] = q.answer
        elif q.type == "ordering":
            entry["items"] = len(q.items)
        else:
            entry["correct"] = [i for i, o in enumerate(q.options) if o.correct]
            entry["options"] = len(q.options)
            entry["multi"] = q.multi_select
        questions.append(entry)
    return {"id": quiz.id, "title": quiz.title, "chapter": quiz.chapter,
            "shuffle": quiz.shuffle, "questions": questions}


def render_quiz(quiz: Quiz | str, instance: str | None = None) -> str:
    """Self-contained, accessible HTML for one quiz (a ``Quiz`` or a quiz id).

    ``instance`` makes the element ids unique; by default a per-process counter, so
    a book build (one process, pages in a fixed order) is byte-for-byte reproducible.
    """
    if isinstance(quiz, str):
        from .loader import load_quiz

        quiz = load_quiz(quiz)
    uid = f"iic-quiz-{quiz.id}-{safe_instance(instance) or next(_counter)}"
    questions = "".join(_question(uid, quiz, q, n) for n, q in enumerate(quiz.questions, 1))
    script = ("(function(){\n" + js_source("saved_work.js") + "\n" + asset("quiz.js")
              + f"\niicQuizInit({script_json(uid)}, {script_json(quiz_config(quiz))}, "
              + f"iicSavedWorkMake({script_json(schema())}));\n"
              + "})();")
    return (
        f'<div class="iic-quiz" id="{uid}" data-iic-uid="{uid}" data-quiz-id="{quiz.id}" '
        f'data-chapter="{_e(quiz.chapter)}" lang="en">'
        f'<style>{asset("quiz.css")}</style>'
        f'<section class="iic-quiz-box" aria-labelledby="{uid}-title">'
        f'<h3 class="iic-quiz-title" id="{uid}-title">{_e(quiz.title)}</h3>'
        f'<p class="iic-quiz-nojs">This quiz needs JavaScript to check answers. In Jupyter, '
        f'run the cell again (or trust the notebook) to use it.</p>'
        f'<p class="iic-quiz-note" hidden></p>'
        f'<form class="iic-quiz-form" novalidate aria-labelledby="{uid}-title">{questions}'
        f'<div class="iic-quiz-actions">'
        f'<button type="submit" class="iic-quiz-check">Check answers</button>'
        f'<button type="button" class="iic-quiz-retry">Try again</button></div>'
        f'<p class="iic-quiz-score" id="{uid}-score" role="status" aria-live="polite"></p>'
        f'<p class="iic-quiz-status iic-quiz-visually-hidden" aria-live="polite"></p>'
        f'</form></section>'
        f'<script>{script}</script></div>'
    )


def show_quiz(quiz_id: str) -> Any:
    """Display a quiz in a notebook; without IPython, return the HTML string instead."""
    import secrets

    markup = render_quiz(quiz_id, instance=secrets.token_hex(4))
    try:
        from IPython.display import HTML, display
    except ImportError:
        return markup
    display(HTML(markup))
    return None
