"""Measure the built site: build time, size, start-up and offline timings in headless Chromium.

Usage: python -m benchmarks.site [--runs 5] [--no-build] [--skip-lite] [--skip-throttled]

Every timing is a median over ``--runs`` iterations; each iteration measures every
figure once, so the ratios compare numbers taken side by side on the same machine
at the same moment (other work on a shared machine slows both sides alike):

- floor: a blank page whose module worker runs the same Pyodide with no packages,
  puts the same wheels on ``sys.path`` the same way as the book's coach (written to
  Pyodide's file system and imported from the zip) and imports the same module
  (``exercises.page_bridge``): navigation to done. Nothing of the book page.
- first visit: the pitching page in a new browser profile (no HTTP cache, no
  service worker, no snapshot): navigation to the coach's "Ready".
- return visit: the same profile, browser restarted: navigation to "Ready"
  (memory snapshot restored, files from the service worker).
- throttled first visit: a new profile on a 10 Mbit/s, 40 ms link; the learner
  reads for 15 s after the page has loaded, then types and clicks Check: click to
  feedback, and the bytes the visit moved.
- JupyterLite: navigation to the first exercise widget (pitching, Run All) beside
  navigation to the output of a bare notebook that runs ``1 + 1``; each in a new
  profile, the two in alternating order from run to run.

The return visit is also broken into phases (page to worker start, snapshot read,
Pyodide's module, restore, wheels and first call), as medians over the runs.

Chromium runs with a host-resolver rule that fails every host but 127.0.0.1, and
requests that leave the machine are counted (there must be none). No request
interception: Playwright's routing turns the HTTP cache off, and caching is part
of what is measured. The server gzips text and wasm, as static hosts do; its
compression cache is warmed before the first measurement.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "_build" / "html"
sys.path.insert(0, str(REPO / "site"))
sys.path.insert(0, str(REPO / "site" / "ext"))
sys.path.insert(0, str(REPO))

from serve import SiteHandler, make_server  # noqa: E402

from tests.browser.lite import run_all_cells  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
PITCH = ("Hi Dana, I'm Priya, a nursing student. Professor Hall suggested I write. Could we "
         "talk for 20 minutes, whenever suits you? Thank you!")
PITCH_SECTION = 'section.iic-exercise[data-kind="pitch"]'
READY = "() => window.iicCoachReadyAt !== undefined"
THROTTLE = {"offline": False, "latency": 40, "downloadThroughput": 10e6 / 8,
            "uploadThroughput": 10e6 / 8}
READING_S = 15

FLOOR_HTML = b"""<!doctype html><meta charset="utf-8"><title>floor</title>
<script>
const worker = new Worker("floor-worker.mjs", {type: "module"});
worker.onmessage = (e) => { window.floorDoneAt = performance.now(); window.floor = e.data; };
worker.postMessage({});
</script>"""

FLOOR_WORKER = """
self.onmessage = async () => {
  const runtime = await (await fetch("../_static/iic-page-runtime.json")).json();
  const indexURL = new URL("../lite/static/pyodide/", self.location).href;
  const names = [runtime.wheel, ...runtime.wheels];
  const wheels = names.map((name) => fetch(indexURL + name).then((r) => r.arrayBuffer()));
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, packages: [] });
  const dir = "/lib/iic-wheels/";
  pyodide.FS.mkdirTree(dir);
  const buffers = await Promise.all(wheels);
  names.forEach((name, i) => pyodide.FS.writeFile(dir + name, new Uint8Array(buffers[i])));
  pyodide.runPython(`import sys; sys.path.extend(${JSON.stringify(names.map((n) => dir + n))})`);
  pyodide.pyimport("exercises.page_bridge");
  self.postMessage("done");
};
"""


class BenchHandler(SiteHandler):
    """The site, plus the floor page under /__bench/ (same origin, same server)."""

    EXTRA = {"/__bench/floor.html": (FLOOR_HTML, "text/html"),
             "/__bench/floor-worker.mjs": (FLOOR_WORKER.encode(), "text/javascript")}

    def do_GET(self) -> None:  # noqa: N802
        extra = self.EXTRA.get(self.path.split("?")[0])
        if extra is None:
            super().do_GET()
            return
        body, kind = extra
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def clean_build() -> float:
    shutil.rmtree(REPO / "_build", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "site" / "build.py")], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def moved_mb(requests: list[Any]) -> float:
    """Bytes on the wire (compressed bodies and headers) of finished requests, in MB."""
    total = 0
    for request in list(requests):
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total / 1e6


def median(values: list[float]) -> float:
    return statistics.median(values)


class Bench:
    def __init__(self, playwright: Any, url: str) -> None:
        self.p = playwright
        self.url = url
        self.left: list[str] = []
        self.profiles: list[str] = []

    def launch(self, profile: str | None = None) -> Any:
        """A browser with its own on-disk profile (a real HTTP cache, like a reader's)."""
        if profile is None:
            profile = tempfile.mkdtemp(prefix="iic-bench-")
            self.profiles.append(profile)
        context = self.p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS)
        context.on("request", self._watch)
        context.iic_profile = profile
        return context

    def _watch(self, request: Any) -> None:
        host = request.url.split("/")[2] if "//" in request.url else ""
        if host and not host.startswith(("127.0.0.1", "localhost")):
            self.left.append(request.url)

    def cleanup(self) -> None:
        for profile in self.profiles:
            shutil.rmtree(profile, ignore_errors=True)

    # ---- the book page's coach ----
    def floor_ms(self) -> float:
        context = self.launch()
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(f"{self.url}/__bench/floor.html")
        page.wait_for_function("() => window.floorDoneAt !== undefined", timeout=120_000)
        ms = page.evaluate("window.floorDoneAt")
        context.close()
        return ms

    def open_pitch(self, context: Any) -> Any:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(f"{self.url}/book/pitching.html", wait_until="domcontentloaded")
        page.focus(f"{PITCH_SECTION} textarea")  # a learner who starts typing at once
        page.wait_for_function(READY, timeout=120_000, polling=10)
        return page

    def first_and_return(self) -> tuple[float, float, str, dict[str, float]]:
        """(first visit Ready, return visit Ready, how the return visit started, the
        return visit's phases in ms)."""
        context = self.launch()
        page = self.open_pitch(context)
        first = page.evaluate("window.iicCoachReadyAt")
        # Leave as a reader would after using the coach: snapshot kept, offline copy made.
        page.wait_for_function("() => window.iicCoachSnapshot === 'stored'", timeout=120_000)
        page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=120_000)
        profile = context.iic_profile
        context.close()
        context = self.launch(profile)
        page = self.open_pitch(context)
        back = page.evaluate("window.iicCoachReadyAt")
        how = page.evaluate("window.iicCoachStart")
        phases = return_phases(page.evaluate(
            "({started: window.iicCoachStartedAt, ready: window.iicCoachReadyAt, "
            "marks: window.iicCoachMarks, pageOrigin: performance.timeOrigin})"))
        context.close()
        return first, back, how, phases

    def throttled(self) -> tuple[float, float, float]:
        """(click to feedback in ms, MB moved, navigation to Ready) on a 10 Mbit/s, 40 ms link."""
        context = self.launch()
        page = context.pages[0] if context.pages else context.new_page()
        finished: list[Any] = []
        context.on("requestfinished", lambda r: finished.append(r))
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
        page.goto(f"{self.url}/book/pitching.html", wait_until="load", timeout=120_000)
        page.wait_for_timeout(READING_S * 1000)
        page.fill(f"{PITCH_SECTION} textarea", PITCH)
        clicked, done = page.evaluate(CLICK_AND_WAIT, "pitch")
        ready = page.evaluate("window.iicCoachReadyAt")
        moved = moved_mb(finished)
        context.close()
        return done - clicked, moved, ready

    def reading_page_mb(self) -> float:
        """Bytes a reader moves for the welcome page (no exercise), first visit."""
        context = self.launch()
        page = context.pages[0] if context.pages else context.new_page()
        finished: list[Any] = []
        context.on("requestfinished", lambda r: finished.append(r))
        page.goto(f"{self.url}/book/welcome.html", wait_until="networkidle")
        page.wait_for_timeout(4000)  # idle time: nothing more may load
        moved = moved_mb(finished)
        context.close()
        return moved

    # ---- JupyterLite ----
    def lite_ms(self, notebook: str, done_js: str) -> float:
        context = self.launch()
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(f"{self.url}/lite/notebooks/index.html?path={notebook}")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        # The browser tests' driver: Run All again if the first click came before the
        # notebook's session was ready (then nothing runs; the clock keeps running).
        run_all_cells(page)
        page.wait_for_function(done_js, timeout=180_000, polling=50)
        ms = page.evaluate("performance.now()")
        context.close()
        return ms


