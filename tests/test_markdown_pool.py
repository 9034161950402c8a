"""Document pages' Markdown rendered by worker processes (site_plugins/reviews/markdown_pool.py):
real `mkdocs build --strict` runs of the long-document fixture, with workers and without, must
give the same site byte for byte; pages the workers cannot render as MkDocs would are left to
MkDocs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from long_document import long_document_project
from test_site import NO_PDF, mkdocs_build

from site_plugins.reviews.markdown_pool import WORKERS_ENV, WorkerError, _Worker, render

pytestmark = pytest.mark.slow

TAKEN = re.compile(
    r"Markdown of (\d+) of (\d+) document pages from (\d+) worker processes "
    r"\((\d+) of them kept from an earlier build\)"
)
SETTINGS = (["tables", "footnotes", "attr_list", "toc"], {"toc": {"permalink": True}})


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return long_document_project(tmp_path_factory.mktemp("pool"))


@pytest.fixture(scope="module")
def in_process(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The site as MkDocs renders every page itself."""
    site = tmp_path_factory.mktemp("in-process")
    result = build(project, site, workers="0")
    assert result.returncode == 0, result.stderr
    assert not TAKEN.search(result.stderr)
    return pages_of(site)


def build(project: Path, site: Path, workers: str):
    return mkdocs_build(project, site, {**NO_PDF, WORKERS_ENV: workers})


def pages_of(site: Path) -> dict[str, str]:
    """Every page, feed and sitemap of the site (not the search index, whose file names are
    hashes that differ between any two builds)."""
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*"))
        if path.suffix in {".html", ".xml"} and "pagefind" not in path.parts
    }


def copy_of(project: Path, tmp_path: Path) -> Path:
    """The project, without the rendered pages that earlier builds kept."""
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".cache"))
    return copy


def counts(result) -> tuple[int, int, int, int]:
    """(pages whose HTML came from the pool, pages sent to it, workers, pages of those kept from
    an earlier build), as the build's log says."""
    found = TAKEN.search(result.stderr)
    assert found, result.stderr
    return tuple(map(int, found.groups()))


def test_workers_build_the_same_site_as_mkdocs(project, in_process, tmp_path):
    result = build(copy_of(project, tmp_path), tmp_path / "site", workers="2")
    assert result.returncode == 0, result.stderr
    taken, sent, workers, kept = counts(result)
    assert kept == 0
    # Every document page (the long overview's parts among them) was rendered by the workers.
    documents = sum('<p class="reviews-document-facts">' in page for page in in_process.values())
    assert (workers, taken, sent) == (2, documents, documents)
    assert documents >= 6
    assert pages_of(tmp_path / "site") == in_process


def test_a_document_that_links_the_site_is_left_to_mkdocs(project, tmp_path):
    copy = copy_of(project, tmp_path)
    briefing = copy / "reports" / "child-h" / "briefing.md"
    briefing.write_text(
        briefing.read_text(encoding="utf-8") + "\nSee [all reviews](../index.md).\n", "utf-8"
    )
    pooled = build(copy, tmp_path / "pooled", workers="2")
    alone = build(copy, tmp_path / "alone", workers="0")
    assert pooled.returncode == alone.returncode == 0, pooled.stderr + alone.stderr
    taken, sent, _, _ = counts(pooled)
    assert taken == sent - 1
    pages = pages_of(tmp_path / "pooled")
    # MkDocs made the link a link to the page's address.
    assert '<a href="../../">all reviews</a>' in pages["reviews/child-h/briefing/index.html"]
    assert pages == pages_of(tmp_path / "alone")


@pytest.mark.parametrize("priority", [0, -200], ids=["before ours", "after ours"])
def test_markdown_changed_by_another_plugin_is_rendered_with_the_change(
    project, tmp_path, priority
):
    copy = copy_of(project, tmp_path)
    (copy / "hook.py").write_text(
        "from mkdocs.plugins import event_priority\n\n\n"
        f"@event_priority({priority})\n"
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    if page.file.src_uri.endswith('briefing.md'):\n"
        "        return markdown + '\\n\\nAdded by a hook.\\n'\n"
        "    return markdown\n",
        "utf-8",
    )
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hook.py\n", "utf-8")
    result = build(copy, tmp_path / "site", workers="2")
    assert result.returncode == 0, result.stderr
    taken, sent, _, _ = counts(result)
    # Seen before the workers' HTML is taken, or only when the page is rendered: either way
    # the page is MkDocs' own rendering of the changed Markdown.
    assert taken == sent - (1 if priority == 0 else 0)
    page = (tmp_path / "site" / "reviews/child-h/briefing/index.html").read_text("utf-8")
    assert "<p>Added by a hook.</p>" in page


@pytest.mark.parametrize("value", ["two", "-1", "1.5"])
def test_a_wrong_number_of_workers_stops_the_build_clearly(project, tmp_path, value):
    result = build(copy_of(project, tmp_path), tmp_path / "site", workers=value)
    assert result.returncode == 1
    assert f"{WORKERS_ENV}='{value}': must be a whole number of worker processes" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_worker_renders_as_in_process_and_a_dead_one_fails_its_pages():
    text = "# Title\n\nText[^1] and [a link](#title).\n\n[^1]: A note.\n"
    worker = _Worker(SETTINGS)
    try:
        rendered = worker.submit(text).result(timeout=60)
        assert rendered == render(text, *SETTINGS)
        assert {"title", "fn:1", "fnref:1"} <= rendered.anchor_ids
        assert rendered.self_links == {"fn:1": "#fn:1", "title": "#title", "fnref:1": "#fnref:1"}
        assert not rendered.links_to_site
        worker._process.kill()
        with pytest.raises(WorkerError, match="its worker ended"):
            worker.submit(text).result(timeout=60)
    finally:
        worker.close()


@pytest.mark.parametrize(
    ("link", "to_site"),
    [
        ("https://www.gov.uk/", False),
        ("mailto:reviews@example.org", False),
        ("#title", False),
        ("../index.md", True),
        ("/about/", True),
        ("other.md#part", True),
    ],
)
def test_links_to_the_site_are_noticed(link, to_site):
    assert render(f"# Title\n\n[here]({link})\n", *SETTINGS).links_to_site is to_site


def test_a_build_that_fails_leaves_no_worker_running(project, tmp_path):
    copy = copy_of(project, tmp_path)
    # A page of docs/ where the plugin generates one: the build stops while the workers run.
    in_the_way = copy / "docs" / "reviews" / "child-h" / "briefing.md"
    in_the_way.parent.mkdir(parents=True)
    in_the_way.write_text("# Briefing\n", "utf-8")
    result = build(copy, tmp_path / "site", workers="2")
    assert result.returncode == 1
    assert "is in the way of the page the reviews plugin generates there" in result.stderr
    assert "Traceback" not in result.stderr
    # Workers had pages when the build stopped, and none is left.
    assert counts(result)[1] > 0
    assert not workers_running()


def workers_running() -> list[str]:
    """Command lines of Markdown workers still running on this machine."""
    running = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue  # ended meanwhile
        if "markdown_pool import serve" in command:
            running.append(command)
    return running
