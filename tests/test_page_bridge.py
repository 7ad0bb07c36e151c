"""The Python side of the book page's worker (exercises.page_bridge): strings in,
strings out, the same feedback as the notebooks, and never an exception for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from exercises import page_bridge
from exercises.render import grade_and_render

PITCH = ("Hi Dana, I'm Priya, a nursing student. Professor Hall suggested I write. "
         "Could we talk for 20 minutes, whenever suits you? Thank you!")


def test_grade_gives_the_notebooks_html_and_the_report() -> None:
    out = json.loads(page_bridge.grade("pitch", PITCH, json.dumps({"channel": "linkedin"})))
    assert out["html"] == grade_and_render("pitch", PITCH, channel="linkedin")
    assert out["report"]["kind"] == "pitch"
    assert 0 <= out["report"]["score"] <= 100


def test_a_bad_option_is_explained_not_raised() -> None:
    out = json.loads(page_bridge.grade("pitch", PITCH, json.dumps({"channel": "fax"})))
    assert out["report"] is None
    assert out["html"] == grade_and_render("pitch", PITCH, channel="fax")


@pytest.mark.parametrize("options", ["", "not json", "[1, 2]", "null", json.dumps({"x": 1})])
def test_malformed_options_never_raise(options: str) -> None:
    out = json.loads(page_bridge.grade("goal", "I want to learn what nurses do.", options))
    assert isinstance(out["html"], str) and out["html"]
    assert "words" in page_bridge.count("pitch", PITCH, options)


def test_count_follows_the_channel() -> None:
    assert "of 150 words" in page_bridge.count("pitch", PITCH, json.dumps({"channel": "email"}))
    assert "of 200 characters" in page_bridge.count(
        "pitch", PITCH, json.dumps({"channel": "linkedin"}))
    assert "of 300 characters" in page_bridge.count(
        "pitch", PITCH, json.dumps({"channel": "linkedin-premium"}))


def test_a_rehearsal_runs_start_to_end() -> None:
    persona = json.loads(page_bridge.rehearse(
        "start", json.dumps({"session": "t1", "persona": "nope", "minutes": 15})))
    assert "error" in persona
    from exercises.practice import list_personas

    pid = list_personas()[0].id
    view = json.loads(page_bridge.rehearse(
        "start", json.dumps({"session": "t1", "persona": pid, "minutes": 15, "seed": 1})))
    assert "of 15 minutes used" in view["time"]
    view = json.loads(page_bridge.rehearse(
        "ask", json.dumps({"session": "t1", "text": "How did you get into this work?"})))
    assert view["transcript"].count("iic-them") >= 2
    assert "error" in json.loads(page_bridge.rehearse("ask", json.dumps({"session": "t1",
                                                                          "text": 42})))
    view = json.loads(page_bridge.rehearse("end", json.dumps({"session": "t1"})))
    assert view["ended"] and view["record"]["persona"] == pid
    assert "error" in json.loads(page_bridge.rehearse("ask", "garbage"))


def test_the_campaign_tracker_adds_and_picks_and_shrugs_off_junk() -> None:
    out = json.loads(page_bridge.campaign("tracker", "add", json.dumps(
        {"data": None, "today": "2026-11-23",
         "fields": {"name": "Aunt Rosa", "circle": "friends_family"}})))
    assert out["choices"] == [["c1", "Aunt Rosa"]] and "Aunt Rosa" in out["html"]
    assert out["changed"]
    out = json.loads(page_bridge.campaign("tracker", "first", json.dumps(
        {"data": out["data"], "chosen": ["c1", "", 7]})))
    assert out["data"]["first_three"] == ["c1"]
    junk = json.loads(page_bridge.campaign("tracker", "add", json.dumps(
        {"data": 5, "fields": {"name": ["x"]}})))
    assert junk["choices"] == [] and junk["message"] and not junk["changed"]
    assert "error" in json.loads(page_bridge.campaign("nope", "show", "{}"))
    assert json.loads(page_bridge.campaign("dashboard", "show", "garbage"))["html"]


def test_warm_up_grades_every_kind_without_error() -> None:
    page_bridge.warm_up()
    assert page_bridge.WARM_UP_KINDS == ["pitch", "questions", "thanks", "goal"]
    for kind in page_bridge.WARM_UP_KINDS:
        page_bridge.warm_up(kind)


def test_importing_the_bridge_leaves_ipywidgets_out() -> None:
    """The page worker ships no ipywidgets: the bridge must not need it."""
    code = "import sys, exercises.page_bridge; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
