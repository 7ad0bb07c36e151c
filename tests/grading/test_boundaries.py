"""Exact decisions on clear-cut cases near every rubric boundary."""

from __future__ import annotations

import pytest

from exercises.grading import (
    classify_question,
    grade_goal,
    grade_pitch,
    grade_questions,
    grade_thank_you,
)

BASE = (
    "Hi Dr. Lee,\n\nI'm Sam, a second-year nursing student. Professor Diaz suggested I contact you "
    "because you moved from the ICU into nurse education at Valley General. I'd love to hear how "
    "you made that change. {time} {flex}\n\nThank you,\nSam"
)


def pitch(
    time: str = "Could we talk for 20 minutes?", flex: str = "Whenever suits you is fine.", **kw
) -> str:
    return BASE.format(time=time, flex=flex, **kw)


@pytest.mark.parametrize(
    "phrase,ok",
    [
        ("Could we talk for 20 minutes?", True),
        ("Could we talk for 30 minutes?", True),
        ("Could we talk for 45 minutes?", False),
        ("Could we talk for half an hour?", True),
        ("Could we talk for a quarter of an hour?", True),
        ("Could we talk for twenty minutes?", True),
        ("Could we talk for 15\u201320 min?", True),
        ("Could we talk for 15 to 20 minutes?", True),
        ("Could we talk for 20-30 mins?", True),
        ("Could we talk for 30-45 minutes?", False),
        ("Could we talk for an hour?", False),
        ("Could we talk for a few minutes?", False),
        ("Could we have a quick chat?", False),
        ("Could we have a brief call?", False),
        ("Could we set up a 20-minute call?", True),
        ("Could we talk?", False),
        ("Chào anh Minh, could we talk for 15 mins?", True),  # "anh" is no "an h(our)"
        ("Could we talk for 1h?", False),
        ("Could I have 20 minites of your time?", True),  # misspelt unit, still a length
        # A meeting that already happened, or a licence's hours, is not the call's length.
        ("We met for like two minutes at the fair. Could we talk some time?", False),
        ("I passed the 320-hour specialty license. Could we talk for 15 minutes?", True),
        ("I fly a Navajo with about 900 hours. Would 15 minutes on the phone work?", True),
        ("Could we talk for 3 hours?", False),
        ("Could we talk for 45 minites?", False),
        # The length of a course or a time difference is not the length of the call.
        ("I just finished my 200-hour training. Could we talk for 20 minutes?", True),
        ("I'm five hours ahead of you, but could we talk for 20 minutes?", True),
        ("I finished a 450-hour internship. Could we talk some time?", False),
    ],
)
def test_time_ask(phrase: str, ok: bool) -> None:
    assert grade_pitch(pitch(time=phrase)).check("pitch.time_ask").passed is ok


@pytest.mark.parametrize(
    "phrase,ok",
    [
        ("Whenever suits you is fine.", True),
        ("I'm happy to work around your schedule.", True),
        ("Phone, video or coffee, whichever you prefer.", True),
        ("Any time in the next few weeks would be great.", True),
        ("At your convenience.", True),
        ("Are you free next Tuesday at 3pm?", False),
        ("", False),
    ],
)
def test_flexible_scheduling(phrase: str, ok: bool) -> None:
    assert grade_pitch(pitch(flex=phrase)).check("pitch.flexible_scheduling").passed is ok


def _words(n: int) -> str:
    # The subject line is not counted; the greeting and the sign-off are.
    head = "Subject: A question about nurse education\n\nHi Dr. Lee,\n\nI'm Sam, a nursing student."
    tail = "Thank you,\nSam"
    counted = len("Hi Dr. Lee, I'm Sam, a nursing student.".split()) + len(tail.split())
    filler = " ".join(["word"] * (n - counted))
    return f"{head} {filler}\n\n{tail}"


