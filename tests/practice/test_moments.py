"""Moments the persona creates, how the learner's reply is judged, and what the debrief says."""

from __future__ import annotations

import pytest

from exercises.practice import Rehearsal
from exercises.practice.personas import list_personas, persona_ids

OPEN = [
    "How did you get into this work?",
    "What does a typical week look like for you?",
    "What do you enjoy most about your work?",
    "What's the hardest part?",
    "How is the field changing?",
    "What kind of person does well in this work?",
    "What would you do differently if you started again?",
]
CLOSE = "Thank you so much for your time. Is there anyone else I should talk to?"
LONG_STORY = (
    "Well, I grew up by the sea and always liked making things, and then I did a course, "
    "and after that I worked in a café for a while, and then I travelled for a year, "
    "and when I came back I started helping friends with their projects, and I have been "
    "thinking about it ever since, and my family have opinions, and my friends have other "
    "opinions, and I have read a lot online, and I still cannot decide, and I keep going "
    "round in circles about money and time and whether I am good enough, and that is "
    "more or less where I am now. "
)


def until_moment(r: Rehearsal, kind: str):
    for q in OPEN:
        t = r.ask(q)
        if t.moment == kind:
            return t
    raise AssertionError(f"{kind} was never raised")


def moment(r: Rehearsal, kind: str):
    m = r.persona.moment(kind)
    assert m is not None
    return m


@pytest.mark.parametrize("pid", persona_ids())
def test_every_moment_is_raised_after_its_number_of_answers(pid):
    r = Rehearsal(pid, minutes=60, seed=0)
    raised = {}
    for i, q in enumerate(OPEN * 2, 1):
        if r.ended:
            break
        t = r.ask(q)
        if t.moment:
            raised[t.moment] = i
            assert t.reply.endswith(moment(r, t.moment).text)
    for m in r.persona.moments:
        if m.at_time_up or m.after == 0:
            continue
        assert m.kind in raised, m.kind
        assert raised[m.kind] >= m.after


# -- asked about you / your next step ------------------------------------------------


@pytest.mark.parametrize(
    ("pid", "kind"), [("rhys-morgan", "ask_about_you"), ("tariq-hassan", "next_step")]
)
def test_answering_about_yourself_briefly(pid, kind):
    r = Rehearsal(pid, minutes=30, seed=1)
    until_moment(r, kind)
    t = r.ask("I'm in my last year of school and thinking about a trade. What's the hardest part?")
    assert t.responds_to == kind and t.handling == "well"
    assert t.reply.startswith(moment(r, kind).well)
    assert t.answered == "challenges"
    d = r.debrief()
    [note] = [m for m in d.moments if m["kind"] == kind]
    assert note["handled"] == "well" and "last year of school" in note["reply"]


@pytest.mark.parametrize(
    ("pid", "kind"), [("rhys-morgan", "ask_about_you"), ("tariq-hassan", "next_step")]
)
def test_ignoring_the_question_about_yourself(pid, kind):
    r = Rehearsal(pid, minutes=30, seed=1)
    until_moment(r, kind)
    t = r.ask("What's the hardest part?")
    assert t.handling == "ignored" and moment(r, kind).poorly in t.reply
    r.ask(CLOSE)
    d = r.debrief()
    assert f"moment:{kind}" in d.problems
    assert any(
        s.startswith(f"When {r.persona.called} ") and "moved straight on" in s
        for s in d.suggestions
    )


def test_a_monologue_about_yourself_is_too_long():
    r = Rehearsal("rhys-morgan", minutes=30, seed=1)
    until_moment(r, "ask_about_you")
    t = r.ask(LONG_STORY + "What's the hardest part?")
    assert t.handling == "long" and moment(r, "ask_about_you").poorly in t.reply
    assert t.answered == "challenges"  # the question is still answered


