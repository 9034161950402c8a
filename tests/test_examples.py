"""The bundled example partnership: its published files are exactly what the tool makes from
the example drafts and the committed decisions, and they contain no identifier."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from anonymiser.check.run import run_check
from anonymiser.commands.apply import apply_review
from anonymiser.config import load_settings
from anonymiser.review_folder import ReviewFolder

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.name for p in (ROOT / "examples" / "reviews").iterdir() if p.is_dir())


def gold(slug: str) -> dict:
    return json.loads((ROOT / "examples" / "reviews" / slug / "gold.json").read_text("utf-8"))


def identifiers(slug: str) -> list[str]:
    case = gold(slug)
    return [item["text"] for item in case["mask"] + case["hidden"]]


def occurs(needle: str, text: str) -> bool:
    pattern = r"\s+".join(re.escape(word) for word in needle.split())
    return re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE) is not None


def test_every_example_is_published():
    published = sorted(p.parent.name for p in (ROOT / "reports").glob("*/review.yml"))
    assert published == EXAMPLES


@pytest.mark.parametrize("slug", EXAMPLES)
def test_reapplying_the_decisions_reproduces_the_published_documents(
    slug, tmp_path, monkeypatch, detector
):
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    shutil.copy(ROOT / "anonymiser.yml", tmp_path / "anonymiser.yml")
    (tmp_path / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "demo-partnership.key", tmp_path / "examples")
    folder = tmp_path / "reports" / slug
    folder.mkdir(parents=True)
    for name in ("redactions.yml", "review.yml"):
        shutil.copy(ROOT / "reports" / slug / name, folder / name)
    shutil.copytree(ROOT / "examples" / "reviews" / slug / "source", folder / "source")

    apply_review(ReviewFolder.at(folder), load_settings(tmp_path), "test", detector)

    committed = sorted((ROOT / "reports" / slug).glob("*.md"))
    assert committed, "no published documents"
    for path in committed:
        assert (folder / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("slug", EXAMPLES)
def test_committed_files_hold_no_identifier(slug):
    for path in sorted((ROOT / "reports" / slug).glob("*.*")):
        text = path.read_text(encoding="utf-8")
        for identifier in identifiers(slug):
            assert not occurs(identifier, text), f"{path.name} contains a gold identifier"


def test_leak_check_passes_on_the_examples(monkeypatch):
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    settings = load_settings(ROOT)
    report = run_check([ROOT / "reports"], settings, require_key=True)
    assert report.fingerprints_checked
    assert report.findings == []
