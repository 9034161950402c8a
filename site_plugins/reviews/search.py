"""The search index: Pagefind, run on the built site after every build (and `mkdocs serve`
rebuild), from the `pagefind` binary that the `pagefind[bin]` package ships.

Pagefind reads the finished HTML, so only pages that were built can be found: a draft or an
embargoed review, never built, can never be in the index. It indexes only the elements marked
data-pagefind-body (the main content of review and document pages, see plugin.py) and reads
the filters (type, year, theme) the templates mark with data-pagefind-filter.

If Pagefind fails, the build fails: a site whose search silently broke is never published.
"""

from __future__ import annotations

import logging
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.reviews")

BUNDLE_DIR = "pagefind"
_PAGES_INDEXED = re.compile(r"Indexed (\d+) pages?")


def pagefind_executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as error:
        raise PluginError(
            "reviews plugin: search needs the pagefind[bin] package "
            "(pip install 'pagefind[bin]'), or set `search: false` under the plugin's options"
        ) from error
    try:
        return get_executable()
    except FileNotFoundError as error:
        raise PluginError(
            f"reviews plugin: the pagefind[bin] package has no pagefind program ({error}); "
            "reinstall it with pip install --force-reinstall 'pagefind[bin]'"
        ) from error


def build_search_index(site_dir: Path, expected_pages: int) -> int:
    """Index site_dir into site_dir/pagefind/; returns the number of pages indexed.

    expected_pages: how many pages carry data-pagefind-body. Fewer indexed means a template
    lost its markers, which would quietly leave reviews out of search: that fails the build.
    """
    if expected_pages == 0:
        # With nothing marked, Pagefind would index every page whole (home, about...): with no
        # review published there is nothing to search, and the search page says so.
        log.info("No review or document pages: no search index built")
        return 0
    command = [str(pagefind_executable()), "--site", str(site_dir)]
    command += ["--output-subdir", BUNDLE_DIR, "--force-language", "en"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PluginError(f"reviews plugin: Pagefind could not run: {error}") from error
    output = f"{result.stdout}\n{result.stderr}".strip()
    if result.returncode != 0:
        raise PluginError(
            f"reviews plugin: Pagefind failed (exit code {result.returncode}), so the site's "
            f"search would be broken; its output:\n{output}"
        )
    indexed = _PAGES_INDEXED.search(output)
    if indexed is None:
        raise PluginError(
            f"reviews plugin: could not tell how many pages Pagefind indexed; its output:\n{output}"
        )
    count = int(indexed.group(1))
    if count != expected_pages:
        raise PluginError(
            f"reviews plugin: Pagefind indexed {count} pages but {expected_pages} review and "
            "document pages are marked for search (data-pagefind-body); a template may have "
            f"lost its marker. Pagefind's output:\n{output}"
        )
    log.info(f"Pagefind indexed {count} pages into {BUNDLE_DIR}/")
    return count
