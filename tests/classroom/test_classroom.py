"""Learner records, share codes, the class summary and its CSV, groups and print counts."""

from __future__ import annotations

import csv
import io
import json

import pytest

from exercises import page_bridge
from exercises.classroom import (
    class_summary,
    group_plan,
    learner_results,
    print_counts,
    read_share_code,
    read_submission,
    share_code,
    summary_csv,
    summary_html,
)
from exercises.classroom.summary import is_right
from exercises.quiz import load_quiz
from exercises.render import grade_report
from exercises.storage import WorkStore, parse_document

PITCHES = {
    "Ama": "Hi Dana, I'm Ama, a second-year nursing student. Professor Hall suggested I "
           "write. Could we talk for 20 minutes, whenever suits you? Thank you!",
    "Bo": "hey can u get me a job at ur company",
}


def saved_doc(tmp_path, name: str, pitch: str, quiz_answers: dict, ready: int | None = None,
              questions: str = "") -> dict:
    store = WorkStore(tmp_path / f"{name}.json")
    store.save_exercise("pitch", pitch, {"channel": "email"}, grade_report("pitch", pitch))
    if questions:
        store.save_exercise("questions", questions, {"minutes": 20},
                            grade_report("questions", questions, minutes=20))
    quiz = load_quiz("pitching")
    score = sum(is_right(q, quiz_answers.get(q.id)) for q in quiz.questions)
    store.save_quiz("pitching", {"answers": quiz_answers, "score": score, "total": quiz.total,
                                 "seed": 7})
    store.save_worksheet("learner", {"name": name, "class_code": "TUE-AM"})
    if ready is not None:
        store.save_worksheet("exit-ticket", {"learned": f"{name} learned to keep it short",
                                             "first_contact": "My aunt, by Friday",
                                             "unsure": "How to close", "ready": ready})
    doc, _ = parse_document(store.export_json())
    return doc


def right_answers(quiz_id: str = "pitching") -> dict:
    quiz = load_quiz(quiz_id)
    out = {}
    for q in quiz.questions:
        if q.type == "truefalse":
            out[q.id] = q.answer
        elif q.type == "ordering":
            out[q.id] = list(range(len(q.items)))
        else:
            out[q.id] = [i for i, o in enumerate(q.options) if o.correct]
    return out


def test_record_keeps_what_the_instructor_needs(tmp_path) -> None:
    doc = saved_doc(tmp_path, "Ama", PITCHES["Ama"], right_answers(), ready=4,
                    questions="What does a typical day look like?\nHow did you get started?")
    record = learner_results(doc)
    assert record["name"] == "Ama" and record["class"] == "TUE-AM"
    report = grade_report("pitch", PITCHES["Ama"])
    assert record["exercises"]["pitch"]["score"] == report.score
    assert record["exercises"]["pitch"]["failed"] == [c.id for c in report.checks
                                                      if not c.passed]
    assert set(record["topics"]) == {q.category for q in
                                     grade_report("questions", "What does a typical day look "
                                                  "like?\nHow did you get started?").questions}
    assert record["quizzes"]["pitching"]["score"] == load_quiz("pitching").total
    assert record["exit"] == {"learned": "Ama learned to keep it short",
                              "first_contact": "My aunt, by Friday", "unsure": "How to close",
                              "ready": 4}


def test_share_code_round_trip_is_short_and_equal(tmp_path) -> None:
    doc = saved_doc(tmp_path, "Bo", PITCHES["Bo"], {"q1": [1], "q4": True}, ready=2)
    code = share_code(doc)
    assert code.startswith("IIC1-") and len(code) < 800 and "\n" not in code
    back = read_share_code(code)
    record = learner_results(doc)
    for entry in record["exercises"].values():
        entry.pop("labels", None)
    assert back == record
    # Pasted with line breaks and spaces, as chats and forms do.
    spaced = " \n".join(code[i:i + 40] for i in range(0, len(code), 40))
    assert read_submission(spaced)[0] == back


@pytest.mark.parametrize("text, words", [
    ("", "empty"),
    ("IIC1-AAAA", "incomplete or damaged"),
    ("IIC9-abc", "another version"),
    ("hello", "not a share code"),
    ('{"format": "other"}', "not saved work"),
    ("{not json", "not valid JSON"),
])
def test_bad_submissions_say_why(text: str, words: str) -> None:
    record, why = read_submission(text)
    assert record is None and words in why


def test_class_summary_counts_failures_and_quiz_misses(tmp_path) -> None:
    wrong = right_answers()
    quiz = load_quiz("pitching")
    single = next(q for q in quiz.questions if q.type == "single")
    bad = next(i for i, o in enumerate(single.options) if not o.correct)
    wrong[single.id] = [bad]
    docs = [saved_doc(tmp_path, "Ama", PITCHES["Ama"], right_answers(), ready=5),
            saved_doc(tmp_path, "Bo", PITCHES["Bo"], wrong, ready=2),
            saved_doc(tmp_path, "Cy", PITCHES["Bo"], wrong)]
    summary = class_summary([learner_results(d) for d in docs])
    assert [learner["label"] for learner in summary["learners"]] == ["Ama", "Bo", "Cy"]
    expected: dict[str, int] = {}
    for text in (PITCHES["Ama"], PITCHES["Bo"], PITCHES["Bo"]):
        for c in grade_report("pitch", text).checks:
            if not c.passed:
                expected[c.id] = expected.get(c.id, 0) + 1
    assert {c["id"]: c["failed"] for c in summary["checks"]} == expected
    assert all(c["of"] == 3 for c in summary["checks"])
    counts = [c["failed"] for c in summary["checks"]]
    assert counts == sorted(counts, reverse=True)
    missed = {q["qid"]: q for q in summary["questions"]}
    assert missed[single.id]["missed"] == 2 and missed[single.id]["of"] == 3
    assert missed[single.id]["wrong"] == f"{single.options[bad].text} (2)"
    assert len(summary["questions"]) == 1
    assert [x["ready"] for x in summary["exit"]] == [5, 2]

    # Anonymised: no name anywhere in the HTML or the CSV.
    anon = class_summary([learner_results(d) for d in docs], anonymise=True)
    page, table = summary_html(anon), summary_csv(anon)
    for name in ("Ama", "Bo", "Cy"):
        assert name not in page.replace("Bo learned", "").replace("Ama learned", "")
        assert name not in table
    assert [learner["label"] for learner in anon["learners"]] == ["Learner 1", "Learner 2",
                                                                 "Learner 3"]


