"""Would the tests notice? Remove one cue at a time and see whether a test fails.

Every phrase, pattern and strong cue in exercises/grading/rubric/*.json (and the shared
cues in rubric.json) is removed in turn, in memory; the graders are re-run on what the
tests check, and the mutant counts as caught when a test would fail:

- the golden files (tests/goldens/grading): any fixture text graded differently, its
  category, flags, checks, evidence, score or level;
- the rubric's own pass/fail examples (tests/grading/test_rubric.py).

A cue that matches none of those texts cannot change them, so it is reported as not
caught without re-grading; otherwise only the texts it can touch are re-graded. The
question model's own "is the generated file current" test is left out of the count on
purpose (it would flag every cue the training questions use).

    python -m benchmarks.mutation             # every cue (a few minutes)
    python -m benchmarks.mutation --sample 300 --seed 1
    python -m benchmarks.mutation --list-uncaught
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
import time
from typing import Any

from benchmarks import fixture_set
from exercises.grading import lexicon, questions, rubric
from exercises.grading import similarity as _similarity  # noqa: F401  (imports cached data)
from exercises.grading.text import normalise, phrase_tokens

LISTS = ("phrases", "patterns", "strong")


def _walk(node: Any, path: tuple) -> list[tuple[tuple, int, str]]:
    """(path to a cue list, index, the cue) for every cue in a data file."""
    out = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in LISTS and isinstance(value, list):
                out += [(path + (key,), i, v) for i, v in enumerate(value) if isinstance(v, str)]
            elif key != "examples":
                out += _walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _walk(value, path + (i,))
    return out


def mutants() -> list[tuple[str, tuple, int, str]]:
    out = []
    for name in ("rubric", *rubric.KINDS):
        data = rubric._file(name)
        start = ("shared_cues",) if name == "rubric" else ()
        node = data["shared_cues"] if name == "rubric" else data
        out += [(name, start + p, i, cue) for p, i, cue in _walk(node, ())]
    return out


def _get(data: Any, path: tuple) -> Any:
    for key in path:
        data = data[key]
    return data


class Corpus:
    """Every text the tests grade: fixture texts (against their goldens) and examples."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, Any, Any]] = []  # (kind, id, case, expected)
        for name in fixture_set.names():
            kind = fixture_set.kind_of(name)
            golden = json.loads(fixture_set.golden_path(name).read_text(encoding="utf-8"))
            for case in fixture_set.load(name):
                self.items.append((kind, f"{name}:{case['id']}", case, golden[case["id"]]))
        for kind in rubric.KINDS:
            # "intro" is graded under its own name
            fkind = {r: f for f, r in fixture_set.RUBRIC_KIND.items()}.get(kind, kind)
            for entry in rubric.checks(kind):
                for want in ("pass", "fail"):
                    for i, ex in enumerate(entry["examples"][want]):
                        case = ex if isinstance(ex, dict) else {"text": ex}
                        case = {"minutes": 30, **case}
                        self.items.append(
                            (fkind, f"ex:{entry['id']}:{want}{i}", case, (entry["id"], want))
                        )
        for cat in rubric.categories():
            entry = rubric.category(cat)
            for i, q in enumerate(entry["examples"] + entry.get("suggestions", [])):
                self.items.append(("questions", f"ex:{cat}:{i}", {"text": q}, ("cat", cat)))
        for fl in rubric.flag_ids():
            for want in ("with", "without"):
                for i, q in enumerate(rubric.flag(fl)["examples"][want]):
                    self.items.append(("questions", f"ex:{fl}:{want}{i}", {"text": q},
                                       ("flag", fl, want == "with")))
        self.lowered = [
            normalise(case.get("text") or "\n".join(case.get("items", []))).lower()
            for _k, _i, case, _e in self.items
        ]
        self.words = [set(re.findall(r"[^\W_]+(?:'[^\W_]+)*", t)) for t in self.lowered]

    def touched(self, cue: str, is_pattern: bool) -> list[int]:
        """Indexes of the texts a cue could match (a superset of where it can matter)."""
        if is_pattern:
            try:
                # The pattern as it runs: a shared word list named in it, spelt out.
                rx = re.compile(rubric.expand_words(cue))
            except re.error:
                return list(range(len(self.items)))
            return [i for i, t in enumerate(self.lowered) if rx.search(t)]
        toks, star = phrase_tokens(cue)
        if not toks:
            return []
        need = set(toks[:-1]) if star else set(toks)
        out = []
        for i, words in enumerate(self.words):
            if need <= words and (not star or any(w.startswith(toks[-1]) for w in words)):
                out.append(i)
        return out

    def holds(self, i: int) -> bool:
        kind, _id, case, expected = self.items[i]
        if isinstance(expected, tuple):
            if expected[0] == "cat":
                return questions.classify_question(case["text"]).category == expected[1]
            if expected[0] == "flag":
                flags = questions.classify_question(case["text"]).flags
                return (expected[1] in flags) is expected[2]
            check_id, want = expected
            report = fixture_set.grade_case(kind, case)
            return report.check(check_id).passed is (want == "pass")
        return fixture_set.record(kind, case) == expected


