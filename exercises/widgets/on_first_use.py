"""Packages a widget loads the first time it needs them, in JupyterLite.

In JupyterLite (Pyodide) a cell that imports ``exercises`` makes the kernel load the
course wheel and what it depends on, except the packages the site build marks "on
first use" (``[tool.iic.browser] on-first-use`` in pyproject.toml): the calendar
export's icalendar and the time-zone data it brings (0.8 MB, some 600 files), which
only the campaign tracker uses. The tracker asks for them here: Pyodide's own loader
fetches them from the site in the background, and the widget is told when they can
be imported. In a learner's own Jupyter they are installed with the course, and
nothing is loaded.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterable

#: What the campaign tracker imports on first use: the calendar export and the
#: time-zone database that ``zoneinfo`` reads inside Pyodide.
CALENDAR = ("icalendar", "tzdata")


def missing(modules: Iterable[str]) -> list[str]:
    """The modules of ``modules`` that cannot be imported here."""
    return [m for m in modules if importlib.util.find_spec(m) is None]


def load_in_background(modules: Iterable[str], then: Callable[[], None]) -> bool:
    """Start loading ``modules`` (their package names in Pyodide's lock) when they are
    missing inside Pyodide; call ``then`` once they import. Returns whether a load was
    started. A load that fails leaves things as they were: the widget's own messages
    say what is unavailable.
    """
    absent = missing(modules)
    if not absent or sys.platform != "emscripten":
        return False
    try:
        import pyodide_js  # type: ignore[import-not-found]
        from pyodide.ffi import create_once_callable, to_js  # type: ignore[import-not-found]
    except ImportError:
        return False

    def loaded(_result: object = None) -> None:
        importlib.invalidate_caches()
        if not missing(absent):
            then()

    def failed(_error: object = None) -> None:
        # Nothing to undo: the tracker says so when it needs what did not load.
        return None

    pyodide_js.loadPackage(to_js(absent)).then(create_once_callable(loaded),
                                               create_once_callable(failed))
    return True
