"""make test's runner: both halves of the suite run, the browser report is printed after
the other, and a failure in either fails the run."""

from __future__ import annotations

import sys

import pytest

from tests import run_all


def fake(monkeypatch: pytest.MonkeyPatch, browser_rc: int, rest_rc: int) -> None:
    def commands(extra: list[str]) -> tuple[list[str], list[str]]:
        py = [sys.executable, "-c"]
        said = repr(f"browser says {extra}")
        return ([*py, f"print({said}); raise SystemExit({browser_rc})"],
                [*py, f"raise SystemExit({rest_rc})"])

    monkeypatch.setattr(run_all, "commands", commands)


@pytest.mark.parametrize("browser_rc, rest_rc, want", [(0, 0, 0), (1, 0, 1), (0, 2, 1)])
def test_either_process_failing_fails_the_run(monkeypatch, capfd, browser_rc: int,
                                              rest_rc: int, want: int) -> None:
    fake(monkeypatch, browser_rc, rest_rc)
    assert run_all.main(["-x"]) == want
    out = capfd.readouterr().out
    assert "browser says ['-x']" in out  # the second process's report, printed whole
    assert out.index("browser tests (second process)") < out.index("browser says")
    assert ("FAILED" in out) is bool(want)


def test_the_two_commands_split_the_suite_at_the_browser_folder() -> None:
    browser, rest = run_all.commands(["-k", "x"])
    assert "tests/browser" in browser and "--ignore=tests/browser" in rest
    assert "tests" in rest and run_all.NOTEBOOKS in rest
    assert browser[-2:] == rest[-2:] == ["-k", "x"]


def test_the_rest_runs_at_a_lower_priority_than_the_browser_tests(monkeypatch, capfd) -> None:
    import os

    py = [sys.executable, "-c"]
    show = "import os; print('{}', os.nice(0))"
    monkeypatch.setattr(run_all, "commands", lambda extra: ([*py, show.format("browser")],
                                                            [*py, show.format("rest")]))
    assert run_all.main([]) == 0
    out = capfd.readouterr().out
    mine = os.nice(0)
    assert f"rest {min(mine + run_all.REST_NICENESS, 19)}" in out, out  # 19 is the floor
    assert f"browser {mine}" in out, out
