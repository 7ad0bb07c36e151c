"""Grade every labelled fixture once and write what the graders said to one JSON file.

    python -m benchmarks.fixture_records OUT.json [NAME ...]

The golden tests and the agreement tests read the grading of every fixture text, and grading
them all takes several minutes of one core. A full test run starts this script in its second
process (tests/background.py) while the main process runs everything else, then reads the
file instead of grading again. The records are ``fixture_set.records(name)``, written as
JSON: the golden files are JSON too, so a record read back compares exactly as the golden
tests compared it before.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import fixture_set


def write(out: Path, names: list[str] | None = None) -> dict[str, Any]:
    """Grade ``names`` (every fixture when None) and write ``{name: records}`` to ``out``,
    whole or not at all (a reader never sees half a file)."""
    names = fixture_set.names() if names is None else names
    graded: dict[str, Any] = {}
    start = time.monotonic()
    for i, name in enumerate(names, 1):
        graded[name] = fixture_set.records(name)
        if i % 100 == 0 or i == len(names):  # progress for a run that takes minutes
            print(f"{i}/{len(names)} fixture files graded ({time.monotonic() - start:.0f} s)",
                  flush=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(graded), encoding="utf-8")
    tmp.replace(out)
    return graded


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    unknown = sorted(set(argv[1:]) - set(fixture_set.names()))
    if unknown:
        print(f"no such fixture file: {', '.join(unknown)}", file=sys.stderr)
        return 2
    write(Path(argv[0]), argv[1:] or None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
