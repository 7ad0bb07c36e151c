"""Run the real-browser tests last, but for the tests that wait on a background job.

Playwright's sync API keeps an asyncio loop alive in the main thread for as long
as its browser is open; unit tests that start their own loop (the widgets'
debouncer) must not run inside it. Browser tests also take the longest, so a
quick failure elsewhere shows first. The slowest checks run in a second process
meanwhile (background.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import background

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
GRADING_DIR = Path(__file__).resolve().parent / "grading"


# The tests that read every fixture's grading (background.fixture_records).
GRADED_FIXTURE_TESTS = {GRADING_DIR / "test_goldens.py", GRADING_DIR / "test_fixtures.py"}


def _grades_every_fixture(items: list[pytest.Item]) -> bool:
    """The run holds a golden test for every fixture file: then grading them all in the
    second process saves the main one minutes; a run of a few goldens grades them here."""
    from benchmarks import fixture_set

    goldens = {item.name for item in items
               if Path(str(item.path)) == GRADING_DIR / "test_goldens.py"
               and getattr(item, "originalname", "") == "test_golden"}
    return len(goldens) >= len(fixture_set.names()) > 0


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what they will
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def in_browser_dir(item: pytest.Item) -> bool:
        return BROWSER_DIR in Path(str(item.path)).resolve().parents

    if _grades_every_fixture(items):
        for item in items:
            if Path(str(item.path)) in GRADED_FIXTURE_TESTS:
                item.add_marker(background.needs("fixture_records"))

    def jobs_of(item: pytest.Item) -> list[str]:
        return [m.args[0] for m in item.iter_markers("background_job")]

    # Tests that wait for a background job go last, after the browser tests, so the job has
    # had the whole run to finish on the second core and the main thread never sits idle
    # waiting for it while browser tests are still to run. (They only read files, so the
    # event loop Playwright leaves in the main thread does not matter to them.)
    items.sort(key=lambda item: (bool(jobs_of(item)), in_browser_dir(item)))  # stable
    for item in items:
        if in_browser_dir(item):
            item.add_marker(pytest.mark.browser)
    wanted = sorted({job for item in items for job in jobs_of(item)})
    if wanted and not config.option.collectonly:
        background.start(wanted)


def pytest_sessionfinish(session: pytest.Session) -> None:
    background.stop()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/goldens/ from the graders' current output (review the diff!)",
    )
