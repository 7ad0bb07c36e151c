"""Per-turn latency of the rehearsal engine (target: under 20 ms per turn in CPython).

Run: python -m benchmarks.rehearsal
Drives a mixed script (open, closed, follow-up, job ask, noise, a long paste,
the close) through every persona with several seeds and prints the median and
95th percentile time of one ``Rehearsal.ask`` call.
"""

from __future__ import annotations

import statistics
import time

from exercises.practice import Rehearsal
from exercises.practice.personas import persona_ids

SCRIPT = [
    "How did you end up doing this work?",
    "Tell me more about that.",
    "What does a typical week look like for you?",
    "Do you enjoy it?",
    "What's the hardest part of the job, and what do you like most?",
    "What's changing in your field right now?",
    "<b>What sort of person</b> thrives in this job? 😀",
    "Are you hiring at the moment?",
    "When was your organisation founded?",
    "What would you do differently if you were starting today?",
    "x" * 10_000,
    "",
    "Thank you so much for your time. Is there anyone else I should talk to?",
    "One more question?",
]
SEEDS = range(20)
TARGET_MS = 20.0


def main() -> None:
    Rehearsal(persona_ids()[0]).ask("Hello?")  # load personas and the classifier lexicons once
    times: list[float] = []
    starts: list[float] = []
    for pid in persona_ids():
        for seed in SEEDS:
            t0 = time.perf_counter()
            r = Rehearsal(pid, minutes=30, seed=seed)
            starts.append(time.perf_counter() - t0)
            for q in SCRIPT:
                t0 = time.perf_counter()
                r.ask(q)
                times.append(time.perf_counter() - t0)
            r.debrief()
    ms = sorted(t * 1000 for t in times)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    median = statistics.median(ms)
    print(f"rehearsal turns: {len(ms)} ({len(persona_ids())} personas x {len(SEEDS)} seeds)")
    print(f"per turn: median {median:.3f} ms, p95 {p95:.3f} ms, max {ms[-1]:.3f} ms")
    print(f"new Rehearsal: median {statistics.median(starts) * 1000:.3f} ms")
    print(f"target: under {TARGET_MS:.0f} ms per turn: {'met' if p95 < TARGET_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
