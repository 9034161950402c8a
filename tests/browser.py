"""Helpers shared by the browser tests (tests/test_browser.py) and scripts/screenshots.py:
build the real site, serve it on 127.0.0.1, and launch Debian's headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# We run as root, so no sandbox; the background-networking flags stop Chromium itself from
# calling Google hosts that this machine (and a partnership's CI) may not reach.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
# The accessibility checks of axe-core that the browser tests run: WCAG 2.0, 2.1 and 2.2 at
# levels A and AA, and axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def build_site(site_dir: Path, config: Path = REPO / "mkdocs.yml") -> Path:
    """`mkdocs build --strict` of the project into site_dir; raises with mkdocs' output if it
    fails, so a broken build reads as a build error rather than as a browser failure."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
        + ["-d", str(site_dir)],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"mkdocs build --strict failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # As static hosts (GitHub Pages, Netlify, S3) do: an address the site does not have gets
        # the site's own 404.html, with the status 404.
        not_found = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser that stops reading a response (a navigation cut short, a download) closes
        # the connection: not an error of the site, so not worth a traceback in the test log.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve site_dir on 127.0.0.1 and a free port in a background thread; yields the origin
    (such as http://127.0.0.1:41234) without a trailing slash."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def launch_chromium(playwright):
    """Debian's Chromium, headless (Playwright's own browser downloads are not used)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def is_local(url: str, origin: str) -> bool:
    """True if loading url touches nothing but the local server."""
    return url == origin or url.startswith(origin + "/") or url.startswith(("data:", "blob:"))
