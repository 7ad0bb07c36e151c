"""Build the whole static site: the book's HTML plus a JupyterLite site inside it.

Usage: python site/build.py [--skip-book] [--skip-lite]

Output: ``_build/html/`` (book pages) with ``_build/html/lite/`` (JupyterLite,
every chapter as a notebook, the course's wheel, ipywidgets and comm importable
with a plain ``import``), the book's service worker ``iic-sw.js`` and the page
worker's manifest ``_static/iic-page-runtime.json``. Each step prints what it
does and how long it took.
The build is always clean: a stale ``.jupyterlite.doit.db`` silently produces a
site that loads Pyodide from a CDN, so no doit state survives between builds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from browser_wheels import (  # noqa: E402
    all_roots,
    browser_only,
    course_needs,
    find_wheel,
    pins,
    repack,
    resolve,
)
from lean_site import lean_book, lean_lite  # noqa: E402
from make_notebooks import build_notebooks  # noqa: E402
from offline_check import check_lite_site  # noqa: E402
from page_runtime import write_page_runtime  # noqa: E402
from precache import write_service_worker  # noqa: E402
from pyodide_dist import build_distribution  # noqa: E402

BUILD = REPO / "_build"
HTML = BUILD / "html"
LITE_SRC = BUILD / "lite-src"
LITE_OUT = HTML / "lite"
WHEEL_DIR = BUILD / "wheels"
BIN = Path(sys.executable).parent
NPM_PYODIDE = REPO / "node_modules" / "pyodide"
VENDOR_WHEELS = REPO / "site" / "vendor" / "wheels"
LABEXTENSIONS = Path(sys.prefix) / "share" / "jupyter" / "labextensions"

#: The only JupyterLab extensions the notebooks use: the Pyodide kernel and the
#: widget manager. Everything else installed in the Python environment (jupytext,
#: pygments' theme...) stays out of the site rather than shipping disabled.
LITE_EXTENSIONS = ["@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager"]


@contextmanager
def step(name: str) -> Iterator[None]:
    print(f"==> {name}", flush=True)
    start = time.perf_counter()
    yield
    print(f"    done in {time.perf_counter() - start:.1f} s", flush=True)


def run(*cmd: str, cwd: Path = REPO) -> None:
    subprocess.run(list(cmd), cwd=cwd, check=True)


def toc_chapters() -> list[Path]:
    """Chapter sources in _toc.yml order (the toc is simple enough to scan)."""
    files = []
    for line in (REPO / "_toc.yml").read_text().splitlines():
        line = line.strip()
        for key in ("root:", "- file:"):
            if line.startswith(key):
                files.append(REPO / (line.split(":", 1)[1].strip() + ".md"))
    return files


def build_book() -> None:
    with step("book: jupyter-book build (warnings are errors)"):
        # A clean build: Sphinx's cached doctrees do not notice changes to the
        # course's extension or package, so stale pages would survive.
        caches = (".doctrees", ".jupyter_cache", "jupyter_execute")
        stale_dirs = [HTML] + [BUILD / d for d in caches]
        for stale in stale_dirs:
            shutil.rmtree(stale, ignore_errors=True)
        run(str(BIN / "jupyter-book"), "build", ".", "--warningiserror", "--keep-going",
            "--quiet")


def build_wheel() -> Path:
    with step("wheel: the course's exercises package"):
        if WHEEL_DIR.exists():
            shutil.rmtree(WHEEL_DIR)
        run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
            "-w", str(WHEEL_DIR), ".")
        shutil.rmtree(REPO / "build", ignore_errors=True)
        (wheel,) = WHEEL_DIR.glob("exercises-*.whl")
        packed = wheel.with_suffix(".repacked")
        # pip deflates at level 6, and the rubric and models are indented for review; the
        # site budget counts bytes.
        repack(wheel, packed, rewrite=browser_only)
        packed.replace(wheel)
        return wheel


def browser_wheels() -> list[Path]:
    """The vendored wheels the browser needs (site/browser_wheels.py), never a stale extra."""
    lock = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())

    def vendored(name: str, version: str) -> Path:
        found = find_wheel(VENDOR_WHEELS, name, version)
        if found is None:
            sys.exit(f"{name}=={version} is not in site/vendor/wheels: run `make vendor`")
        return found

    return sorted(resolve(lock, all_roots(course_needs()), pins(), vendored).values())


def lite_config() -> dict:
    """site/lite/jupyter_lite_config.json plus the extensions to ship, by absolute path."""
    config = json.loads((HERE / "lite" / "jupyter_lite_config.json").read_text())
    paths = [LABEXTENSIONS / name for name in LITE_EXTENSIONS]
    missing = [str(p) for p in paths if not (p / "package.json").is_file()]
    if missing:
        sys.exit(f"JupyterLab extensions missing from the environment: {missing}")
    config["LiteBuildConfig"]["ignore_sys_prefix"] = ["federated_extensions"]
    config["LiteBuildConfig"]["federated_extensions"] = [str(p) for p in paths]
    return config


def build_lite(wheel: Path) -> dict:
    if LITE_SRC.exists():
        shutil.rmtree(LITE_SRC)
    if LITE_OUT.exists():
        shutil.rmtree(LITE_OUT)
    LITE_SRC.mkdir(parents=True)
    shutil.copy2(HERE / "lite" / "jupyter-lite.json", LITE_SRC / "jupyter-lite.json")
    (LITE_SRC / "jupyter_lite_config.json").write_text(json.dumps(lite_config(), indent=1))

    with step("notebooks: chapters -> .ipynb"):
        # Pages for the learner's own saved work and for instructors stay book pages.
        chapters = [p for p in toc_chapters()
                    if p.stem not in ("progress", "class-results", "instructors-guide")]
        written = build_notebooks(chapters, LITE_SRC / "contents")
        # A blank notebook for learners (and the benchmark's bare-kernel baseline).
        shutil.copy2(HERE / "lite" / "scratchpad.ipynb", LITE_SRC / "contents")
        print(f"    {len(written)} chapter notebooks + scratchpad")

    with step("pyodide: runtime + wheels + rewritten lock"):
        # The widgets import ipywidgets, and the kernel only auto-loads what a cell
        # imports directly, so the course wheel's lock entry includes its "widgets" extra;
        # it leaves out what the tracker loads on first use (the calendar export).
        lock = build_distribution(NPM_PYODIDE, browser_wheels() + [wheel],
                                  LITE_SRC / "static" / "pyodide",
                                  extras={"exercises": ("widgets",)},
                                  on_first_use=course_needs().later)
        print(f"    {len(lock['packages'])} packages in the lock")

    with step("jupyterlite: jupyter lite build"):
        for db in (REPO / ".jupyterlite.doit.db", LITE_SRC / ".jupyterlite.doit.db"):
            db.unlink(missing_ok=True)
        run(str(BIN / "jupyter"), "lite", "build", "--lite-dir", str(LITE_SRC),
            "--output-dir", str(LITE_OUT), "--contents", str(LITE_SRC / "contents"),
            cwd=LITE_SRC)

    with step("check: no URL in the JupyterLite config or Pyodide lock leaves the site"):
        problems = check_lite_site(LITE_OUT)
        if problems:
            sys.exit("offline check failed:\n  " + "\n  ".join(problems))
        settings = json.loads((LITE_OUT / "jupyter-lite.json").read_text())
        url = settings["jupyter-config-data"]["litePluginSettings"][
            "@jupyterlite/pyodide-kernel-extension:kernel"]["pyodideUrl"]
        print(f"    pyodideUrl = {url}")
    return lock


def finish_site(lock: dict, wheel: Path) -> None:
    with step("lean: no sourcemaps, font formats or faces browsers skip, no unused scripts"):
        saved = lean_book(HTML) + lean_lite(LITE_OUT)
        print(f"    removed or shrank {len(saved)} files, {sum(saved) / 1e6:.1f} MB")
    with step("page runtime: what the book page's worker loads"):
        version = json.loads((NPM_PYODIDE / "package.json").read_text())["version"]
        needs = course_needs()
        runtime = write_page_runtime(HTML, LITE_OUT / "static" / "pyodide", lock, wheel.name,
                                     needs.page, version, needs.later)
        print(f"    {runtime['bytes'] / 1e6:.1f} MB to download on a first visit, "
              f"other wheels: {runtime['wheels'] or 'none'}, on first use: "
              f"{runtime['laterFiles'] or 'none'}")
    with step("service worker: iic-sw.js with its precache manifest"):
        entries = write_service_worker(HTML, HERE / "sw" / "iic-sw.js", runtime)
        print(f"    {len(entries)} files precached, "
              f"{sum(e['size'] for e in entries) / 1e6:.1f} MB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-book", action="store_true")
    parser.add_argument("--skip-lite", action="store_true")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if not args.skip_book:
        build_book()
    if not args.skip_lite:
        wheel = build_wheel()
        lock = build_lite(wheel)
        if not args.skip_book:
            finish_site(lock, wheel)
    (HTML / ".nojekyll").touch()
    print(f"site built in {time.perf_counter() - start:.1f} s: {HTML.relative_to(REPO)}/")


if __name__ == "__main__":
    main()
