"""The gated alternation (exercises/grading/gated.py) must find exactly what the plain
alternation finds: the same spans, for every cue list with patterns, on real fixture text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks.graders import cue_pattern_lists
from exercises.grading import rubric
from exercises.grading.gated import (
    GatedAlternation,
    GateGroup,
    _quick_required,
    _Unsupported,
    gated_terms,
    required_literals,
)
from exercises.grading.text import compile_terms, normalise, term_alternatives

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "grading"


# Texts compared per cue list. The plain alternation is the slow side of the comparison,
# so the sample has a fixed size: taking every seventh file grew with every fixture batch
# (12,000 texts and close to three minutes by batch 91).
SAMPLE = 3000


def _texts() -> list[str]:
    everything: list[str] = []
    for path in sorted(FIXTURES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                # Older question lists hold their questions as "items", not one "text".
                everything.append(record.get("text") or "\n".join(record.get("items", [])))
    # An even stride over every file: all kinds, old rounds and new, the same each run.
    step = max(1, len(everything) // SAMPLE)
    return [normalise(t) for t in everything[::step]]


def _question_flag_lexicons() -> list[tuple[str, list[str], list[str]]]:
    """The question flags' phrases and patterns, gated together as the grader gates them."""
    out = []
    for flag in ("job_ask", "googleable", "double_barreled"):
        cues = rubric.flag(flag)["cues"]
        out.append((flag, cues.get("phrases") or [], cues.get("patterns") or []))
    return out


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = _texts()
    assert len(found) > 1000
    return found


@pytest.mark.parametrize("name,patterns", cue_pattern_lists(),
                         ids=[n for n, _ in cue_pattern_lists()])
def test_gated_alternation_finds_the_same_spans(name: str, patterns: list[str], texts) -> None:
    plain = compile_terms(None, patterns)
    gated = GatedAlternation(*term_alternatives(None, patterns))
    for text in texts:
        want = [m.span() for m in plain.finditer(text)]
        got = [m.span() for m in gated.finditer(text)]
        assert got == want, (name, text[:120])


def test_at_a_tie_the_alternative_listed_first_wins() -> None:
    gated = GatedAlternation([r"saw\s+you\s+speak", r"saw\s+you"], r"\b")
    assert [m.group(0) for m in gated.finditer("i saw you speak and saw you")] == [
        "saw you speak", "saw you"
    ]
    reverse = GatedAlternation([r"saw\s+you", r"saw\s+you\s+speak"], r"\b")
    assert [m.group(0) for m in reverse.finditer("i saw you speak")] == ["saw you"]


def test_required_literals_reads_words_branches_and_repeats() -> None:
    assert required_literals(r"\bsaw\s+your\s+post") == [
        frozenset({"saw"}), frozenset({"your"}), frozenset({"post"})
    ]
    assert required_literals(r"\b(?:newsletter|podcast)s?\b") == [
        frozenset({"newsletter", "podcast"})
    ]
    # An optional word is not required; a branch with a bare alternative requires nothing.
    assert required_literals(r"(?:kind\s+)?reply") == [frozenset({"reply"})]
    assert required_literals(r"(?:alum|\w+)\s+too") == [frozenset({"too"})]
    assert required_literals(r"[a-z]+ing") == [frozenset({"ing"})]


def test_a_pattern_whose_words_are_missing_is_skipped_but_others_still_match() -> None:
    gated = GatedAlternation([r"newsletter\s+you\s+write", r"we\s+met"], r"\b")
    assert [m.group(0) for m in gated.finditer("we met at the fair")] == ["we met"]


def test_an_alternative_that_can_match_empty_keeps_the_plain_alternation() -> None:
    gated = GatedAlternation([r"x*", r"abc"])
    plain = re.compile(r"(?:x*|abc)")
    text = "abc xx abc"
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_long_text_takes_the_plain_path_with_the_same_spans(texts) -> None:
    long_text = "\n".join(texts[:400])
    assert len(long_text) > 20_000
    for name, patterns in cue_pattern_lists()[:6]:
        plain = compile_terms(None, patterns)
        gated = GatedAlternation(*term_alternatives(None, patterns))
        want = [m.span() for m in plain.finditer(long_text)]
        assert [m.span() for m in gated.finditer(long_text)] == want, name


@pytest.mark.parametrize("name,phrases,patterns", _question_flag_lexicons(),
                         ids=[n for n, _, _ in _question_flag_lexicons()])
def test_gated_terms_search_and_finditer_match_the_plain_alternation(
    name: str, phrases: list[str], patterns: list[str], texts
) -> None:
    plain = compile_terms(phrases, patterns)
    gated = gated_terms(phrases, patterns)
    hits = 0
    for text in texts[::2]:  # half the sample: these lexicons are the largest
        want = plain.search(text)
        got = gated.search(text)
        assert (got and got.span()) == (want and want.span()), (name, text[:120])
        assert [m.span() for m in gated.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], (name, text[:120])
        hits += want is not None
    assert hits, f"no fixture text matches {name}: the comparison proved nothing"


