"""A copied project folder builds its own code: the Makefile drops a .venv that was
made for another folder (its scripts and editable install point back there)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHECK = REPO / "site" / "venv_elsewhere.sh"


def fake_venv(folder: Path, made_in: Path) -> Path:
    """The parts of a .venv the check reads, as `python -m venv` + `pip install -e .`
    write them in ``made_in``."""
    venv = folder / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "pip").write_text(f"#!{made_in}/.venv/bin/python3\nimport sys\n")
    site = venv / "lib" / "python3.11" / "site-packages"
    site.mkdir(parents=True)
    (site / "__editable___exercises_0_1_0_finder.py").write_text(
        f"MAPPING = {{'exercises': '{made_in}/exercises'}}\n")
    return venv


def check(folder: Path) -> str:
    done = subprocess.run([str(CHECK), ".venv", str(folder)], cwd=folder, text=True,
                          capture_output=True, check=True)
    return done.stdout.strip()


def test_own_venv_passes_and_a_copied_one_is_named(tmp_path: Path) -> None:
    original, copy = tmp_path / "course", tmp_path / "course-copy"
    original.mkdir()
    fake_venv(original, original)
    assert check(original) == ""
    shutil.copytree(original, copy, symlinks=True)
    said = check(copy)
    assert said.startswith(".venv was made for another folder")
    assert str(original) in said and "making a fresh one here" in said
    # Either sign alone is enough: scripts pointing back, or the editable install.
    (copy / ".venv" / "bin" / "pip").write_text(f"#!{copy}/.venv/bin/python3\n")
    assert str(original) in check(copy)
    # No .venv yet: nothing to say.
    shutil.rmtree(copy / ".venv")
    assert check(copy) == ""


def test_the_makefile_drops_a_copied_venv_before_anything_runs(tmp_path: Path) -> None:
    original, copy = tmp_path / "course", tmp_path / "course-copy"
    for folder in (original, copy):
        (folder / "site").mkdir(parents=True)
        shutil.copy(REPO / "Makefile", folder / "Makefile")
        shutil.copy(CHECK, folder / "site" / CHECK.name)
    fake_venv(copy, original)  # as `cp -r course course-copy` leaves it
    done = subprocess.run(["make", "-n", "clean"], cwd=copy, text=True, capture_output=True,
                          check=True)
    assert ".venv was made for another folder" in done.stdout
    assert not (copy / ".venv").exists()
    # The folder's own .venv is left alone.
    fake_venv(original, original)
    done = subprocess.run(["make", "-n", "clean"], cwd=original, text=True,
                          capture_output=True, check=True)
    assert "another folder" not in done.stdout and (original / ".venv").exists()
