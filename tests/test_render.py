"""Tests for exercises.render: escaping, evidence marks, determinism, accessibility, CSS."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from exercises.grading.report import Check, QuestionInfo, Report
from exercises.render import (
    coverage_data,
    grade_and_render,
    merge_spans,
    render_coverage_chart,
    render_css,
    render_error,
    render_report,
    render_report_with_style,
    report_from_dict,
)

FIXTURES = Path(__file__).parent / "fixtures" / "render"
XSS = "<img src=x onerror=alert(1)>"
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr"}


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class Tree(HTMLParser):
    """Collects elements and checks that tags nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html_text: str) -> Tree:
    tree = Tree()
    tree.feed(html_text)
    tree.close()
    assert not tree.errors, tree.errors
    assert not tree.stack, f"unclosed: {tree.stack}"
    return tree


def with_class(tree: Tree, cls: str) -> list[dict[str, str]]:
    return [a for _, a in tree.elements if cls in (a.get("class") or "").split()]


def spans_report() -> Report:
    return report_from_dict(load("report_spans.json"))


def questions_report() -> Report:
    return report_from_dict(load("report_questions.json"))


# --------------------------------------------------------------------------- escaping


def test_learner_text_is_escaped():
    report = Report(kind="pitch", text=f"Hi {XSS} there", checks=[
        Check("pitch.polite_close", False, "No thanks.", "Say thanks.", evidence=[(3, 31)])
    ])
    out = render_report(report)
    assert "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    parse(out)


def test_messages_tips_labels_and_ids_are_escaped():
    report = Report(kind="pitch", text="x", checks=[
        Check('pitch."><script>', False, f"msg {XSS}", "<script>alert(1)</script>",
              label="<b>label</b>")
    ])
    out = render_report(report)
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    parse(out)


def test_xss_fixture_inside_questions_and_suggestions_is_escaped():
    out = render_report(questions_report())
    assert "&lt;Acme&gt;" in out and "<Acme>" not in out
    assert "&lt;most&gt;" in out
    parse(out)


def test_control_characters_and_lone_surrogates_are_replaced():
    text = "a\x00b\x07c\ud800d\n\te"
    out = render_report(Report(kind="goal", text=text, checks=[]))
    assert "\x00" not in out and "\x07" not in out and "\ud800" not in out
    out.encode("utf-8")  # must not raise
    assert "\n\te" in out  # whitespace the learner typed is kept


# --------------------------------------------------------------------------- spans


def test_merge_spans_overlap_nested_touching_and_garbage():
    spans = [
        ((5, 10), (1,)),
        ((7, 8), (2,)),  # nested
        ((10, 12), (3,)),  # touching
        ((20, 15), (4,)),  # reversed
        ((30, 30), (5,)),  # zero length
        ((-9, 2), (6,)),  # negative start
        ((95, 500), (7,)),  # past the end
        (("a", "b"), (8,)),
        (None, (9,)),
        ((1,), (10,)),
    ]
    assert merge_spans(spans, 100) == [
        (0, 2, (6,)),
        (5, 12, (1, 2, 3)),
        (15, 20, (4,)),
        (95, 100, (7,)),
    ]


def test_merge_spans_random_never_raises_and_is_disjoint():
    rng = random.Random(7)
    for _ in range(300):
        length = rng.randint(0, 50)
        spans = [
            ((rng.randint(-20, 80), rng.randint(-20, 80)), (rng.randint(1, 5),))
            for _ in range(rng.randint(0, 8))
        ]
        merged = merge_spans(spans, length)
        last_end = -1
        for start, end, owners in merged:
            assert 0 <= start < end <= length
            assert start > last_end
            assert owners == tuple(sorted(set(owners)))
            last_end = end


