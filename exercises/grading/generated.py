"""Files generated from the rubric data or the fixtures (docs/rubric.md, the two learned
models): write one, or with ``check`` say whether the stored copy is stale."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, text: str, command: str, check: bool, about: str = "") -> int:
    """Exit status: with ``check``, 1 when ``path`` does not hold ``text`` (and says which
    command refreshes it), else 0; without it, write ``path`` and say so."""
    if check:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            print(f"{path} is stale: run {command}", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}{f' ({about})' if about else ''}")
    return 0