def test_email_150_vs_151_words() -> None:
    r150, r151 = grade_pitch(_words(150)), grade_pitch(_words(151))
    assert r150.meta["words"] == 150 and r151.meta["words"] == 151
    assert r150.check("pitch.concise").passed
    assert not r151.check("pitch.concise").passed


@pytest.mark.parametrize("channel,limit", [("linkedin", 200), ("linkedin-premium", 300)])
def test_linkedin_note_limits(channel: str, limit: int) -> None:
    """shared/rubric.md: a free account's note holds 200 characters, Premium 300."""
    base = "Hi Ana, I'm a student at Rowe. Thank you! "
    at_limit = base + "x" * (limit - len(base))
    assert len(at_limit) == limit
    assert grade_pitch(at_limit, channel=channel).check("pitch.concise").passed
    over = grade_pitch(at_limit + "y", channel=channel).check("pitch.concise")
    assert not over.passed
    assert f"{limit + 1} characters" in over.message and str(limit) in over.message


def test_subject_line_not_counted() -> None:
    text = "Subject: " + "long " * 40 + "\n" + "word " * 150
    assert grade_pitch(text).check("pitch.concise").passed


@pytest.mark.parametrize(
    "sentence,ok",
    [
        ("Your impressive experience really stood out to me.", False),
        ("Your profile stood out.", False),
        ("I read your article on hospital discharge planning.", True),
        ("I saw that you lead the data team at Northwind.", True),
        ("I was struck by your move from teaching into UX research.", True),
    ],
)
def test_why_them_generic_vs_specific(sentence: str, ok: bool) -> None:
    text = (
        "Hi Jo,\n\nI'm Sam, a student. I found you on LinkedIn. "
        + sentence
        + " I'd love your advice on getting started. Could we talk for 20 minutes whenever "
        "suits you?\n\nThanks,\nSam"
    )
    assert grade_pitch(text).check("pitch.why_them").passed is ok


@pytest.mark.parametrize(
    "sentence,ok",
    [
        ("I'd love to pick your brain.", False),
        ("I'd love to pick your brain about moving into policy work.", True),
        ("Could we grab a coffee?", False),
        ("I'd love to hear about your path into policy.", True),
    ],
)
def test_learning_purpose(sentence: str, ok: bool) -> None:
    text = (
        "Hi Jo,\n\nI'm Sam, a student, and I found you on LinkedIn. "
        + sentence
        + " Would 20 minutes whenever suits you work?\n\nThanks,\nSam"
    )
    assert grade_pitch(text).check("pitch.learning_purpose").passed is ok


@pytest.mark.parametrize(
    "sentence,ok",
    [
        ("I'm exploring careers in public health.", True),
        ("I'm not looking for a job, just your perspective.", True),
        ("Are you hiring for any analyst roles?", False),
        ("I've attached my resume for your reference.", False),
        ("Could you refer me for the opening on your team?", False),
        ("I'd be grateful to be considered for your summer internship programme.", False),
    ],
)
def test_pitch_job_ask(sentence: str, ok: bool) -> None:
    text = "Hi Jo, I'm Sam, a student. " + sentence + " Could we talk for 20 minutes? Thanks!"
    assert grade_pitch(text).check("pitch.no_job_ask").passed is ok


def test_slot_counts_as_filled_except_for_concrete_checks() -> None:
    text = (
        "Hi [Name],\n\nI'm a student at [University] and found you in the alumni directory. "
        "I'm curious about your work at [Company]. I'd love your advice on getting into the field. "
        "Could we talk for 20 minutes whenever suits you?\n\nThank you,\n[Your Name]"
    )
    r = grade_pitch(text)
    assert r.check("pitch.introduces_self").passed
    assert not r.check("pitch.why_them").passed
    assert not r.check("pitch.no_placeholders").passed
    spans = [text[a:b] for a, b in r.check("pitch.no_placeholders").evidence]
    assert "[Name]" in spans and "[Your Name]" in spans


