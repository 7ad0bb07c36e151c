"""Fixtures for real-browser tests: the built site on 127.0.0.1, Debian's Chromium,
and a context that blocks (and records) every request leaving the machine."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]

sys.path.insert(0, str(REPO / "site"))
from serve import make_server  # noqa: E402


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    if not (SITE / "index.html").is_file() or not (SITE / "lite" / "jupyter-lite.json").is_file():
        pytest.fail("the site is not built: run `make site` (or `make test`, which builds it)")
    server = make_server(SITE, port=0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs Debian's chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Traffic:
    """What a page did on the network and in its console."""

    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # HTTP status >= 400
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.blocked, f"requests left 127.0.0.1: {self.blocked}"
        assert not self.failed, f"failed requests: {self.failed}"
        assert not self.page_errors, f"uncaught page errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


def is_local(url: str, also: frozenset[str] = frozenset()) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "chrome-extension"):
        return True
    return parsed.hostname in LOCAL_HOSTS or parsed.hostname in also


def new_offline_context(browser, allow_hosts: tuple[str, ...] = (),
                        **options) -> tuple[object, Traffic]:
    """A fresh context where any non-loopback request is aborted and recorded.

    Routing at the context level also sees requests from Web Workers (the
    Pyodide kernel and the in-page grader), so a CDN URL anywhere fails visibly.
    ``allow_hosts`` adds this machine's own addresses for the one test that serves
    the site to a network (test_dist.py); every other test allows loopback only.
    ``options`` go to ``browser.new_context`` (a phone's viewport, for example;
    ``service_workers="block"`` where a test reroutes a file the service worker
    would otherwise serve from its cache, out of the route's reach).
    """
    context = browser.new_context(**{"service_workers": "allow", **options})
    traffic = Traffic()
    also = frozenset(allow_hosts)

    def guard(route) -> None:
        url = route.request.url
        if is_local(url, also):
            route.continue_()
        else:
            traffic.blocked.append(url)
            route.abort()

    context.route("**/*", guard)

    def watch(page) -> None:
        page.on("console", lambda m: traffic.console_errors.append(m.text)
                if m.type == "error" else None)
        page.on("pageerror", lambda e: traffic.page_errors.append(str(e)))
        page.on("response", lambda r: traffic.failed.append(f"{r.status} {r.url}")
                if r.status >= 400 else None)

    context.on("page", watch)
    return context, traffic


@pytest.fixture
def offline_context(browser) -> Iterator[tuple[object, Traffic]]:
    """One offline context (see ``new_offline_context``), closed after the test."""
    context, traffic = new_offline_context(browser)
    yield context, traffic
    context.close()


@pytest.fixture
def offline_contexts(browser) -> Iterator[object]:
    """A factory for several offline contexts in one test: separate learners, or
    separate screen sizes. Each has its own storage; all are closed afterwards."""
    made: list[object] = []

    def make(**options) -> tuple[object, Traffic]:
        context, traffic = new_offline_context(browser, **options)
        made.append(context)
        return context, traffic

    yield make
    for context in made:
        context.close()
