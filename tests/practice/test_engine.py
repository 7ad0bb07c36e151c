"""Whole scripted conversations through the engine, and its edge cases."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.practice import Rehearsal, load_persona
from exercises.practice.personas import persona_ids

from .helpers import detail_of, follow_up_for

CORE_QUESTIONS = [
    "How did you end up doing this work?",
    "What does a typical week look like for you?",
    "What do you enjoy most about your work?",
    "What's the hardest part of the job?",
    "What's changing in your field right now?",
    "What sort of person thrives in this job?",
    "What would you do differently if you were starting today?",
]
CLOSE = "Thank you so much for your time. Is there anyone else you think I should talk to?"


def test_strong_interview():
    r = Rehearsal("kenji-watanabe", minutes=30, seed=0)
    p = r.persona
    t = r.ask(CORE_QUESTIONS[0])
    assert t.kind == "answer" and t.category == "path" and t.elapsed >= 2
    fu = r.ask(follow_up_for(p, t))
    assert fu.follow_up and fu.kind == "follow_up"
    for q in CORE_QUESTIONS[1:]:
        t = r.ask(q)
        assert t.kind == "answer", (q, t.kind)
    assert r.ask(follow_up_for(p, t)).follow_up
    close = r.ask(CLOSE)
    assert close.kind == "close" and close.ended
    assert "Lena Fischer" in close.reply
    assert r.end_reason == "close"

    d = r.debrief()
    assert len(d.categories_covered) == 7 and d.categories_missing == []
    assert (d.open_count, d.closed_count) == (9, 0)
    assert len(d.follow_ups) == 2
    assert d.thanked and d.asked_referral and d.closed_well
    assert d.referral_name == "Lena Fischer"
    assert d.kept_time and d.minutes_used <= 30
    assert d.job_asks == [] and d.googleable == []
    assert "strong interview" in d.encouragement
    assert 2 <= len(d.suggestions) <= 3
    json.dumps(d.to_dict())


def test_job_hunting_interview():
    r = Rehearsal("lucia-fernandez", minutes=20, seed=1)
    t = r.ask("Are you hiring at the moment?")
    assert t.kind == "job_ask" and "job_ask" in t.flags
    assert "hiring" in t.reply.lower() or "jobs" in t.reply.lower()
    g = r.ask("What does your company do?")
    assert g.kind == "googleable" and "website" in g.reply.lower()
    r.ask("Could you put in a word for me for an analyst job?")
    r.ask("How did you get into data analysis?")
    close = r.ask("Thanks for your time today!")
    assert close.kind == "close" and r.ended

    d = r.debrief()
    assert d.job_asks == [
        "Are you hiring at the moment?",
        "Could you put in a word for me for an analyst job?",
    ]
    assert d.googleable == ["What does your company do?"]
    assert d.thanked and not d.asked_referral and not d.closed_well
    assert "job requests" in d.suggestions[0]
    assert "Are you hiring at the moment?" in d.suggestions[0]
    assert not any("getting a job" in s for s in d.strengths)


def test_closed_questions_only():
    r = Rehearsal("rhys-morgan", minutes=20, seed=2)
    questions = [
        "Do you like being an electrician?",
        "Is it hard work?",
        "Did you do an apprenticeship?",
        "Is the trade changing?",
        "Would you recommend it?",
    ]
    for q in questions:
        t = r.ask(q)
        assert t.kind == "closed" and not t.open_ended, q
        assert len(t.reply.split()) <= 4  # flat: the learner feels the difference
        assert 0.5 <= t.cost <= 1.0
    assert r.elapsed <= 5
    r.ask("Thanks for your time today.")
    d = r.debrief()
    assert (d.open_count, d.closed_count) == (0, 5)
    assert d.follow_ups == []
    assert any("yes/no" in s and "Do you like being an electrician?" in s for s in d.suggestions)
    assert "strong" not in d.encouragement


def test_interview_that_runs_over_time():
    r = Rehearsal("mariana-costa", minutes=15, seed=3)
    notes = []
    questions = iter(CORE_QUESTIONS + ["What's the culture like?", "What is the pay like?"])
    while r.state != "overtime":
        t = r.ask(next(questions))
        notes.append(t.time_note)
    assert notes.count("nearly_up") == 1
    assert notes[-1] == "up"
    assert "minutes left" in next(t.reply for t in r.turns if t.time_note == "nearly_up")
    assert r.turns[-1].reply.endswith(r.persona.texts["time_up"])
    assert not r.ended  # it is the learner's move: a goodbye is still welcome

    late = r.ask("And what advice would you give me?")
    assert late.kind == "out_of_time" and late.ended and r.end_reason == "time"
    again = r.ask("Just one more thing?")
    assert again.kind == "out_of_time" and again.cost == 0

    d = r.debrief()
    assert not d.kept_time and d.minutes_used >= 15
    assert not d.thanked
    assert any(s.startswith("Watch the clock") for s in d.suggestions)


def test_thanks_after_time_is_up_still_closes():
    r = Rehearsal("mariana-costa", minutes=15, seed=3)
    questions = iter(CORE_QUESTIONS * 2)
    while r.state != "overtime":
        r.ask(next(questions))
    t = r.ask("Thank you so much for your time! Who else should I talk to?")
    assert t.kind == "late_close" and r.end_reason == "close"
    assert "Dev Patel" in t.reply
    d = r.debrief()
    assert d.thanked and d.asked_referral and d.closed_well and not d.kept_time


def test_good_follow_ups():
    r = Rehearsal("joseph-mensah", minutes=20, seed=4)
    p = r.persona
    quoted = []
    for q in CORE_QUESTIONS[:3]:
        t = r.ask(q)
        d = detail_of(p, t)
        follow = follow_up_for(p, t)
        fu = r.ask(follow)
        assert fu.follow_up
        if d is not None:
            assert fu.reply == d.reply
        quoted.append(follow)
    # "Tell me more about that" builds on the detail just given.
    t = r.ask("What's changing in the sector?")
    d = detail_of(p, t)
    fu = r.ask("Tell me more about that.")
    assert fu.follow_up and (d is None or fu.reply == d.reply)
    quoted.append("Tell me more about that.")
    r.ask(CLOSE)
    debrief = r.debrief()
    assert debrief.follow_ups == quoted
    assert any("followed up" in s for s in debrief.strengths)


def test_follow_up_on_an_earlier_detail_by_keyword():
    r = Rehearsal("amara-okafor", minutes=30, seed=0)
    r.ask("What does a typical day look like?")
    r.ask("What does a typical week look like, then?")
    day = [a for a in r.persona.answers["day_to_day"] if a.detail and "outage" in a.detail.keywords]
    assert day, "the outage story is in Amara's day_to_day answers"
    t = r.ask("What happened during that outage?")
    assert t.follow_up and t.reply == day[0].detail.reply


def test_variants_are_not_repeated():
    r = Rehearsal("amara-okafor", minutes=60, seed=5)
    replies = [r.ask("How did you get into health informatics?").reply for _ in range(3)]
    assert replies[0] != replies[1]
    assert r.turns[-1].kind == "repeat"


def test_deterministic_for_a_seed():
    def run(seed):
        r = Rehearsal("kenji-watanabe", minutes=20, seed=seed)
        for q in CORE_QUESTIONS:
            r.ask(q)
        return r.transcript()

    assert run(7) == run(7)
    assert any(run(s) != run(7) for s in range(3))


def test_double_barreled_answers_one_part():
    r = Rehearsal("rhys-morgan", minutes=20, seed=0)
    t = r.ask("What do you like most and what do you like least?")
    assert t.kind == "double_barreled"
    assert any(t.reply.startswith(prefix) for prefix in r.persona.replies["double_barreled"])
    assert any(a.text in t.reply for a in r.persona.answers["likes"])


def test_thanks_mid_conversation_is_not_a_close():
    r = Rehearsal("rhys-morgan", minutes=20, seed=0)
    r.ask(CORE_QUESTIONS[0])
    t = r.ask("Thanks, that's interesting.")
    assert t.kind == "acknowledge" and not r.ended
    t = r.ask("Thanks! What does a typical day look like?")
    assert t.kind == "answer" and t.category == "day_to_day" and not r.ended


def test_learner_can_end():
    r = Rehearsal("lucia-fernandez", minutes=15, seed=0)
    r.ask(CORE_QUESTIONS[0])
    r.end()
    assert r.ended and r.end_reason == "learner" and r.state == "ended"
    assert r.ask("Another one?").kind == "out_of_time"
    d = r.debrief()
    assert not d.thanked and any("thanking" in s or "whom else" in s for s in d.suggestions)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "x" * 10_000,
        "What do you enjoy? " * 600,
        "<script>alert('hi')</script>",
        "<b>What</b> do you <i>enjoy</i> most?",
        "😀🎉🙏",
        "What do you enjoy most? 😀",
        "ما الذي تحبه في عملك؟",
        "\x00\x07\x1b[31m",
        "?",
        "asdf qwer",
    ],
)
def test_bad_input_gets_a_sensible_reply(text):
    r = Rehearsal("amara-okafor", minutes=20, seed=0)
    t = r.ask(text)
    assert isinstance(t.reply, str) and t.reply.strip()
    assert len(t.question) <= 2001
    json.dumps(t.to_dict())
    assert r.ask("What do you enjoy most about your work?").kind == "answer"


def test_noise_is_unclear_and_long_text_asks_for_one_question():
    r = Rehearsal("amara-okafor", minutes=20, seed=0)
    assert r.ask("").kind == "unclear"
    assert r.ask("😀🎉").kind == "unclear"
    assert r.ask("asdf qwer").kind == "unclear"
    assert r.ask("x " * 5000).kind == "too_long"
    assert r.ask("<b>What</b> do you <i>enjoy</i> most?").category == "likes"


@pytest.mark.parametrize("bad", [None, b"What?", 42, ["a"]])
def test_non_str_raises_type_error(bad):
    r = Rehearsal("amara-okafor")
    with pytest.raises(TypeError):
        r.ask(bad)


def test_constructor_checks():
    with pytest.raises(TypeError):
        Rehearsal("amara-okafor", minutes="20")
    with pytest.raises(ValueError):
        Rehearsal("amara-okafor", minutes=0)
    with pytest.raises(TypeError):
        Rehearsal("amara-okafor", seed="a")
    assert Rehearsal(load_persona("amara-okafor")).persona.id == "amara-okafor"
    assert "twenty minutes" in Rehearsal("amara-okafor", 20).greeting


@pytest.mark.parametrize("pid", persona_ids())
def test_every_persona_handles_a_full_script(pid):
    r = Rehearsal(pid, minutes=30, seed=0)
    script = CORE_QUESTIONS + [
        "Tell me more about that.",
        "Are you hiring?",
        "When was your organisation founded?",
        "Do you enjoy it?",
        "What's the culture like?",
        "",
        CLOSE,
    ]
    for q in script:
        t = r.ask(q)
        assert t.reply.strip() and "{" not in t.reply
    assert r.ended
    record = r.record("2026-11-26T09:00:00Z")
    assert set(record) == {"persona", "minutes", "transcript", "debrief", "saved_at"}
    json.dumps(record)


def test_clock_text_and_state():
    r = Rehearsal("amara-okafor", minutes=20, seed=0)
    assert r.time_text() == "0 of 20 minutes used" and r.state == "open"
    r.ask(CORE_QUESTIONS[0])
    assert r.time_text().endswith("of 20 minutes used")


@pytest.mark.parametrize(
    "opener",
    [
        "Hi Rhys!",
        "Hello",
        "Hi Rhys, thanks for making time to talk to me!",
        "Thanks so much for your time today.",
        "Good morning, lovely to meet you.",
    ],
)
def test_openers_are_small_talk_not_a_close(opener):
    r = Rehearsal("rhys-morgan", minutes=20, seed=0)
    t = r.ask(opener)
    assert t.kind == "small_talk" and not r.ended
    assert t.reply in r.persona.replies["small_talk"]
    assert r.ask("How did you get started?").kind == "answer"


def test_greeting_with_a_question_answers_the_question():
    r = Rehearsal("rhys-morgan", minutes=20, seed=0)
    t = r.ask("Hi Rhys, thanks for your time! How did you get into the trade?")
    assert t.kind == "answer" and t.category == "path"


def test_an_old_keyword_does_not_hijack_a_new_topic():
    r = Rehearsal("amara-okafor", minutes=60, seed=0)
    p = r.persona
    first = None
    while first is None:  # find an answer with a detail, then move on to another topic
        t = r.ask("How did you get into health informatics?")
        first = detail_of(p, t)
    r.ask("What's the culture like on your team?")
    kw = first.keywords[0]
    t = r.ask(f"What advice would you give someone who wants a {kw} role?")
    assert t.category == "advice" and t.kind == "answer" and not t.follow_up
    t = r.ask(f"Earlier you mentioned the {kw}. What was that like?")
    assert t.follow_up and t.reply == first.reply


@given(st.lists(st.text(max_size=300), min_size=1, max_size=8))
@settings(max_examples=150, deadline=None)
def test_any_text_never_raises(messages):
    r = Rehearsal("lucia-fernandez", minutes=15, seed=0)
    for m in messages:
        t = r.ask(m)
        assert t.reply.strip() and t.elapsed >= 0
    r.debrief().to_dict()


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("Thanks, that's really helpful.", "acknowledge"),
        ("Thank you, I enjoyed hearing that.", "acknowledge"),
        ("Thank you so much for your time!", "close"),
        ("Thanks for the chat, this was really helpful.", "close"),
        ("I've learned a lot today, thank you.", "close"),
        ("Thanks! That's all my questions.", "close"),
        ("Thank you. Is there anyone else you'd suggest I speak with?", "close"),
    ],
)
def test_close_needs_a_clear_wrap_up(message, kind):
    r = Rehearsal("joseph-mensah", minutes=20, seed=0)
    r.ask(CORE_QUESTIONS[0])
    assert r.ask(message).kind == kind
