"""One path from decisions to text: `redact --auto` (and so `evaluate`, which runs it) writes
exactly what `scan`, `review --accept-all` and `apply` publish, because both merge the scan into
the decisions, accept every suggestion and plan with anonymiser.decisions.plan."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from anonymiser.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.name for p in (ROOT / "examples" / "reviews").iterdir() if p.is_dir())


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("slug", EXAMPLES)
def test_redact_auto_writes_what_accept_all_and_apply_publish(slug, project):
    assert_one_path(ROOT / "examples" / "reviews" / slug / "source", Path("reports") / slug)


# A name that is also a word: the detector's mentions keep "little hope", the plan's search by
# fingerprint (as apply publishes) does not. Both commands must agree on it.
INVENTED = """# Overview

Hope Trevanion lived with her brother Ilario on the Fellgate estate. By 2022 the school had
little hope that the referral would be taken up. Hope's teacher, Mr Quennell, called
07700 900461 twice.
"""


def test_redact_auto_agrees_with_apply_on_a_name_that_is_also_a_word(project):
    drafts = project / "drafts"
    drafts.mkdir()
    (drafts / "overview.md").write_text(INVENTED, encoding="utf-8")
    assert_one_path(drafts, Path("reports") / "child-q")


def assert_one_path(drafts: Path, review: Path) -> None:
    shutil.copytree(drafts, review / "source")
    run("scan", str(review))
    run("review", str(review), "--accept-all")
    # redact --auto leaves what the scan could not explain as it is: here, not identifying.
    listing = json.loads(run("review", str(review), "--list", "--json"))
    unexplained = [item["text"] for item in listing["to_check"]]
    if unexplained:
        run("review", str(review), *[f"--not-identifying={text}" for text in unexplained])
    run("apply", str(review), "--by", "Comms officer")
    run("redact", "--auto", str(drafts), "auto")

    published = sorted(path.name for path in review.glob("*.md"))
    assert published == sorted(path.name for path in Path("auto").glob("*.md"))
    assert published, "nothing was published"
    for name in published:
        assert (Path("auto") / name).read_bytes() == (review / name).read_bytes(), name


def test_redact_auto_without_a_key_gives_the_same_text_every_time(tmp_path, monkeypatch):
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "anonymiser.yml").write_text("key_file: no-key-here\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "overview.md").write_text(
        "Tamsin Okonkwo-Reyes moved to 9 Heronsgate Walk with her son Ilario in May 2021.\n",
        encoding="utf-8",
    )

    run("redact", "--auto", "drafts", "first")
    run("redact", "--auto", "drafts", "second")

    first = (tmp_path / "first" / "overview.md").read_text(encoding="utf-8")
    assert first == (tmp_path / "second" / "overview.md").read_text(encoding="utf-8")
    assert "Tamsin" not in first and "Heronsgate" not in first
    assert not (tmp_path / "no-key-here").exists()