def test_evidence_marks_cover_merged_spans():
    report = spans_report()
    out = render_report(report)
    tree = parse(out)
    marks = re.findall(
        r'<mark class="iic-mark[^"]*" id="[^"]+" data-checks="([^"]*)">(.*?)</mark>', out)
    texts = [t for _, t in marks]
    # [23,46]+[30,40] -> one mark; [61,67]+[65,75] -> one; [76,96] and its reversed twin
    # -> one; [97,5000] is clamped; negative, zero-length and junk spans vanish.
    assert texts == ["I am a nursing student.", "for 20 minutes", "at your convenience?",
                     "Thank you!"]
    assert len(marks) == 4
    assert marks[1][0] == "pitch.time_ask"
    # Every mark is followed by links, in words, to the checks that found it.
    refs = with_class(tree, "iic-mark-ref")
    assert len(refs) == 4
    assert all(r["href"].startswith("#iic-pitch-") for r in refs)
    ids = {a.get("id") for _, a in tree.elements if a.get("id")}
    assert all(r["href"][1:] in ids for r in refs)
    # Checks are numbered as shown: the ones to work on first, then the passed ones.
    shown = [c.id for c in report.checks if not c.passed] + [
        c.id for c in report.checks if c.passed]
    number = shown.index("pitch.time_ask") + 1
    assert f"found by check {number} (passed): Asks for a set amount of time" in out


def test_every_evidence_slice_round_trips_to_the_text():
    report = spans_report()
    out = render_report(report)
    # Remove the superscript references; what remains must be exactly the text.
    body = out.split('<div class="iic-text">', 1)[1].split("</div>", 1)[0]
    body = re.sub(r'<sup class="iic-mark-refs">.*?</sup>', "", body)
    tree = Tree()
    tree.feed(body)
    assert "".join(tree.text) == report.text


def test_random_evidence_never_raises():
    rng = random.Random(11)
    text = "Thanks for 20 minutes of your time at your convenience, Ana."
    for _ in range(200):
        checks = [
            Check(f"pitch.c{i}", rng.random() < 0.5, "m", "t",
                  evidence=[(rng.randint(-100, 100), rng.randint(-100, 100))
                            for _ in range(rng.randint(0, 4))])
            for i in range(4)
        ]
        out = render_report(Report(kind="pitch", text=text, checks=checks))
        parse(out)


def test_marks_of_not_yet_checks_say_so():
    report = Report(kind="pitch", text="Please hire me. Thanks!", checks=[
        Check("pitch.no_job_ask", False, "Asks for a job.", "Ask to learn.", evidence=[(0, 14)],
              label="Does not ask for a job"),
        Check("pitch.polite_close", True, "Thanks them.", evidence=[(16, 23)]),
    ])
    out = render_report(report)
    assert '<mark class="iic-mark iic-mark-not-yet"' in out
    assert "found by check 1 (not yet): Does not ask for a job" in out
    assert '<mark class="iic-mark" id=' in out
    assert "found by check 2 (passed)" in out


def test_zero_length_only_evidence_makes_no_mark():
    report = Report(kind="pitch", text="abc", checks=[
        Check("pitch.x", True, "m", evidence=[(1, 1), (3, 3), (9, 9)])
    ])
    assert "<mark" not in render_report(report)


def test_empty_text_says_so():
    out = render_report(Report(kind="goal", text="   ", checks=[]))
    assert "You have not written anything yet." in out
    parse(out)


# --------------------------------------------------------------------------- accessible structure


def test_score_level_and_checks_in_words():
    out = render_report(spans_report())
    tree = parse(out)
    assert "Score 70 of 100: almost ready" in out
    assert "4 of 6 checks passed, worth 6 of 10 weight points." in out
    items = with_class(tree, "iic-check")
    assert len(items) == 6
    assert out.count('<span class="iic-status">Passed</span>') == 4
    assert out.count('<span class="iic-status">Not yet</span>') == 2
    assert "(weight 2)" in out and "(weight 1)" in out
    icons = with_class(tree, "iic-icon")
    assert len(icons) == 6 and all(i.get("aria-hidden") == "true" for i in icons)
    assert '<span class="iic-tip-word">Tip:</span> Say how you found them.' in out
    # The root is a labelled region whose heading exists.
    root = with_class(tree, "iic-report")[0]
    assert any(a.get("id") == root["aria-labelledby"] for _, a in tree.elements)


def test_levels_in_words():
    for level, words in [("ready", "ready"), ("almost", "almost ready"),
                         ("needs-work", "needs more work")]:
        out = render_report(Report(kind="pitch", text="x", checks=[], score=50, level=level))
        assert f"Score 50 of 100: {words}</span>" in out


def test_ids_are_unique():
    tree = parse(render_report(spans_report()) + render_report(questions_report()))
    ids = [a["id"] for _, a in tree.elements if "id" in a]
    assert len(ids) == len(set(ids))


