"""The classes of misjudgement found by hand on real drafts, each pinned with our own new
texts (none of them is a fixture or a rubric example)."""

from __future__ import annotations

import pytest

from exercises.grading import (
    classify_question,
    grade_goal,
    grade_pitch,
    grade_questions,
    grade_thank_you,
)

SIGN = "\n\nBest wishes,\nTamsin Hale"


def pitch(body: str, **kw: str):
    return grade_pitch("Hello Mr Achebe,\n\n" + body + SIGN, **kw)


def test_a_goal_that_wants_a_job_is_not_about_learning() -> None:
    for goal in ("I want a job in renewable energy.", "i need a role in marketing asap",
                 "Get hired as a paralegal at a London firm."):
        r = grade_goal(goal)
        assert not r.check("goal.not_job_seeking").passed, goal
        assert r.level == "needs-work", goal
        assert r.cap and r.cap["id"] == "job_ask"


def test_a_bare_chat_or_coffee_is_not_a_learning_purpose() -> None:
    for body in ("Could we have a chat about your job sometime? Cheers.",
                 "Fancy a coffee so I can pick your brain?"):
        assert not pitch(body).check("pitch.learning_purpose").passed, body
    # ... and a subject line that says "exploring" does not make it one.
    r = grade_pitch("Subject: Exploring a move into archives\n\nHello Mr Achebe,\n\n"
                    "Fancy a coffee so I can pick your brain?" + SIGN)
    assert not r.check("pitch.learning_purpose").passed
    assert r.level != "ready"


def test_many_apologies_or_many_typos_are_not_ready() -> None:
    body = ("I'm sorry to trouble you and I apologise for writing out of the blue. "
            "I'm Tamsin, a history graduate, and your archive talk at the Leeds library "
            "festival is why I'm writing. Could I ask how you became an archivist in a "
            "20-minute call whenever suits you? Sorry again for the long message. Thank you.")
    r = pitch(body)
    assert not r.check("pitch.extra.not_over_apologetic").passed
    assert r.level != "ready"
    typos = ("I'm Tamsin, a histroy gradaute, and your archve talk at the Leeds library "
             "festival is why I'm writting. Could I ask how you becme an archivist in a "
             "20-minute call whenever suits you? Thank you.")
    r = pitch(typos)
    assert r.meta["misspellings"] >= 3
    assert not r.check("pitch.spelling").passed and r.level != "ready"
    assert "history" in r.check("pitch.spelling").message  # a suggestion for "histroy"


def test_an_inserted_word_does_not_flip_the_connection() -> None:
    for body in ("Your post on tidal turbines made me want to write.",
                 "Your recent LinkedIn post on tidal turbines made me want to write."):
        assert pitch(body).check("pitch.connection").passed, body
    # "also" about the writer alone is no shared link
    assert not pitch("I also volunteered at a food bank last winter.").check(
        "pitch.connection").passed


def test_questions_about_their_own_path_are_not_job_requests() -> None:
    q = ("Could you tell me how you first got interested in tidal power and what took you "
         "from your physics degree into the role you have now?")
    info = classify_question(q)
    assert "job_ask" not in info.flags and info.category == "path"
    for ask in ("How would I get an interview at your studio?", "how do i get hired by you guys",
                "Could you pass my CV to your line manager?"):
        assert "job_ask" in classify_question(ask).flags, ask


def test_closed_or_too_few_questions_need_work() -> None:
    closed = "Do you like it?\nIs it stressful?\nDid you study law?\nDo you travel?\nIs pay good?"
    r = grade_questions(closed, minutes=30)
    assert r.level == "needs-work" and r.cap["id"] == "mostly_closed"
    r = grade_questions("What surprised you most in your first year as a surveyor?", minutes=30)
    assert r.level == "needs-work" and r.cap["id"] == "too_few_questions"


def test_the_suggested_order_leaves_out_what_should_go() -> None:
    text = ("What does a normal week involve?\nHow did you get into surveying?\n"
            "When was the firm founded?\nAre you hiring graduates this year?\n"
            "What do you enjoy most?\nWhat's the hardest part?\nWho else should I talk to?")
    r = grade_questions(text, minutes=20)
    bad = [i for i, q in enumerate(r.questions) if q.flags & {"job_ask", "googleable"}]
    assert bad and not set(bad) & set(r.suggested_order)


