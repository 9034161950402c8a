"""Document pages' Markdown, rendered by worker processes while MkDocs builds the site.

Why: turning Markdown into HTML (Python-Markdown) is half of a large build's time, and MkDocs
does it page after page on one core. On a library of 500 reviews (15 million words) that is about
30 seconds of a build that, with Pagefind indexing beside it, is otherwise waiting on it.

How: as the pages are planned (on_files), each document page's Markdown is sent to a pool of
worker processes, in the order MkDocs will build the pages. A worker renders it exactly as
MkDocs' Page.render() would: a fresh Markdown instance with the site's extensions and their
settings, and the steps of MkDocs that do not depend on the site's other files (the ids the page
has, its first heading). When MkDocs comes to the page, its render() is replaced, for that page
only, by the worker's result (`take_over_render`); everything after it (plugins' on_page_content,
the theme) runs as usual.

MkDocs renders the page itself, as it always would, whenever the worker's result might differ:
- the page's Markdown is not what was sent (another plugin changed it in on_page_markdown);
- the page links to, or shows an image from, the site (a relative or absolute path): MkDocs
  resolves and checks such links against the site's files, which a worker does not have;
- the site's Markdown extension settings cannot be sent to a worker, a worker failed (the page's
  own error, if it has one, is then raised by MkDocs as usual), or MkDocs is not the 1.x whose
  render() this mirrors.
A small site is rendered in-process: starting the workers would cost more than they save.

Pages rendered by the workers are kept between builds (markdown_cache.py): a rebuild after one
review changed renders only that review's pages again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import subprocess
import sys
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown
import mkdocs
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
)
from mkdocs.structure.toc import get_toc

from .markdown_cache import MarkdownCache, extension_versions
from .rendered import Rendered

log = logging.getLogger("mkdocs.plugins.reviews")

# The environment variable that sets the number of workers (see workers_wanted).
WORKERS_ENV = "REVIEWS_MARKDOWN_WORKERS"
# Below this many characters of document Markdown in all, the pages are rendered in-process.
MIN_POOLED_CHARACTERS = 2_000_000
# How far behind the build's other processes a worker runs (see serve).
WORKER_NICENESS = 10
# A worker is this module in a fresh interpreter (not multiprocessing's: its workers import the
# script that runs MkDocs again, which fails for a script without an `if __name__` guard).
_WORKER = "from site_plugins.reviews.markdown_pool import serve; serve()"
_PACKAGES_DIR = str(Path(__file__).resolve().parents[2])


class WorkerError(Exception):
    """A worker could not render a page, or ended before it did."""


def workers_wanted(characters: int) -> int:
    """How many workers render a build's Markdown: REVIEWS_MARKDOWN_WORKERS if set (0: none),
    else one per core this process may use (one on one core, which still lets a rebuild take
    unchanged pages from the cache), none for a small site."""
    wanted = os.environ.get(WORKERS_ENV, "").strip()
    if wanted:
        if not wanted.isdigit():
            raise PluginError(
                f"{WORKERS_ENV}={wanted!r}: must be a whole number of worker processes "
                "(0 renders the Markdown in MkDocs' own process), or unset to decide by the "
                "machine's cores"
            )
        return int(wanted)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return cores if characters >= MIN_POOLED_CHARACTERS else 0


class MarkdownPool:
    """One build's workers, the pages they render and the cache of earlier builds' pages."""

    def __init__(self, settings: tuple[list, dict], workers: int, cache: MarkdownCache) -> None:
        self._workers = [_Worker(settings) for _ in range(workers)]
        self._cache = cache
        # Source URI -> (the Markdown sent, its rendering to come, its key in the cache, whether
        # it came from there).
        self._sent: dict[str, tuple[str, Future[Rendered], str, bool]] = {}
        # For the build's log: pages sent, pages whose rendering MkDocs took, of those from the
        # cache, and pages sent to the workers.
        self._sent_count = 0
        self._taken = 0
        self._taken_from_cache = 0
        self._rendered_count = 0
        # Renderings to keep in the cache, written once every page is rendered (see close): the
        # files are written while Pagefind writes its index, not while pages wait to be built.
        self._to_keep: list[tuple[str, Rendered]] = []

    @classmethod
    def start(cls, config: MkDocsConfig, characters: int, cache_dir: Path) -> MarkdownPool | None:
        """A pool for a build whose document pages have about this many characters of Markdown
        in all, or None when they are better rendered in-process (see the module's docstring).
        Pages are then given to it one by one (`submit`), in the order MkDocs builds them.
        cache_dir: where rendered pages are kept between builds (markdown_cache.py)."""
        workers = workers_wanted(characters)
        if workers == 0 or not mkdocs.__version__.startswith("1."):
            return None
        settings = (list(config.markdown_extensions), dict(config.mdx_configs or {}))
        try:
            # Settings a worker cannot be given (an extension object that another plugin made,
            # say) leave every page to MkDocs.
            pickled = pickle.dumps(settings)
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            log.info(f"Markdown rendered in-process: its settings cannot go to a worker ({error})")
            return None
        try:
            # What the extensions render may change with their package's version too.
            versions = "\n".join(extension_versions(settings[0])).encode()
            return cls(settings, workers, MarkdownCache(cache_dir, pickled + b"\0" + versions))
        except OSError as error:
            log.info(f"Markdown rendered in-process: no worker could start ({error})")
            return None

    def submit(self, src_uri: str, text: str) -> None:
        """Have the page's Markdown (as MkDocs will read it: without front matter) rendered, or
        take it from the cache. Each worker takes the next page in turn, so that they finish
        pages in about the order MkDocs asks for them."""
        key = self._cache.key(text)
        future: Future[Rendered]
        cached = self._cache.get(key)
        if cached is not None:
            future = Future()
            future.set_result(cached)
        else:
            worker = self._workers[self._rendered_count % len(self._workers)]
            future = worker.submit(text)
            self._rendered_count += 1
        self._sent[src_uri] = (text, future, key, cached is not None)
        self._sent_count += 1

    def take_over_render(self, page: Page, text: str) -> bool:
        """Give the page the worker's rendering of `text` when MkDocs calls page.render();
        False (and MkDocs renders it) when the worker's result might differ from MkDocs' own."""
        sent = self._sent.pop(page.file.src_uri, None)
        if sent is None:
            return False
        sent_text, future, key, from_cache = sent
        if sent_text != text:
            log.debug(f"{page.file.src_uri}: Markdown changed by a plugin, rendered by MkDocs")
            return False
        try:
            rendered = future.result()
        except WorkerError as error:
            # Not lost: MkDocs renders the page itself, and raises the page's own error if any.
            log.debug(f"{page.file.src_uri}: rendered by MkDocs, as {error}")
            return False
        if rendered.links_to_site:
            return False
        if not from_cache:
            self._to_keep.append((key, rendered))

        def render(config: MkDocsConfig, files: Any) -> None:
            del page.render  # the class's render() again, should MkDocs render the page twice
            if page.markdown != text:
                # Changed after this plugin's on_page_markdown (by a plugin of lower priority).
                page.render(config, files)
                return
            page.content = rendered.html
            page.toc = get_toc(rendered.toc_tokens)
            page._title_from_render = rendered.title
            page.present_anchor_ids = set(rendered.anchor_ids)
            if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
                page.links_to_anchors = (
                    {page.file: dict(rendered.self_links)} if rendered.self_links else {}
                )

        page.render = render  # type: ignore[method-assign]
        self._taken += 1
        self._taken_from_cache += from_cache
        return True

    def close(self, *, build_complete: bool = False) -> None:
        """End the workers and say how many pages they rendered (the rest MkDocs did). After a
        complete build, the cache is given the pages rendered now and keeps only the pages this
        build used; after a failed one, it is left as it was."""
        self._sent.clear()
        for worker in self._workers:
            worker.close()
        if build_complete:
            for key, rendered in self._to_keep:
                self._cache.put(key, rendered)
            self._cache.prune()
        self._to_keep.clear()
        if self._sent_count:
            log.info(
                f"Markdown of {self._taken} of {self._sent_count} document pages from "
                f"{len(self._workers)} worker processes ({self._taken_from_cache} of them kept "
                "from an earlier build)"
            )
            self._sent_count = 0


class _Worker:
    """One worker process: pages go in on its stdin, their renderings come out on its stdout
    (pickled), each in its turn; a thread feeds it and another reads it."""

    def __init__(self, settings: tuple[list, dict]) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (_PACKAGES_DIR, env.get("PYTHONPATH"))))
        self._process = subprocess.Popen(
            [sys.executable, "-c", _WORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # What a worker writes there (Python-Markdown's warnings, say) shows as it would
            # in-process.
            stderr=None,
            env=env,
        )
        self._pending: list[Future[Rendered]] = []
        # Why it ended, once it has: what is submitted after fails at once.
        self._ended: str | None = None
        self._lock = threading.Lock()
        self._inbox: list[str | None] = []
        self._has_work = threading.Condition(self._lock)
        self._threads = [
            threading.Thread(target=target, name=f"markdown-{name}", daemon=True)
            for name, target in (("feeder", self._feed), ("reader", self._read))
        ]
        pickle.dump(settings, self._process.stdin)
        for thread in self._threads:
            thread.start()

    def submit(self, text: str) -> Future[Rendered]:
        future: Future[Rendered] = Future()
        with self._has_work:
            if self._ended is not None:
                future.set_exception(WorkerError(self._ended))
                return future
            self._pending.append(future)
            self._inbox.append(text)
            self._has_work.notify()
        return future

    def close(self) -> None:
        with self._has_work:
            self._inbox.append(None)
            self._has_work.notify()
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for thread in self._threads:
            thread.join(timeout=5)
        self._fail_pending("the build ended")

    def _feed(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            while True:
                with self._has_work:
                    while not self._inbox:
                        self._has_work.wait()
                    text = self._inbox.pop(0)
                if text is None:
                    break
                pickle.dump(text, stdin)
                stdin.flush()
        except (OSError, ValueError):
            pass  # it has ended: the reader fails what it had not rendered
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        while True:
            try:
                ok, result = pickle.load(stdout)
            except (EOFError, OSError, pickle.UnpicklingError, AttributeError, ImportError):
                break  # ended, or wrote what it should not have: its pages go back to MkDocs
            with self._lock:
                future = self._pending.pop(0)
            if ok:
                future.set_result(result)
            else:
                future.set_exception(WorkerError(result))
        self._fail_pending(f"its worker ended (exit code {self._process.wait()})")

    def _fail_pending(self, why: str) -> None:
        with self._lock:
            self._ended = self._ended or why
            pending, self._pending = self._pending, []
        for future in pending:
            if not future.done():
                future.set_exception(WorkerError(why))


# --- in a worker -------------------------------------------------------------------------------


def serve() -> None:
    """A worker's life: the Markdown settings, then pages until its input ends."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    if hasattr(os, "nice"):
        # Behind MkDocs and Pagefind, which wait for the pages anyway: measured on 2 cores, a
        # 500-review build took 66 s with workers at the same priority, 63 s with these behind.
        os.nice(WORKER_NICENESS)
    sys.stdout = sys.stderr  # stdout carries the renderings: nothing else may write to it
    try:
        extensions, configs = pickle.load(stdin)
        while True:
            try:
                text = pickle.load(stdin)
            except EOFError:
                return
            try:
                answer = (True, render(text, extensions, configs))
            except Exception as error:  # noqa: BLE001 - reported; MkDocs renders the page again
                answer = (False, f"the worker could not render it: {error!r}")
            pickle.dump(answer, stdout)
            stdout.flush()
    except (OSError, pickle.UnpicklingError, AttributeError, ImportError) as error:
        # Its pages are rendered by MkDocs instead, which reports any real problem.
        print(f"reviews plugin: a Markdown worker stopped: {error}", file=sys.stderr)
        sys.exit(1)


class _LinksSeen(Treeprocessor):
    """Where MkDocs' _RelativePathTreeprocessor runs, notes what it would act on: links to the
    page's own anchors, and any link or image path it would resolve against the site."""

    def __init__(self) -> None:
        super().__init__()
        self.self_links: dict[str, str] = {}
        self.links_to_site = False

    def run(self, root: Any) -> None:
        for element in root.iter():
            key = {"a": "href", "img": "src"}.get(element.tag)
            if key is None:
                continue
            url = element.get(key)
            scheme, netloc, path, _query, anchor = urlsplit(url)
            if scheme or netloc or AMP_SUBSTITUTE in url:
                continue  # a link off the site, or an e-mail address
            if url.startswith(("/", "\\")) or path:
                self.links_to_site = True
            elif anchor:
                self.self_links.setdefault(anchor, url)

    def register(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(self, "relpath", 0)  # MkDocs' own name and place


def render(text: str, extensions: list, configs: dict) -> Rendered:
    """Page.render() of MkDocs 1.6, without what needs the site's files."""
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    raw_html = _RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = _ExtractAnchorsTreeprocessor(None, None, None)  # type: ignore[arg-type]
    anchors._register(md)
    links = _LinksSeen()
    links.register(md)
    title = _ExtractTitleTreeprocessor()
    title._register(md)
    html = md.convert(text)
    return Rendered(
        html=html,
        toc_tokens=getattr(md, "toc_tokens", []),
        title=title.title,
        anchor_ids=frozenset(anchors.present_anchor_ids | raw_html.present_anchor_ids),
        self_links=links.self_links,
        links_to_site=links.links_to_site,
    )
