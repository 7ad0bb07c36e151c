"""No course file shares a run of 8+ words with the guide the course is built from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOL = REPO.parent / "shared" / "tools" / "seed_overlap.py"


@pytest.mark.skipif(not TOOL.is_file(), reason="../shared/tools/seed_overlap.py is not present")
def test_no_sentence_is_copied_from_the_guide() -> None:
    result = subprocess.run(
        [sys.executable, str(TOOL), "book", "exercises", "README.md", "docs", "site/ext", "tests",
         "benchmarks"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.stdout == "", f"runs of 8+ words shared with the guide:\n{result.stdout}"
    assert result.returncode == 0
