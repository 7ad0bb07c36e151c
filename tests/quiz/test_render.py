"""Quiz renderer: structure, labels, feedback, escaping, unique ids, deterministic shuffle."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from exercises.quiz import list_quizzes, load_quiz, render_quiz, show_quiz
from exercises.quiz.render import item_order, script_json

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "quiz" / "sample.json"


class Tree(HTMLParser):
    """Collects start tags (with attributes) and the text inside each <legend>/<label>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.text: dict[str, list[str]] = {"legend": [], "label": []}
        self.script = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self.stack.append(tag)
        if tag in self.text:
            self.text[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for tag in ("legend", "label"):
            if tag in self.stack:
                self.text[tag][-1] += data
        if self.stack and self.stack[-1] == "script":
            self.script += data

    def find(self, tag: str, cls: str = "") -> list[dict[str, str]]:
        return [a for t, a in self.tags
                if t == tag and (not cls or cls in a.get("class", "").split())]


def parse(markup: str) -> Tree:
    tree = Tree()
    tree.feed(markup)
    return tree


@pytest.fixture(scope="module")
def quiz():
    return load_quiz(SAMPLE)


def test_fieldset_and_legend_per_question(quiz) -> None:
    tree = parse(render_quiz(quiz))
    fieldsets = tree.find("fieldset", "iic-quiz-question")
    assert [f["data-qid"] for f in fieldsets] == [q.id for q in quiz.questions]
    assert len(tree.text["legend"]) == len(quiz.questions)
    assert "Question 1 of 5" in tree.text["legend"][0]
    # the scenario text is part of the scenario question's legend
    assert "Sam has a call" in tree.text["legend"][4]


def test_every_option_labelled_and_has_feedback(quiz) -> None:
    markup = render_quiz(quiz)
    tree = parse(markup)
    inputs = tree.find("input", "iic-quiz-input")
    labels = {a["for"] for a in tree.find("label")}
    ids = {a["id"] for a in inputs}
    assert ids <= labels
    n_choice = sum(len(q.options) for q in quiz.questions) + 2  # + True/False
    assert len(inputs) == n_choice
    feedback_ids = {a["id"] for a in tree.find("div", "iic-quiz-option-feedback")}
    assert {i + "-fb" for i in ids} == feedback_ids
    for q in quiz.questions:
        for opt in q.options:
            assert opt.feedback.replace("&", "&amp;").replace("'", "&#x27;") in markup
    assert "Right: build rapport first" in markup
    # icons always come with words
    assert markup.count("Good choice.") == sum(
        o.correct for q in quiz.questions for o in q.options) + 1
    assert len(tree.find("button", "iic-quiz-move")) == 2 * 4


def test_radio_vs_checkbox(quiz) -> None:
    tree = parse(render_quiz(quiz))
    kinds = {}
    for a in tree.find("input", "iic-quiz-input"):
        kinds.setdefault(a["name"].rsplit("-", 1)[-1], set()).add(a["type"])
    assert kinds == {"q1": {"radio"}, "q2": {"checkbox"}, "q3": {"radio"}, "q5": {"radio"}}


def test_accessibility_regions(quiz) -> None:
    tree = parse(render_quiz(quiz))
    assert tree.find("button", "iic-quiz-check")[0]["type"] == "submit"
    assert tree.find("button", "iic-quiz-retry")
    assert tree.find("p", "iic-quiz-score")[0]["aria-live"] == "polite"
    assert all(a["aria-live"] == "polite" for a in tree.find("div", "iic-quiz-feedback"))
    assert len(tree.find("div", "iic-quiz-feedback")) == len(quiz.questions)


def test_bank_text_is_escaped(quiz) -> None:
    markup = render_quiz(quiz)
    assert "<script>alert(1)</script>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "Sample quiz &lt;for tests&gt;" in markup
    assert markup.count("<script>") == 1 and markup.count("</script>") == 1


def test_script_json_cannot_close_script() -> None:
    assert "</script>" not in script_json({"a": "</script><!--"})


def test_self_contained(quiz) -> None:
    markup = render_quiz(quiz)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", markup)
    assert "<link" not in markup and "@import" not in markup
    assert "<style>" in markup and "iicQuizInit(" in markup
    assert markup.count("(function(){") == 1  # everything inside one IIFE


def test_unique_ids_for_two_renders(quiz) -> None:
    page = render_quiz(quiz) + render_quiz(quiz) + render_quiz(quiz, instance="x")
    ids = [a["id"] for _, a in parse(page).tags if "id" in a]
    assert len(ids) == len(set(ids))


def test_html_keeps_bank_order_and_the_script_shuffles(quiz) -> None:
    """The build writes options in bank order (reproducible); quiz.js shuffles per learner."""
    a = render_quiz(quiz, instance="1")
    assert a == render_quiz(load_quiz(SAMPLE), instance="1")
    tree = parse(a)
    for q in quiz.questions:
        if q.options:
            values = [int(x["value"]) for x in tree.find("input", "iic-quiz-input")
                      if x["name"].endswith(f"-{q.id}")]
            assert values == list(range(len(q.options)))
    assert '"shuffle":true' in tree.script
    assert "getRandomValues" in tree.script  # a fresh seed per learner, not per build


@pytest.mark.parametrize("quiz_id", ["sample", *[q.id for q in list_quizzes()]])
def test_ordering_never_starts_solved_in_the_html(quiz_id: str) -> None:
    quiz = load_quiz(SAMPLE) if quiz_id == "sample" else load_quiz(quiz_id)
    for q in quiz.questions:
        if q.type == "ordering":
            assert item_order(quiz, q) != list(range(len(q.items)))
            assert sorted(item_order(quiz, q)) == list(range(len(q.items)))


def test_show_quiz_without_ipython(monkeypatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.startswith("IPython"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    bank = list_quizzes()
    if not bank:
        pytest.skip("no banks yet")
    markup = show_quiz(bank[0].id)
    assert markup.startswith('<div class="iic-quiz"')


@pytest.mark.parametrize("quiz_id", [q.id for q in list_quizzes()])
def test_every_shipped_bank_renders(quiz_id: str) -> None:
    tree = parse(render_quiz(quiz_id))
    assert len(tree.find("fieldset", "iic-quiz-question")) == load_quiz(quiz_id).total


def test_instance_is_sanitised(quiz) -> None:
    markup = render_quiz(quiz, instance='a" onclick="x')
    assert 'onclick="x' not in markup
    assert 'id="iic-quiz-sample-a-onclick-x"' in markup