def _clear() -> None:
    lexicon.clear_caches()
    for fn in (questions._category_index, questions._flag_patterns, questions._triggers,
               questions._open_starts, questions._fallback, questions._shared_job_pattern):
        fn.cache_clear()
    from exercises.grading import spelling

    spelling._known_extra.cache_clear()


def run(selected: list[tuple[str, tuple, int, str]], corpus: Corpus) -> list[dict]:
    originals = {name: copy.deepcopy(rubric._file(name)) for name in ("rubric", *rubric.KINDS)}
    results = []
    try:
        for name, path, index, cue in selected:
            is_pattern = path[-1] == "patterns"
            touched = corpus.touched(cue, is_pattern)
            caught_by = None
            if touched:
                data = copy.deepcopy(originals[name])
                del _get(data, path)[index]
                rubric._file.cache_clear()
                _clear()
                real = rubric._file  # the cached loader, with this one file swapped

                def patched(n: str, _data=data, _name=name, _real=real) -> Any:
                    return _data if n == _name else originals[n]

                rubric._file = patched  # type: ignore[assignment]
                try:
                    for i in touched:
                        if not corpus.holds(i):
                            caught_by = corpus.items[i][1]
                            break
                finally:
                    rubric._file = real  # type: ignore[assignment]
                    rubric._file.cache_clear()
                    _clear()
            results.append({"file": name, "path": "/".join(map(str, path)), "cue": cue,
                            "touched": len(touched), "caught_by": caught_by})
    finally:
        rubric._file.cache_clear()
        _clear()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=0, help="only this many cues, at random")
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--list-uncaught", action="store_true")
    parser.add_argument("--min-caught", type=float, default=0.0,
                        help="exit 1 when the share caught is below this (0 to 1)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    corpus = Corpus()
    every = mutants()
    selected = every
    if args.sample and args.sample < len(every):
        selected = random.Random(args.seed).sample(every, args.sample)
    results = run(selected, corpus)
    caught = sum(1 for r in results if r["caught_by"])
    by_file: dict[str, list[int]] = {}
    for r in results:
        stats = by_file.setdefault(r["file"], [0, 0])
        stats[0] += bool(r["caught_by"])
        stats[1] += 1
    print(f"cues removed one at a time: {len(results)} of {len(every)}; "
          f"texts the tests grade: {len(corpus.items)}")
    for name, (c, n) in sorted(by_file.items()):
        print(f"  {name + '.json':16} {c:5d}/{n:<5d} caught ({100 * c / n:5.1f}%)")
    never = sum(1 for r in results if not r["touched"])
    print(f"caught by some test: {caught}/{len(results)} = {100 * caught / len(results):.1f}% "
          f"({never} match no tested text at all)  [{time.perf_counter() - t0:.0f} s]")
    if args.list_uncaught:
        for r in results:
            if not r["caught_by"]:
                print(f"  {r['file']}:{r['path']}  touched={r['touched']}  {r['cue']}")
    if caught / len(results) < args.min_caught:
        print(f"below the floor of {100 * args.min_caught:.1f}%")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
