"""Which wheels reach the browser's Pyodide: read from pyproject.toml, pinned by
requirements.txt, followed through each wheel's Requires-Dist as Pyodide sees it."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "site"))

from browser_wheels import (  # noqa: E402
    NOT_IN_BROWSER,
    course_needs,
    pins,
    resolve,
    wheel_depends,
)


def make_wheel(directory: Path, name: str, version: str, requires: list[str]) -> Path:
    path = directory / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    meta = "Metadata-Version: 2.1\nName: {}\nVersion: {}\n{}\n".format(
        name, version, "".join(f"Requires-Dist: {r}\n" for r in requires))
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name.replace('-', '_')}/__init__.py", "")
        zf.writestr(f"{name.replace('-', '_')}-{version}.dist-info/METADATA", meta)
    return path


LOCK = {"packages": {
    "six": {"name": "six", "version": "1.17.0", "depends": []},
    "python-dateutil": {"name": "python-dateutil", "version": "2.9.0.post0", "depends": ["six"]},
}}


def test_dependencies_are_followed_with_pyodide_markers(tmp_path: Path) -> None:
    make_wheel(tmp_path, "calendarlib", "7.3.2", [
        "python-dateutil", "tzdata", "typing-extensions; python_version < '3.11'",
        "pywin32; sys_platform == 'win32'", "speedups; extra == 'fast'"])
    make_wheel(tmp_path, "tzdata", "2025.2", [])
    make_wheel(tmp_path, "six", "1.17.0", [])
    make_wheel(tmp_path, "python_dateutil", "2.9.0.post0", ["six>=1.5"])

    asked: list[tuple[str, str]] = []

    def get(name: str, version: str) -> Path:
        asked.append((name, version))
        return next(tmp_path.glob(f"{name.replace('-', '_')}-{version}-*.whl"))

    found = resolve(LOCK, ["calendarlib"], {"calendarlib": "7.3.2", "tzdata": "2025.2"}, get)
    assert set(found) == {"calendarlib", "tzdata", "python-dateutil", "six"}
    # A package in Pyodide's lock keeps the lock's version, whatever pip would pick.
    assert ("python-dateutil", "2.9.0.post0") in asked
    assert wheel_depends(found["calendarlib"]) == ["python-dateutil", "tzdata"]
    assert wheel_depends(found["calendarlib"], ("fast",)) == [
        "python-dateutil", "tzdata", "speedups"]


def test_an_unpinned_dependency_fails_loudly(tmp_path: Path) -> None:
    make_wheel(tmp_path, "spell", "0.8.3", ["wordfreq"])
    with pytest.raises(SystemExit, match="wordfreq.*requirements.txt"):
        resolve(LOCK, ["spell"], {"spell": "0.8.3"},
                lambda n, v: next(tmp_path.glob(f"{n}-{v}-*.whl")))


def test_front_end_only_packages_stay_out(tmp_path: Path) -> None:
    make_wheel(tmp_path, "widgetlib", "8.1.9", ["widgetsnbextension~=4.0", "comm>=0.1"])
    make_wheel(tmp_path, "comm", "0.2.3", [])
    found = resolve(LOCK, ["widgetlib"], {"widgetlib": "8.1.9", "comm": "0.2.3"},
                    lambda n, v: next(tmp_path.glob(f"{n}-{v}-*.whl")))
    assert set(found) == {"widgetlib", "comm"}
    assert "widgetsnbextension" in NOT_IN_BROWSER


def test_the_course_lists_its_needs_in_pyproject_and_pins_them() -> None:
    needs = course_needs()
    pinned = pins()
    assert "ipywidgets" in needs.kernel_only  # the notebook widgets
    for name in needs.page + needs.kernel_only:
        assert name in pinned, f"{name} is a course dependency without a pin in requirements.txt"


def test_pins_read_name_version_lines(tmp_path: Path) -> None:
    req = tmp_path / "requirements.txt"
    req.write_text("# comment\nIPyWidgets==8.1.9\nfoo_bar == 1.0  # why\nbaz>=2\n")
    assert pins(req) == {"ipywidgets": "8.1.9", "foo-bar": "1.0"}


def test_a_trimmed_wheel_keeps_only_what_the_browser_reads(tmp_path: Path) -> None:
    from browser_wheels import BROWSER_TRIM, trim_wheel

    src = tmp_path / "src"
    src.mkdir()
    wheel = src / "pyspellchecker-0.9.1-py3-none-any.whl"
    files = ["spellchecker/__init__.py", "spellchecker/resources/en.json.gz",
             "spellchecker/resources/de.json.gz", "spellchecker/resources/nl.json.gz"]
    with zipfile.ZipFile(wheel, "w") as zf:
        for name in files:
            zf.writestr(name, "x" * 100)
        zf.writestr("pyspellchecker-0.9.1.dist-info/METADATA", "Name: pyspellchecker\n")
        zf.writestr("pyspellchecker-0.9.1.dist-info/RECORD",
                    "".join(f"{n},sha256=x,100\n" for n in files))
    out = trim_wheel(wheel, tmp_path / "out")
    assert out.name == wheel.name and out != wheel
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        record = zf.read("pyspellchecker-0.9.1.dist-info/RECORD").decode()
    assert "spellchecker/resources/en.json.gz" in names
    assert "spellchecker/resources/de.json.gz" not in names and "nl.json.gz" not in record
    assert "spellchecker/resources/en.json.gz" in record and "__init__.py" in record
    # Wheels without a rule are shipped untouched.
    other = make_wheel(src, "comm", "0.2.3", [])
    assert trim_wheel(other, tmp_path / "out") == other
    assert "pyspellchecker" in BROWSER_TRIM
    assert BROWSER_TRIM["icalendar"] == (["icalendar/tests/*"], [])  # the course never runs them


def test_on_first_use_moves_a_dependency_out_of_the_start(tmp_path: Path) -> None:
    project = tmp_path / "pyproject.toml"
    project.write_text('[project]\nname = "x"\ndependencies = ["icalendar>=7", "wordlist"]\n'
                       '[tool.iic.browser]\non-first-use = ["iCalendar"]\n')
    needs = course_needs(project)
    assert needs.page == ["wordlist"] and needs.later == ["icalendar"]
    project.write_text('[project]\nname = "x"\ndependencies = ["wordlist"]\n'
                       '[tool.iic.browser]\non-first-use = ["icalendar"]\n')
    with pytest.raises(SystemExit, match="icalendar"):
        course_needs(project)


def test_the_course_loads_its_calendar_library_on_first_use() -> None:
    needs = course_needs()
    assert "icalendar" in needs.later and "icalendar" not in needs.page
    assert "icalendar" in pins()


def test_the_trimmed_jedi_still_completes_from_its_type_stubs(tmp_path: Path) -> None:
    """The kernel's completion uses the trimmed jedi wheel: run that very wheel (and the
    shipped parso) in a fresh interpreter and complete a standard-library name and a
    method that only typeshed's stubs describe."""
    import subprocess

    from browser_wheels import trim_wheel

    vendor = REPO / "site" / "vendor" / "wheels"
    wheels = {n: next(vendor.glob(f"{n}-*.whl"), None) for n in ("jedi", "parso")}
    if None in wheels.values():
        pytest.fail("site/vendor/wheels is not staged: run `make vendor`")
    trimmed = trim_wheel(wheels["jedi"], tmp_path / "out")
    with zipfile.ZipFile(trimmed) as zf:
        names = zf.namelist()
    assert not [n for n in names if "/django-stubs/" in n or "/typeshed/stdlib/2/" in n
                or "/typeshed/third_party/2/" in n]
    assert any("/typeshed/stdlib/3/" in n for n in names)
    assert any("/typeshed/third_party/2and3/" in n for n in names)
    for wheel in (trimmed, wheels["parso"]):
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(tmp_path / "site")
    script = "\n".join([
        "import sys",
        f"sys.path.insert(0, {str(tmp_path / 'site')!r})",
        "import jedi",
        "assert jedi.__file__.startswith(sys.path[0]), jedi.__file__",
        "words = {c.name for c in jedi.Script('import os\\nos.pa').complete()}",
        "assert 'path' in words, words",
        "words = {c.name for c in jedi.Script('x = \"a\"\\nx.up').complete()}",
        "assert 'upper' in words, words",
        "print('ok')",
    ])
    run = subprocess.run([sys.executable, "-I", "-c", script], capture_output=True, text=True,
                         timeout=120)
    assert run.stdout.strip() == "ok", run.stderr


