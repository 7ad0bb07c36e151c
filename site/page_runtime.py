"""The book page worker's manifest: ``_static/iic-page-runtime.json``.

The worker (site/ext/static/iic-worker.mjs) reads it first. It names the course
wheel inside the JupyterLite Pyodide distribution (so the site ships the wheel
once), the wheels of the lock packages the page needs (with their dependencies),
how many bytes a
first visit downloads (for the loading progress), and a key that changes
whenever anything that ends up in the worker's memory changes, the worker itself
included (for the memory snapshot kept in the browser).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from browser_wheels import normalise

#: Fetched by Pyodide while it starts (the wasm, the standard library, the lock).
CORE_DOWNLOADS = ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
#: The page's worker, in the built site.
WORKER = "_static/iic-worker.mjs"


def closure(lock: dict, roots: list[str]) -> list[str]:
    """``roots`` and everything they depend on in the lock, by normalised name."""
    packages = {normalise(k): v for k, v in lock["packages"].items()}
    seen: list[str] = []
    stack = [normalise(r) for r in roots]
    while stack:
        name = stack.pop()
        if name not in seen:
            seen.append(name)
            stack.extend(normalise(d) for d in packages[name]["depends"])
    return sorted(seen)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_page_runtime(html: Path, pyodide_dir: Path, lock: dict, wheel_name: str,
                       page_packages: list[str], version: str,
                       later_packages: list[str] | None = None) -> dict:
    """Write the manifest and return it.

    ``later_packages`` are loaded by the worker on first use: listed with their files
    (``laterPackages``, ``laterFiles``) so the service worker precaches them, but
    left out of ``bytes`` (the start's download) and of the snapshot ``key``.
    """
    packages = {normalise(k): v for k, v in lock["packages"].items()}
    loaded = closure(lock, page_packages)
    files = CORE_DOWNLOADS + [wheel_name] + [packages[n]["file_name"] for n in loaded]
    key = hashlib.sha256()
    for name in ["pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip", *files[3:]]:
        key.update(name.encode() + b"\0" + file_sha256(pyodide_dir / name).encode())
    # The worker decides what the snapshot's memory holds (where the wheels are, what
    # is imported), so a new worker never restores an older worker's snapshot.
    worker = html / WORKER
    key.update(WORKER.encode() + b"\0" + file_sha256(worker).encode())
    runtime = {
        "pyodide": version,
        "wheel": wheel_name,
        # Unpacked like the course wheel (not loadPackage, whose state would keep
        # the memory snapshot from being made); already closed over dependencies.
        "wheels": [packages[n]["file_name"] for n in loaded],
        "files": files,
        "bytes": sum((pyodide_dir / f).stat().st_size for f in files),
        "key": f"{version}-{key.hexdigest()[:20]}",
    }
    later = [n for n in closure(lock, list(later_packages or [])) if n not in loaded]
    runtime["laterPackages"] = [packages[normalise(p)]["name"] for p in later_packages or []]
    runtime["laterFiles"] = [packages[n]["file_name"] for n in later]
    (html / "_static" / "iic-page-runtime.json").write_text(json.dumps(runtime, indent=1))
    return runtime
