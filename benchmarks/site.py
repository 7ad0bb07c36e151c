"""Measure the built site: build time, size, and start-up timings in headless Chromium.

Usage: python -m benchmarks.site [--runs 5] [--no-build]

Prints, each a median over ``--runs`` fresh browser contexts (cold caches):
- JupyterLite: navigation to the first exercise widget (pitching notebook, Run All)
  beside navigation to the output of a bare notebook that runs ``1 + 1``;
- the book page's own coach: navigation to "Ready", click-to-feedback when the
  learner clicks as soon as the page has loaded, and a warm click-to-feedback.
All traffic stays on 127.0.0.1 (anything else is aborted and counted).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "_build" / "html"
sys.path.insert(0, str(REPO / "site"))

from serve import make_server  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
PITCH = ("Hi Dana, I'm Priya, a nursing student. Professor Hall suggested I write. Could we "
         "talk for 20 minutes, whenever suits you? Thank you!")
NOW = "() => performance.now()"


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def clean_build() -> float:
    shutil.rmtree(REPO / "_build", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "site" / "build.py")], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def new_page(browser, blocked: list[str]):
    context = browser.new_context()

    def guard(route) -> None:
        host = route.request.url.split("/")[2] if "//" in route.request.url else ""
        if host.startswith(("127.0.0.1", "localhost")) or not host:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context, context.new_page()


def run_all(page) -> None:
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.click('li[data-command="runmenu:run-all"]')


def lite_widget_ms(browser, url: str, blocked: list[str]) -> float:
    context, page = new_page(browser, blocked)
    page.goto(f"{url}/lite/notebooks/index.html?path=pitching.ipynb")
    run_all(page)
    page.wait_for_selector(".iic-coach-pitch textarea", timeout=180_000)
    ms = page.evaluate(NOW)
    context.close()
    return ms


def lite_bare_ms(browser, url: str, blocked: list[str]) -> float:
    context, page = new_page(browser, blocked)
    page.goto(f"{url}/lite/notebooks/index.html?path=scratchpad.ipynb")
    run_all(page)
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-OutputArea-output')]
                 .some(o => o.textContent.trim() === '2')""", timeout=180_000, polling=50)
    ms = page.evaluate(NOW)
    context.close()
    return ms


CLICK_AND_WAIT = """async (kind) => {
  const section = document.querySelector(`section.iic-exercise[data-kind="${kind}"]`);
  const before = Number(section.dataset.iicChecked || 0);
  const clicked = performance.now();
  section.querySelector('button.iic-check').click();
  while (Number(section.dataset.iicChecked || 0) === before) {
    await new Promise(r => setTimeout(r, 2));
  }
  return [clicked, performance.now()];
}"""


def inpage_ms(browser, url: str, blocked: list[str]) -> tuple[float, float, float, float]:
    """(navigation->Ready, click->feedback on an early click, navigation->that feedback,
    warm click->feedback), on two fresh contexts."""
    context, page = new_page(browser, blocked)
    page.goto(f"{url}/book/pitching.html", wait_until="domcontentloaded")
    page.focus('section.iic-exercise[data-kind="pitch"] textarea')
    page.wait_for_function(
        """() => document.querySelector('section.iic-exercise[data-kind="pitch"] .iic-ex-status')
                 .textContent.includes('Ready')""", timeout=60_000, polling=10)
    ready = page.evaluate(NOW)
    page.fill('section.iic-exercise[data-kind="pitch"] textarea', PITCH)
    page.evaluate(CLICK_AND_WAIT, "pitch")  # the first grade warms the grader's caches
    clicked, done = page.evaluate(CLICK_AND_WAIT, "pitch")
    warm = done - clicked
    context.close()

    context, page = new_page(browser, blocked)
    page.goto(f"{url}/book/pitching.html", wait_until="load")
    page.fill('section.iic-exercise[data-kind="pitch"] textarea', PITCH)
    clicked, done = page.evaluate(CLICK_AND_WAIT, "pitch")
    context.close()
    return ready, done - clicked, done, warm


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true", help="measure the existing build")
    args = parser.parse_args()

    if not args.no_build:
        print(f"clean build (python site/build.py):   {clean_build():7.1f} s")
    lite = SITE / "lite"
    print(f"site size, total:                     {size_mb(SITE):7.1f} MB")
    pyodide = size_mb(lite / "static" / "pyodide")
    print(f"  Pyodide + wheels (lite/static/pyodide): {pyodide:5.1f} MB")
    print(f"  JupyterLite, all of it (lite/):     {size_mb(lite):7.1f} MB")
    print(f"  book pages and assets (not lite/):  {size_mb(SITE) - size_mb(lite):7.1f} MB")

    from playwright.sync_api import sync_playwright

    server = make_server(SITE, port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    blocked: list[str] = []
    widget, bare, ready, early, early_nav, warm = [], [], [], [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for i in range(args.runs):
            widget.append(lite_widget_ms(browser, url, blocked))
            bare.append(lite_bare_ms(browser, url, blocked))
            r, e, en, w = inpage_ms(browser, url, blocked)
            ready.append(r)
            early.append(e)
            early_nav.append(en)
            warm.append(w)
            print(f"  run {i + 1}: widget {widget[-1]:.0f} ms, bare {bare[-1]:.0f} ms, "
                  f"page ready {r:.0f} ms, early click {e:.0f} ms, warm click {w:.1f} ms",
                  flush=True)
        browser.close()
    server.shutdown()

    w, b = median(widget), median(bare)
    print(f"\nmedian of {args.runs} cold starts in headless Chromium (fresh context each):")
    print(f"JupyterLite first exercise widget (pitching, Run All): {w:7.0f} ms")
    print(f"JupyterLite bare notebook (1 + 1, Run All):            {b:7.0f} ms")
    print(f"  ratio widget / bare:                                 {w / b:7.2f}")
    print(f"book page coach: navigation to Ready:                  {median(ready):7.0f} ms")
    print(f"book page coach: click to feedback, clicked at load:   {median(early):7.0f} ms"
          f"  (navigation to feedback {median(early_nav):.0f} ms)")
    print(f"book page coach: warm click to feedback:               {median(warm):7.1f} ms")
    print(f"  JupyterLite widget / book page Ready:                {w / median(ready):7.1f}x")
    print(f"requests blocked (left 127.0.0.1):                     {len(blocked):7d}")


if __name__ == "__main__":
    main()
