"""The built JupyterLite site names no URL outside the site (a stale doit DB or a
missing Pyodide copy silently produces a CDN build)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LITE = REPO / "_build" / "html" / "lite"
sys.path.insert(0, str(REPO / "site"))

from offline_check import check_lite_site, non_local_urls  # noqa: E402


def test_checker_flags_cdn_urls() -> None:
    data = {"a": {"pyodideUrl": "https://cdn.jsdelivr.net/pyodide/v314.0.6/full/pyodide.mjs"},
            "b": ["./static/pyodide/pyodide.mjs", "http://127.0.0.1:8000/x"]}
    found = non_local_urls(data)
    assert len(found) == 1 and "cdn.jsdelivr.net" in found[0]


@pytest.fixture(scope="module")
def lite_dir() -> Path:
    if not (LITE / "jupyter-lite.json").is_file():
        pytest.fail("JupyterLite is not built: run `make site`")
    return LITE


def test_built_lite_site_is_fully_local(lite_dir: Path) -> None:
    assert check_lite_site(lite_dir) == []


def test_lock_ships_the_course_wheel_and_widgets(lite_dir: Path) -> None:
    lock = json.loads((lite_dir / "static" / "pyodide" / "pyodide-lock.json").read_text())
    names = set(lock["packages"])
    assert {"exercises", "ipywidgets", "comm", "ipython", "micropip"} <= names
    for entry in lock["packages"].values():
        assert (lite_dir / "static" / "pyodide" / entry["file_name"]).is_file()
    assert "exercises" in lock["packages"]["exercises"]["imports"]


def test_lock_ships_the_calendar_library_and_time_zone_data(lite_dir: Path) -> None:
    """The campaign tracker's .ics export and time zones work offline in Pyodide."""
    lock = json.loads((lite_dir / "static" / "pyodide" / "pyodide-lock.json").read_text())
    packages = lock["packages"]
    assert {"icalendar", "python-dateutil", "tzdata", "six"} <= set(packages)
    assert set(packages["icalendar"]["depends"]) == {"python-dateutil", "tzdata"}
    # Loaded when the tracker appears (exercises.widgets.on_first_use), not by every
    # cell that imports the course.
    assert "icalendar" not in packages["exercises"]["depends"]
    assert "zoneinfo" not in packages["tzdata"]["imports"]  # data only: the stdlib reads it


def test_every_chapter_is_a_notebook(lite_dir: Path) -> None:
    contents = json.loads((lite_dir / "api" / "contents" / "all.json").read_text())
    names = {item["name"] for item in contents["content"]}
    for chapter in ("welcome", "purpose", "planning", "finding-people", "pitching", "questions",
                    "conversation", "practice", "workshop", "handouts"):
        assert f"{chapter}.ipynb" in names