# -- CV offer and hiring ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("pid", "kind"), [("mariana-costa", "cv_offer"), ("lucia-fernandez", "hiring")]
)
def test_thanking_and_returning_to_learning(pid, kind):
    r = Rehearsal(pid, minutes=60, seed=2)
    until_moment(r, kind)
    t = r.ask(
        "That's kind of you, thank you. Could I email you after today? "
        "What advice would you give me?"
    )
    assert t.handling == "well" and t.reply.startswith(moment(r, kind).well)
    assert t.answered == "advice" and "job_ask" not in t.flags
    r.ask(CLOSE)
    d = r.debrief()
    assert not d.job_asks
    assert any(
        s.startswith(f"When {r.persona.called} ") and "handled it well" in s for s in d.strengths
    )


@pytest.mark.parametrize(
    ("pid", "kind"), [("mariana-costa", "cv_offer"), ("lucia-fernandez", "hiring")]
)
def test_pushing_for_the_job_is_a_job_request(pid, kind):
    r = Rehearsal(pid, minutes=60, seed=2)
    until_moment(r, kind)
    t = r.ask("Yes please! Can you put me forward? Will I get an interview?")
    assert t.kind == "job_ask" and t.handling == "poorly"
    assert moment(r, kind).poorly in t.reply
    # Pressing on about it later counts too.
    assert r.ask("What salary is it?").kind == "job_ask"
    r.ask(CLOSE)
    d = r.debrief()
    assert len(d.job_asks) == 2 and d.level == "poor"
    assert d.headline.startswith(f"You asked {r.persona.called} for a job twice")


def test_brushing_off_an_opening():
    r = Rehearsal("naomi-bergeron", minutes=60, seed=3)
    until_moment(r, "hiring")
    t = r.ask("Oh, maybe. How do you see the profession changing?")
    assert t.handling == "poorly" and t.kind == "answer"


# -- only ten minutes -------------------------------------------------------------------


def test_a_busy_persona_has_ten_minutes():
    r = Rehearsal("priya-raman", minutes=20, seed=4)
    assert moment(r, "short_time").text in r.greeting
    assert r.time_text() == "0 of 10 minutes used"
    t = r.ask("Of course, thank you for fitting me in. What led you into cardiology?")
    assert t.responds_to == "short_time" and t.reply.startswith(moment(r, "short_time").well)
    r.ask("What's the hardest part of being medical director?")
    r.ask("What would you advise someone applying to medical school?")
    r.ask(CLOSE)
    d = r.debrief()
    assert d.minutes_available == 10 and d.minutes_agreed == 20 and d.kept_time
    [note] = d.moments
    assert note["kind"] == "short_time" and note["handled"] == "well"
    assert d.level == "good"
    assert r.record()["minutes"] == 20 and r.record()["minutes_available"] == 10


def test_a_busy_persona_with_enough_time_says_nothing_about_it():
    r = Rehearsal("priya-raman", minutes=10, seed=4)
    assert moment(r, "short_time").text not in r.greeting
    assert r.time_text() == "0 of 10 minutes used"
    r.ask("What led you into cardiology?")
    r.ask(CLOSE)
    assert not any(m["kind"] == "short_time" for m in r.debrief().moments)


def test_a_referral_asked_twice_is_given_once():
    r = Rehearsal("rhys-morgan", minutes=30, seed=4)
    r.ask("How did you get into the trade?")
    first = r.ask("Who else should I talk to?")
    assert r.persona.referral.text in first.reply
    close = r.ask(CLOSE)
    assert close.kind == "close" and r.persona.referral.text not in close.reply


def test_running_past_a_busy_persona():
    r = Rehearsal("priya-raman", minutes=20, seed=4)
    for q in OPEN * 2:
        if r.state == "overtime":
            break
        r.ask(q)
    assert r.state == "overtime"
    assert moment(r, "short_time").poorly in r.turns[-1].reply
    r.ask("And what about work-life balance?")
    d = r.debrief()
    assert not d.kept_time and d.moments[0]["handled"] == "poorly"
    assert d.headline.startswith("The interview ran over: you had 10 minutes")


# -- the talker who runs over ---------------------------------------------------------


