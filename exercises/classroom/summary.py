"""A class's results in one view: what the instructor's class page shows.

``class_summary(records)`` takes the learner records of ``results.py`` (from files
or share codes) and computes:

- one row per learner: score and level per exercise, score per quiz, readiness;
- the checks the class fails most, with how many learners failed each;
- the quiz questions missed most, with the wrong answer chosen most often;
- topic coverage: how many question lists reach each topic;
- the exit-ticket answers.

``summary_html`` renders it (escaped, tables with captions) and ``summary_csv``
writes one row per learner with a name column and numeric columns, the shape a
Canvas or Moodle gradebook import expects. With ``anonymise=True`` names become
"Learner 1", "Learner 2"... everywhere, for projecting on a screen.

The same functions work in a notebook: ``class_summary([learner_results(doc), ...])``.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from functools import cache
from typing import Any

from exercises.quiz import list_quizzes
from exercises.quiz.schema import Question, Quiz

from .results import EXERCISES

EXERCISE_TITLES = {"goal": "Learning goal", "pitch": "Pitch", "questions": "Question list",
                   "thanks": "Thank-you note", "intro": "Introduction"}
READY_TITLE = "Readiness (1-5)"


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


@cache
def check_labels() -> dict[str, str]:
    """Every check's short label, read from the graders themselves (an empty text
    runs every check), for records that carry only check ids (share codes)."""
    from exercises.render import grade_report

    labels: dict[str, str] = {}
    for kind in EXERCISES:
        try:
            report = grade_report(kind, "")
        except Exception:  # noqa: BLE001 - a missing label is shown as its id
            continue
        labels.update({c.id: c.label for c in report.checks if c.label})
    return labels


@cache
def _quizzes() -> dict[str, Quiz]:
    try:
        return {q.id: q for q in list_quizzes()}
    except Exception:  # noqa: BLE001 - a broken bank must not hide the rest of the class
        return {}


def category_labels() -> dict[str, str]:
    from exercises.render import CATEGORY_LABELS

    return dict(CATEGORY_LABELS)


def _key(record: dict[str, Any]) -> tuple[str, str] | None:
    name = record.get("name", "").casefold()
    return (name, record.get("class", "").casefold()) if name else None


def deduplicate(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """One record per named learner (the most recent export wins); say what was dropped."""
    kept: dict[Any, dict[str, Any]] = {}
    notes = []
    for i, record in enumerate(records):
        key = _key(record) or ("#", i)
        old = kept.get(key)
        if old is None:
            kept[key] = record
            continue
        newer = record if record.get("exported_at", "") >= old.get("exported_at", "") else old
        kept[key] = newer
        notes.append(f"{record['name']} was submitted more than once; the most recent "
                     "export is used.")
    return list(kept.values()), notes


def is_right(q: Question, answer: Any) -> bool:
    """The quiz page's own rule (quiz.js isRight) on a saved answer."""
    if q.type == "truefalse":
        return answer is q.answer
    if not isinstance(answer, list):
        return False
    if q.type == "ordering":
        return answer == list(range(len(q.items)))
    return sorted(answer) == [i for i, o in enumerate(q.options) if o.correct]


def wrong_choice(q: Question, answers: list[Any]) -> str:
    """The wrong answer chosen most often, in words, among the wrong answers given."""
    counts: Counter[str] = Counter()
    for answer in answers:
        if q.type == "truefalse" and isinstance(answer, bool):
            counts["True" if answer else "False"] += 1
        elif q.type == "ordering" and isinstance(answer, list):
            for position, item in enumerate(answer):
                if item != position and 0 <= item < len(q.items):
                    counts[f"\u201c{q.items[item]}\u201d out of place"] += 1
        elif isinstance(answer, list):
            chosen = {i for i in answer if 0 <= i < len(q.options)}
            for i in chosen:
                if not q.options[i].correct:
                    counts[q.options[i].text] += 1
            for i, o in enumerate(q.options):
                if o.correct and i not in chosen:
                    counts[f"Left out: {o.text}"] += 1
    if not counts:
        return ""
    text, n = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return f"{text} ({n})"


