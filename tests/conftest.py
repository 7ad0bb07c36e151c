"""Run the real-browser tests last.

Playwright's sync API keeps an asyncio loop alive in the main thread for as long
as its browser is open; unit tests that start their own loop (the widgets'
debouncer) must not run inside it. Browser tests also take the longest, so a
quick failure elsewhere shows first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

BROWSER_DIR = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def in_browser_dir(item: pytest.Item) -> bool:
        return BROWSER_DIR in Path(str(item.path)).resolve().parents

    items.sort(key=in_browser_dir)  # stable: keeps each group's own order
    for item in items:
        if in_browser_dir(item):
            item.add_marker(pytest.mark.browser)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/goldens/ from the graders' current output (review the diff!)",
    )
