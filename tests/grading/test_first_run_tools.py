"""The tools behind the closing notes' figures: first-run tallies and fix/break diffs."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import first_run, prediction_diff

PITCH = {
    "id": "x1p1",
    "channel": "email",
    "text": "Hi Ana, I'm a nursing student. Could we talk for 20 minutes about your work? Thanks",
    "labels": {"pitch.concise": True, "pitch.connection": True},
    "level": "ready",
}


def test_tally_round_counts_each_label_against_the_grader(tmp_path: Path) -> None:
    (tmp_path / "pitches.jsonl").write_text(json.dumps(PITCH) + "\n", encoding="utf-8")
    question = {"id": "x1q1", "text": "Do you like it?", "category": "likes",
                "flags": ["closed"]}
    (tmp_path / "questions.jsonl").write_text(json.dumps(question) + "\n", encoding="utf-8")
    stats = first_run.tally_round(tmp_path)
    assert stats["pitches"]["pitch.concise"] == [1, 1]
    # No way they met is named, so the grader fails connection and disagrees with the label.
    assert stats["pitches"]["pitch.connection"] == [0, 1]
    assert stats["pitches"]["LEVEL"][1] == 1
    assert stats["questions"]["flag.closed"] == [1, 1]
    assert set(stats["questions"]) == {"category", "flag.closed", "flag.job_ask",
                                       "flag.googleable", "flag.double_barreled"}


MEASURED = """== s1 pitches
LEVEL                                 9/10      90.0%
pitch.why_them                        9/10      90.0%
pitch.concise                        10/10     100.0%
== s2 questions
category                             15/16      93.8%
"""


def test_measure_output_parses_back_and_summarises_a_pair() -> None:
    data = first_run.parse(MEASURED)
    assert data[("s1", "pitches")]["pitch.why_them"] == [9, 10]
    line = first_run.summary(data, ["s1", "s2"])
    assert line.startswith("s1+s2: checks>=0.93 1/2; levels p 90.0;")
    assert "topic 93.8" in line and line.endswith("below: pitch.why_them 90.0")


def test_compare_puts_both_graders_side_by_side() -> None:
    before = MEASURED.replace("9/10      90.0%", "5/10      50.0%")
    out = first_run.compare(MEASURED, before, "now", "then")
    row = next(x for x in out.splitlines() if "pitch.why_them" in x)
    assert "90.0% (9/10)" in row and "50.0% (5/10)" in row


def test_decisions_cover_labels_level_and_every_flag() -> None:
    rec = {"checks": {"pitch.concise": True, "pitch.connection": False}, "level": "almost"}
    got = list(prediction_diff.decisions("pitches", PITCH, rec))
    assert ("pitch.connection", False, True) in got and ("LEVEL", "almost", "ready") in got
    question = {"category": "likes", "flags": ["closed"]}
    rec_q = {"category": "other", "flags": []}
    got_q = dict((m, (p, w)) for m, p, w in prediction_diff.decisions("questions", question,
                                                                      rec_q))
    assert got_q["category"] == ("other", "likes")
    assert got_q["flag.closed"] == (False, True)
    assert len(got_q) == 5