def test_csv_has_a_name_column_and_numbers(tmp_path) -> None:
    docs = [saved_doc(tmp_path, "=cmd|' /C calc'!A0", PITCHES["Ama"], right_answers(), ready=3),
            saved_doc(tmp_path, "Bo", PITCHES["Bo"], {})]
    summary = class_summary([learner_results(d) for d in docs])
    rows = list(csv.reader(io.StringIO(summary_csv(summary))))
    head, body = rows[0], rows[1:]
    assert head[:2] == ["Name", "Class"]
    assert head[2] == "Pitch score" and head[-3:] == ["Quizzes (% right)", "Readiness (1-5)",
                                                      "Rehearsals"]
    assert body[0][0].startswith("'=")  # never a spreadsheet formula
    for row in body:
        assert all(cell == "" or cell.lstrip("-").isdigit() for cell in row[2:]), row
    assert body[0][2] == str(grade_report("pitch", PITCHES["Ama"]).score)
    assert body[0][-3] == "100" and body[0][-2] == "3"


def test_duplicates_keep_the_newest(tmp_path) -> None:
    doc = saved_doc(tmp_path, "Ama", PITCHES["Ama"], right_answers())
    old = learner_results(doc)
    new = {**old, "exported_at": "2099-01-01T00:00:00Z"}
    summary = class_summary([new, old])
    assert len(summary["learners"]) == 1
    assert "more than once" in summary["notes"][0]


def test_html_escapes_learner_text(tmp_path) -> None:
    doc = saved_doc(tmp_path, "<img src=x onerror=alert(1)>", PITCHES["Ama"], {}, ready=1)
    page = summary_html(class_summary([learner_results(doc)]))
    assert "<img" not in page and "&lt;img" in page


def test_bridge_summary_reads_files_and_codes(tmp_path) -> None:
    a = saved_doc(tmp_path, "Ama", PITCHES["Ama"], right_answers(), ready=5)
    b = saved_doc(tmp_path, "Bo", PITCHES["Bo"], {}, ready=1)
    out = json.loads(page_bridge.classroom("summary", json.dumps({"submissions": [
        {"source": "ama.json", "text": json.dumps(a)},
        {"source": "pasted codes", "text": share_code(b) + "\n\nIIC1-broken"},
        {"source": "notes.txt", "text": "hello"}]})))
    assert out["loaded"] == 2
    assert out["problems"] == ["pasted codes: This share code is incomplete or damaged: ask "
                               "the learner to copy it again, all of it.",
                               "notes.txt: This is not a share code: codes start with IIC1-."]
    assert out["csv"].splitlines()[1].startswith("Ama,TUE-AM,")
    code = json.loads(page_bridge.classroom("share", json.dumps({"doc": b})))["code"]
    assert read_share_code(code)["name"] == "Bo"
    kit = json.loads(page_bridge.classroom("kit", json.dumps({"doc": a})))["markdown"]
    assert kit.startswith("# My informational interview kit")
    assert "error" in json.loads(page_bridge.classroom("kit", '{"doc": 5}'))
    assert json.loads(page_bridge.classroom("summary", "not json"))["loaded"] == 0


@pytest.mark.parametrize("n, trios, pairs", [(25, 7, 2), (24, 8, 0), (23, 7, 1), (4, 0, 2),
                                             (2, 0, 1), (3, 1, 0), (7, 1, 2)])
def test_group_plan_covers_everyone(n: int, trios: int, pairs: int) -> None:
    plan = group_plan(n)
    assert (plan["trios"], plan["pairs"]) == (trios, pairs)
    assert 3 * plan["trios"] + 2 * plan["pairs"] == n


def test_group_plans_for_every_size_and_both_sessions() -> None:
    for n in range(2, 61):
        for minutes in (60, 90):
            plan = group_plan(n, minutes)
            assert 3 * plan["trios"] + 2 * plan["pairs"] == n
            assert plan["trios"] <= (1 if minutes == 60 else n // 3)
    assert group_plan(1)["instructor_joins"]
    with pytest.raises(ValueError):
        group_plan(0)


def test_print_counts_for_25() -> None:
    counts = {r["handout"]: r for r in print_counts(25, 90)}
    assert counts["Observer checklist"]["copies"] == 7 * 3  # per trio, per round
    assert counts["Exit tickets (three to a page)"]["copies"] == 9
    assert counts["Role card: the interviewer"]["copies"] == 25
    assert counts["Role card: the interviewer"]["with_spares"] == 28
    sixty = {r["handout"]: r for r in print_counts(25, 60)}
    assert sixty["Observer checklist"]["copies"] == 3
    assert "Thank-you note checklist" not in sixty
