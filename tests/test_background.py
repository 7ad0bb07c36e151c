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


def test_a_job_is_told_the_run_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code = "import sys; print(sys.argv[1])"
    monkeypatch.setitem(background.JOBS, "where", ["-c", code, "{folder}/out.json"])
    background._drive(tmp_path, ["where"])
    assert (tmp_path / "where.out").read_text().strip() == f"{tmp_path}/out.json"


def test_the_fixture_grading_job_writes_what_the_goldens_compare(tmp_path: Path) -> None:
    import json

    from benchmarks import fixture_records, fixture_set

    name = min(fixture_set.names(), key=lambda n: len(fixture_set.load(n)))
    out = tmp_path / "records.json"
    assert fixture_records.main([str(out), name]) == 0
    # Read back as the golden tests read their files: JSON on both sides of the comparison.
    assert fixture_records.read(out) == {name: json.loads(json.dumps(fixture_set.records(name)))}
    assert not list(tmp_path.glob("*.tmp"))


def test_the_fixture_grading_job_refuses_an_unknown_file(tmp_path: Path) -> None:
    from benchmarks import fixture_records

    assert fixture_records.main([str(tmp_path / "x.json"), "pitches_rw0"]) == 2
    assert fixture_records.main([]) == 2
    assert not (tmp_path / "x.json").exists()


def test_without_the_job_a_fixture_is_graded_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks import fixture_set

    monkeypatch.setattr(background, "_started", set())
    name = min(fixture_set.names(), key=lambda n: len(fixture_set.load(n)))
    assert background.fixture_records(name) is fixture_set.records_once(name)


def test_only_a_run_of_every_golden_grades_in_the_second_process() -> None:
    from types import SimpleNamespace

    from benchmarks import fixture_set

    from .conftest import GRADING_DIR, _grades_every_fixture

    def golden(name: str) -> SimpleNamespace:
        return SimpleNamespace(path=GRADING_DIR / "test_goldens.py", name=f"test_golden[{name}]",
                               originalname="test_golden")

    every = [golden(n) for n in fixture_set.names()]
    assert _grades_every_fixture(every)
    assert not _grades_every_fixture(every[1:])
    assert not _grades_every_fixture([])
