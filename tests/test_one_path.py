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


# Names that are also words. The detector counts "hope" and "bear" as a name only where written
# as one (or in a quoted message); the plan, which also finds every variant by its fingerprint,
# must keep to that rule for the detector's variants, and both commands must agree on it.
INVENTED = """# Overview

Hope Okafor lived with her brother Ilario on the Fellgate estate. Hope's teacher called twice.

By 2022 the school had little hope that the referral would be taken up.

Ilario texted his friend: "hope is not answering again".

Her cousin, known to everyone as Bear, stayed over. A bear was drawn on the wall. The BEAR
club met on Fridays. The dog, Biscuit, was given a biscuit after every walk.
"""


def test_redact_auto_agrees_with_apply_on_a_name_that_is_also_a_word(project):
    drafts = project / "drafts"
    drafts.mkdir()
    (drafts / "overview.md").write_text(INVENTED, encoding="utf-8")
    assert_one_path(drafts, Path("reports") / "child-q")


@pytest.mark.parametrize(
    ("phrase", "published"),
    [
        ("little hope that", True),  # a word, in lower case
        ("A bear was drawn", True),
        ("Hope Okafor", False),  # a name, written as one
        ("Hope's teacher", False),
        ('"hope is not', False),  # a name in a quoted message, as people text them
        ("BEAR", False),  # capitals: a heading's style, still the name
        ("Biscuit", False),  # added by a person: replaced in any capitals
        ("a biscuit", False),
    ],
)
def test_the_plan_keeps_a_detected_name_only_where_it_is_a_word(phrase, published, overview):
    assert (phrase in overview) is published


@pytest.fixture(scope="module")
def overview(tmp_path_factory) -> str:
    """INVENTED, published with every suggestion accepted and the dog's name added by hand."""
    root = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "anonymiser.yml", root / "anonymiser.yml")
    (root / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "demo-partnership.key", root / "examples")
    review = root / "reports" / "child-q"
    (review / "source").mkdir(parents=True)
    (review / "source" / "overview.md").write_text(INVENTED, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("ANONYMISER_KEY", raising=False)
        patch.chdir(root)
        run("scan", str(review))
        run("review", str(review), "--accept-all")
        run("review", str(review), "--add", "Biscuit", "--type", "PERSON", "--label", "Pet 1")
        settle_to_check(review)
        run("apply", str(review), "--by", "Comms officer")
    return (review / "overview.md").read_text(encoding="utf-8")


def settle_to_check(review: Path) -> None:
    """Mark what the scan could not explain as not identifying, as redact --auto leaves it."""
    listing = json.loads(run("review", str(review), "--list", "--json"))
    unexplained = [item["text"] for item in listing["to_check"]]
    if unexplained:
        run("review", str(review), *[f"--not-identifying={text}" for text in unexplained])


def assert_one_path(drafts: Path, review: Path) -> None:
    shutil.copytree(drafts, review / "source")
    run("scan", str(review))
    run("review", str(review), "--accept-all")
    settle_to_check(review)
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
