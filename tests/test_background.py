"""The second-process jobs report what they printed and how they ended, so a stale model or a
failed mutation sample fails its test with the job's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import background


def test_a_job_reports_its_output_and_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    code = "print('stale: retrain'); raise SystemExit(3)"
    monkeypatch.setitem(background.JOBS, "demo", ["-c", code])
    outcome = background.run_job("demo")
    assert outcome.returncode == 3
    assert "stale: retrain" in outcome.output
    assert outcome.command == f"python -c {code}"


def test_the_driver_writes_each_result_whole(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.setitem(background.JOBS, "ok", ["-c", "print('fine')"])
    monkeypatch.setitem(background.JOBS, "bad", ["-c", "raise SystemExit(2)"])
    background._drive(tmp_path, ["ok", "bad"])
    assert (tmp_path / "ok.rc").read_text() == "0"
    assert (tmp_path / "ok.out").read_text().strip() == "fine"
    assert (tmp_path / "bad.rc").read_text() == "2"
    assert not list(tmp_path.glob("*.tmp"))


def test_an_unknown_job_is_refused_when_a_test_names_it() -> None:
    with pytest.raises(KeyError, match="unknown background job 'nope'"):
        background.needs("nope")
