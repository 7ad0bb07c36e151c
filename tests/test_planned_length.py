"""The planning worksheet's length reaches the question coach and the rehearsal."""

from __future__ import annotations

from pathlib import Path

from exercises.planned_length import minutes_for_questions, planned_minutes
from exercises.storage import WorkStore


def test_planned_minutes_reads_only_the_offered_lengths() -> None:
    assert planned_minutes({"minutes": 15}) == 15
    assert planned_minutes({"minutes": 20.0}) == 20
    for bad in ({"minutes": 45}, {"minutes": "15"}, {"minutes": True}, {}, None, [15]):
        assert planned_minutes(bad) is None


def test_the_plan_wins_unless_the_coach_was_set_after_it() -> None:
    plan = {"minutes": 15, "saved_at": "2030-01-02T00:00:00Z"}
    assert minutes_for_questions(None, plan) == 15
    assert minutes_for_questions({"options": {}}, plan) == 15
    older = {"options": {"minutes": 30}, "saved_at": "2030-01-01T00:00:00Z"}
    newer_choice = {"options": {"minutes": 30}, "saved_at": "2030-01-03T00:00:00Z"}
    assert minutes_for_questions(older, plan) == 15
    assert minutes_for_questions(newer_choice, plan) is None
    assert minutes_for_questions(older, {"minutes": 45}) is None


def test_notebook_question_coach_and_rehearsal_start_with_the_plan(tmp_path: Path) -> None:
    from exercises.practice.widget import rehearsal
    from exercises.widgets import planning_worksheet, question_builder

    store = WorkStore(tmp_path / "work.json")
    sheet = planning_worksheet(store=store, save_delay=0)
    sheet.minutes.value = 15
    assert store.get_worksheet("planning")["minutes"] == 15
    assert question_builder(store=store, save_delay=0).minutes.value == 15
    assert rehearsal(store=store).minutes.value == 15