def test_a_thank_you_that_sells_the_writer_asks_for_a_job() -> None:
    note = ("Dear Ms Ruiz,\n\nThank you for Tuesday's call about newsroom data work. Having "
            "heard how your team checks every chart twice, I'm sure my spreadsheet skills "
            "would make me a strong addition to your desk, and I'd be thrilled to join the "
            "team.\n\nBest,\nOwen")
    assert not grade_thank_you(note).check("thanks.no_job_ask").passed


def test_a_slot_is_not_a_specific_detail() -> None:
    note = ("Hi Ruth,\n\nThank you for your time. Your point about [the topic we discussed] "
            "was really helpful and I'll follow it up.\n\nOwen")
    r = grade_thank_you(note)
    assert not r.check("thanks.specific_detail").passed
    assert not r.check("thanks.no_placeholders").passed


def test_the_learners_own_words_and_retags_are_respected() -> None:
    q = "What drains you most about hydrography?"
    r = grade_questions(q + "\nHow did you start?", minutes=15, known_words=["hydrography"])
    assert r.check("questions.spelling").passed
    r2 = grade_questions(q + "\nHow did you start?", minutes=15, topics={q: "likes"})
    first = r2.questions[0]
    assert first.category == "likes" and first.graded_category == "challenges"
    assert r2.meta["categories"]["likes"] == 1


def test_a_thank_you_that_asks_for_a_role_in_other_words_is_a_job_ask() -> None:
    start = ("Dear Mr Lindqvist,\n\nThank you for Thursday's call about harbour pilotage and "
             "the night-time simulator hours you described. ")
    asks = [
        "I'm sure I could hit the ground running on your pilot desk.",
        "I would welcome the chance to contribute to the port authority.",
        "Would you be open to referring me for the cadet scheme?",
        "If you come across any trainee roles, please tell me.",
        "Could you send me the contact of the HR manager?",
        "If you do not mind, could you write me a letter of recommendation?",
        "Malmo is where I want to start my career, and I hope to be hearing from your team.",
        "Am I still being considered for the deckhand post?",
    ]
    for ask in asks:
        r = grade_thank_you(start + ask + "\n\nBest,\nSigne")
        assert not r.check("thanks.no_job_ask").passed, ask
        assert r.level == "needs-work", ask


def test_own_job_and_stock_phrases_are_not_job_asks() -> None:
    start = ("Dear Ms Oyelaran,\n\nThank you for explaining how you schedule the night shifts "
             "in the neonatal unit. ")
    fine = [
        "I'll try the handover checklist in my current job at the clinic.",
        "It reframed the whole job for me.",
        "I will redo my rate card for my tutoring this weekend.",
        "If something comes up, please keep me in mind.",
    ]
    for line in fine:
        r = grade_thank_you(start + line + "\n\nWarmly,\nKemi")
        assert r.check("thanks.no_job_ask").passed, line


def test_a_thank_you_with_three_gaps_needs_work_and_says_which() -> None:
    bare = ("Dear Mr Osei,\n\nThank you for your time on Monday. It was really helpful."
            "\n\nKind regards,\nAma")
    r = grade_thank_you(bare)
    failed = {c.id for c in r.checks if not c.passed}
    assert failed == {"thanks.specific_detail", "thanks.next_step", "thanks.keeps_in_touch"}
    assert r.level == "needs-work" and r.cap["id"] == "several_fixes"
    assert "3 parts" in r.cap["sentence"] and "Keeps the door open" in r.cap["sentence"]
    # Two gaps stay at almost: naming something from the talk fills the third.
    two = bare.replace("It was really helpful.", "Your story about the Tema port audit stayed "
                       "with me.")
    r = grade_thank_you(two)
    assert {c.id for c in r.checks if not c.passed} == {"thanks.next_step", "thanks.keeps_in_touch"}
    assert r.level == "almost" and (r.cap or {}).get("id") != "several_fixes"