def test_a_talker_gives_no_warning_and_keeps_going():
    r = Rehearsal("lola-quintero", minutes=15, seed=5)
    turns = []
    while r.state != "overtime":
        turns.append(r.ask(OPEN[len(turns) % len(OPEN)]))
    assert not any(t.time_note == "nearly_up" for t in turns)
    assert turns[-1].moment == "runs_over" and moment(r, "runs_over").text in turns[-1].reply
    t = r.ask("What advice would you give me?")
    assert t.kind == "answer" and t.late and t.handling == "poorly"
    assert moment(r, "runs_over").poorly in t.reply
    d = r.debrief()
    assert not d.kept_time and "ran_over" in d.problems
    assert "will not remind you" in " ".join(d.suggestions)


def test_closing_when_a_talker_runs_over():
    r = Rehearsal("lola-quintero", minutes=15, seed=5)
    while r.state != "overtime":
        r.ask(OPEN[len(r.turns) % len(OPEN)])
    t = r.ask("I'm conscious of the time, so I'll let you go. " + CLOSE)
    assert t.kind == "close" and t.handling == "well"
    assert t.reply.startswith(moment(r, "runs_over").well)


def test_a_talker_leaves_in_the_end():
    r = Rehearsal("lola-quintero", minutes=15, seed=5)
    for _ in range(40):
        if r.ended:
            break
        r.ask(OPEN[len(r.turns) % len(OPEN)])
    assert r.ended and r.end_reason == "time"
    assert r.elapsed >= 15 * 1.5


# -- the sceptic and the polite yes ----------------------------------------------------


def test_asking_the_sceptic_why():
    r = Rehearsal("kasia-nowak", minutes=30, seed=6)
    until_moment(r, "not_recommend")
    t = r.ask("That's honest of you. What makes you say that?")
    assert t.kind == "follow_up" and t.follow_up and t.reply == moment(r, "not_recommend").well


def test_arguing_with_the_sceptic():
    r = Rehearsal("kasia-nowak", minutes=30, seed=6)
    until_moment(r, "not_recommend")
    t = r.ask("But I really want to do a PhD. Is it hard to get one?")
    assert t.handling == "poorly" and t.reply.startswith(moment(r, "not_recommend").poorly)


def test_probing_a_polite_yes():
    r = Rehearsal("julian-ashworth", minutes=30, seed=7)
    until_moment(r, "polite_yes")
    t = r.ask("It sounds like that might not be the easiest route. What would make it difficult?")
    assert t.handling == "well" and t.reply == moment(r, "polite_yes").well


def test_taking_a_polite_yes_at_face_value():
    r = Rehearsal("julian-ashworth", minutes=30, seed=7)
    until_moment(r, "polite_yes")
    t = r.ask("Great, so I'll apply straight to policy roles then. What do you enjoy most?")
    assert t.handling == "poorly" and t.reply.startswith(moment(r, "polite_yes").poorly)
    r.ask(CLOSE)
    d = r.debrief()
    assert "moment:polite_yes" in d.problems
    assert any("hedged yes" in s and "Great, so I'll apply" in s for s in d.suggestions)


# -- forms of address ---------------------------------------------------------------------


def test_a_formal_persona_greeted_by_first_name_says_so_once():
    r = Rehearsal("kasia-nowak", minutes=30, seed=8)
    reply = r.persona.address.first_name_reply
    t = r.ask("Hi Katarzyna! How did you get into marine research?")
    assert t.reply.startswith(reply) and t.responds_to == "address"
    assert reply not in r.ask("Katarzyna, what is a normal week like?").reply
    assert any(m["kind"] == "address" for m in r.debrief().moments)


def test_a_title_and_surname_are_fine():
    r = Rehearsal("kasia-nowak", minutes=30, seed=8)
    t = r.ask("Good morning Dr Nowak, how did you get into marine research?")
    assert r.persona.address.first_name_reply not in t.reply and not t.responds_to


def test_every_moment_kind_is_shipped_and_guided():
    from exercises.practice.debrief import MOMENT_PHRASES
    from exercises.practice.moments import GUIDE, LABELS

    kinds = {m.kind for p in list_personas() for m in p.moments}
    assert kinds <= set(GUIDE) and kinds <= set(LABELS) and kinds <= set(MOMENT_PHRASES)
