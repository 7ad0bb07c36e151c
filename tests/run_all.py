"""Every test, in two pytest processes side by side: the browser tests in one, the rest
(unit, property, golden and notebook tests) in the other. ``make test`` runs this.

The machine has two cores. In one process the browser tests came last and took over half
the run, with Chromium busy on one core while the other sat idle once the background
jobs (background.py) had finished. Side by side, the two halves share both cores from the
start. The browser tests' report is kept in a file and printed after the other report;
the run fails when either process fails. Extra arguments go to both processes
(``python tests/run_all.py -x``).

The other half runs at a lower priority (its background jobs inherit it). At equal
priority three busy processes shared two cores and Chromium, the longest single stream,
slowed by half: the whole run took 1,810 s against 1,708 s in one process. Its CPU-time
budgets (test_inputs, test_engine) measure process time, which priority does not change.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = "_build/lite-src/contents"  # the JupyterLite notebooks, run by nbval
WAIT_NOTE_EVERY = 60  # seconds between "still running" lines while waiting at the end
REST_NICENESS = 10  # the non-browser half yields the CPU to Chromium when both want it


def commands(extra: list[str]) -> tuple[list[str], list[str]]:
    """The browser process's command and the other one's."""
    pytest = [sys.executable, "-m", "pytest"]
    # The browser process leaves pytest's cache to the other one: two writers would race.
    browser = [*pytest, "tests/browser", "--durations=15", "-p", "no:cacheprovider", *extra]
    rest = [*pytest, "tests", "--ignore=tests/browser", "--nbval-lax", NOTEBOOKS,
            "--durations=25", *extra]
    return browser, rest


def _passed_so_far(log: Path) -> int:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0
    return sum(line.count(".") for line in text.splitlines() if line.startswith("tests/"))


def main(extra: list[str]) -> int:
    browser_cmd, rest_cmd = commands(extra)
    with tempfile.TemporaryDirectory(prefix="iic-browser-tests-") as tmp:
        log = Path(tmp) / "browser.log"
        print("Browser tests: running in a second process; their report follows this one.",
              flush=True)
        with log.open("w", encoding="utf-8") as out:
            browser = subprocess.Popen(browser_cmd, cwd=REPO, stdout=out,
                                       stderr=subprocess.STDOUT, start_new_session=True)
            try:
                rest_rc = subprocess.Popen(rest_cmd, cwd=REPO,
                                           preexec_fn=lambda: os.nice(REST_NICENESS)).wait()
                last = time.monotonic()
                while browser.poll() is None:
                    if time.monotonic() - last >= WAIT_NOTE_EVERY:
                        print(f"Browser tests still running: {_passed_so_far(log)} passed "
                              "so far.", flush=True)
                        last = time.monotonic()
                    time.sleep(1)
            except BaseException:
                # Ctrl-C or any error here: stop the browser tests and their Chromium too.
                if browser.poll() is None:
                    os.killpg(browser.pid, signal.SIGKILL)
                raise
        print("\n" + "=" * 30 + " browser tests (second process) " + "=" * 30, flush=True)
        sys.stdout.write(log.read_text(encoding="utf-8", errors="replace"))
        sys.stdout.flush()
    failed = [name for name, rc in (("the unit, golden and notebook tests", rest_rc),
                                    ("the browser tests", browser.returncode)) if rc != 0]
    if failed:
        print("FAILED: " + " and ".join(failed) + ".", flush=True)
        return 1
    print("Both test processes passed.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
