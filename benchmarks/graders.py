"""Measure the graders: agreement with the labelled fixtures, category accuracy, levels,
latency.

    python -m benchmarks.graders                  # every fixture round, then latency
    python -m benchmarks.graders --misses         # ... with each disagreement
    python -m benchmarks.graders --sealed s1      # a sealed round (its first run)

Fixtures live in tests/fixtures/grading/*.jsonl, one round per file suffix (none: the
first development set; ``_rw20``: the real-world-grounded development set). Sealed rounds
live in tests/fixtures/grading/sealed/<round>/ and are measured once, before anyone tunes
on them. Every number printed is measured on this run.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from benchmarks import fixture_set
from benchmarks.fixture_set import grade_case
from exercises.grading import (
    classify_question,
    grade_goal,
    grade_pitch,
    grade_questions,
    grade_thank_you,
)

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "grading"


def load(name: str) -> list[dict]:
    path = FIXTURES / f"{name}.jsonl"
    if not path.exists():
        return []
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def agreement(kind: str, cases: list[dict]) -> tuple[dict[str, list[int]], list[str]]:
    """Per check id: [agree, total]; plus a list of disagreements for reading."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for case in cases:
        report = grade_case(kind, case)
        for check_id, want in case["labels"].items():
            got = report.check(check_id).passed
            stats[check_id][1] += 1
            if got == want:
                stats[check_id][0] += 1
            else:
                misses.append(f"{case['id']} {check_id}: want {want}, got {got}")
    return dict(stats), misses


def question_accuracy(cases: list[dict]) -> tuple[dict[str, list[int]], list[str]]:
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for case in cases:
        info = classify_question(case["text"])
        want_cat = case["category"]
        stats["category"][1] += 1
        if info.category == want_cat:
            stats["category"][0] += 1
        else:
            misses.append(
                f"{case['id']} category: want {want_cat}, got {info.category}: {case['text']}"
            )
        want_flags = set(case.get("flags", []))
        for flag in ("closed", "job_ask", "googleable", "double_barreled"):
            stats[f"flag.{flag}"][1] += 1
            if (flag in info.flags) == (flag in want_flags):
                stats[f"flag.{flag}"][0] += 1
            else:
                misses.append(f"{case['id']} {flag}: want {flag in want_flags}: {case['text']}")
    return dict(stats), misses