#: A restored return visit, phase by phase, on the page's clock (the worker reports its
#: own time origin with its marks).
PHASES = [
    ("page to worker created (the page's <head> starts it)", None, "start"),
    ("worker thread up, its script loaded", "start", "boot"),
    ("manifest, stored key, Pyodide's loader script", "boot", "manifest"),
    ("snapshot bytes read from storage", "manifest", "bytesRead"),
    ("Pyodide's module: script, wasm, standard library", "bytesRead", "moduleCreated"),
    ("memory restored, Python's state rebuilt", "moduleCreated", "restored"),
    ("wheels written back, first call", "restored", "installed"),
    ("answer reaches the page (Ready)", "installed", "ready"),
]


def return_phases(seen: dict[str, Any]) -> dict[str, float]:
    """Durations of PHASES from a return visit's timings; {} if it did not restore."""
    marks = dict(seen.get("marks") or {})
    origin = marks.pop("timeOrigin", None)
    if "restored" not in marks or seen.get("started") is None or origin is None:
        return {}
    shift = origin - seen["pageOrigin"]  # worker clock -> page clock
    at = {"start": seen["started"], "ready": seen["ready"]}
    at.update({k: v + shift for k, v in marks.items()})
    return {label: at[end] - (at[begin] if begin else 0.0) for label, begin, end in PHASES}


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
WIDGET_SHOWN = "() => !!document.querySelector('.iic-coach-pitch textarea')"
BARE_DONE = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
                 .some(o => o.textContent.trim() === '2')"""


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true", help="measure the existing build")
    parser.add_argument("--skip-lite", action="store_true")
    parser.add_argument("--skip-throttled", action="store_true")
    args = parser.parse_args()

    if not args.no_build:
        print(f"clean build (python site/build.py):      {clean_build():7.1f} s")
    lite = SITE / "lite"
    total = size_mb(SITE)
    print(f"site size, total:                         {total:7.2f} MB (target <= 40: "
          f"{verdict(total <= 40)})")
    pyodide = size_mb(lite / "static" / "pyodide")
    print(f"  Pyodide + wheels (lite/static/pyodide): {pyodide:7.1f} MB")
    print(f"  JupyterLite, all of it (lite/):         {size_mb(lite):7.1f} MB")
    print(f"  book pages and assets (not lite/):      {total - size_mb(lite):7.1f} MB")
    runtime = json.loads((SITE / "_static" / "iic-page-runtime.json").read_text())
    coach = runtime["bytes"] / 1e6
    print(f"  coach download, first visit:            {coach:7.1f} MB uncompressed")

    from coursesite import PRACTICE_START_SECONDS
    from playwright.sync_api import sync_playwright

    server = make_server(SITE, port=0, quiet=True, handler_class=BenchHandler)
    print("warming the server's gzip cache...", flush=True)
    server.gzip_cache.warm(SITE)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"

    rows: dict[str, list[float]] = {k: [] for k in (
        "floor", "first", "return", "throttled", "throttled_mb", "widget", "bare")}
    starts: list[str] = []
    phases: list[dict[str, float]] = []
    with sync_playwright() as p:
        bench = Bench(p, url)
        try:
            reading = bench.reading_page_mb()
            print(f"reading page without exercises (welcome), transferred: {reading:.2f} MB "
                  f"(target <= 1.5: {verdict(reading <= 1.5)})")
            for i in range(args.runs):
                rows["floor"].append(bench.floor_ms())
                first, back, how, seen = bench.first_and_return()
                rows["first"].append(first)
                rows["return"].append(back)
                starts.append(how)
                phases.append(seen)
                line = (f"  run {i + 1}: floor {rows['floor'][-1]:.0f} ms, "
                        f"first visit {first:.0f} ms, return {back:.0f} ms ({how})")
                if not args.skip_lite:
                    # Alternate which goes first, so neither always follows the visits
                    # above (whose browser may still be writing its profile to disk).
                    pair = [("widget", "pitching.ipynb", WIDGET_SHOWN),
                            ("bare", "scratchpad.ipynb", BARE_DONE)]
                    for key, notebook, done in pair[:: 1 if i % 2 == 0 else -1]:
                        rows[key].append(bench.lite_ms(notebook, done))
                    line += (f", lite widget {rows['widget'][-1]:.0f} ms, "
                             f"bare {rows['bare'][-1]:.0f} ms")
                if not args.skip_throttled:
                    ms, mb, ready = bench.throttled()
                    rows["throttled"].append(ms)
                    rows["throttled_mb"].append(mb)
                    line += (f", throttled click->feedback {ms:.0f} ms ({mb:.1f} MB, "
                             f"Ready {ready / 1000:.1f} s after navigation)")
                print(line, flush=True)
        finally:
            bench.cleanup()
    server.shutdown()

    m = {k: median(v) for k, v in rows.items() if v}
    n = args.runs
    print(f"\nmedians of {n} runs, headless Chromium, each figure measured once per run:")
    print(f"floor: blank page, loadPyodide + course wheel + imports: {m['floor']:7.0f} ms")
    ratio = m["first"] / m["floor"]
    print(f"first visit, navigation to Ready:                        {m['first']:7.0f} ms"
          f"  = {ratio:.2f}x floor (target <= 1.15: {verdict(ratio <= 1.15)})")
    speedup = m["first"] / m["return"]
    print(f"return visit (same profile, restarted), to Ready:        {m['return']:7.0f} ms"
          f"  (target <= 1000: {verdict(m['return'] <= 1000)}); first / return = "
          f"{speedup:.2f}x (target >= 2.5: {verdict(speedup >= 2.5)})")
    print(f"  return visits that restored the snapshot: {starts.count('restored')} of {n}")
    restored = [p for p in phases if p]
    if restored:
        print(f"  where a restored return visit's time goes (medians of {len(restored)}):")
        for label, _, _ in PHASES:
            print(f"    {label:<52} {median([p[label] for p in restored]):6.0f} ms")
    if "throttled" in m:
        print(f"throttled first visit (10 Mbit/s, 40 ms), {READING_S} s reading, click to "
              f"feedback: {m['throttled']:.0f} ms (target <= 3000: "
              f"{verdict(m['throttled'] <= 3000)}); moved {m['throttled_mb']:.1f} MB")
    if "widget" in m:
        lite_ratio = m["widget"] / m["bare"]
        print(f"JupyterLite first exercise widget (pitching, Run All):   {m['widget']:7.0f} ms")
        print(f"JupyterLite bare notebook (1 + 1, Run All):              {m['bare']:7.0f} ms")
        print(f"  ratio widget / bare: {lite_ratio:.2f} (target <= 1.10: "
              f"{verdict(lite_ratio <= 1.10)})")
        print(f"  the Practice link promises up to about {PRACTICE_START_SECONDS} s: "
              f"{verdict(m['widget'] / 1000 <= PRACTICE_START_SECONDS)}")
    print(f"requests that left 127.0.0.1:                            {len(bench.left):7d}")


if __name__ == "__main__":
    main()
