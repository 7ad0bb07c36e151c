"""`make dist`: the zip holds the site and a server that serves a room.

The zip is made by the same script `make dist` runs, unpacked into a temporary
folder, and its own serve.py is started as an instructor would start it, bound to
every interface. A coach page is then loaded through this machine's network
address (not loopback) and gives feedback on a pitch. The browser may reach that
one address and loopback; anything else is blocked and fails the test.
"""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO, SITE, new_offline_context
from .test_inpage_exercises import PITCH, check, exercise

sys.path.insert(0, str(REPO / "site"))
from serve import lan_addresses  # noqa: E402


def start_server(folder: Path) -> tuple[subprocess.Popen, list[str]]:
    """Run the zip's serve.py on 0.0.0.0 (port 0: any free port); return it and its lines."""
    proc = subprocess.Popen([sys.executable, "serve.py", "--host", "0.0.0.0", "--port", "0"],
                            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    lines: list[str] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip())
        if line.startswith("Press Ctrl+C"):
            return proc, lines
    proc.kill()
    raise AssertionError(f"the zip's server did not start: {lines}")


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, str(REPO / "site" / "dist.py"), "--site", str(SITE),
                    "--out", str(out), "--version", "test"], check=True, capture_output=True)
    (archive,) = out.glob("informational-interviews-test.zip")
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert "informational-interviews-test/serve.py" in names
        assert "informational-interviews-test/README.txt" in names
        assert "informational-interviews-test/site/index.html" in names
        assert "informational-interviews-test/site/lite/static/pyodide/pyodide.asm.wasm" in names
        zf.extractall(out)
    return out / "informational-interviews-test"


def test_zip_serves_a_coach_to_the_network(browser, unpacked: Path) -> None:
    addresses = lan_addresses()
    if not addresses:
        pytest.skip("this machine has no network address other than loopback, so there is "
                    "no way to load the site as another device in the room would")
    proc, lines = start_server(unpacked)
    try:
        port = int(lines[-2].rsplit(":", 1)[1].strip("/"))  # "On this computer: http://..:N/"
        shared = [line.strip() for line in lines if line.strip().startswith("http://")
                  and "127.0.0.1" not in line]
        address = addresses[0]
        url = f"http://{address}:{port}/"
        assert url in shared, f"the server did not print {url} for learners: {lines}"
        context, traffic = new_offline_context(browser, allow_hosts=(address,))
        try:
            page = context.new_page()
            page.goto(f"{url}book/pitching.html")
            assert page.evaluate("() => location.hostname") == address
            section = exercise(page, "pitch")
            section.locator("textarea").fill(PITCH)
            check(section)
            feedback = section.locator(".iic-feedback")
            assert feedback.locator(".iic-score-text").inner_text().startswith("Score ")
            assert feedback.locator('li.iic-check[data-check="pitch.time_ask"]').count() == 1
            # Over plain http on a network address there is no service worker; say so
            # in the README, and the page still works.
            assert not page.evaluate("() => window.isSecureContext")
            traffic.assert_clean()
        finally:
            context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    readme = (unpacked / "README.txt").read_text()
    assert "--host 0.0.0.0" in readme and "Version test" in readme
