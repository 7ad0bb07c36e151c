"""Widget logic, driven by setting values and clicking buttons as a learner would."""

from __future__ import annotations

import pytest

pytest.importorskip("ipywidgets")

from exercises.practice.widget import RehearsalWidget, rehearsal  # noqa: E402
from exercises.storage import WorkStore  # noqa: E402


@pytest.fixture
def w(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return rehearsal(store=WorkStore(tmp_path / "interview_work.json"))


def ask(w: RehearsalWidget, text: str) -> None:
    w.question.value = text  # what Enter does (continuous_update=False)
    w.ask_button.click()  # a click right after must not send it twice


def test_initial_state(w):
    assert isinstance(w, RehearsalWidget)
    assert len(w.persona.options) >= 6
    assert w.persona.description == "Persona"
    assert w.minutes.value == 20 and [v for _, v in w.minutes.options] == [15, 20, 30]
    assert w.start_button.description == "Start interview"
    assert w.ask_button.description == "Ask" and w.ask_button.disabled
    assert w.question.disabled and not w.question.continuous_update
    assert w.question.description == "Your question"
    assert w.end_button.description == "End interview"
    assert w.export_button.description == "Export transcript"
    assert "Amara Okafor" in w.profile.value
    assert w.transcript.value == "" and w.debrief.value == ""


def test_profile_follows_the_picker(w):
    w.persona.value = "rhys-morgan"
    assert "Rhys Morgan" in w.profile.value and "Electrician" in w.profile.value


def test_conversation_flow(w):
    w.persona.value = "kenji-watanabe"
    w.minutes.value = 15
    w.start_button.click()
    assert "Kenji Watanabe" in w.transcript.value
    assert "fifteen minutes" in w.transcript.value  # the greeting
    assert "0 of 15 minutes used" in w.time.value
    assert not w.question.disabled and not w.ask_button.disabled

    ask(w, "How did you get into game design?")
    assert len(w.session.turns) == 1
    assert w.question.value == ""
    assert "How did you get into game design?" in w.transcript.value
    assert w.session.turns[0].reply.split(".")[0] in w.transcript.value.replace("&#x27;", "'")
    assert "of 15 minutes used" in w.time.value and "0 of 15" not in w.time.value

    ask(w, "<b>What</b> do you enjoy most?")
    assert "&lt;b&gt;What&lt;/b&gt;" in w.transcript.value
    ask(w, "Thank you so much for your time! Who else should I talk to?")
    assert w.session.ended
    assert "Debrief: your interview with Kenji Watanabe" in w.debrief.value
    assert w.question.disabled and w.ask_button.disabled and w.end_button.disabled
    assert "saved" in w.status.value
    [saved] = w.store.data["rehearsals"]
    assert saved["persona"] == "kenji-watanabe" and saved["minutes"] == 15
    assert len(saved["transcript"]) == 3


def test_button_alone_sends_and_empty_box_hints(w):
    w.start_button.click()
    w.question.unobserve_all("value")  # as if the browser had not synced on Enter
    w.question.value = "What does a typical week look like?"
    w.ask_button.click()
    assert len(w.session.turns) == 1
    w._last_sent = 0.0
    w.ask_button.click()
    assert "Type a question" in w.status.value
    assert len(w.session.turns) == 1


def test_ask_before_start(w):
    w.send("Hello?")
    assert "Start interview" in w.status.value


def test_end_button_shows_and_saves_debrief(w):
    w.start_button.click()
    ask(w, "Do you like your job?")
    w.end_button.click()
    assert w.session.end_reason == "learner"
    assert "Debrief" in w.debrief.value
    assert len(w.store.data["rehearsals"]) == 1
    w.end_button.click()  # a second click does nothing
    assert len(w.store.data["rehearsals"]) == 1


def test_restart_clears_the_previous_debrief(w):
    w.start_button.click()
    w.end_button.click()
    assert w.debrief.value
    w.start_button.click()
    assert w.debrief.value == "" and not w.session.ended and w.session.seed == 1


def test_export_writes_markdown_next_to_the_notebook(w, tmp_path):
    w.export_button.click()
    assert "Start an interview first" in w.status.value
    w.start_button.click()
    ask(w, "How did you get into this work?")
    w.export_button.click()
    files = list(tmp_path.glob("rehearsal-amara-okafor-*.md"))
    assert len(files) == 1
    assert files[0].name in w.status.value
    assert "How did you get into this work?" in files[0].read_text(encoding="utf-8")


def test_time_runs_out_in_the_widget(w):
    w.minutes.value = 15
    w.start_button.click()
    topics = ["path", "typical week", "enjoy most", "hardest part", "changing", "advice"]
    for topic in topics * 2:
        if w.session.state == "overtime":
            break
        ask(w, f"Could you tell me about the {topic}?")
    assert w.session.state == "overtime"
    assert "time is up" in w.time.value
    ask(w, "Thanks so much for your time today!")
    assert w.session.ended and "Debrief" in w.debrief.value


def test_default_store_is_created_lazily(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    w = rehearsal()
    w.start_button.click()
    w.end_button.click()
    assert (tmp_path / "interview_work.json").exists()


def test_the_intro_coach_before_the_interview(w):
    assert w.intro.description.startswith("Your 30-second introduction")
    w.intro_button.click()
    assert "Write your introduction" in w.status.value and w.intro_feedback.value == ""
    w.intro.value = (
        "I'm Jo, a staff nurse thinking about moving into health informatics. You moved from "
        "intensive care into informatics yourself, so I'd love to hear how you did it."
    )
    w.intro_button.click()
    assert "Feedback on your 30-second introduction" in w.intro_feedback.value
    assert "Says why this person" in w.intro_feedback.value
    w.start_button.click()
    ask(w, "How did you get into this work?")
    w.end_button.click()
    [saved] = w.store.data["rehearsals"]
    assert saved["intro"].startswith("I'm Jo") and saved["debrief"]["intro"]["level"] == "ready"
    assert "Your 30-second introduction" in w.debrief.value


def test_the_intro_is_escaped(w):
    w.intro.value = "<img src=x onerror=alert(1)> I'm Jo, exploring law."
    w.intro_button.click()
    assert "<img src=x" not in w.intro_feedback.value