def class_summary(records: list[dict[str, Any]], anonymise: bool = False) -> dict[str, Any]:
    """Everything the class page shows, as plain data (see the module docstring)."""
    records, notes = deduplicate(list(records))
    records.sort(key=lambda r: (r.get("name", "") == "", r.get("name", "").casefold()))
    labels = check_labels()
    unnamed = 0
    learners = []
    for n, record in enumerate(records, 1):
        if anonymise:
            label = f"Learner {n}"
        elif record.get("name"):
            label = record["name"]
        else:
            unnamed += 1
            label = f"Unnamed learner {unnamed}"
        learners.append({"label": label, "class": "" if anonymise else record.get("class", ""),
                         "exercises": {k: {"score": v["score"], "level": v.get("level", "")}
                                       for k, v in record["exercises"].items()},
                         "quizzes": {k: {"score": v["score"], "total": v["total"]}
                                     for k, v in record["quizzes"].items()},
                         "ready": record["exit"].get("ready"),
                         "rehearsals": record.get("rehearsals", 0)})
        for entry in record["exercises"].values():
            labels = {**labels, **entry.get("labels", {})}

    # Checks failed, per exercise kind; "of" is how many learners have that exercise.
    failed: Counter[tuple[str, str]] = Counter()
    attempted: Counter[str] = Counter()
    for record in records:
        for kind, entry in record["exercises"].items():
            attempted[kind] += 1
            for check_id in set(entry["failed"]):
                failed[(kind, check_id)] += 1
    checks = [{"kind": kind, "id": cid, "label": labels.get(cid, cid), "failed": n,
               "of": attempted[kind]}
              for (kind, cid), n in failed.items()]
    checks.sort(key=lambda c: (-c["failed"], c["kind"], c["id"]))

    # Quiz item analysis, over the learners who checked each quiz.
    banks = _quizzes()
    questions = []
    for quiz_id in sorted({q for r in records for q in r["quizzes"]},
                          key=lambda q: (q not in banks, q)):
        quiz = banks.get(quiz_id)
        takers = [r["quizzes"][quiz_id] for r in records if quiz_id in r["quizzes"]]
        if quiz is None:
            notes.append(f"Quiz \u201c{quiz_id}\u201d is not in this course's banks; its "
                         "answers are not analysed.")
            continue
        for q in quiz.questions:
            given = [t["answers"].get(q.id) for t in takers]
            wrong = [a for a in given if a is not None and not is_right(q, a)]
            blank = sum(a is None for a in given)
            missed = len(wrong) + blank
            if missed:
                questions.append({"quiz": quiz_id, "quiz_title": quiz.title, "qid": q.id,
                                  "prompt": q.prompt, "missed": missed, "blank": blank,
                                  "of": len(takers), "wrong": wrong_choice(q, wrong)})
    questions.sort(key=lambda q: (-q["missed"], q["quiz"], q["qid"]))

    # Topic coverage of the question lists.
    lists = [r["topics"] for r in records if "questions" in r["exercises"] or r["topics"]]
    names = category_labels()
    topics = [{"id": t, "label": names.get(t, t), "learners": sum(t in ts for ts in lists),
               "of": len(lists)} for t in names]

    exits = [{"label": learners[i]["label"], **r["exit"]}
             for i, r in enumerate(records) if r["exit"]]
    quiz_ids = sorted({q for r in records for q in r["quizzes"]},
                      key=lambda q: (q not in banks, q))
    return {"learners": learners, "checks": checks, "questions": questions, "topics": topics,
            "exit": exits, "notes": notes, "anonymised": anonymise,
            "exercise_kinds": [k for k in EXERCISES if any(k in r["exercises"]
                                                           for r in records)],
            "quiz_columns": [{"id": q, "title": banks[q].title if q in banks else q,
                              "total": banks[q].total if q in banks else None}
                             for q in quiz_ids]}


# ---- CSV ----------------------------------------------------------------------------
def csv_header(summary: dict[str, Any]) -> list[str]:
    head = ["Name", "Class"]
    head += [f"{EXERCISE_TITLES.get(k, k)} score" for k in summary["exercise_kinds"]]
    head += [f"Quiz: {q['title']} (points)" for q in summary["quiz_columns"]]
    return head + ["Quizzes (% right)", READY_TITLE, "Rehearsals"]


def summary_csv(summary: dict[str, Any]) -> str:
    """One row per learner: a name column, then numbers only (blank when not done)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_header(summary))
    for learner in summary["learners"]:
        row: list[Any] = [_csv_text(learner["label"]), _csv_text(learner["class"])]
        row += [learner["exercises"].get(k, {}).get("score", "")
                for k in summary["exercise_kinds"]]
        row += [learner["quizzes"].get(q["id"], {}).get("score", "")
                for q in summary["quiz_columns"]]
        got = sum(v["score"] for v in learner["quizzes"].values())
        total = sum(v["total"] for v in learner["quizzes"].values())
        row.append(round(100 * got / total) if total else "")
        row.append(learner["ready"] if learner["ready"] is not None else "")
        row.append(learner["rehearsals"])
        writer.writerow(row)
    return out.getvalue()


def _csv_text(text: str) -> str:
    """A name cannot become a spreadsheet formula (=, +, -, @ start one)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# ---- HTML ---------------------------------------------------------------------------
