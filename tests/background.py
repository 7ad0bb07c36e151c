"""Slow checks that run in a second process while the rest of the suite runs.

The mutation sample takes several minutes of one core, and so does grading every labelled
fixture for the golden and agreement tests; pytest uses one core, and the machine has two.
(The learned models used to be retrained here to check they were current;
that grew to half an hour, so their check compares fingerprints now:
benchmarks/model_inputs.py.) So when a run collects a test that needs one of these jobs,
``start`` launches one driver process (this file, run as a script) that runs the jobs one
after another and writes each one's output and exit code to a folder; the tests that need
them are sorted to the end of the run, after the browser tests (conftest.py) and
``result`` waits for their job's files. Each job is the same command a developer runs by
hand, so a failure message can name it.

The driver is started from pytest's main thread and starts the jobs itself: starting a
process from a second thread of the test run failed in CI with "Bad address" (EFAULT).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

REPO = Path(__file__).resolve().parents[1]
JOB_TIMEOUT = 1800  # seconds; each job takes about five to seven minutes

# What each job runs, in this order; "{folder}" is the run's folder for results. The fixture
# grading first: the golden tests wait for it, and there are over a thousand of them.
JOBS: dict[str, list[str]] = {
    "fixture_records": ["-m", "benchmarks.fixture_records", "{folder}/fixture_records.json"],
    "mutation_sample": ["-m", "benchmarks.mutation", "--sample", "150", "--seed", "7",
                        "--min-caught", "0.85", "--list-uncaught"],
}


def needs(job: str) -> pytest.MarkDecorator:
    """Mark a test that reads ``result(job)``, so the run starts the job early."""
    import pytest  # here, so the driver process never loads pytest

    if job not in JOBS:
        raise KeyError(f"unknown background job {job!r}; known: {sorted(JOBS)}")
    return pytest.mark.background_job(job)


@dataclass
class Outcome:
    command: str
    returncode: int
    output: str


def _args(job: str, folder: Path | None) -> list[str]:
    where = str(folder if folder is not None else _folder)
    return [a.replace("{folder}", where) for a in JOBS[job]]


def _shown(job: str, folder: Path | None = None) -> str:
    return " ".join(["python", *_args(job, folder)])


def run_job(job: str, folder: Path | None = None) -> Outcome:
    """Run one job here and now (the driver calls this for each job in turn)."""
    shown = _shown(job, folder)
    try:
        proc = subprocess.run([sys.executable, *_args(job, folder)], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=JOB_TIMEOUT)
        return Outcome(shown, proc.returncode, proc.stdout)
    except subprocess.TimeoutExpired as exc:  # subprocess.run kills the child first
        out = exc.output if isinstance(exc.output, str) else ""
        return Outcome(shown, -1, out + f"\n(stopped after {JOB_TIMEOUT} s)")
    except OSError as exc:  # reported by the test, not lost
        return Outcome(shown, -1, f"{type(exc).__name__}: {exc}")


def _drive(folder: Path, jobs: list[str]) -> None:
    for job in jobs:
        outcome = run_job(job, folder)
        (folder / f"{job}.out").write_text(outcome.output, encoding="utf-8")
        # The exit code is written last, by rename, so a reader never sees half a result.
        tmp = folder / f"{job}.rc.tmp"
        tmp.write_text(str(outcome.returncode), encoding="utf-8")
        tmp.replace(folder / f"{job}.rc")


_driver: subprocess.Popen | None = None
_folder: Path | None = None
_started: set[str] = set()


def start(jobs: list[str]) -> None:
    """Start one driver process that runs ``jobs`` one after another."""
    global _driver, _folder
    todo = [j for j in JOBS if j in jobs and j not in _started]
    if not todo:
        return
    if _driver is not None and _driver.poll() is None:
        _driver.wait()  # one job at a time: a second driver waits for the first
    _folder = _folder or Path(tempfile.mkdtemp(prefix="iic-background-"))
    _driver = subprocess.Popen([sys.executable, __file__, str(_folder), *todo], cwd=REPO,
                               start_new_session=True)
    _started.update(todo)


def stop() -> None:
    """End the driver and its job when the test run ends (early, on -x or Ctrl-C), so no
    retrain is left running on its own."""
    if _driver is not None and _driver.poll() is None:
        try:
            os.killpg(_driver.pid, signal.SIGKILL)
        except OSError:
            pass


def result(job: str) -> Outcome:
    """The job's outcome; starts it here and now if no run started it (a single test)."""
    if job not in _started:
        start([job])
    assert _folder is not None and _driver is not None
    rc = _folder / f"{job}.rc"
    deadline = time.monotonic() + JOB_TIMEOUT * len(JOBS)
    while not rc.exists():
        if _driver.poll() is not None and not rc.exists():
            return Outcome(_shown(job), -1, f"the driver ended (exit {_driver.returncode}) "
                                            "without reporting this job")
        if time.monotonic() > deadline:
            return Outcome(_shown(job), -1, "no result in time")
        time.sleep(0.5)
    out = _folder / f"{job}.out"
    return Outcome(_shown(job), int(rc.read_text(encoding="utf-8")),
                   out.read_text(encoding="utf-8") if out.exists() else "")


_records: dict | None = None


def fixture_records(name: str) -> dict:
    """What the graders say about every text of fixture file ``name``.

    When this run started the "fixture_records" job (a run that collects every golden test:
    conftest.py), the second process has graded them all and this reads its file; otherwise
    they are graded here, once per process (fixture_set.records_once)."""
    global _records
    from benchmarks import fixture_records as job_file
    from benchmarks import fixture_set

    if "fixture_records" not in _started:
        return fixture_set.records_once(name)
    if _records is None:
        outcome = result("fixture_records")
        if outcome.returncode != 0:
            raise AssertionError(f"{outcome.command}\n{outcome.output[-4000:]}")
        assert _folder is not None
        _records = job_file.read(_folder / "fixture_records.json")
    return _records[name]


if __name__ == "__main__":
    _drive(Path(sys.argv[1]), sys.argv[2:])