def test_a_literal_inside_a_longer_word_still_lets_its_pattern_run() -> None:
    # "organi" is found inside "organisation" and "reorganising", "-time" across a hyphen.
    gated = gated_terms(None, [r"organi[sz]\w+", r"part-time\s+roles?"])
    text = "after reorganising, the organisation has part-time roles"
    assert [m.group(0) for m in gated.finditer(text)] == [
        "organising", "organisation", "part-time roles"
    ]
    assert gated_terms(None, []).search("anything") is None


def test_alternations_sharing_a_group_find_what_each_finds_alone(texts) -> None:
    """The grader gates every question category's patterns (and each kind's cue lists) in
    one group that scans a text once: each member must still find exactly the plain
    alternation's spans, also when members read different texts in turn."""
    # The question categories and the pitch cues, grouped as the graders group them (every
    # list alone is compared with its plain alternation above).
    lists = [(n, p) for n, p in cue_pattern_lists() if n.startswith(("category.", "pitch."))]
    group = GateGroup()
    members = [(name, compile_terms(None, patterns),
                GatedAlternation(*term_alternatives(None, patterns), group=group))
               for name, patterns in lists]
    sample = texts[::6]
    hits = 0
    for n, text in enumerate(sample):
        other = sample[n - 1]
        for k, (name, plain, gated) in enumerate(members):
            # Every other member reads the previous text, so the group's kept scan is
            # replaced mid-way through the members again and again.
            t = other if k % 2 else text
            want = [m.span() for m in plain.finditer(t)]
            assert [m.span() for m in gated.finditer(t)] == want, (name, t[:120])
            hits += bool(want)
    assert hits > 300


def test_a_group_finds_a_literal_inside_a_word_through_its_first_letters() -> None:
    group = GateGroup()
    organise = gated_terms(None, [r"organi[sz]\w+"], group)
    hire = gated_terms(None, [r"\bhiring\s+managers?\b"], group)
    ending = gated_terms(None, [r"[a-z]+ing\b"], group)  # its literal ends the word
    text = "the reorganisation left two hiring managers"
    assert [m.group(0) for m in organise.finditer(text)] == ["organisation"]
    assert [m.group(0) for m in hire.finditer(text)] == ["hiring managers"]
    assert [m.group(0) for m in ending.finditer(text)] == ["hiring"]
    assert list(organise.finditer("nothing to see")) == []


def test_the_quick_reader_keeps_only_what_every_match_holds() -> None:
    # A quantifier that allows zero takes its item out, and the run stops there.
    assert required_literals(r"colou?r\s+charts?") == [frozenset({"colo"}), frozenset({"chart"})]
    assert required_literals(r"(?:\w+\s+){0,3}?planning") == [frozenset({"planning"})]
    assert required_literals(r"(?:shadow\s+)+days") == [frozenset({"shadow"}), frozenset({"days"})]
    # Look-arounds and character classes require nothing of the match itself.
    assert required_literals(r"(?<!not\s)sure\b(?!\s+thing)") == [frozenset({"sure"})]
    assert required_literals(r"[a-z]+'s\s+team") == [frozenset({"team"})]
    # An escaped mark is a literal; "e.g." is read whole.
    assert required_literals(r"e\.g\.\s+work") == [frozenset({"e.g."}), frozenset({"work"})]
    # Alternatives inside a group: one of them, each by its strongest word.
    assert required_literals(r"(?:get|got|getting)\s+started") == [
        frozenset({"get", "got", "getting"}), frozenset({"started"})
    ]


def test_a_construct_the_reader_does_not_know_leaves_its_pattern_ungated() -> None:
    for source in (r"(?i)saw\s+you", r"\u00e9t\u00e9\s+job", r"a{x}bcd", r"(?#note)saw"):
        with pytest.raises(_Unsupported):
            _quick_required(source)
        assert required_literals(source) == []
    gated = GatedAlternation([r"caf\u00e9\s+job", r"we\s+met"])
    assert [m.group(0) for m in gated.finditer("the caf\u00e9 job we met at")] == [
        "caf\u00e9 job", "we met"
    ]
    # An alternative that can match nothing keeps the plain alternation (parser's verdict).
    assert GatedAlternation([r"(?:abc)?"])._always_plain


def test_scoped_flags_back_references_and_line_breaks_are_read() -> None:
    # Inside "(?-i:...)" letters may match in another case: nothing there is required.
    assert required_literals(r"(?-i:[A-Z][a-z]+)\s+here\b") == [frozenset({"here"})]
    assert required_literals(r"(?:^|\n)\s*(?:hello|dear)\b") == [frozenset({"hello", "dear"})]
    assert required_literals(r"(\w+)\s+and\s+\1") == [frozenset({"and"})]
    assert required_literals(r"(?P<verb>made|built)\s+it") == [frozenset({"made", "built"})]
