"""Screenshots of the local review page for the README, in docs/images/review-page*.png.

    .venv/bin/python scripts/review_page_screenshots.py

Builds a temporary copy of the example review Child D (its fictional drafts), scans it, starts
`anonymiser review`'s page on 127.0.0.1 and photographs it with Debian's headless Chromium as
tests/test_review_page.py drives it: relabel the mother, merge her nickname, add a missed name.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser import is_local, launch_chromium  # noqa: E402
from review_example import MISSED, build_review_project  # noqa: E402

OUT = REPO / "docs" / "images"
VIEWPORT = {"width": 1280, "height": 760}
MAX_BYTES = 250_000


def row(page, text: str):
    name = page.locator(".name", has_text=re.compile(rf"^{re.escape(text)}(?: →|$)"))
    return page.locator("#entity-list button", has=name).first


def shoot(page, name: str) -> None:
    target = OUT / name
    page.screenshot(path=target)
    size = target.stat().st_size
    warning = f"  (over {MAX_BYTES // 1000} KB)" if size > MAX_BYTES else ""
    print(f"{target.relative_to(REPO)}: {size // 1000} KB{warning}")


def main() -> int:
    from playwright.sync_api import sync_playwright

    from anonymiser.commands.review import open_review_page
    from anonymiser.config import load_settings
    from anonymiser.pipeline import make_detector

    detector = make_detector(load_settings(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        folder, settings = build_review_project(Path(tmp), detector)
        server = open_review_page(folder, settings, "Comms officer", detector=detector)
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                context = browser.new_context(
                    viewport=VIEWPORT, color_scheme="light", reduced_motion="reduce"
                )
                context.route(
                    lambda url: not is_local(url, server.origin), lambda route: route.abort()
                )
                page = context.new_page()
                page.goto(server.url)
                page.wait_for_selector("#entity-list button")

                row(page, "Zofia Wójcik").click()
                mother = row(page, "Zofia Wójcik").get_attribute("data-id")
                page.fill("#label-input", "Mother")
                page.press("#label-input", "Enter")
                page.wait_for_selector("#status:has-text('Mother')")
                page.keyboard.press(".")
                shoot(page, "review-page.png")

                row(page, "Zosia").click()
                page.select_option("#merge-target", mother)
                page.click("#merge-button")
                page.wait_for_selector("#status:has-text('Merged')")
                page.keyboard.press(".")
                page.keyboard.press(".")
                shoot(page, "review-page-merge.png")

                block = page.locator('.doc-text[data-doc="briefing"][data-part="body"]')
                word = block.get_by_text(f"who {MISSED} was")
                word.scroll_into_view_if_needed()
                box = page.evaluate(_WORD_BOX, ['.doc-text[data-doc="briefing"]', MISSED])
                y = box["y"] + box["height"] / 2
                page.mouse.move(box["x"] + 1, y)
                page.mouse.down()
                page.mouse.move(box["x"] + box["width"] - 1, y, steps=5)
                page.mouse.up()
                page.wait_for_selector("#add-popup:not([hidden])")
                page.fill("#add-label", "Family friend")
                shoot(page, "review-page-add.png")
                browser.close()
        finally:
            server.stop()
    return 0


_WORD_BOX = """([selector, word]) => {
    const block = document.querySelector(selector);
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(word);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        block.closest(".documents").scrollTop += range.getBoundingClientRect().top - 300;
        const rect = range.getBoundingClientRect();
        return {x: rect.left, y: rect.top, width: rect.width, height: rect.height};
    }
    return null;
}"""


if __name__ == "__main__":
    sys.exit(main())
