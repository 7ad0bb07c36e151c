"""Find any URL in the built JupyterLite site's config or Pyodide lock that leaves the site.

Used by the build (which fails on a problem) and by the tests. A stale doit
database or a missing Pyodide copy makes ``jupyter lite build`` quietly fall
back to a CDN; this check makes that loud.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

URL = re.compile(r"\b(?:https?:)?//[^\s\"']+", re.I)
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def non_local_urls(value: object, where: str = "") -> list[str]:
    """Every string inside ``value`` that holds a URL to another host."""
    found: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            found += non_local_urls(v, f"{where}.{k}" if where else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += non_local_urls(v, f"{where}[{i}]")
    elif isinstance(value, str):
        for m in URL.finditer(value):
            host = m.group(0).split("//", 1)[1].split("/", 1)[0].split(":")[0]
            if host not in LOCAL_HOSTS:
                found.append(f"{where}: {m.group(0)}")
    return found


def check_lite_site(lite_dir: Path) -> list[str]:
    """Problems that would make the JupyterLite site reach off-site; [] when sound."""
    problems: list[str] = []
    configs = sorted(lite_dir.glob("**/jupyter-lite.json"))
    if not configs:
        return [f"{lite_dir}: no jupyter-lite.json (was JupyterLite built?)"]
    for cfg in configs:
        data = json.loads(cfg.read_text())
        problems += [f"{cfg.relative_to(lite_dir)}: {p}" for p in non_local_urls(data)]
    root = json.loads((lite_dir / "jupyter-lite.json").read_text())
    kernel = root.get("jupyter-config-data", {}).get("litePluginSettings", {}).get(
        "@jupyterlite/pyodide-kernel-extension:kernel", {})
    url = kernel.get("pyodideUrl", "")
    if not url.startswith("./"):
        problems.append(f"jupyter-lite.json: pyodideUrl is {url!r}, not a local path")
    if kernel.get("disablePyPIFallback") is not True:
        problems.append("jupyter-lite.json: disablePyPIFallback is not true")
    lock_path = lite_dir / "static" / "pyodide" / "pyodide-lock.json"
    if not lock_path.is_file():
        problems.append("static/pyodide/pyodide-lock.json is missing")
        return problems
    lock = json.loads(lock_path.read_text())
    problems += [f"pyodide-lock.json: {p}" for p in non_local_urls(lock)]
    for name, entry in lock.get("packages", {}).items():
        if not (lock_path.parent / entry.get("file_name", "")).is_file():
            problems.append(f"pyodide-lock.json: {name} names {entry.get('file_name')!r}, "
                            "which is not shipped")
    return problems
