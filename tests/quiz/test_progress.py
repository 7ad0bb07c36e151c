"""Progress page HTML: tables with captions and headers, labelled controls, real confirm."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from exercises.quiz import list_quizzes, render_progress
from exercises.quiz.progress import CHAPTER_ORDER, chapter_title, progress_config


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def all(self, tag: str, cls: str = "") -> list[dict[str, str]]:
        return [a for t, a in self.tags
                if t == tag and (not cls or cls in a.get("class", "").split())]


def parse(markup: str) -> Tags:
    tags = Tags()
    tags.feed(markup)
    return tags


def test_tables_have_captions_and_header_scopes() -> None:
    markup = render_progress(instance="t")
    tags = parse(markup)
    assert len(tags.all("table")) == 3  # quizzes, work, practice conversations
    assert markup.count("<caption>") == 3
    assert all(a.get("scope") in ("col", "row") for a in tags.all("th"))
    # Explicit roles: the tables stay tables to screen readers when CSS stacks them.
    assert {a.get("role") for a in tags.all("th")} <= {"columnheader", "rowheader"}
    assert all(a.get("role") == "cell" for a in tags.all("td"))
    assert all(a.get("role") == "row" for a in tags.all("tr"))
    assert all(a.get("data-label") for a in tags.all("td")
               if "colspan" not in a)  # a card on a phone names each cell


def test_one_row_per_quiz_in_course_order() -> None:
    tags = parse(render_progress(instance="t"))
    rows = [a["data-quiz-id"] for a in tags.all("tr") if "data-quiz-id" in a]
    quizzes = {q.id: q for q in list_quizzes()}
    assert sorted(rows) == sorted(quizzes)
    ranks = [CHAPTER_ORDER.index(quizzes[r].chapter) if quizzes[r].chapter in CHAPTER_ORDER
             else len(CHAPTER_ORDER) for r in rows]
    assert ranks == sorted(ranks)


def test_controls_labelled_and_confirm_step() -> None:
    markup = render_progress(instance="t")
    tags = parse(markup)
    file_input = tags.all("input", "iic-progress-file")[0]
    assert any(a.get("for") == file_input["id"] for a in tags.all("label"))
    for cls in ("iic-progress-export", "iic-progress-kit", "iic-progress-reset",
                "iic-progress-confirm-yes", "iic-progress-confirm-no"):
        assert tags.all("button", cls), cls
    confirm = tags.all("div", "iic-progress-confirm")[0]
    assert "hidden" in confirm
    assert "Yes, delete my saved work" in markup
    assert "window.confirm" not in markup and "confirm(" not in re.sub(r"Confirm\w*", "", markup)
    assert tags.all("div", "iic-progress-status")[0]["aria-live"] == "polite"


def test_self_contained_and_escaped() -> None:
    markup = render_progress(instance="t")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", markup)
    assert markup.count("<script>") == 1 and markup.count("</script>") == 1
    assert "innerHTML" not in markup  # stored and imported data only via textContent


def test_config_lists_quizzes() -> None:
    cfg = progress_config(list_quizzes())
    assert {q["id"] for q in cfg["quizzes"]} == {q.id for q in list_quizzes()}
    assert chapter_title("finding-people") == "Finding people"


def test_deterministic() -> None:
    assert render_progress(instance="a") == render_progress(instance="a")
