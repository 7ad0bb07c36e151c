"""The book page's rehearsal API (exercises.practice.page), as the worker calls it."""

from __future__ import annotations

import json

import pytest

from exercises.practice import page
from exercises.practice.personas import list_personas


def test_start_ask_end():
    v = page.start("s1", "rhys-morgan", 15, seed=3)
    assert "Rhys Morgan" in v["transcript"] and v["time"] == "0 of 15 minutes used"
    v = page.ask("s1", "Hi, how did you get into this work?")
    assert not v["ended"] and "of 15 minutes used" in v["time"]
    v = page.ask("s1", "Thank you so much for your time. Who else should I talk to?")
    assert v["ended"] and "Debrief" in v["debrief"] and v["record"]["persona"] == "rhys-morgan"
    json.dumps(v["record"])


@pytest.mark.parametrize(
    ("minutes", "expected"), [(25, 25), ("10", 10), (3, 20), ("x", 20), (None, 20)]
)
def test_the_minutes_option(minutes, expected):
    # The planning worksheet will pass its interview length here (issue 14).
    v = page.start("s2", "amara-okafor", minutes)
    assert v["time"] == f"0 of {expected} minutes used"


def test_the_intro_travels_with_the_record():
    page.start("s3", "amara-okafor", 20, 0, "I'm Jo, a nurse exploring informatics.")
    page.ask("s3", "How did you get into this?")
    v = page.end("s3")
    assert v["record"]["intro"] == "I'm Jo, a nurse exploring informatics."
    assert v["record"]["debrief"]["intro"]["score"] >= 0


def test_errors_are_sentences():
    assert page.start("s4", "nobody", 20)["error"].startswith("That persona could not be found")
    assert page.ask("missing", "Hi")["error"] == "Press Start interview first."
    page.start("s5", "amara-okafor", 20)
    assert page.ask("s5", "   ")["error"] == "Type a question in the box first."
    assert page.end("missing")["error"] == "Press Start interview first."


def test_profile_cards_say_who_they_are_and_escape_everything():
    for p in list_personas():
        card = page.profile_html(p)
        assert p.temperament.label in card and "time zone" in card and "Call them" in card
        assert "<script" not in card
    kasia = next(p for p in list_personas() if p.address.formal)
    assert f"Call them:</strong> {kasia.address.as_}" in page.profile_html(kasia)
