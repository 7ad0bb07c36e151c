"""Every page of the book loads from 127.0.0.1 alone: no request leaves the
machine, nothing 404s, and the console stays free of errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SITE


def book_pages() -> list[str]:
    pages = sorted(p.relative_to(SITE).as_posix() for p in (SITE / "book").glob("*.html"))
    return ["index.html", "search.html", "genindex.html", *pages]


@pytest.mark.parametrize("page_path", book_pages())
def test_page_is_offline_and_clean(offline_context, site_url: str, page_path: str) -> None:
    context, traffic = offline_context
    page = context.new_page()
    response = page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    assert response is not None and response.ok, f"{page_path}: HTTP {response and response.status}"
    assert page.locator("h1").count() >= 1
    traffic.assert_clean()


def test_chapter_pages_have_a_working_practice_link(offline_context, site_url: str) -> None:
    """The JupyterLite link is visible on chapter pages and points at a notebook that exists."""
    context, traffic = offline_context
    page = context.new_page()
    page.goto(f"{site_url}/book/pitching.html")
    link = page.get_by_role("link", name="Practice in your browser").first
    assert link.is_visible()
    href = link.get_attribute("href")
    assert href == "../lite/notebooks/index.html?path=pitching.ipynb"
    assert (SITE / "lite" / "files" / "pitching.ipynb").is_file()
    traffic.assert_clean()


def test_site_pages_exist() -> None:
    assert Path(SITE / "book" / "pitching.html").is_file()