def test_three_gaps_in_a_pitch_do_not_use_the_thank_you_cap() -> None:
    r = pitch("I'm a second-year nursing student. I'd love to hear how you moved from the ward "
              "into infection control and what the work involves. Thank you!")
    failed = [c.id for c in r.checks if not c.passed and ".extra." not in c.id]
    assert len(failed) >= 3, failed
    assert (r.cap or {}).get("id") != "several_fixes"


PLAN = ("I am Tamsin, a final-year civil engineering student at Leeds. Dr Okafor, my "
        "dissertation supervisor, suggested I contact you because you moved from bridge design "
        "into rail signalling at Network Rail. I would love to learn how you made that switch "
        "and what your typical week involves. Could we have a 20-minute call on Tuesday at 3pm?")


def test_two_small_gaps_in_a_pitch_hold_it_at_almost() -> None:
    r = grade_pitch("Hello Mr Achebe,\n\n" + PLAN + "\n\nTamsin Hale")
    failed = {c.id for c in r.checks if not c.passed and ".extra." not in c.id}
    assert failed == {"pitch.flexible_scheduling", "pitch.polite_close"}
    assert r.level == "almost" and r.cap["id"] == "two_fixes"
    assert r.cap["sentence"].startswith("The level is held at \u201calmost\u201d because 2 parts")
    # One small gap alone can still be ready.
    r = pitch(PLAN.replace("on Tuesday at 3pm", "whenever suits you"))
    assert r.level == "ready" and r.cap is None


def test_four_gaps_in_a_pitch_need_work() -> None:
    text = PLAN.replace("Could we have a 20-minute call", "Could we talk").replace(
        "typical week involves", "typicall week invovles")
    r = grade_pitch("Hello Mr Achebe,\n\n" + text + "\n\nTamsin Hale")
    failed = {c.id for c in r.checks if not c.passed and ".extra." not in c.id}
    assert len(failed) == 4 and "pitch.spelling" in failed
    assert r.level == "needs-work" and r.cap["id"] == "several_fixes"


@pytest.mark.parametrize("question, flag", [
    ("r u guys hiring", "job_ask"),  # text-speak read as the words the flags' cues use
    ("wat does ur company do exactly", "googleable"),
    ("cud u look over my cv before i apply", "job_ask"),
])
def test_text_speak_questions_get_the_flags_of_the_spelled_out_question(question, flag) -> None:
    assert flag in classify_question(question).flags


def test_asking_what_a_hirer_looks_for_is_not_a_job_ask() -> None:
    for q in ("What do you look for when you are hiring?",
              "If you were hiring a junior manager tomorrow, what would you look for first?"):
        assert "job_ask" not in classify_question(q).flags, q
    hiring = classify_question("If you are hiring this summer, could you consider me?")
    assert "job_ask" in hiring.flags


def test_text_speak_lines_of_a_list_count_as_questions() -> None:
    # No question marks: each line is read as a question because its opener, spelt out
    # through the rubric's synonym table ("wat" -> what, "cud" -> could, "r" -> are), asks.
    text = ("hey here r my qs\nhow did u start out\nwat does a normal week look like\n"
            "r u guys hiring\ncud u tell me the hardest part\nwho else shud i talk to")
    report = grade_questions(text, minutes=20)
    assert len(report.questions) == 5
    assert not report.check("questions.no_job_ask").passed


def test_a_sure_wording_keeps_its_pass_when_the_model_says_no(monkeypatch) -> None:
    # The learned model decides why_them; the "why_them_sure" cue (the person's own move,
    # named) is the one thing it may not overrule. Force the model to say "no" to see that.
    from exercises.grading import text_model

    monkeypatch.setattr(text_model, "decide", lambda check_id, feats, rule: False)
    moved = ("Hi Dana, I'm a chemistry student. I read that you moved from lab QA into "
             "regulatory affairs at Pfizer. Could we talk for 20 minutes? Thank you.")
    asked = ("Hi Dana, I'm a chemistry student. I'd like to hear how you moved from lab QA "
             "into regulatory affairs at Pfizer. Could we talk for 20 minutes? Thank you.")
    assert grade_pitch(moved).check("pitch.why_them").passed
    assert not grade_pitch(asked).check("pitch.why_them").passed
