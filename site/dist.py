"""Package the built site as a zip any instructor can run: ``make dist``.

Usage: python site/dist.py [--site _build/html] [--out dist] [--version V]

The zip holds one folder, ``informational-interviews-<version>/``, with:

- ``site/``: the whole built course (book, coaches, JupyterLite), unchanged;
- ``serve.py``: the course's own server (standard library only, Python 3.11+), which
  serves ``site/`` with the types WebAssembly and module workers need, on this
  computer only or, with ``--host 0.0.0.0``, to a whole room;
- ``README.txt``: how to run it, in plain words.

The version is the package version, the build date and the commit, so two zips
from different days or commits never share a name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NAME = "informational-interviews"

README = """\
Informational Interviews: the course, ready to run without internet
====================================================================

Version {version}

What you need: a computer with Python 3.11 or newer (python.org, or the
Microsoft Store on Windows). Nothing else is installed and nothing is downloaded.

One laptop for yourself
  Open a terminal in this folder and run
      python3 serve.py            (Windows: py serve.py)
  then open http://127.0.0.1:8000/ in Chrome, Edge, Firefox or Safari.
  After the first page with an exercise has finished loading its coach, the
  browser keeps a copy: the course then works with the network switched off.

One laptop serves the whole room
  Connect the laptop to the room's Wi-Fi, a phone hotspot or a travel router.
      python3 serve.py --host 0.0.0.0
  The server prints the addresses learners type, for example
      http://192.168.1.20:8000/
  Learners' devices must be on the same network. Keep the laptop awake and the
  terminal open until the session ends (Ctrl+C stops it). If nobody can connect,
  the laptop's firewall is blocking port 8000: allow Python, or try --port 8080.
  Over a plain http:// address browsers keep no offline copy, so the pages work
  as long as this laptop is reachable.

Copy the folder instead
  Copy this whole folder to each computer (USB stick or shared drive) and run
  serve.py on each one as in "One laptop for yourself". Opening site/index.html
  straight from the disk is not enough: the coaches need a server.

Privacy: every page runs in the learner's browser. The server only hands out
files; nothing a learner types is sent to it or anywhere else.
"""


def version(repo: Path = REPO) -> str:
    """<package version>-<yyyymmdd>[-<commit>]."""
    with open(repo / "pyproject.toml", "rb") as fh:
        base = tomllib.load(fh)["project"]["version"]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, check=True,
                                capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = ""
    return "-".join(part for part in (base, stamp, commit) if part)


def build_zip(site: Path, out: Path, ver: str) -> Path:
    """Write ``out/informational-interviews-<ver>.zip``; return its path."""
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} has no index.html: build the site first (make site)")
    out.mkdir(parents=True, exist_ok=True)
    top = f"{NAME}-{ver}"
    target = out / f"{top}.zip"
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(f"{top}/README.txt", README.format(version=ver))
        zf.write(HERE / "serve.py", f"{top}/serve.py")
        for path in sorted(site.rglob("*")):
            if path.is_file():
                zf.write(path, f"{top}/site/{path.relative_to(site).as_posix()}")
    os.replace(partial, target)
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "_build" / "html")
    parser.add_argument("--out", type=Path, default=REPO / "dist")
    parser.add_argument("--version", default="")
    args = parser.parse_args(argv)
    target = build_zip(args.site, args.out, args.version or version())
    print(f"{target.relative_to(REPO) if target.is_relative_to(REPO) else target}: "
          f"{target.stat().st_size / 1e6:.1f} MB", file=sys.stdout)


if __name__ == "__main__":
    main()
