"""Serve the built site with the MIME types Pyodide and JupyterLite need.

Usage: python site/serve.py [--port 8000] [--dir _build/html] [--host 127.0.0.1]

By default only this computer can open the site. ``--host 0.0.0.0`` serves a
classroom: every device on the same network opens one of the addresses printed at
start-up. Standard library only, so the same file runs inside the downloadable
build (``make dist``), where it serves the ``site/`` folder next to it.

Like a static host (GitHub Pages does the same), it compresses text and
WebAssembly with gzip when the browser accepts it (the 9.6 MB Pyodide wasm goes
over the wire as 3.6 MB), and it says how long a response may be reused:

- file names or URLs that carry a content hash (``?v=``, ``?digest=``,
  JupyterLite's ``name.<hash>.js``): a year, immutable;
- everything else: ``no-cache``, i.e. keep it but ask first; an unchanged file
  then costs a 304 and no body. The book's service worker, not the host,
  decides what works offline.

Each policy is one small method of ``SiteHandler``, so a LAN option or another
header is a local change.
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import http.server
import os
import re
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent

#: Module scripts and streaming WebAssembly compile refuse other MIME types.
EXTRA_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".ipynb": "application/json",
    ".whl": "application/zip",
    ".svg": "image/svg+xml",
}

#: Worth compressing: text and wasm. Zips, wheels, images and WOFF2 already are.
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".ipynb", ".svg", ".wasm", ".txt",
                ".md", ".ico", ".map", ".xml"}
MIN_COMPRESS_BYTES = 1024
HASHED_NAME = re.compile(r"\.[0-9a-f]{7,}\.(?:js|css|woff2?|wasm)$")
HASHED_QUERY = re.compile(r"(?:^|&)(?:v|digest)=")
YEAR = 365 * 24 * 3600


class GzipCache:
    """Compressed bodies kept in memory, keyed by path, size and modification time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bodies: dict[str, tuple[tuple[int, int], bytes]] = {}
        self._busy: dict[str, threading.Lock] = {}

    def get(self, path: str) -> bytes:
        st = os.stat(path)
        stamp = (st.st_size, st.st_mtime_ns)
        with self._lock:
            hit = self._bodies.get(path)
            if hit and hit[0] == stamp:
                return hit[1]
            busy = self._busy.setdefault(path, threading.Lock())
        with busy:  # one thread compresses a file; the others wait for it
            with self._lock:
                hit = self._bodies.get(path)
                if hit and hit[0] == stamp:
                    return hit[1]
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), compresslevel=6, mtime=0)
            with self._lock:
                self._bodies[path] = (stamp, body)
            return body

    def warm(self, root: Path) -> None:
        """Compress every compressible file now (a benchmark's server warms up first)."""
        for path in root.rglob("*"):
            if path.is_file() and path.suffix in COMPRESSIBLE and \
                    path.stat().st_size >= MIN_COMPRESS_BYTES:
                self.get(str(path))


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **EXTRA_TYPES}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if getattr(self.server, "quiet", False):
            return
        super().log_message(format, *args)

    # ---- policies ----
    def cache_control(self) -> str:
        parts = urlsplit(self.path)
        if HASHED_QUERY.search(parts.query) or HASHED_NAME.search(parts.path):
            return f"public, max-age={YEAR}, immutable"
        return "no-cache"

    def wants_gzip(self, path: str) -> bool:
        accepted = self.headers.get("Accept-Encoding", "")
        return ("gzip" in accepted and Path(path).suffix in COMPRESSIBLE
                and os.path.getsize(path) >= MIN_COMPRESS_BYTES)

    # ---- the response ----
    def end_headers(self) -> None:
        if getattr(self, "_iic_file", False):
            self.send_header("Cache-Control", self.cache_control())
            self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        self._iic_file = os.path.isfile(path)
        if not self._iic_file or not self.wants_gzip(path) or \
                self.headers.get("Range"):
            return super().send_head()
        if self.path.split("?", 1)[0].endswith("/"):
            return super().send_head()
        st = os.stat(path)
        if self.not_modified(st.st_mtime):
            self.send_response(http.HTTPStatus.NOT_MODIFIED)
            self.end_headers()
            return None
        body = self.server.gzip_cache.get(path)  # type: ignore[attr-defined]
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(st.st_mtime)))
        self.end_headers()
        return _Body(body)

    def not_modified(self, mtime: float) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since or self.headers.get("If-None-Match"):
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return when is not None and int(mtime) <= when.timestamp()


class _Body:
    """The file-like object ``SimpleHTTPRequestHandler.copyfile`` reads a body from."""

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._pos + size
        chunk = self._data[self._pos:end].tobytes()
        self._pos += len(chunk)
        return chunk

    def close(self) -> None:
        pass


def make_server(directory: Path, port: int = 8000, quiet: bool = False,
                host: str = "127.0.0.1",
                handler_class: type[SiteHandler] = SiteHandler) -> http.server.HTTPServer:
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.quiet = quiet  # type: ignore[attr-defined]
    server.gzip_cache = GzipCache()  # type: ignore[attr-defined]
    server.root = Path(directory)  # type: ignore[attr-defined]
    return server


def default_dir() -> Path:
    """``site/`` next to this file in the downloadable build, else the repository's build."""
    bundled = Path(__file__).resolve().parent / "site"
    return bundled if (bundled / "index.html").is_file() else REPO / "_build" / "html"


def lan_addresses() -> list[str]:
    """This computer's IPv4 addresses other than loopback, best guess first.

    Nothing is sent: connecting a UDP socket only asks the system which interface
    it would route through. Both look-ups may find nothing on a machine with no
    network, and then the list is empty.
    """
    found: list[str] = []
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("198.51.100.1", 9))  # TEST-NET-2: routed like any address, never used
        found.append(probe.getsockname()[0])
    except OSError:
        pass
    finally:
        probe.close()
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        found += [str(info[4][0]) for info in infos]
    except OSError:
        pass
    unique = dict.fromkeys(a for a in found if a and not a.startswith(("127.", "0.")))
    return list(unique)


def share_lines(host: str, port: int) -> list[str]:
    """What to tell the room: the addresses that reach this server."""
    if host in ("0.0.0.0", ""):
        addresses = lan_addresses()
        lines = [f"Serving the course on every network of this computer, port {port}."]
        if addresses:
            lines.append("Learners on the same network open:")
            lines += [f"    http://{a}:{port}/" for a in addresses]
        else:
            lines.append("No network address found: connect this computer to the room's "
                         "Wi-Fi or hotspot, then start again.")
        lines.append(f"On this computer: http://127.0.0.1:{port}/")
        return lines
    return [f"Serving the course at http://{host}:{port}/"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000,
                        help="port to listen on (0 picks a free one)")
    parser.add_argument("--dir", type=Path, default=default_dir(),
                        help="the built site (default: %(default)s)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on; 0.0.0.0 serves every device on the "
                             "network (default: %(default)s, this computer only)")
    args = parser.parse_args(argv)
    if not (args.dir / "index.html").is_file():
        raise SystemExit(f"{args.dir} has no index.html: build the site first (make site)")
    try:
        server = make_server(args.dir, args.port, host=args.host)
    except OSError as exc:
        raise SystemExit(f"Could not listen on {args.host}:{args.port} ({exc.strerror or exc}). "
                         "Try another port, e.g. --port 8080.") from None
    port = server.server_address[1]
    for line in share_lines(args.host, port):
        print(line, flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
