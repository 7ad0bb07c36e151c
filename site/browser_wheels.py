"""Which pure-Python wheels the browser's Pyodide gets, read from ONE place.

The list is the course package's own dependencies in ``pyproject.toml``:

- ``[project] dependencies``: what the course imports anywhere. Shipped to the
  JupyterLite kernel AND loaded by the book page's worker.
- ``[project.optional-dependencies] widgets``: what only the notebook widgets
  import (ipywidgets). Shipped to the kernel only.
- ``[tool.iic.browser] on-first-use``: [project] dependencies that the browser
  loads the first time a tool asks for them rather than at start (the campaign
  tracker's calendar export): the page's worker on the tool's first request, the
  JupyterLite kernel when the tracker widget appears (exercises.widgets.on_first_use);
  the course wheel's lock entry does not list them. Shipped and precached like the
  others.

plus what the JupyterLite kernel itself loads at start (``KERNEL_PACKAGES``), and
everything those need, followed through each wheel's ``Requires-Dist`` as Pyodide
would see it (Python 3.14, ``sys_platform == "emscripten"``).

Versions: a package named in Pyodide's own lock keeps the lock's version (the
kernel was built against it); any other must be pinned ``NAME==VERSION`` in
``requirements.txt`` (the same pin CPython uses), or resolving fails loudly.

So adding a pure-Python dependency is: put it in ``[project] dependencies`` and
pin it in ``requirements.txt``; ``make site`` downloads it, ships it, lists it in
the Pyodide lock and makes the page worker load it.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import re
import tomllib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import HeaderParser
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent

#: What the JupyterLite Pyodide kernel loads at start (see its worker).
KERNEL_PACKAGES = ["micropip", "ipython", "jedi", "parso"]

#: Dependencies that only carry front-end files for a real Jupyter server (the
#: JupyterLite site ships their JavaScript as extensions); nothing imports them
#: in the kernel, so their wheels stay out of the browser.
NOT_IN_BROWSER = {"widgetsnbextension", "jupyterlab-widgets"}

#: Files a wheel carries that the course never reads in the browser, by package:
#: (patterns to drop, patterns kept even so). The course is in English, so of
#: pyspellchecker's twelve word lists (7.2 MB) only the English one (0.65 MB) ships.
#: icalendar's and ipywidgets' own test suites are never imported by the course.
#: jedi (the kernel's completion) carries type stubs it never reads under Python 3:
#: typeshed's Python 2 folders (jedi only looks in "2and3", "3" and "3.N") and the
#: Django stubs, read only when Django is importable (it is not shipped): 0.3 of its
#: 1.6 MB.
BROWSER_TRIM: dict[str, tuple[list[str], list[str]]] = {
    "pyspellchecker": (["spellchecker/resources/*.json.gz"], ["spellchecker/resources/en.json.gz"]),
    "icalendar": (["icalendar/tests/*"], []),
    "ipywidgets": (["ipywidgets/tests/*", "ipywidgets/widgets/tests/*"], []),
    "jedi": (["jedi/third_party/typeshed/stdlib/2/*", "jedi/third_party/typeshed/third_party/2/*",
              "jedi/third_party/django-stubs/*"], []),
}

#: The environment markers of Pyodide 314 (Python 3.14 compiled to WebAssembly).
PYODIDE_ENV = {
    "python_version": "3.14",
    "python_full_version": "3.14.0",
    "implementation_name": "cpython",
    "implementation_version": "3.14.0",
    "platform_python_implementation": "CPython",
    "sys_platform": "emscripten",
    "platform_system": "Emscripten",
    "platform_machine": "wasm32",
    "os_name": "posix",
    "platform_release": "",
    "platform_version": "",
    "extra": "",
}


def normalise(name: str) -> str:
    """PEP 503 name: Pyodide's lock and pip both key packages by it."""
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_name_version(path: Path) -> tuple[str, str]:
    name, version = path.name.split("-")[:2]
    return normalise(name), version


def applies(req: Requirement, extra: str = "") -> bool:
    """Whether ``req`` is needed inside Pyodide (with ``extra`` requested, if any)."""
    if req.marker is None:
        return True
    return Marker(str(req.marker)).evaluate({**PYODIDE_ENV, "extra": extra})


def wheel_requirements(wheel: Path) -> list[Requirement]:
    """The ``Requires-Dist`` lines of a wheel's METADATA."""
    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        headers = HeaderParser().parsestr(zf.read(meta).decode("utf-8"))
    return [Requirement(r) for r in headers.get_all("Requires-Dist") or []]


def wheel_depends(wheel: Path, extras: tuple[str, ...] = ()) -> list[str]:
    """Normalised names this wheel needs in Pyodide (its base needs plus ``extras``)."""
    names = []
    for req in wheel_requirements(wheel):
        if any(applies(req, e) for e in ("", *extras)):
            name = normalise(req.name)
            if name not in NOT_IN_BROWSER and name not in names:
                names.append(name)
    return names


@dataclass
class CourseNeeds:
    """The course's direct needs in the browser, from pyproject.toml."""

    page: list[str] = field(default_factory=list)  # the book page's worker and the kernel
    kernel_only: list[str] = field(default_factory=list)  # notebook widgets
    later: list[str] = field(default_factory=list)  # worker and kernel, on first use