def test_no_style_in_report_but_in_with_style():
    report = spans_report()
    assert "<style" not in render_report(report)
    styled = render_report_with_style(report)
    assert styled.startswith("<style>") and styled.endswith(render_report(report))


# --------------------------------------------------------------------------- questions


def test_questions_table_flags_and_open_closed():
    out = render_report(questions_report())
    tree = parse(out)
    rows = with_class(tree, "iic-q")
    assert len(rows) == 4
    assert "Closed (yes/no or pick one)" in out
    assert "asks two things at once" in out
    assert "a quick search would answer it" in out
    assert ('<td class="iic-q-category" role="cell" data-label="Topic" '
            'data-category="likes">What they enjoy</td>') in out
    # On a phone each row becomes a card (render.css): every cell but the question
    # itself names its column, and explicit roles keep the table a table.
    table = out[out.index('<table class="iic-table iic-q-table"'):]
    table = table[:table.index("</table>")]
    cells = re.findall(r"<td ([^>]*)>", table)
    assert len(cells) == 4 * 4
    assert all('role="cell"' in c for c in cells)
    assert sorted(re.findall(r'data-label="([^"]+)"', table))[:3] == ["Open or closed"] * 3
    assert table.count('data-label="To fix"') == table.count('data-label="Topic"') == 4


def test_coverage_data_counts_every_category_in_fixed_order():
    rows = coverage_data(questions_report())
    cats = [r["category"] for r in rows]
    assert cats[:7] == ["path", "day_to_day", "likes", "challenges", "trends",
                        "fit_skills", "advice"]
    assert cats[7:] == ["referrals", "culture", "other"]
    counts = {r["category"]: r["count"] for r in rows}
    assert counts == {"path": 1, "day_to_day": 0, "likes": 2, "challenges": 0, "trends": 0,
                      "fit_skills": 0, "advice": 0, "referrals": 0, "culture": 0, "other": 1}
    assert [r["core"] for r in rows] == [True] * 7 + [False] * 3


def test_coverage_data_keeps_unknown_categories_last_and_sorted():
    report = Report(kind="questions", text="", checks=[], questions=[
        QuestionInfo("a", "zeta", True), QuestionInfo("b", "alpha", True)])
    assert [r["category"] for r in coverage_data(report)][-2:] == ["alpha", "zeta"]


def test_coverage_chart_has_text_labels_counts_and_status_words():
    out = render_coverage_chart(questions_report())
    tree = parse(out)
    assert "Your list covers 2 of 7 core topics." in out
    assert "<caption>Questions per topic</caption>" in out
    assert "2 questions" in out and "1 question<" in out and "0 questions" in out
    assert out.count(">Missing</td>") == 5
    assert all(a.get("aria-hidden") == "true" for a in with_class(tree, "iic-cov-bar"))


def test_suggestions_follow_category_order_and_order_skips_bad_indexes():
    out = render_report(questions_report())
    assert out.index('data-category="challenges"><h5>') < out.index(
        'data-category="trends"><h5>')
    order = re.findall(r'<li data-index="(\d+)">', out)
    assert order == ["3", "0", "1", "2"]


# --------------------------------------------------------------------------- determinism


def test_render_is_deterministic_across_hash_seeds():
    code = (
        "import json,sys;from exercises.render import render_report,report_from_dict;"
        "from pathlib import Path;p=Path(sys.argv[1]);"
        "sys.stdout.buffer.write((render_report(report_from_dict(json.loads("
        "(p/'report_spans.json').read_text())))+render_report(report_from_dict(json.loads("
        "(p/'report_questions.json').read_text())))).encode('utf-8'))"
    )
    here = (render_report(spans_report()) + render_report(questions_report())).encode()
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code, str(FIXTURES)],
            capture_output=True, check=True, env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        assert out == here


def test_report_object_and_dict_render_the_same():
    report = spans_report()
    as_dict = dict(report.to_dict(), text=report.text)
    assert render_report(as_dict) == render_report(report)
    assert render_report(report_from_dict(report.to_dict(), report.text)) == render_report(report)


