"""The search index: Pagefind, fed each review and document page while MkDocs builds the site,
and written into site/pagefind/ after the build (and after every `mkdocs serve` rebuild).

Pagefind runs as a service beside the build (pagefind_service.py), from the `pagefind` binary
that the `pagefind[bin]` package ships. Each page marked searchable (review and document pages,
see plugin.py) is handed over as soon as its Markdown is rendered, so Pagefind indexes on the
machine's other core while MkDocs goes on; once all pages are rendered, Pagefind writes its index
(into a folder of its own) while MkDocs puts the pages into the theme's templates, and the index
is moved into site/ at the end. Pagefind is
given the page's main content (the element marked data-pagefind-body, with the filters the
templates mark with data-pagefind-filter), not the theme's header, navigation and footer, which
it would parse only to skip. The page's most common words ("the", "was") are written so that
Pagefind does not index them but still shows them in results (common_words.py). Only pages that
are built are ever given: a draft or an embargoed review can never be in the index.

If Pagefind fails, the build fails: a site whose search silently broke is never published.
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

from .common_words import hide_common_words
from .pagefind_service import PagefindService, PagefindServiceError

log = logging.getLogger("mkdocs.plugins.reviews")

BUNDLE_DIR = "pagefind"
# Seconds Pagefind may take, after the last page is built, to finish indexing and write it all.
WRITE_TIMEOUT = 600


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


class SearchIndex:
    """One build's Pagefind index: pages are added as they are built, then it is written."""

    def __init__(self, executable: Path) -> None:
        # Where Pagefind writes the index before it is moved into site/ (see finish_in_background).
        self._staging = Path(tempfile.mkdtemp(prefix="reviews-pagefind-"))
        self._added: list[int] = []
        self._finishing: threading.Thread | None = None
        self._failure: PagefindServiceError | None = None
        self._indexed = 0
        try:
            self._service = PagefindService(executable)
            self._index_id = self._new_index()
        except PagefindServiceError as error:
            shutil.rmtree(self._staging, ignore_errors=True)
            raise PluginError(f"reviews plugin: {error}") from error

    def _new_index(self) -> int:
        answer = self._service.response(
            self._service.send({"type": "NewIndex", "config": {"force_language": "en"}}),
            deadline=time.monotonic() + 60,
        )
        if answer.get("type") != "NewIndex":
            self._service.close()
            raise PagefindServiceError(f"Pagefind refused to start an index: {answer}")
        return answer["index_id"]

    def add_page(self, url: str, title: str, content: str) -> None:
        """Queue a page: url from the site's root ("reviews/child-d/"), its title, and its main
        content, marked data-pagefind-body. Returns at once; Pagefind answers later."""
        page = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body>"
            # The result's title as written: by default Pagefind would take the page's first
            # heading, whose common words are hidden below.
            f'<span hidden data-pagefind-meta="title">{html.escape(title)}</span>'
            f"{hide_common_words(content)}</body></html>"
        )
        request = {
            "type": "AddFile",
            "index_id": self._index_id,
            "url": "/" + url.removesuffix("index.html"),
            "file_path": None,
            "file_contents": page,
        }
        self._added.append(self._service.send(request))

    def finish_in_background(self) -> None:
        """Once every page is handed over: let Pagefind finish indexing and write the index into
        a folder of its own while MkDocs renders the pages' templates. (It cannot write into
        site/ yet: MkDocs empties site/ after this point.)"""
        if self._finishing is None:
            self._finishing = threading.Thread(
                target=self._finish, name="pagefind-finish", daemon=True
            )
            self._finishing.start()

    def _finish(self) -> None:
        try:
            answers = self._service.responses(self._added, time.monotonic() + WRITE_TIMEOUT)
            refused = [answer for answer in answers if answer.get("type") != "IndexedFile"]
            if refused:
                raise PagefindServiceError(
                    f"Pagefind could not index {len(refused)} of {len(answers)} pages: "
                    f"{refused[0].get('message', refused[0])}"
                )
            output = str(self._staging / BUNDLE_DIR)
            request = {"type": "WriteFiles", "index_id": self._index_id, "output_path": output}
            written = self._service.response(
                self._service.send(request), time.monotonic() + WRITE_TIMEOUT
            )
            if written.get("type") != "WriteFiles":
                raise PagefindServiceError(
                    f"Pagefind could not write its index: {written.get('message', written)}"
                )
            self._indexed = len(answers)
        except PagefindServiceError as error:
            self._failure = error

    def write(self, bundle_dir: Path) -> int:
        """Wait for Pagefind to finish, move its index to bundle_dir (site/pagefind) and end the
        service; returns the number of pages indexed. Fails the build if anything failed."""
        self.finish_in_background()
        assert self._finishing is not None
        self._finishing.join()
        try:
            if self._failure is not None:
                raise PluginError(
                    f"reviews plugin: {self._failure}. The site's search would be broken, so "
                    "the build stops."
                ) from self._failure
            try:
                if bundle_dir.exists():
                    shutil.rmtree(bundle_dir)
                shutil.move(self._staging / BUNDLE_DIR, bundle_dir)
            except OSError as error:
                raise PluginError(
                    f"reviews plugin: could not put the search index into {bundle_dir}: {error}"
                ) from error
        finally:
            self.close()
        log.info(f"Pagefind indexed {self._indexed} pages into {bundle_dir.name}/")
        return self._indexed

    def close(self) -> None:
        self._service.close()
        shutil.rmtree(self._staging, ignore_errors=True)
