"""Fetch and stage every third-party asset the site serves, so it never needs a CDN.

Runs once per machine (``make vendor``); everything lands in ``site/vendor/``
(git-ignored):

- ``static/mathjax/``: MathJax 3 (npm ``mathjax``), the one script plus fonts.
- ``wheels/``: the pure-Python wheels the Pyodide kernel loads at start, at the
  exact versions Pyodide's lock names, plus ``comm`` and ``ipywidgets`` (PyPI).

Pyodide's core runtime itself comes from npm (``node_modules/pyodide``) and is
assembled into the JupyterLite site by ``site/pyodide_dist.py``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NODE = REPO / "node_modules"
VENDOR = REPO / "site" / "vendor"
WHEELS = VENDOR / "wheels"

#: What the JupyterLite Pyodide kernel loads at start (see its worker), plus what
#: the course adds. The versions of lock packages come from Pyodide's own lock.
KERNEL_PACKAGES = ["micropip", "ipython", "jedi", "parso"]
#: Not in Pyodide's lock: pinned here to the versions in requirements.txt.
EXTRA_WHEELS = {"comm": "0.2.3", "ipywidgets": "8.1.9"}


def lock_closure(lock: dict, roots: list[str]) -> dict[str, dict]:
    """The lock entries for ``roots`` and everything they depend on."""
    packages = lock["packages"]
    by_norm = {normalise(k): k for k in packages}
    seen: dict[str, dict] = {}
    stack = list(roots)
    while stack:
        key = by_norm[normalise(stack.pop())]
        if key in seen:
            continue
        seen[key] = packages[key]
        stack.extend(packages[key]["depends"])
    return seen


def normalise(name: str) -> str:
    return name.lower().replace("_", "-")


def wanted_wheels(lock: dict) -> dict[str, str]:
    wanted = {name: entry["version"] for name, entry in lock_closure(lock, KERNEL_PACKAGES).items()}
    wanted.update(EXTRA_WHEELS)
    return wanted


def have_wheel(name: str, version: str) -> bool:
    for wheel in WHEELS.glob("*.whl"):
        wheel_name, wheel_version = wheel.name.split("-")[:2]
        if normalise(wheel_name) == normalise(name) and wheel_version == version:
            return True
    return False


def download_wheels(lock: dict) -> None:
    WHEELS.mkdir(parents=True, exist_ok=True)
    missing = [f"{n}=={v}" for n, v in sorted(wanted_wheels(lock).items()) if not have_wheel(n, v)]
    if not missing:
        print(f"wheels: all {len(wanted_wheels(lock))} present in {WHEELS.relative_to(REPO)}")
        return
    print(f"wheels: downloading {len(missing)} from PyPI: {' '.join(missing)}")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "--python-version", "3.14", "--implementation", "py", "--abi", "none",
         "--platform", "any", "-d", str(WHEELS), *missing],
        check=True,
    )


def stage_mathjax() -> None:
    src = NODE / "mathjax" / "es5"
    dest = VENDOR / "static" / "vendor" / "mathjax"
    if not src.is_dir():
        sys.exit("node_modules/mathjax is missing: run `npm ci` first")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy2(src / "tex-mml-chtml.js", dest / "tex-mml-chtml.js")
    # MathJax loads its CHTML fonts relative to its own script.
    shutil.copytree(src / "output" / "chtml" / "fonts" / "woff-v2",
                    dest / "output" / "chtml" / "fonts" / "woff-v2")
    print(f"mathjax: staged in {dest.relative_to(REPO)}")


def main() -> None:
    lock_path = NODE / "pyodide" / "pyodide-lock.json"
    if not lock_path.is_file():
        sys.exit("node_modules/pyodide is missing: run `npm ci` first")
    download_wheels(json.loads(lock_path.read_text()))
    stage_mathjax()


if __name__ == "__main__":
    main()
