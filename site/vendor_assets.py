"""Fetch and stage every third-party asset the site serves, so it never needs a CDN.

Runs once per machine (``make vendor``); everything lands in ``site/vendor/``
(git-ignored):

- ``static/mathjax/``: MathJax 3 (npm ``mathjax``), the one script plus fonts.
- ``wheels/``: the pure-Python wheels the browser's Pyodide needs (PyPI): what
  the JupyterLite kernel loads at start and the course's own dependencies, as
  listed by ``site/browser_wheels.py`` (read from pyproject.toml).
- ``static/vendor/workbox/``: the Workbox modules (npm) of the book's service worker.

Pyodide's core runtime itself comes from npm (``node_modules/pyodide``) and is
assembled into the JupyterLite site by ``site/pyodide_dist.py``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NODE = REPO / "node_modules"
VENDOR = REPO / "site" / "vendor"
WHEELS = VENDOR / "wheels"
sys.path.insert(0, str(REPO / "site"))

from browser_wheels import all_roots, course_needs, find_wheel, pins, resolve  # noqa: E402

#: Workbox (npm) modules the book's service worker uses; workbox-sw loads the others.
WORKBOX = ["workbox-sw", "workbox-core", "workbox-precaching", "workbox-routing",
           "workbox-strategies"]


def download_wheel(name: str, version: str) -> Path:
    have = find_wheel(WHEELS, name, version)
    if have:
        return have
    print(f"wheels: downloading {name}=={version} from PyPI", flush=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "--python-version", "3.14", "--implementation", "py", "--abi", "none",
         "--platform", "any", "-d", str(WHEELS), f"{name}=={version}"],
        check=True,
    )
    found = find_wheel(WHEELS, name, version)
    if found is None:
        sys.exit(f"pip downloaded no wheel for {name}=={version}")
    return found


def download_wheels(lock: dict) -> None:
    """Every wheel the browser needs (see site/browser_wheels.py), fetched once."""
    WHEELS.mkdir(parents=True, exist_ok=True)
    wheels = resolve(lock, all_roots(course_needs()), pins(), download_wheel)
    print(f"wheels: {len(wheels)} for the browser in {WHEELS.relative_to(REPO)}")


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


def stage_workbox() -> None:
    dest = VENDOR / "static" / "vendor" / "workbox"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for package in WORKBOX:
        build = NODE / package / "build"
        if not build.is_dir():
            sys.exit(f"node_modules/{package} is missing: run `npm ci` first")
        for src in build.glob("*.js"):
            if src.name.endswith(".dev.js"):
                continue  # workbox-sw is told to load the production builds
            # The site ships no sourcemaps, so drop the comment that points at one.
            text = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", src.read_text())
            (dest / src.name).write_text(text)
    print(f"workbox: staged in {dest.relative_to(REPO)}")


def main() -> None:
    lock_path = NODE / "pyodide" / "pyodide-lock.json"
    if not lock_path.is_file():
        sys.exit("node_modules/pyodide is missing: run `npm ci` first")
    download_wheels(json.loads(lock_path.read_text()))
    stage_mathjax()
    stage_workbox()


if __name__ == "__main__":
    main()
