"""The PDFs kept between builds (site_plugins/reviews/pdf.py): a rebuild prints again only what
changed, and the cache keeps only the latest build's PDFs, so the PDF of a document since
corrected (a name taken out after publishing) does not stay beside the site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_site import make_project, mkdocs_build, needs_chromium

pytestmark = [pytest.mark.slow, needs_chromium]

WITH_PDF = {"REVIEWS_SKIP_PDF": "0"}
PRINTED = re.compile(r"Printed (\d+) PDFs")


def printed(result) -> int:
    assert result.returncode == 0, result.stderr
    found = PRINTED.search(result.stderr)
    return int(found[1]) if found else 0


def test_a_rebuild_prints_only_what_changed_and_keeps_only_the_latest_pdfs(tmp_path: Path):
    project = make_project(tmp_path)
    cache = project / ".cache" / "reviews" / "pdf"
    first = printed(mkdocs_build(project, tmp_path / "first", WITH_PDF))
    kept = {path.name: path.read_bytes() for path in cache.glob("*.pdf")}
    assert first >= 3 and len(kept) == first

    assert printed(mkdocs_build(project, tmp_path / "again", WITH_PDF)) == 0
    site_pdfs = sorted((tmp_path / "again").rglob("*.pdf"))
    assert len(site_pdfs) == first
    assert sorted(path.read_bytes() for path in site_pdfs) == sorted(kept.values())

    briefing = project / "reports" / "child-h" / "briefing.md"
    briefing.write_text(briefing.read_text("utf-8") + "\nA sentence added later.\n", "utf-8")
    reprinted = printed(mkdocs_build(project, tmp_path / "third", WITH_PDF))
    assert 1 <= reprinted < first
    now = {path.name for path in cache.glob("*.pdf")}
    # As many PDFs as the site has: the briefing's old PDF is gone, its new one is there.
    assert len(now) == first and len(set(kept) - now) == reprinted
