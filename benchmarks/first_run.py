"""First-run agreement of sealed rounds, per round and pooled, for the issue's closing notes.

    python -m benchmarks.first_run measure s423 s424 ...      # one grader's per-round figures
    python -m benchmarks.first_run compare THIS.txt BEFORE.txt [label-this] [label-before]
    python -m benchmarks.first_run pool FIRST LAST [before]   # pooled over sFIRST-sLAST

``measure`` grades every record of the named rounds in ``tests/fixtures/grading/sealed/``
(a round is measured there, before a tuning pass moves it up) with whatever ``exercises``
package is first on the import path, so the same file measures the grader on main and an
older one unpacked elsewhere (``PYTHONPATH=/tmp/base``). It only calls the five public
grading functions, because older graders have no rubric module. A LinkedIn-premium pitch
falls back to "linkedin" on a grader that does not know that channel.

``compare`` reads two ``measure`` outputs and prints them side by side, then one summary line
per round pair (Kind A round + Kind B round): checks at 0.93, levels, topic, and the checks
below 0.93. These are the figures the closing notes quote.

``pool`` adds up the first runs kept in ``tests/fixtures/grading/first_runs/*_pooled.txt``
(each round's "this grader" column: the grader it was first measured on, or with ``before``
the grader before issue 10) over a range of sealed rounds.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEALED = REPO / "tests" / "fixtures" / "grading" / "sealed"
TARGET_CHECK = 0.93
FLAGS = ("closed", "job_ask", "googleable", "double_barreled")
KIND_ORDER = ("pitches", "thanks", "goals", "question_lists", "questions")

Tally = dict[str, list[int]]


def _grade(kind: str, case: dict):
    from exercises import grading

    if kind == "pitches":
        channel = case.get("channel", "email")
        try:
            return grading.grade_pitch(case["text"], channel=channel)
        except ValueError:
            return grading.grade_pitch(case["text"], channel="linkedin")
    if kind == "thanks":
        return grading.grade_thank_you(case["text"])
    if kind == "goals":
        return grading.grade_goal(case["text"])
    return grading.grade_questions(case["text"], minutes=case.get("minutes", 30))


def _closed(info) -> bool:
    return "closed" in info.flags or not getattr(info, "open_ended", True)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def tally_round(folder: Path) -> dict[str, Tally]:
    """Per fixture kind: {measure: [agree, total]} for one round's folder."""
    out: dict[str, Tally] = {}
    for kind in KIND_ORDER:
        path = folder / f"{kind}.jsonl"
        if not path.is_file():
            continue
        cases = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        stats: Tally = defaultdict(lambda: [0, 0])
        for case in cases:
            if kind == "questions":
                from exercises.grading import classify_question

                info = classify_question(case["text"])
                _add(stats, "category", info.category == case["category"])
                want = set(case.get("flags", []))
                got = set(info.flags) | ({"closed"} if _closed(info) else set())
                for flag in FLAGS:
                    _add(stats, f"flag.{flag}", (flag in got) == (flag in want))
                continue
            report = _grade(kind, case)
            known = {c.id: c.passed for c in report.checks}
            _add(stats, "LEVEL", report.level == case["level"])
            for check_id, want in case["labels"].items():
                if check_id in known:
                    _add(stats, check_id, known[check_id] == want)
            if kind == "question_lists":
                graded = {_key(q.text): q for q in report.questions}
                for label in case.get("question_labels", []):
                    got_q = graded.get(_key(label["text"]))
                    _add(stats, "q.category",
                         got_q is not None and got_q.category == label["category"])
        out[kind] = dict(stats)
    return out


def _add(stats: Tally, name: str, ok: bool) -> None:
    stats[name][0] += ok
    stats[name][1] += 1


def measure(rounds: list[str]) -> str:
    lines = []
    for name in rounds:
        for kind, stats in tally_round(SEALED / name).items():
            lines.append(f"== {name} {kind}")
            for measure_name in sorted(stats, key=lambda m: (m != "LEVEL", m)):
                ok, n = stats[measure_name]
                lines.append(f"{measure_name:<34}{ok:>4}/{n:<5}{100 * ok / n:>7.1f}%")
    return "\n".join(lines) + "\n"


def parse(text: str) -> dict[tuple[str, str], Tally]:
    """Read a ``measure`` output back: {(round, kind): {measure: [agree, total]}}."""
    out: dict[tuple[str, str], Tally] = {}
    current: Tally = {}
    for line in text.splitlines():
        if line.startswith("== "):
            _, rnd, kind = line.split()
            current = out.setdefault((rnd, kind), {})
        elif line.strip():
            m = re.match(r"(\S+)\s+(\d+)/(\d+)", line)
            if m:
                current[m.group(1)] = [int(m.group(2)), int(m.group(3))]
    return out


def _is_check(measure_name: str) -> bool:
    return measure_name not in ("LEVEL", "category", "q.category") \
        and not measure_name.startswith("flag.")


