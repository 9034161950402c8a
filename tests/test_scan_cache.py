"""Re-scanning: an unchanged review is not read again; any change, or a damaged cache, means a
full scan; several reviews can be scanned in parallel with the same result."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import anonymiser.pipeline
from anonymiser.cli import main
from anonymiser.commands.scan import scan_review
from anonymiser.config import load_settings
from anonymiser.review_folder import ReviewFolder
from anonymiser.scan_cache import CACHE_DIR

pytestmark = pytest.mark.slow


def make_review(project: Path, slug: str, text: str) -> ReviewFolder:
    folder = project / "reports" / slug
    (folder / "source").mkdir(parents=True)
    (folder / "source" / "overview.md").write_text(text, encoding="utf-8")
    return ReviewFolder.inside(folder, project / "reports")


def forbid_analysis(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the drafts were read again")

    monkeypatch.setattr(anonymiser.pipeline, "analyse", fail)


def test_unchanged_review_is_not_read_again(project, monkeypatch):
    folder = make_review(project, "child-q", "Kayden Marsh was seen at home.\n")
    settings = load_settings(project)
    first = scan_review(folder, settings)
    forbid_analysis(monkeypatch)
    again = scan_review(folder, settings)
    assert (again.total, again.pending) == (first.total, first.pending)
    cache = (project / CACHE_DIR / "child-q").read_text()
    assert "kayden" not in cache.casefold() and len(cache.strip()) == 64


@pytest.mark.parametrize(
    "change",
    ["draft", "decision", "corrupt cache"],
)
def test_any_change_means_a_full_scan(project, monkeypatch, change):
    folder = make_review(project, "child-r", "Kayden Marsh was seen at home.\n")
    settings = load_settings(project)
    scan_review(folder, settings)
    if change == "draft":
        (folder.source / "overview.md").write_text("Kayden Marsh met Dean Whitlock.\n")
    elif change == "decision":
        CliRunner().invoke(main, ["review", "reports/child-r", "--accept-all"])
    else:
        (project / CACHE_DIR / "child-r").write_bytes(b"\xff\x00 not a state")
    calls = []
    real = anonymiser.pipeline.analyse
    monkeypatch.setattr(
        anonymiser.pipeline, "analyse", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    scan_review(folder, settings)
    assert calls == [1]


def test_parallel_scan_gives_the_same_files(project):
    texts = {
        "child-s": "Kayden Marsh was seen at 14 Larkspur Close.\n",
        "child-t": "Zofia Wójcik rang 07700 900123.\n",
    }
    for slug, text in texts.items():
        make_review(project, slug, text)
    one = CliRunner().invoke(main, ["scan", "reports/child-s", "reports/child-t"])
    assert one.exit_code == 0, one.output
    expected = {s: (project / "reports" / s / "redactions.yml").read_text() for s in texts}
    for slug in texts:
        (project / "reports" / slug / "redactions.yml").unlink()
        (project / CACHE_DIR / slug).unlink()
    two = CliRunner().invoke(main, ["scan", "--jobs", "2", "reports/child-s", "reports/child-t"])
    assert two.exit_code == 0, two.output
    for slug in texts:
        assert (project / "reports" / slug / "redactions.yml").read_text() == expected[slug]