def test_report_from_dict_tolerates_junk():
    report = report_from_dict({"checks": [None, {"evidence": [[1, 2, 3], "ab"]}],
                               "questions": ["x", {"span": "bad"}],
                               "suggestions": {"a": "notalist"}, "meta": 3})
    parse(render_report(report))
    report_from_dict(None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- grade_and_render


@pytest.mark.parametrize(
    ("kind", "text", "options", "words"),
    [
        ("poem", "x", {}, "Unknown exercise kind"),
        (None, "x", {}, "Unknown exercise kind"),
        ("pitch", None, {}, "There is no text to check"),
        ("pitch", b"bytes", {}, "There is no text to check"),
        ("pitch", "x", {"channel": "fax"},
         'one of "email", "linkedin", "linkedin-premium"'),
        ("questions", "x", {"minutes": "lots"}, "Choose the length of the conversation"),
        ("questions", "x", {"minutes": -5}, "Choose the length of the conversation"),
        ("thanks", "x", {"channel": "email"}, "does not take the option channel"),
    ],
)
def test_grade_and_render_bad_input_is_a_message(kind, text, options, words):
    out = grade_and_render(kind, text, **options)
    assert 'class="iic-root iic-error" role="alert"' in out
    assert words.replace('"', "&quot;") in out
    parse(out)


def test_render_error_escapes():
    assert "<img" not in render_error(XSS)





@pytest.mark.parametrize("case", load("cases.json")["cases"], ids=lambda c: c["name"])
def test_fixture_cases_render(case):
    text = (FIXTURES / case["file"]).read_text(encoding="utf-8") if case["file"] else ""
    out = grade_and_render(case["kind"], text, **case["options"])
    assert out == grade_and_render(case["kind"], text, **case["options"])
    parse(out)
    assert "<img" not in out and "<script" not in out
    if case["name"].startswith("bad_"):
        assert "iic-error" in out
    else:
        assert "iic-report" in out and "Score " in out


def test_grade_and_render_matches_render_report():
    from exercises.grading import grade_pitch

    text = (FIXTURES / "pitch_email.txt").read_text(encoding="utf-8")
    assert grade_and_render("pitch", text, channel="email") == render_report(
        grade_pitch(text, channel="email"))


def test_minutes_as_string_is_accepted():
    text = (FIXTURES / "questions.txt").read_text(encoding="utf-8")
    assert grade_and_render("questions", text, minutes="20") == grade_and_render(
        "questions", text, minutes=20)


# --------------------------------------------------------------------------- CSS


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    chans = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_css_classes_are_prefixed_and_themes_present():
    css = render_css()
    no_comments = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    classes = set(re.findall(r"\.([a-zA-Z][\w-]*)", re.sub(r"\{[^{}]*\}", "{}", no_comments)))
    assert classes and all(c.startswith("iic-") for c in classes), classes
    assert 'html[data-theme="dark"] .iic-root' in css
    assert 'body[data-jp-theme-light="false"] .iic-root' in css
    assert "@media (prefers-color-scheme: dark)" in css


def test_css_colours_meet_aa_in_light_and_dark():
    css = render_css()
    blocks = [b for b in re.findall(r"\{([^{}]*)\}", css) if "--iic-bg:" in b]
    assert len(blocks) == 3  # light, dark by attribute, dark by preference
    for block in blocks:
        v = dict(re.findall(r"--iic-([a-z-]+):\s*(#[0-9a-fA-F]{6})", block))
        for fg in ("fg", "muted", "pass", "notyet", "link"):
            for bg in ("bg", "surface"):
                assert _contrast(v[fg], v[bg]) >= 4.5, (fg, bg, block[:40])
        assert _contrast(v["mark-fg"], v["mark-bg"]) >= 4.5
        assert _contrast(v["error-fg"], v["error-bg"]) >= 4.5
        assert _contrast(v["border"], v["bg"]) >= 3.0  # non-text UI contrast
        assert _contrast(v["bar"], v["surface"]) >= 3.0


def test_grade_and_render_report_matches_grade_and_render() -> None:
    """The page's worker grades once and must show exactly grade_and_render's HTML."""
    from exercises.render import grade_and_render, grade_and_render_report

    text = "Hi Dana, I'm Priya, a nursing student. Could we talk for 20 minutes? Thank you!"
    html, report = grade_and_render_report("pitch", text, channel="email")
    assert html == grade_and_render("pitch", text, channel="email")
    assert report is not None and report.kind == "pitch"
    bad_html, bad_report = grade_and_render_report("poem", text)
    assert bad_report is None and bad_html == grade_and_render("poem", text)
    assert 'role="alert"' in bad_html
