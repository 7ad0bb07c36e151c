"""Golden files: what the graders said about every labelled fixture text (category,
flags and the words behind them; every check, its evidence, the score, level and cap).

Any change to a rule, cue, weight or the learned model shows up here as a failing test
and, once accepted with ``pytest tests/grading/test_goldens.py --update-goldens``, as a
reviewed diff of tests/goldens/grading/*.json. Agreement with the labels is measured by
test_fixtures.py and benchmarks/graders.py; this file pins behaviour.
"""

from __future__ import annotations

import json

import pytest

from benchmarks import fixture_set

from ..background import fixture_records


@pytest.mark.parametrize("name", fixture_set.names())
def test_golden(name: str, request: pytest.FixtureRequest) -> None:
    got = fixture_records(name)
    path = fixture_set.golden_path(name)
    if request.config.getoption("--update-goldens"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fixture_set.dump(got), encoding="utf-8")
    assert path.is_file(), f"no golden file for {name}: run with --update-goldens"
    want = json.loads(path.read_text(encoding="utf-8"))
    changed = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
    detail = "\n".join(
        f"  {k}: was {json.dumps(want.get(k), sort_keys=True)[:300]}\n"
        f"  {' ' * len(k)}  now {json.dumps(got.get(k), sort_keys=True)[:300]}"
        for k in changed[:5]
    )
    assert not changed, (
        f"{name}: {len(changed)} text(s) graded differently from the golden file "
        f"(rerun with --update-goldens if the change is intended):\n{detail}"
    )


def test_every_golden_has_a_fixture() -> None:
    names = set(fixture_set.names())
    stale = [p.stem for p in fixture_set.GOLDENS.glob("*.json") if p.stem not in names]
    assert not stale, f"golden files without a fixture: {stale}"