def course_needs(pyproject: Path = REPO / "pyproject.toml") -> CourseNeeds:
    data = tomllib.loads(pyproject.read_text())
    project = data["project"]
    later = {normalise(n) for n in
             data.get("tool", {}).get("iic", {}).get("browser", {}).get("on-first-use", [])}
    needs = CourseNeeds()
    for line in project.get("dependencies", []):
        req = Requirement(line)
        if applies(req):
            name = normalise(req.name)
            (needs.later if name in later else needs.page).append(name)
    unknown = later - set(needs.later)
    if unknown:
        raise SystemExit(f"on-first-use names {sorted(unknown)}, which are not "
                         "[project] dependencies")
    for line in project.get("optional-dependencies", {}).get("widgets", []):
        req = Requirement(line)
        name = normalise(req.name)
        if applies(req, "widgets") and name not in needs.page and name not in NOT_IN_BROWSER:
            needs.kernel_only.append(name)
    return needs


def pins(requirements: Path = REPO / "requirements.txt") -> dict[str, str]:
    """``name -> version`` for every ``NAME==VERSION`` line."""
    found = {}
    for line in requirements.read_text().splitlines():
        m = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)", line)
        if m:
            found[normalise(m.group(1))] = m.group(2)
    return found


def resolve(
    lock: dict, roots: list[str], pinned: dict[str, str], get_wheel: Callable[[str, str], Path]
) -> dict[str, Path]:
    """Every wheel the browser needs for ``roots``: ``name -> wheel file``.

    ``get_wheel(name, version)`` returns the wheel's path (the vendoring step
    downloads it; the build only looks it up). Packages in Pyodide's lock follow
    the lock's own ``depends``; others follow their wheel's ``Requires-Dist``.
    """
    in_lock = {normalise(k): v for k, v in lock["packages"].items()}
    found: dict[str, Path] = {}
    stack = [normalise(r) for r in roots]
    while stack:
        name = stack.pop()
        if name in found or name in NOT_IN_BROWSER:
            continue
        if name in in_lock:
            version = in_lock[name]["version"]
            found[name] = get_wheel(name, version)
            stack.extend(normalise(d) for d in in_lock[name]["depends"])
            continue
        if name not in pinned:
            raise SystemExit(
                f"{name} is needed in the browser but has no NAME==VERSION pin in "
                "requirements.txt; pin it there (the build ships exactly that version)")
        found[name] = get_wheel(name, pinned[name])
        stack.extend(wheel_depends(found[name]))
    return found


def trim_wheel(wheel: Path, dest_dir: Path,
               rules: dict[str, tuple[list[str], list[str]]] = BROWSER_TRIM) -> Path:
    """``wheel`` itself, or a copy in ``dest_dir`` without the files ``rules`` drop.

    The copy keeps the wheel's name and its RECORD lists only what is left, so it
    is still a valid wheel; the Pyodide lock gets the copy's own sha256.
    """
    name, _ = wheel_name_version(wheel)
    if name not in rules:
        return wheel
    drop, keep = rules[name]

    def dropped(path: str) -> bool:
        return (any(fnmatch.fnmatch(path, p) for p in drop)
                and not any(fnmatch.fnmatch(path, p) for p in keep))

    dest_dir.mkdir(parents=True, exist_ok=True)
    out = dest_dir / wheel.name
    repack(wheel, out, dropped)
    return out


def repack(wheel: Path, out: Path, dropped: Callable[[str], bool] = lambda _: False,
           rewrite: Callable[[str, bytes], bytes] | None = None) -> None:
    """Write ``wheel`` to ``out`` without the files ``dropped`` names, each other file's
    contents passed through ``rewrite`` (name, bytes) when given, deflated at the highest
    level: the site's size budget counts every byte. RECORD hashes the files' contents,
    not their compressed form; a rewritten file gets its new hash and size there."""
    with zipfile.ZipFile(wheel) as src:
        files = [(info, src.read(info)) for info in src.infolist() if not dropped(info.filename)]
    changed: dict[str, bytes] = {}
    if rewrite is not None:
        for i, (info, data) in enumerate(files):
            if not info.filename.endswith(".dist-info/RECORD"):
                new = rewrite(info.filename, data)
                if new != data:
                    files[i] = (info, new)
                    changed[info.filename] = new
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info, data in files:
            if info.filename.endswith(".dist-info/RECORD"):
                data = _record(data.decode("utf-8"), changed, dropped).encode("utf-8")
            dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def _record(text: str, changed: dict[str, bytes], dropped: Callable[[str], bool]) -> str:
    """RECORD without the dropped files' lines, and a rewritten file's hash and size its
    new contents'."""
    lines = []
    for line in text.splitlines():
        name = line.split(",", 1)[0]
        if dropped(name):
            continue
        if name in changed:
            digest = hashlib.sha256(changed[name]).digest()
            b64 = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
            line = f"{name},sha256={b64},{len(changed[name])}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def browser_only(name: str, data: bytes) -> bytes:
    """What the browser reads of a course-wheel file: JSON data without its indentation (the
    rubric and the models are written indented so their diffs read well), METADATA without
    the long description (the README; micropip reads only the headers)."""
    if name.endswith(".json"):
        return json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")).encode()
    if name.endswith(".dist-info/METADATA"):
        head, _, _body = data.decode("utf-8").partition("\n\n")
        return (head + "\n\n").encode("utf-8")
    return data


def find_wheel(directory: Path, name: str, version: str) -> Path | None:
    for wheel in directory.glob("*.whl"):
        if wheel_name_version(wheel) == (normalise(name), version):
            return wheel
    return None


def all_roots(needs: CourseNeeds) -> list[str]:
    return KERNEL_PACKAGES + needs.page + needs.later + needs.kernel_only
