"""Per-turn latency of the rehearsal engine (target: under 20 ms per turn in CPython).

Run: python -m benchmarks.rehearsal

Drives every persona with several seeds through a mixed script: the labelled natural
turns of the corpus (greetings, thanks, typos, lower case), closed questions, a job ask,
noise, a long paste, a self-introduction and the close. Prints the median, 95th
percentile and worst time of one ``Rehearsal.ask`` call (wall clock, and this process's
CPU time, which other work on a shared machine does not inflate), the time to start a rehearsal
and to build a debrief, and, as a baseline measured in the same run, the time of one
call to the course classifier (``classify_question``) on the same texts: the engine
calls it once per question in a turn, so the ratio shows what the rest costs.
"""

from __future__ import annotations

import statistics
import time

from benchmarks.rehearsal_corpus import load_turns
from exercises.grading import classify_question
from exercises.practice import Rehearsal
from exercises.practice.personas import persona_ids

EXTRA = [
    "Do you enjoy it?",
    "What's the hardest part of the job, and what do you like most?",
    "<b>What sort of person</b> thrives in this job? 😀",
    "Are you hiring at the moment?",
    "When was your organisation founded?",
    "I'm a second-year student thinking about this field, and your path is close to what I "
    "want. What would you do differently if you were starting today?",
    "x" * 10_000,
    "",
    "Tell me more about that.",
    "Thank you so much for your time. Is there anyone else I should talk to?",
    "One more question?",
]
SEEDS = range(5)
TARGET_MS = 20.0


def _script() -> list[str]:
    return [t["text"] for t in load_turns()] + EXTRA


def main() -> None:
    script = _script()
    # Load the classifier's lexicons and the word lists once, as a page does on its first turn.
    Rehearsal(persona_ids()[0]).ask("How did you get into this work?")
    times: list[float] = []
    cpu: list[float] = []
    starts: list[float] = []
    debriefs: list[float] = []
    for pid in persona_ids():
        for seed in SEEDS:
            t0 = time.perf_counter()
            r = Rehearsal(pid, minutes=120, seed=seed)
            starts.append(time.perf_counter() - t0)
            for q in script:
                if r.ended:  # a persona who has heard enough starts a fresh call
                    r = Rehearsal(pid, minutes=120, seed=seed + 1000)
                t0, c0 = time.perf_counter(), time.process_time()
                r.ask(q)
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            t0 = time.perf_counter()
            r.debrief()
            debriefs.append(time.perf_counter() - t0)

    baseline: list[float] = []
    for _ in SEEDS:
        for q in script:
            t0 = time.perf_counter()
            classify_question(q[:1500])
            baseline.append(time.perf_counter() - t0)

    ms = sorted(t * 1000 for t in times)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    median = statistics.median(ms)
    base = statistics.median(baseline) * 1000
    print(f"rehearsal turns: {len(ms)} ({len(persona_ids())} personas x {len(SEEDS)} seeds x "
          f"{len(script)} turns)")  # fmt: skip
    print(f"per turn: median {median:.3f} ms, p95 {p95:.3f} ms, max {ms[-1]:.3f} ms (wall clock)")
    cms = sorted(t * 1000 for t in cpu)
    print(f"per turn, CPU time of this process (not slowed by other work on the machine): "
          f"median {statistics.median(cms):.3f} ms, p95 {cms[int(0.95 * (len(cms) - 1))]:.3f} ms, "
          f"max {cms[-1]:.3f} ms")  # fmt: skip
    print(f"baseline, one classify_question call on the same texts: median {base:.3f} ms "
          f"(a turn costs {median / base:.1f}x that)")  # fmt: skip
    print(f"new Rehearsal: median {statistics.median(starts) * 1000:.3f} ms; debrief: median "
          f"{statistics.median(debriefs) * 1000:.3f} ms")  # fmt: skip
    verdict = "met" if p95 < TARGET_MS else "NOT met"
    print(f"target: under {TARGET_MS:.0f} ms per turn (p95): {verdict}")


if __name__ == "__main__":
    main()
