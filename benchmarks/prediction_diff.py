"""What a rule change fixes and breaks, against the writers' labels, before it is accepted.

    python -m benchmarks.prediction_diff [--show] [ROUND_OR_KIND ...]
    python -m benchmarks.prediction_diff --base REV [--show] [ROUND_OR_KIND ...]
    python -m benchmarks.prediction_diff --misses rw435 rw436 ...

The golden files (``tests/goldens/grading``) hold the predictions of the grader as last
accepted. The first form grades every labelled fixture again with the working tree's grader
and, for every prediction that changed, says whether it now agrees with the label (a fix) or
no longer does (a break); a rule is kept only when it fixes more than it breaks. Levels are
counted apart from checks, because the retrained models move many levels at once. Rounds
(``rw435``) or kinds (``goals``) limit the files graded.

``--base REV`` compares the golden files as committed at REV (a git revision) instead of
those on disk: after ``--update-goldens``, the whole change, retrained models included.

``--misses`` lists, for the named rounds, every prediction that disagrees with its label:
the list a tuning pass reads to find the classes of miss.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

from benchmarks import fixture_set


def decisions(kind: str, case: dict[str, Any], rec: dict[str, Any]) -> Iterator[tuple]:
    """(measure, predicted, wanted) for every labelled decision of one fixture record."""
    if kind == "questions":
        yield "category", rec["category"], case["category"]
        want = set(case.get("flags", []))
        for flag in fixture_set.rubric.flag_ids():
            yield f"flag.{flag}", flag in rec["flags"], flag in want
        return
    for check_id, want in case.get("labels", {}).items():
        if check_id in rec["checks"]:
            yield check_id, rec["checks"][check_id], want
    if "level" in case:
        yield "LEVEL", rec["level"], case["level"]


def _names(selectors: list[str]) -> list[str]:
    """Fixture names picked by round suffix ("rw435") or by kind ("goals"); all when none."""
    names = fixture_set.names()
    if not selectors:
        return names
    return [n for n in names
            if any(n.endswith("_" + s) or fixture_set.kind_of(n) == s for s in selectors)]


def _golden_at(name: str, base: str | None) -> dict[str, Any]:
    path = fixture_set.golden_path(name)
    if base is None:
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    rel = path.relative_to(fixture_set.REPO).as_posix()
    shown = subprocess.run(["git", "show", f"{base}:{rel}"], cwd=fixture_set.REPO,
                           capture_output=True, text=True)
    return json.loads(shown.stdout) if shown.returncode == 0 else {}


def diff(suffixes: list[str], show: bool, base: str | None = None) -> str:
    fixes: Counter[str] = Counter()
    breaks: Counter[str] = Counter()
    lines: list[str] = []
    for name in _names(suffixes):
        kind = fixture_set.kind_of(name)
        old = _golden_at(name, base)
        for case in fixture_set.load(name):
            rec = fixture_set.record(kind, case)
            before = old.get(case["id"])
            if before is None:
                continue
            was = dict((m, p) for m, p, _ in decisions(kind, case, before))
            for measure, now, want in decisions(kind, case, rec):
                if was.get(measure) == now or measure not in was:
                    continue
                if (was[measure] == want) == (now == want):
                    continue
                tally = fixes if now == want else breaks
                tally["levels" if measure == "LEVEL" else "checks"] += 1
                if show:
                    word = "FIX" if now == want else "BREAK"
                    lines.append(f"{word} {case['id']} {measure}: {was[measure]} -> {now} "
                                 f"(label {want}): {case.get('text', '')[:90]!r}")
    lines.append(f"checks: {fixes['checks']} fixed, {breaks['checks']} broken; "
                 f"levels: {fixes['levels']} fixed, {breaks['levels']} broken")
    return "\n".join(lines) + "\n"


def misses(suffixes: list[str]) -> str:
    lines = []
    for name in _names(suffixes):
        kind = fixture_set.kind_of(name)
        for case in fixture_set.load(name):
            rec = fixture_set.record(kind, case)
            for measure, got, want in decisions(kind, case, rec):
                if got != want:
                    text = case.get("text", "").replace("\n", " | ")
                    lines.append(f"{case['id']} {measure}: want {want}, got {got}: {text}")
    return "\n".join(lines) + f"\n{len(lines)} misses\n"


def main(argv: list[str]) -> None:
    if argv[:1] == ["--misses"]:
        sys.stdout.write(misses(argv[1:]))
        return
    base = None
    if "--base" in argv:
        i = argv.index("--base")
        base, argv = argv[i + 1], argv[:i] + argv[i + 2:]
    show = "--show" in argv
    sys.stdout.write(diff([a for a in argv if a != "--show"], show, base))


if __name__ == "__main__":
    main(sys.argv[1:])