def test_the_course_wheel_ships_its_json_and_metadata_as_the_browser_reads_them(
        tmp_path: Path) -> None:
    import base64
    import hashlib
    import json

    from browser_wheels import browser_only, repack

    rubric = json.dumps({"checks": [{"id": "pitch.concise", "limit": 150}]}, indent=1)
    meta = "Metadata-Version: 2.1\nName: exercises\nRequires-Dist: pyspellchecker\n\n# README\n"
    wheel = tmp_path / "exercises-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("exercises/rubric/pitch.json", rubric)
        zf.writestr("exercises/__init__.py", "X = 1\n")
        zf.writestr("exercises-0.1.0.dist-info/METADATA", meta)
        zf.writestr("exercises-0.1.0.dist-info/RECORD",
                    "exercises/rubric/pitch.json,sha256=old,99\nexercises/__init__.py,sha256=keep,6\n"
                    "exercises-0.1.0.dist-info/METADATA,sha256=old,80\n"
                    "exercises-0.1.0.dist-info/RECORD,,\n")
    out = tmp_path / "out.whl"
    repack(wheel, out, rewrite=browser_only)
    with zipfile.ZipFile(out) as zf:
        shipped = zf.read("exercises/rubric/pitch.json")
        head = zf.read("exercises-0.1.0.dist-info/METADATA").decode()
        record = zf.read("exercises-0.1.0.dist-info/RECORD").decode().splitlines()
    assert json.loads(shipped) == json.loads(rubric) and len(shipped) < len(rubric)
    assert "Requires-Dist: pyspellchecker" in head and "README" not in head
    digest = base64.urlsafe_b64encode(hashlib.sha256(shipped).digest()).rstrip(b"=").decode()
    assert f"exercises/rubric/pitch.json,sha256={digest},{len(shipped)}" in record
    assert "exercises/__init__.py,sha256=keep,6" in record  # unchanged files keep their line
    assert "exercises-0.1.0.dist-info/RECORD,," in record
