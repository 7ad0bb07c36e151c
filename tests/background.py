"""Slow checks that run in a second process while the rest of the suite runs.

Retraining both learned models and the mutation sample take several minutes of one core
each, and pytest uses one core: the machine has two. So when a run collects a test that
needs one of these jobs, ``start`` launches the jobs, one after another, in a worker thread
that only waits on subprocesses; the tests that need them are sorted to the end of the
non-browser tests (conftest.py) and ``result`` waits for their job. Each job is the same
command a developer runs by hand, so a failure message can name it.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# What each job runs; the slowest first, so it is done before the tests reach it.
JOBS: dict[str, list[str]] = {
    "question_model": ["-m", "benchmarks.question_model", "--check"],
    "check_model": ["-m", "benchmarks.check_model", "--check"],
    "mutation_sample": ["-m", "benchmarks.mutation", "--sample", "150", "--seed", "7",
                        "--min-caught", "0.85", "--list-uncaught"],
}


def needs(job: str) -> pytest.MarkDecorator:
    """Mark a test that reads ``result(job)``, so the run starts the job early."""
    if job not in JOBS:
        raise KeyError(f"unknown background job {job!r}; known: {sorted(JOBS)}")
    return pytest.mark.background_job(job)


@dataclass
class Outcome:
    command: str
    returncode: int
    output: str


_done: dict[str, threading.Event] = {}
_outcomes: dict[str, Outcome] = {}


def _command(job: str) -> list[str]:
    return [sys.executable, *JOBS[job]]


def _run(job: str) -> Outcome:
    cmd = _command(job)
    try:
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=1800)
        out = proc.stdout + proc.stderr
        code = proc.returncode
    except (OSError, subprocess.SubprocessError) as exc:  # reported by the test, not lost
        out, code = f"{type(exc).__name__}: {exc}", -1
    return Outcome(" ".join(["python", *JOBS[job]]), code, out)


def start(jobs: list[str]) -> None:
    """Run ``jobs`` one after another in a daemon thread (a second process at a time)."""
    todo = [j for j in JOBS if j in jobs and j not in _done]
    for job in todo:
        _done[job] = threading.Event()

    def worker() -> None:
        for job in todo:
            try:
                _outcomes[job] = _run(job)
            finally:
                _done[job].set()

    if todo:
        threading.Thread(target=worker, name="background-jobs", daemon=True).start()


def result(job: str) -> Outcome:
    """The job's outcome; runs it here and now if no run started it (a single test, say)."""
    if job not in _done:
        start([job])
    _done[job].wait()
    return _outcomes.get(job) or Outcome(" ".join(["python", *JOBS[job]]), -1,
                                         "the job stopped without reporting")