def test_signoff_name_counts_as_introduction() -> None:
    text = (
        "Hello, I found your talk on rural clinics at the county fair inspiring and would love "
        "to hear how you started. Could we talk for 20 minutes whenever suits you?"
        "\n\nThanks,\nPriya"
    )
    r = grade_pitch(text)
    assert r.check("pitch.introduces_self").passed
    assert "Priya" in [text[a:b] for a, b in r.check("pitch.introduces_self").evidence]


@pytest.mark.parametrize(
    "question,closed",
    [
        ("Could you tell me about your first year?", False),
        ("Can you describe a typical day?", False),
        ("Would you mind walking me through your path?", False),
        ("Do you like your job?", True),
        ("Is the work stressful?", True),
        ("Do you have any advice for me?", True),
        ("What do you enjoy most?", False),
        ("How did you get started?", False),
        ("Looking back, would you choose the same degree?", True),
        # Offering a choice still gets a one-word answer: pick-one questions are closed.
        ("Do you mostly restore antiques or modern pieces?", True),
        ("Was the licence exam your first step, or did you start as a helper?", True),
        ("What made you choose restoration over new builds?", False),
    ],
)
def test_closed_flag(question: str, closed: bool) -> None:
    info = classify_question(question)
    assert ("closed" in info.flags) is closed
    assert info.open_ended is not closed


@pytest.mark.parametrize(
    "question,flag,raised",
    [
        ("Are you hiring right now?", "job_ask", True),
        ("Could you put in a word for me?", "job_ask", True),
        ("How do people in this field usually find openings?", "job_ask", False),
        ("When was the company founded?", "googleable", True),
        ("What does your company do?", "googleable", True),
        ("What does the company do to support new parents?", "googleable", False),
        ("What do you like most and what do you like least?", "double_barreled", True),
        ("What do you like most about the work?", "double_barreled", False),
    ],
)
def test_question_flags(question: str, flag: str, raised: bool) -> None:
    assert (flag in classify_question(question).flags) is raised


@pytest.mark.parametrize("minutes,lo,hi", [(30, 5, 12), (20, 4, 8), (15, 3, 6), (45, 8, 18)])
def test_count_fits_time_range(minutes: int, lo: int, hi: int) -> None:
    def qs(n: int) -> list[str]:
        return [f"What was the most useful lesson from project number {i}?" for i in range(n)]

    assert (
        not grade_questions(qs(lo - 1), minutes=minutes).check("questions.count_fits_time").passed
    )
    assert grade_questions(qs(lo), minutes=minutes).check("questions.count_fits_time").passed
    assert grade_questions(qs(hi), minutes=minutes).check("questions.count_fits_time").passed
    assert (
        not grade_questions(qs(hi + 1), minutes=minutes).check("questions.count_fits_time").passed
    )


def test_mostly_open_boundary() -> None:
    open_q = [
        "What do you enjoy most?",
        "How did you get started?",
        "What is hard about it?",
        "How is the field changing?",
        "What skills matter?",
        "Who else should I talk to?",
        "What would you do differently?",
    ]
    closed_q = ["Do you like it?", "Is it stressful?", "Would you do it again?"]
    assert grade_questions(open_q + closed_q).check("questions.mostly_open").passed  # 7/10
    assert not grade_questions(open_q[:6] + closed_q).check("questions.mostly_open").passed  # 6/9


def test_duplicates_have_evidence_on_both() -> None:
    text = (
        "What do you enjoy most about your job?\nHow did you start?\n"
        "What do you like most about your work?"
    )
    r = grade_questions(text)
    c = r.check("questions.no_duplicates")
    assert not c.passed
    assert {text[a:b] for a, b in c.evidence} == {
        "What do you enjoy most about your job?",
        "What do you like most about your work?",
    }


