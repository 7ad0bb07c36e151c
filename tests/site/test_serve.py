"""site/serve.py: gzip for text and wasm, the right Cache-Control, 304s for unchanged
files, and the MIME types module workers and streaming wasm need."""

from __future__ import annotations

import gzip
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "site"))

from serve import make_server  # noqa: E402


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    (tmp_path / "index.html").write_text("<h1>hi</h1>" * 200)
    (tmp_path / "app.wasm").write_bytes(b"\0asm" + b"\1" * 5000)
    (tmp_path / "w.whl").write_bytes(b"PK" + b"\2" * 5000)
    (tmp_path / "main.1a2b3c4d5e.js").write_text("x=1;" * 500)
    (tmp_path / "tiny.js").write_text("x=1;")
    server = make_server(tmp_path, port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    server.shutdown()


def get(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    try:
        return urllib.request.urlopen(request)
    except urllib.error.HTTPError as exc:
        return exc


def test_text_and_wasm_are_gzipped_when_accepted(served) -> None:
    url, root = served
    r = get(f"{url}/app.wasm", **{"Accept-Encoding": "gzip"})
    assert r.headers["Content-Encoding"] == "gzip"
    assert r.headers["Content-Type"] == "application/wasm"
    body = r.read()
    assert gzip.decompress(body) == (root / "app.wasm").read_bytes()
    assert int(r.headers["Content-Length"]) == len(body) < (root / "app.wasm").stat().st_size
    plain = get(f"{url}/app.wasm")
    assert plain.headers.get("Content-Encoding") is None
    assert plain.read() == (root / "app.wasm").read_bytes()


def test_zips_and_tiny_files_are_sent_as_they_are(served) -> None:
    url, _ = served
    for name in ("w.whl", "tiny.js"):
        r = get(f"{url}/{name}", **{"Accept-Encoding": "gzip"})
        assert r.headers.get("Content-Encoding") is None, name


def test_cache_control_by_kind_of_url(served) -> None:
    url, _ = served
    assert get(f"{url}/index.html").headers["Cache-Control"] == "no-cache"
    assert "immutable" in get(f"{url}/main.1a2b3c4d5e.js").headers["Cache-Control"]
    assert "immutable" in get(f"{url}/tiny.js?v=abc123").headers["Cache-Control"]
    assert get(f"{url}/tiny.js").headers["Cache-Control"] == "no-cache"


def test_unchanged_files_answer_304(served) -> None:
    url, _ = served
    first = get(f"{url}/index.html", **{"Accept-Encoding": "gzip"})
    stamp = first.headers["Last-Modified"]
    for encoding in ("gzip", "identity"):
        again = get(f"{url}/index.html", **{"If-Modified-Since": stamp,
                                            "Accept-Encoding": encoding})
        assert again.status == 304, encoding


def test_missing_files_are_404(served) -> None:
    url, _ = served
    assert get(f"{url}/nope.js", **{"Accept-Encoding": "gzip"}).status == 404


def test_host_option_serves_every_interface_and_says_where(tmp_path: Path, capsys) -> None:
    """`serve.py --host 0.0.0.0` listens beyond loopback and prints the room's addresses."""
    import serve

    (tmp_path / "index.html").write_text("<h1>course</h1>")
    server = make_server(tmp_path, port=0, quiet=True, host="0.0.0.0")
    try:
        assert server.server_address[0] == "0.0.0.0"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        lines = serve.share_lines("0.0.0.0", port)
        assert lines[-1] == f"On this computer: http://127.0.0.1:{port}/"
        for address in serve.lan_addresses():
            assert not address.startswith("127.")
            assert f"    http://{address}:{port}/" in lines
            assert b"course" in get(f"http://{address}:{port}/index.html").read()
        if not serve.lan_addresses():
            assert any("No network address found" in line for line in lines)
    finally:
        server.shutdown()
    assert serve.share_lines("127.0.0.1", 8000) == ["Serving the course at "
                                                    "http://127.0.0.1:8000/"]


def test_bundled_site_is_the_default_folder(tmp_path: Path) -> None:
    """Inside the zip, serve.py serves the site/ folder next to it with no options."""
    import shutil
    import subprocess

    shutil.copy2(REPO / "site" / "serve.py", tmp_path / "serve.py")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("bundled")
    out = subprocess.run([sys.executable, "-c", "import serve; print(serve.default_dir())"],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert Path(out.strip()) == (tmp_path / "site").resolve()
