"""Reading a learner's turn: greeting, thanks, small talk, statements and the question."""

from __future__ import annotations

import pytest

from exercises.grading import classify_question
from exercises.practice.matching import clean, read_turn, sentences

NAMES = ("Rhys", "Morgan")


def read(text: str, names=NAMES):
    return read_turn(clean(text), classify_question, names)


def kinds(text: str, names=NAMES) -> list[str]:
    return [p.kind for p in read(text, names).parts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi, how did you get into this work?", ["greeting", "question"]),
        ("hi rhys how did you get into the trade", ["greeting", "question"]),
        (
            "Hi Rhys, thanks for making the time. How did you start?",
            ["greeting", "thanks", "question"],
        ),
        ("Who else should I talk to? Thank you so much!", ["question", "thanks"]),
        ("thanks!! whats the hardest part", ["thanks", "question"]),
        (
            "Thanks Rhys, that's really useful. What do you look for?",
            ["thanks", "statement", "question"],
        ),
        ("Hello! How are you?", ["greeting", "small_talk"]),
        ("Nice to meet you. What's a normal day like?", ["small_talk", "question"]),
        ("Do you mind if I take notes?", ["permission"]),
        ("Could I ask you a few questions?", ["permission"]),
        (
            "I'm a staff nurse thinking about digital roles. What skills would I need?",
            ["statement", "question"],
        ),
        ("ok thanks bye", ["ack", "thanks", "goodbye"]),
        ("Thanks for your time, Rhys.", ["thanks", "address"]),
        ("Sorry, one more: how did your training prepare you", ["question"]),
        (
            "Sure! I'm in my last year at school. What's a typical day?",
            ["ack", "statement", "question"],
        ),
    ],
)
def test_parts(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Hi, how did you get into this work?", "path"),
        ("thanks for making time. what does an ordinary week look like for you", "day_to_day"),
        ("hey! how did u get started", "path"),
        ("i'd love to hear how the field is changing", "trends"),
        ("I was wondering what you enjoy most about the job", "likes"),
        ("So, um, what's the hardest part", "challenges"),
    ],
)
def test_the_question_behind_the_pleasantries(text, category):
    r = read(text)
    assert r.main is not None and r.category == category
    assert not r.double


def test_thanks_plus_a_referral_ask_is_not_two_questions():
    # The example: this was flagged as two questions in one.
    r = read("Who else should I talk to? Thank you so much!")
    assert r.asks_referral and r.thanks and not r.double
    assert "double_barreled" not in r.main.info.flags


def test_a_tacked_on_fragment_joins_its_question():
    r = read("What's a normal day like at the studio? Lots of playtesting?")
    assert not r.double and r.category == "day_to_day"
    assert "playtesting" in r.focus
    assert [p.kind for p in r.parts] == ["question", "fragment"]


def test_two_real_questions_are_double_barreled():
    r = read("How did you get started? And what does a normal day look like?")
    assert r.double and r.category == "path" and r.second.info.category == "day_to_day"


def test_a_closed_clarifier_after_an_open_question_is_not_double():
    r = read("How would you describe the culture? do people work long hours")
    assert not r.double and r.open_ended


def test_one_sentence_asking_two_things_is_double():
    assert read("What do you like most and what do you like least?").double


def test_a_question_that_only_ends_in_a_question_mark_yields_to_a_real_one():
    r = read(
        "I'm still working out if this is for me, so could I email you later? "
        "For now, what's the hardest part of the job?"
    )
    assert r.category == "challenges" and not r.double


def test_names_in_greetings():
    r = read("hi kasia how did you get into this", names=("Katarzyna", "Nowak", "Kasia", "Dr"))
    # 'kasia' is not the first word of the persona's name, so only a title counts as formal
    assert not r.used_formal_name
    r = read("Good morning Dr Nowak, how did you start?", names=("Katarzyna", "Nowak", "Dr"))
    assert r.used_formal_name and r.category == "path"
    r = read("Hi Katarzyna! How did you start?", names=("Katarzyna", "Nowak", "Dr"))
    assert r.used_first_name and not r.used_formal_name


def test_wrap_up_and_follow_up_cues():
    assert read("Thank you so much for your time!").wrap_up
    assert not read("Thanks, that's really helpful.").wrap_up
    assert read("You mentioned the loft. What happened?").follow_up_cue
    assert read("That sounds hard. What would make it easier?").follow_up_cue
    assert not read("What's the hardest part?").follow_up_cue


def test_sentences_keep_titles_together():
    assert sentences("Good afternoon Dr. Raman. What led you here?") == [
        "Good afternoon Dr. Raman.",
        "What led you here?",
    ]


def test_self_statements_are_counted():
    r = read("I'm Sam and I study chemistry at Leeds. What do you enjoy?")
    assert r.self_statement_words >= 8
    assert read("That's really interesting. What do you enjoy?").self_statement_words == 0


def test_clean_drops_tags_and_control_characters():
    assert clean("<b>What</b>\x00 do you\u2019d   enjoy?") == "What do you'd enjoy?"