def test_like_most_and_least_are_not_duplicates() -> None:
    r = grade_questions(
        ["What do you like most about the job?", "What do you like least about the job?"]
    )
    assert r.check("questions.no_duplicates").passed


def test_suggestions_and_order() -> None:
    r = grade_questions(
        "Who else should I talk to?\nWhat advice would you give me?\n"
        "How did you get into law?\nWhat is the hardest part?\nWhat is a typical day like?"
    )
    assert [r.questions[i].category for i in r.suggested_order][0] == "path"
    assert [r.questions[i].category for i in r.suggested_order][-1] == "referrals"
    for cat in ("likes", "trends", "fit_skills"):
        assert 2 <= len(r.suggestions[cat]) <= 3
    assert "path" not in r.suggestions


def test_several_questions_on_one_line_and_bullets() -> None:
    r = grade_questions(
        "1. What do you do? How did you start?\n\u2022 Who else should I ask?\nMy list:"
    )
    assert [q.text for q in r.questions] == [
        "What do you do?",
        "How did you start?",
        "Who else should I ask?",
    ]


@pytest.mark.parametrize(
    "note,check,ok",
    [
        (
            "Thank you for your time. If something comes up, please keep me in mind.",
            "thanks.no_job_ask",
            True,
        ),
        (
            "Thank you for your time. If something comes up, please keep me in mind.",
            "thanks.keeps_in_touch",
            True,
        ),
        ("Thanks! Would you be a reference for my application?", "thanks.no_job_ask", False),
        ("Thanks for the chat. Your advice was great.", "thanks.specific_detail", False),
        (
            "Thanks for the chat. Your advice to join the county GIS meetup was great.",
            "thanks.specific_detail",
            True,
        ),
        ("Thanks for the chat. I'll keep your advice in mind.", "thanks.next_step", False),
        (
            "Thanks for the chat. I'll email Dana Ortiz this week, as you suggested.",
            "thanks.next_step",
            True,
        ),
        ("Thanks for the chat. I'll contact [person they suggested].", "thanks.next_step", False),
    ],
)
def test_thanks_boundaries(note: str, check: str, ok: bool) -> None:
    assert grade_thank_you(note).check(check).passed is ok


@pytest.mark.parametrize(
    "goal,check,ok",
    [
        ("I want to explore careers.", "goal.names_target", False),
        ("I want to explore careers in hospital pharmacy.", "goal.names_target", True),
        ("Find out what the daily work of a paramedic is like.", "goal.learning_questions", True),
        ("Get hired as a paramedic.", "goal.not_job_seeking", False),
        (
            "Learn whether paramedic work would suit me before I apply to training.",
            "goal.not_job_seeking",
            True,
        ),
    ],
)
def test_goal_boundaries(goal: str, check: str, ok: bool) -> None:
    assert grade_goal(goal).check(check).passed is ok


def test_question_bank_suggestions_are_good_questions() -> None:
    """Every suggested question is open, unflagged and files under the topic it fills."""
    from exercises.grading import rubric

    for category in rubric.categories():
        questions = rubric.category(category)["suggestions"]
        if category in ("culture", "other"):
            assert not questions
            continue
        assert 2 <= len(questions) <= 3
        for q in questions:
            info = classify_question(q)
            assert info.category == category, q
            assert not info.flags, q


def test_one_line_linkedin_signoff_counts() -> None:
    text = "Hi Tom, I saw your talk on tidal energy. Could we talk for 20 min? Thanks! \u2013 Grace"
    c = grade_pitch(text, channel="linkedin").check("pitch.introduces_self")
    assert c.passed and [text[a:b] for a, b in c.evidence] == ["Grace"]


def test_carriage_return_line_endings() -> None:
    r = grade_questions("How did you start?\rWhat do you do?\r\nWho else should I ask?")
    assert [q.text for q in r.questions] == [
        "How did you start?",
        "What do you do?",
        "Who else should I ask?",
    ]
