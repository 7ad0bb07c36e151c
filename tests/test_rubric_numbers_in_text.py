"""Chapters and quiz banks quote rubric numbers through the rubric, never as literals.

A chapter writes ``{{ rubric_email_words }}`` and a quiz bank ``{rubric_email_words}``;
the build (site/ext/coursesite.py), the notebooks (site/make_notebooks.py) and the quiz
loader put the values in. A literal "150 words" in the prose would drift the day the
rubric changes, so these tests look for the rules' phrasings built from the rubric's
own current values.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercises.grading import rubric
from exercises.quiz import loader

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((REPO / "book").glob("*.md"))
BANKS = sorted((REPO / "exercises" / "quiz" / "banks").glob("*.json"))
NUMBERS = rubric.numbers()


def _rule_phrasings() -> list[tuple[str, re.Pattern[str]]]:
    """How the prose states each rule, with the rubric's value in it."""
    n = {k.removeprefix("rubric_"): v for k, v in NUMBERS.items()}
    words = {n["email_words"], n["thanks_words"]}
    chars = {n["linkedin_chars"], n["linkedin_premium_chars"]}
    found = [(f"{w} words", re.compile(rf"\b{w}[ -]words?\b")) for w in words]
    found += [(f"{c} characters", re.compile(rf"\b{c}[ -]characters?\b")) for c in chars]
    found += [
        (f"{c} with Premium", re.compile(rf"\b{c}\s+(?:with|is the)\s+Premium")) for c in chars
    ]
    found.append((f"{n['max_minutes']} minutes or less",
                  re.compile(rf"\b{n['max_minutes']} minutes (?:or less|at most)\b")))
    found.append((f"{n['open_pct']}%", re.compile(rf"\b{n['open_pct']}\s?(?:%|percent)")))
    found.append((f"at least {n['min_topics_word']}",
                  re.compile(rf"\bat least (?:{n['min_topics_word']}|{n['min_topics']})"
                             r"(?: core| of them|;)")))
    found.append(("minutes divided by the per-question time",
                  re.compile(rf"\bm\s*/\s*(?:{re.escape(n['minutes_per_question_fewest'])}|"
                             rf"{re.escape(n['minutes_per_question_most'])})\b")))
    return found


PHRASINGS = _rule_phrasings()


def _prose(path: Path) -> str:
    """The chapter without its code cells (a code cell computes from the rubric)."""
    return re.sub(r"```\{code-cell\}.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("path", CHAPTERS + BANKS, ids=lambda p: p.name)
def test_no_rubric_number_is_written_as_a_literal(path: Path) -> None:
    text = _prose(path) if path.suffix == ".md" else path.read_text(encoding="utf-8")
    hits = [(name, m.group(0)) for name, rx in PHRASINGS for m in rx.finditer(text)]
    assert not hits, f"{path.name} quotes rubric numbers as literals: {hits}"


def test_the_phrasings_catch_the_literals_they_are_for() -> None:
    """The scan itself must find a literal rule, or the test above could never fail."""
    n = {k.removeprefix("rubric_"): v for k, v in NUMBERS.items()}
    samples = [
        f"Keep it to {n['email_words']} words or fewer.",
        f"a note of {n['linkedin_chars']} characters",
        f"({n['linkedin_premium_chars']} with Premium)",
        f"a set length of {n['max_minutes']} minutes or less",
        f"at least {n['open_pct']}% are open",
        f"at least {n['min_topics_word']} core categories",
    ]
    for sample in samples:
        assert any(rx.search(sample) for _, rx in PHRASINGS), sample


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_chapter_substitution_is_a_rubric_number(path: Path) -> None:
    used = set(re.findall(r"\{\{\s*(rubric_\w+)\s*\}\}", path.read_text(encoding="utf-8")))
    assert used <= set(NUMBERS), f"unknown: {sorted(used - set(NUMBERS))}"
    assert "{{" not in rubric.substitute(
        "\n".join("{{ " + key + " }}" for key in used), "myst")


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_every_bank_placeholder_is_filled_when_loaded(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    used = set(re.findall(r"\{(rubric_\w+)\}", raw))
    assert used <= set(NUMBERS), f"unknown: {sorted(used - set(NUMBERS))}"
    quiz = loader.load_quiz(path.stem)
    assert "{rubric_" not in repr(quiz)


def test_the_banks_and_chapters_say_the_rubrics_numbers() -> None:
    """After substitution the reader sees the rubric's own values."""
    pitching = loader.load_quiz("pitching")
    shown = repr(pitching)
    assert f"{NUMBERS['rubric_linkedin_chars']} characters" in shown
    chapter = rubric.substitute((REPO / "book" / "questions.md").read_text(encoding="utf-8"),
                                "myst")
    lo, hi = rubric.question_range(20)
    assert f"Nadia can prepare {lo} to {hi} questions" in chapter