def _table(cls: str, caption: str, head: list[str], rows: list[list[str]],
           empty: str) -> str:
    if not rows:
        return f'<p class="iic-class-empty {cls}">{_e(empty)}</p>'
    thead = "".join(f'<th scope="col">{_e(h)}</th>' for h in head)
    body = "".join("<tr>" + f'<th scope="row">{r[0]}</th>' + "".join(f"<td>{c}</td>"
                                                                      for c in r[1:]) + "</tr>"
                   for r in rows)
    return (f'<div class="iic-class-scroll" role="region" tabindex="0" '
            f'aria-label="{_e(caption)}"><table class="iic-class-table {cls}">'
            f'<caption>{_e(caption)}</caption><thead><tr>{thead}</tr></thead>'
            f'<tbody>{body}</tbody></table></div>')


def summary_html(summary: dict[str, Any]) -> str:
    """The class page's report: five tables, every value escaped."""
    kinds = summary["exercise_kinds"]
    quizzes = summary["quiz_columns"]
    n = len(summary["learners"])
    parts = [f'<p class="iic-class-count" data-learners="{n}">{n} learner'
             f'{"" if n == 1 else "s"} loaded'
             f'{" (names hidden)" if summary["anonymised"] else ""}.</p>']
    parts += [f'<p class="iic-class-note">{_e(note)}</p>' for note in summary["notes"]]
    rows = []
    for learner in summary["learners"]:
        cells = [_e(learner["label"])]
        for kind in kinds:
            ex = learner["exercises"].get(kind)
            cells.append(f'{ex["score"]} <span class="iic-class-level">'
                         f'({_e(ex["level"].replace("-", " "))})</span>' if ex else "\u2013")
        for q in quizzes:
            res = learner["quizzes"].get(q["id"])
            cells.append(f'{res["score"]} of {res["total"]}' if res else "\u2013")
        cells.append(str(learner["ready"]) if learner["ready"] is not None else "\u2013")
        rows.append(cells)
    head = (["Learner"] + [EXERCISE_TITLES.get(k, k) for k in kinds]
            + [f"Quiz: {q['title'].removeprefix('Check your understanding: ')}"
               for q in quizzes] + ["Ready (1-5)"])
    parts.append(_table("iic-class-learners", "Each learner: exercise scores (level) and "
                        "quiz points", head, rows, "No learner has been loaded yet."))
    parts.append(_table(
        "iic-class-checks", "Checks the class fails most",
        ["Check", "Exercise", "Learners who failed it"],
        [[_e(c["label"]), _e(EXERCISE_TITLES.get(c["kind"], c["kind"])),
          f'<span data-check="{_e(c["id"])}" data-failed="{c["failed"]}">{c["failed"]} of '
          f'{c["of"]}</span>'] for c in summary["checks"]],
        "No failed checks: every loaded exercise passed every check."))
    parts.append(_table(
        "iic-class-questions", "Quiz questions missed most",
        ["Question", "Quiz", "Missed", "Wrong answer chosen most (how many)"],
        [[_e(q["prompt"]), _e(q["quiz_title"].removeprefix("Check your understanding: ")),
          f'<span data-question="{_e(q["quiz"])}/{_e(q["qid"])}" data-missed="{q["missed"]}">'
          f'{q["missed"]} of {q["of"]}</span>'
          + (f' ({q["blank"]} left blank)' if q["blank"] else ""),
          _e(q["wrong"]) or "\u2013"] for q in summary["questions"]],
        "No quiz question was missed."))
    parts.append(_table(
        "iic-class-topics", "Topics the question lists cover",
        ["Topic", "Question lists that cover it"],
        [[_e(t["label"]), f'<span data-topic="{_e(t["id"])}">{t["learners"]} of '
          f'{t["of"]}</span>'] for t in summary["topics"] if t["of"]],
        "No question lists loaded yet."))
    parts.append(_table(
        "iic-class-exit", "Exit tickets",
        ["Learner", "One thing I learned", "First person I will contact, and when",
         "Still unsure about", "Ready (1-5)"],
        [[_e(x["label"]), _e(x.get("learned", "")), _e(x.get("first_contact", "")),
          _e(x.get("unsure", "")), _e(x.get("ready", "\u2013"))] for x in summary["exit"]],
        "No exit tickets yet: learners fill theirs in on the workshop page."))
    return "".join(parts)
