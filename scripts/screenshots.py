"""Screenshots of the example site for the README, in docs/images/ (1280x800 PNG, light scheme).

    .venv/bin/python scripts/screenshots.py

Builds the site with `mkdocs build --strict` into a temporary directory, serves it on 127.0.0.1
and photographs it with Debian's headless Chromium (/usr/bin/chromium), as the browser tests do
(tests/browser.py)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser import VIEWPORT, build_site, is_local, launch_chromium, serve  # noqa: E402

OUT = REPO / "docs" / "images"
# File name: the page a reader would visit.
SHOTS = {
    "home.png": "/",
    "library.png": "/reviews/",
    "review.png": "/reviews/child-d/",
    "document.png": "/reviews/child-d/overview/",
}
# Committed files, so keep an eye on their size.
MAX_BYTES = 250_000


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = build_site(Path(tmp) / "site")
        with serve(site_dir) as origin, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            context = browser.new_context(
                viewport=VIEWPORT, color_scheme="light", reduced_motion="reduce"
            )
            context.route(lambda url: not is_local(url, origin), lambda route: route.abort())
            page = context.new_page()
            for name, path in SHOTS.items():
                page.goto(origin + path, wait_until="networkidle")
                target = OUT / name
                page.screenshot(path=target, full_page=False)
                size = target.stat().st_size
                warning = f"  (over {MAX_BYTES // 1000} KB)" if size > MAX_BYTES else ""
                print(f"{target.relative_to(REPO)}: {size // 1000} KB{warning}")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
