"""Course writers' reported defects and the question-focus rules that fixed classification."""

from __future__ import annotations

import pytest

from exercises.grading import classify_question, grade_goal


@pytest.mark.parametrize(
    "text",
    [
        "I want to find out whether Northgate Pharmacy is hiring graduates this spring",
        "I'd like to learn how to get hired at the Riverside Bakery",
        "I want to see if the council is currently recruiting apprentices",
    ],
)
def test_goal_asking_about_hiring_is_job_seeking(text: str) -> None:
    check = grade_goal(text).check("goal.not_job_seeking")
    assert not check.passed
    assert check.evidence


@pytest.mark.parametrize(
    "text",
    [
        "I want to understand how people usually find openings in the field of pharmacy.",
        "I want to explore whether a career in pharmacy would fit me.",
    ],
)
def test_goal_learning_about_the_way_in_is_not_job_seeking(text: str) -> None:
    assert grade_goal(text).check("goal.not_job_seeking").passed


@pytest.mark.parametrize(
    "text",
    [
        "I want to learn what an electrical apprenticeship involves from week to week.",
        "I want to learn what an electrician's apprenticeship involves from week to week.",
        "I want to find out what a plumbing traineeship asks of you.",
        "I want to know what roofers and bricklayers find hardest about the job.",
        "I'd like to learn whether a career in hairdressing would suit me.",
    ],
)
def test_goal_trades_and_apprenticeships_name_a_target(text: str) -> None:
    check = grade_goal(text).check("goal.names_target")
    assert check.passed
    assert check.evidence


@pytest.mark.parametrize(
    "text,category",
    [
        # A statement before the question sets the scene; the question decides.
        ("I saw your talk on wind farms. What did your first job after college involve?", "path"),
        # ... unless the question itself has no cue at all.
        ("I read that coding bootcamps are fading. Do you agree with that?", "trends"),
        ("Having seen your mural project, I wondered what gets you out of bed each day?", "likes"),
    ],
)
def test_question_focus(text: str, category: str) -> None:
    assert classify_question(text).category == category