def list_question_accuracy(cases: list[dict]) -> dict[str, list[int]]:
    """Category accuracy of the questions inside labelled lists (as split by the grader)."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        report = grade_questions(case.get("items", case.get("text")), minutes=case["minutes"])
        labels = case.get("question_labels", [])
        if len(report.questions) != len(labels):
            stats["lists split as labelled"][1] += 1
            continue
        stats["lists split as labelled"][0] += 1
        stats["lists split as labelled"][1] += 1
        for got, want in zip(report.questions, labels, strict=True):
            stats["category"][1] += 1
            stats["category"][0] += got.category == want["category"]
    return dict(stats)


def print_table(title: str, stats: dict[str, list[int]]) -> None:
    print(f"\n{title}")
    for key in sorted(stats):
        ok, n = stats[key]
        print(f"  {key:38s} {ok:4d}/{n:<4d} {100 * ok / n:6.1f}%")


def _cue_word_soup() -> str:
    import random

    rng = random.Random(1)
    words = (
        "what how do you the best most typical day advice skills like enjoy hardest future "
        "who else should i talk to and hiring founded"
    ).split()
    return "\n".join(" ".join(rng.choice(words) for _ in range(45)) for _ in range(4500))


def latency() -> None:
    pitch = load("pitches")[0]["text"] if load("pitches") else "Hi, I'm Sam. Thank you."
    ql = load("question_lists")
    qtext = ql[0].get("text") or "\n".join(ql[0]["items"]) if ql else "What do you do?"
    thanks = load("thanks")[0]["text"] if load("thanks") else "Thank you."
    goal = load("goals")[0]["text"] if load("goals") else "Learn about nursing."
    print("\nLatency (CPython, this machine)")
    for name, fn in (
        ("grade_pitch", lambda: grade_pitch(pitch)),
        ("grade_questions", lambda: grade_questions(qtext)),
        ("grade_thank_you", lambda: grade_thank_you(thanks)),
        ("grade_goal", lambda: grade_goal(goal)),
    ):
        fn()
        times = []
        for _ in range(200):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        times.sort()
        p95 = times[int(0.95 * len(times)) - 1]
        print(
            f"  {name:18s} median {1000 * statistics.median(times):7.3f} ms"
            f"   p95 {1000 * p95:7.3f} ms"
        )
    cue_matching(pitch_texts=[c["text"] for c in load("pitches")][:60])
    pattern_reading()
    adversarial = {
        "1 MB 'a'": "a" * 1_000_000,
        "1 MB brackets": "[" * 500_000 + "x" * 500_000,
        "1 MB 'you ' repeated": "you " * 250_000,
        "1 MB '20 minutes ' repeated": "20 minutes " * 90_910,
        "1 MB of distinct cue-word lines": _cue_word_soup(),
        "5,000-line question list": "\n".join(
            f"{i}. What do you enjoy most about working in field {i} and why?" for i in range(5000)
        ),
    }
    print("\nAdversarial inputs (worst grader time)")
    for label, text in adversarial.items():
        worst = 0.0
        for fn in (grade_pitch, grade_questions, grade_thank_you, grade_goal):
            t0 = time.perf_counter()
            fn(text)
            worst = max(worst, time.perf_counter() - t0)
        print(f"  {label:30s} {worst:6.3f} s")


def cue_pattern_lists() -> list[tuple[str, list[str]]]:
    """Every cue list that has regex patterns, named "kind.cue" or "category.name": what the
    graders gate (the gate's tests compare each one with its plain alternation)."""
    from exercises.grading import rubric

    out = []
    for kind in ("pitch", "thanks", "goal", "questions", "shared"):
        for name, entry in rubric.cues(kind).items():
            if isinstance(entry, dict) and entry.get("patterns"):
                out.append((f"{kind}.{name}", entry["patterns"]))
    for cat in rubric.categories():
        patterns = rubric.category(cat)["cues"].get("patterns")
        if patterns:
            out.append((f"category.{cat}", patterns))
    return out


def cue_matching(pitch_texts: list[str]) -> None:
    """Every pitch cue list with patterns, matched as one plain alternation (the baseline)
    and as the gated alternation the graders use, on the same texts in the same run."""
    from exercises.grading.gated import GatedAlternation
    from exercises.grading.text import compile_terms, normalise, term_alternatives

    lists = [patterns for name, patterns in cue_pattern_lists() if name.startswith("pitch.")]
    plain = [compile_terms(None, pats) for pats in lists]
    gated = [GatedAlternation(*term_alternatives(None, pats)) for pats in lists]
    texts = [normalise(t) for t in pitch_texts] or ["hi"]

    def per_text(matchers: list) -> float:
        t0 = time.perf_counter()
        for _ in range(5):
            for text in texts:
                for m in matchers:
                    for _ in m.finditer(text):
                        pass
        return 1000 * (time.perf_counter() - t0) / (5 * len(texts))

    per_text(gated)
    base, new = per_text(plain), per_text(gated)
    print(
        f"\nCue patterns of a pitch ({len(lists)} lists, {len(texts)} dev pitches): one alternation"
        f" {base:.3f} ms, gated {new:.3f} ms per text (ratio {new / base:.2f})"
    )


def pattern_reading() -> None:
    """What the gate reads from every cue pattern before the first grade (each pattern's
    required words), against parsing the same patterns with Python's own regex parser (the
    baseline, which the gate used before), in the same run."""
    from exercises.grading.gated import _analyse, _parse
    from exercises.grading.text import term_alternatives

    sources = []
    for _, patterns in cue_pattern_lists():
        alternatives, prefix = term_alternatives(None, patterns)
        sources += [prefix + "(?:" + alt + ")" for alt in alternatives]

    def seconds(read) -> float:
        t0 = time.perf_counter()
        for source in sources:
            read(source)
        return time.perf_counter() - t0

    base = min(seconds(_parse.parse) for _ in range(3))
    new = min(seconds(_analyse) for _ in range(3))
    print(
        f"\nReading {len(sources)} cue patterns at start-up: Python's regex parser"
        f" {1000 * base:.0f} ms, the gate's reader {1000 * new:.0f} ms (ratio {new / base:.2f})"
    )


def level_agreement(kind: str, cases: list[dict]) -> dict[str, list[int]]:
    """Level (ready / almost / needs-work) against the adviser's, where a case has one,
    and which way a disagreement goes."""
    order = ["needs-work", "almost", "ready"]
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        if "level" not in case:
            continue
        got = grade_case(kind, case).level
        stats["level"][1] += 1
        stats["level"][0] += got == case["level"]
        if got != case["level"]:
            kinder = order.index(got) > order.index(case["level"])
            stats["  too kind" if kinder else "  too harsh"][0] += 1
    for key in ("  too kind", "  too harsh"):
        if key in stats:
            stats[key][1] = stats["level"][1]
    return dict(stats)


SEALED = FIXTURES / "sealed"


def report_round(files: dict[str, list[dict]], show_misses: bool) -> None:
    for kind in ("pitches", "question_lists", "thanks", "goals"):
        cases = files.get(kind) or []
        if not cases:
            continue
        stats, misses = agreement(kind, cases)
        stats.update(level_agreement(kind, cases))
        print_table(f"{kind} ({len(cases)} texts): per-check agreement and level", stats)
        if show_misses:
            print("\n".join("    " + m for m in misses))
        if kind == "question_lists":
            print_table("questions inside those lists", list_question_accuracy(cases))
    cases = files.get("questions") or []
    if cases:
        stats, misses = question_accuracy(cases)
        print_table(f"single questions ({len(cases)}): category accuracy and flag agreement", stats)
        if show_misses:
            print("\n".join("    " + m for m in misses))


def sealed(round_name: str, show_misses: bool) -> None:
    folder = SEALED / round_name
    if not folder.is_dir():
        raise SystemExit(f"no sealed round {round_name!r} in {SEALED}")
    files = {}
    for kind in ("pitches", "question_lists", "thanks", "goals", "questions"):
        path = folder / f"{kind}.jsonl"
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            files[kind] = [json.loads(line) for line in lines if line.strip()]
    problems = [p for kind, cases in files.items() for c in cases
                for p in fixture_set.label_problems(kind, c)]
    if problems:
        raise SystemExit(f"sealed round {round_name}: {len(problems)} label problem(s); fix "
                         "the keys before its first run:\n" + "\n".join(problems[:20]))
    print(f"=== sealed round {round_name} ===")
    report_round(files, show_misses)


def main(show_misses: bool = False) -> None:
    suffixes = sorted({n[len(fixture_set.kind_of(n)):] for n in fixture_set.names()},
                      key=lambda x: (len(x), x))
    for suffix in suffixes:
        later = "labelled before its first run; later fixes looked at it"
        title = {"": "development fixtures (tuned on)",
                 "_rw20": "round 20: real-world-grounded development set (tuned on)"}.get(
            suffix, f"round {suffix.lstrip('_')} ({later})")
        print(f"\n=== {title} ===")
        report_round({k: load(k + suffix) for k in fixture_set.KINDS}, show_misses)
    latency()


if __name__ == "__main__":
    import sys

    args = sys.argv[1:]
    if "--sealed" in args:
        sealed(args[args.index("--sealed") + 1], show_misses="--misses" in args)
    else:
        main(show_misses="--misses" in args)