def _pct(v: list[int] | None) -> str:
    return f"{100 * v[0] / v[1]:.1f}% ({v[0]}/{v[1]})" if v else "-"


def summary(data: dict[tuple[str, str], Tally], rounds: list[str]) -> str:
    """One line per (Kind A, Kind B) pair of rounds, as the README rows quote them."""
    def get(kind: str, m: str) -> float | None:
        v = merged.get((kind, m))
        return 100 * v[0] / v[1] if v else None

    merged: dict[tuple[str, str], list[int]] = {}
    for rnd in rounds:
        for (r, kind), stats in data.items():
            if r == rnd:
                for m, v in stats.items():
                    merged[(kind, m)] = v
    checks = {m: v for (kind, m), v in merged.items() if _is_check(m)}
    at = sum(1 for v in checks.values() if v[0] / v[1] >= TARGET_CHECK)
    below = sorted((100 * v[0] / v[1], m) for m, v in checks.items()
                   if v[0] / v[1] < TARGET_CHECK)
    lv = " ".join(f"{short} {get(kind, 'LEVEL'):.1f}" for short, kind in
                  (("p", "pitches"), ("t", "thanks"), ("l", "question_lists"), ("g", "goals"))
                  if get(kind, "LEVEL") is not None)
    topic, lists = get("questions", "category"), get("question_lists", "q.category")
    words = ", ".join(f"{m} {p:.1f}" for p, m in below)
    return (f"{'+'.join(rounds)}: checks>=0.93 {at}/{len(checks)}; levels {lv}; "
            f"topic {topic or 0:.1f} (lists {lists or 0:.1f}); below: {words}")


def compare(this: str, before: str, this_label: str, before_label: str) -> str:
    a, b = parse(this), parse(before)
    head = f"{'round':<7}{'kind':<16}{'measure':<34}{this_label:>33}{before_label:>21}"
    lines = [head]
    for (rnd, kind) in sorted(a, key=lambda k: (int(k[0][1:]), KIND_ORDER.index(k[1]))):
        for m in sorted(a[(rnd, kind)], key=lambda x: (x != "LEVEL", x)):
            lines.append(f"{rnd:<7}{kind:<16}{m:<34}{_pct(a[(rnd, kind)][m]):>33}"
                         f"{_pct(b.get((rnd, kind), {}).get(m)):>21}")
    rounds = sorted({r for r, _ in a}, key=lambda r: int(r[1:]))
    pairs = [rounds[i:i + 2] for i in range(0, len(rounds), 2)]
    for label, data in ((this_label, a), (before_label, b)):
        lines += ["", f"{label}:"] + [summary(data, pair) for pair in pairs]
    return "\n".join(lines) + "\n"


FIRST_RUNS = REPO / "tests" / "fixtures" / "grading" / "first_runs"
_ROW = re.compile(r"^s(\d+)\s+(\S+)\s+(\S+)\s+[\d.]+% \((\d+)/(\d+)\)"
                  r"(?:\s+[\d.]+% \((\d+)/(\d+)\))?")


def pool(first: int, last: int, before: bool = False) -> str:
    """Every first run of sealed rounds ``first``..``last``, added up per kind and measure."""
    ok_group, n_group = (6, 7) if before else (4, 5)
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    seen: set[int] = set()
    for path in sorted(FIRST_RUNS.glob("*_pooled.txt")):
        rounds_here: set[int] = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _ROW.match(line)
            if (m and first <= int(m.group(1)) <= last and int(m.group(1)) not in seen
                    and m.group(n_group)):
                rounds_here.add(int(m.group(1)))
                totals[(m.group(2), m.group(3))][0] += int(m.group(ok_group))
                totals[(m.group(2), m.group(3))][1] += int(m.group(n_group))
        seen |= rounds_here
    data = {("s0", kind): {} for kind, _ in totals}
    for (kind, m), v in totals.items():
        data[("s0", kind)][m] = v
    checks = sum(v[1] for (_k, m), v in totals.items() if _is_check(m))
    agree = sum(v[0] for (_k, m), v in totals.items() if _is_check(m))
    head = (f"{len(seen)} sealed rounds between s{first} and s{last}; "
            f"check decisions {agree}/{checks}")
    return head + "\n" + summary(data, ["s0"]).replace("s0: ", "pooled: ", 1) + "\n"


def main(argv: list[str]) -> None:
    if argv[:1] == ["measure"] and len(argv) > 1:
        sys.stdout.write(measure(argv[1:]))
    elif argv[:1] == ["compare"] and len(argv) >= 3:
        labels = argv[3:5] if len(argv) >= 5 else ["this grader", "before"]
        sys.stdout.write(compare(Path(argv[1]).read_text(), Path(argv[2]).read_text(), *labels))
    elif argv[:1] == ["pool"] and len(argv) in (3, 4):
        sys.stdout.write(pool(int(argv[1].lstrip("s")), int(argv[2].lstrip("s")),
                              argv[3:] == ["before"]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
