"""A sample of the mutation benchmark: removing a cue must make some test fail.

The full run (python -m benchmarks.mutation) removes every cue; this sample keeps new cues
honest in every test run: a cue added without a fixture or example that needs it lowers
the share caught.
"""

from __future__ import annotations

import random

from benchmarks import mutation


def test_most_single_cue_removals_are_caught() -> None:
    every = mutation.mutants()
    sample = random.Random(7).sample(every, min(150, len(every)))
    results = mutation.run(sample, mutation.Corpus())
    caught = sum(1 for r in results if r["caught_by"])
    missed = [f"{r['file']}:{r['path']}: {r['cue']}" for r in results if not r["caught_by"]]
    assert caught / len(results) >= 0.85, "\n".join(missed[:20])
