"""Rendered Markdown kept between builds (site_plugins/reviews/markdown_cache.py): a rebuild
renders only the pages whose Markdown changed, gives the same site, and never trusts an entry
that is not what was written."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_markdown_pool import SETTINGS, build, copy_of, counts, in_process, pages_of, project

from site_plugins.reviews.markdown_cache import MarkdownCache, extension_versions
from site_plugins.reviews.markdown_pool import render

pytestmark = pytest.mark.slow

__all__ = ["in_process", "project"]  # fixtures, shared with test_markdown_pool.py


def cache_of(project: Path) -> Path:
    return project / ".cache" / "reviews" / "markdown"


def test_a_rebuild_takes_every_unchanged_page_from_the_cache(project, in_process, tmp_path):
    copy = copy_of(project, tmp_path)
    first = build(copy, tmp_path / "first", workers="2")
    again = build(copy, tmp_path / "again", workers="2")
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr
    taken, sent, _, kept = counts(first)
    assert kept == 0 and taken == sent
    assert counts(again) == (sent, sent, 2, sent)
    assert len(list(cache_of(copy).iterdir())) == sent
    assert pages_of(tmp_path / "again") == in_process


def test_after_one_document_changed_only_its_page_is_rendered_again(project, tmp_path):
    copy = copy_of(project, tmp_path)
    assert build(copy, tmp_path / "first", workers="2").returncode == 0
    before = set(cache_of(copy).iterdir())
    briefing = copy / "reports" / "child-h" / "briefing.md"
    briefing.write_text(briefing.read_text("utf-8") + "\nA sentence added later.\n", "utf-8")
    again = build(copy, tmp_path / "again", workers="2")
    assert again.returncode == 0, again.stderr
    _, sent, _, kept = counts(again)
    assert kept == sent - 1
    page = (tmp_path / "again" / "reviews/child-h/briefing/index.html").read_text("utf-8")
    assert "<p>A sentence added later.</p>" in page
    # The briefing's old entry is gone, its new one is there: one page's entries per page.
    after = set(cache_of(copy).iterdir())
    assert len(after) == sent and len(before - after) == len(after - before) == 1


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="cut short"),
        pytest.param(lambda data: data + b"<p>More</p>", id="added to"),
        pytest.param(lambda data: b"not an entry", id="garbage"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b'{"html_bytes": 0}\n', id="missing fields"),
        pytest.param(
            lambda data: data.replace(b'"links_to_site": false', b'"links_to_site": 1'),
            id="wrong type",
        ),
    ],
)
def test_a_spoilt_entry_is_rendered_again(project, in_process, tmp_path, spoil):
    copy = copy_of(project, tmp_path)
    assert build(copy, tmp_path / "first", workers="2").returncode == 0
    entry = sorted(cache_of(copy).iterdir())[0]
    entry.write_bytes(spoil(entry.read_bytes()))
    again = build(copy, tmp_path / "again", workers="2")
    assert again.returncode == 0, again.stderr
    _, sent, _, kept = counts(again)
    assert kept == sent - 1
    assert pages_of(tmp_path / "again") == in_process
    # Written anew: the next build takes it.
    assert counts(build(copy, tmp_path / "third", workers="2"))[3] == sent


def test_an_entry_is_found_only_by_the_same_markdown_and_settings(tmp_path):
    text = "# Title\n\nText[^1].\n\n[^1]: A note.\n"
    rendered = render(text, *SETTINGS)
    cache = MarkdownCache(tmp_path, b"settings one")
    cache.put(cache.key(text), rendered)
    assert cache.get(cache.key(text)) == rendered
    assert cache.get(cache.key(text + " ")) is None
    other = MarkdownCache(tmp_path, b"settings two")
    assert other.key(text) != cache.key(text) and other.get(other.key(text)) is None


def test_the_versions_of_the_extensions_packages_are_part_of_the_key():
    from importlib.metadata import version

    assert extension_versions(["tables", "toc"]) == []  # in Python-Markdown's own version
    assert extension_versions(["tables", "pymdownx.superfences", "pymdownx.details"]) == [
        f"pymdown-extensions=={version('pymdown-extensions')}"
    ]


def test_a_failed_build_leaves_the_cache_as_it_was(project, tmp_path):
    """Entries are written once every page is rendered (while Pagefind writes its index): a
    build that fails before then adds none, and a later complete build writes them all."""
    copy = copy_of(project, tmp_path)
    hook = copy / "hook.py"
    hook.write_text(
        "def on_page_content(html, page, config, files):\n"
        "    if page.file.src_uri == 'reviews/child-h/briefing.md':\n"
        "        raise RuntimeError('stopped by a hook')\n"
        "    return html\n",
        encoding="utf-8",
    )
    config = copy / "mkdocs.yml"
    plain_config = config.read_text(encoding="utf-8")
    config.write_text(plain_config + "hooks:\n  - hook.py\n", "utf-8")
    failed = build(copy, tmp_path / "failed", workers="2")
    assert failed.returncode != 0 and "stopped by a hook" in failed.stderr
    assert not cache_of(copy).exists() or not list(cache_of(copy).iterdir())
    config.write_text(plain_config, "utf-8")
    complete = build(copy, tmp_path / "complete", workers="2")
    assert complete.returncode == 0, complete.stderr
    _, sent, _, kept = counts(complete)
    assert kept == 0 and len(list(cache_of(copy).iterdir())) == sent
