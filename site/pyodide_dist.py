"""Assemble a self-contained Pyodide distribution for the JupyterLite site.

npm's ``pyodide`` package has the core runtime but no wheels, and its lock
points every package at files we do not ship. This module copies the runtime,
adds the wheels from ``site/vendor/wheels`` plus the course's own wheel, and
rewrites the lock so that it names only files that are really there, with
their real sha256 (Pyodide checks them). Nothing in the result points off-site.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

from browser_wheels import normalise, trim_wheel, wheel_depends, wheel_name_version

#: The runtime as the module workers load it (the JupyterLite kernel and the book
#: page's worker both import pyodide.mjs); npm's classic-script pyodide.js is not
#: shipped, since nothing loads it.
CORE_FILES = [
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def top_level_imports(wheel: Path) -> list[str]:
    """Import names of a wheel: top_level.txt when present, else its top folders."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        top = [n for n in names if n.endswith(".dist-info/top_level.txt")]
        if top:
            return [x for x in zf.read(top[0]).decode().split() if x]
    tops = {n.split("/")[0] for n in names if "/" in n}
    return sorted(t for t in tops if not t.endswith((".dist-info", ".data")))


def wheel_entry(wheel: Path, depends: list[str]) -> dict:
    name, version = wheel_name_version(wheel)
    return {
        "name": name,
        "version": version,
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256(wheel),
        "package_type": "package",
        "imports": top_level_imports(wheel),
        "depends": depends,
        "unvendored_tests": False,
    }


def build_distribution(
    npm_pyodide: Path, wheels: list[Path], dest: Path,
    extras: dict[str, tuple[str, ...]] | None = None,
    on_first_use: list[str] | None = None,
) -> dict:
    """Write the distribution into ``dest`` and return the rewritten lock.

    ``wheels`` are every wheel to ship; a wheel already named in Pyodide's lock
    keeps its lock entry (with the real hash); others get a new entry whose
    dependencies are the wheel's own ``Requires-Dist`` as Pyodide sees them, plus
    those of the optional features named in ``extras`` (for the course wheel,
    "widgets": a notebook cell imports only ``exercises``, and Pyodide loads just
    what the lock says that needs). Packages named in ``on_first_use`` stay in the lock
    but out of the new entries' dependencies: a tool loads them when it needs them.
    """
    extras = extras or {}
    later = {normalise(n) for n in on_first_use or []}
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copy2(npm_pyodide / name, dest / name)

    lock = json.loads((npm_pyodide / "pyodide-lock.json").read_text())
    original = {normalise(k): v for k, v in lock["packages"].items()}
    packages: dict[str, dict] = {}
    for original_wheel in sorted(wheels):
        # Files the browser never reads are left out (browser_wheels.BROWSER_TRIM).
        wheel = trim_wheel(original_wheel, dest)
        name, version = wheel_name_version(wheel)
        if wheel.parent != dest:
            shutil.copy2(wheel, dest / wheel.name)
        if name in original and original[name]["version"] == version:
            entry = dict(original[name])
            entry.update(file_name=wheel.name, sha256=sha256(wheel))
        else:
            depends = [d for d in wheel_depends(wheel, extras.get(name, ())) if d not in later]
            entry = wheel_entry(wheel, depends)
        packages[name] = entry

    # Every dependency must itself be shipped, or Pyodide would look elsewhere.
    shipped = {normalise(k) for k in packages}
    for entry in packages.values():
        missing = [d for d in entry["depends"] if normalise(d) not in shipped]
        if missing:
            raise SystemExit(f"{entry['name']} depends on {missing}, which are not shipped")

    lock["packages"] = packages
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    return lock
