"""An example review ready for the review page, shared by tests/test_review_page.py and
scripts/review_page_screenshots.py: a temporary partnership repository with the example
partnership's settings and demo key, and Child D's drafts (plus a nickname the detector
misses, "Bumble", in two of them), scanned once."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from anonymiser.commands.scan import scan_review
from anonymiser.config import Settings, load_settings
from anonymiser.review_folder import ReviewFolder

REPO = Path(__file__).resolve().parents[1]
SLUG = "child-d"
MISSED = "Bumble"
# Sentences that name someone only by a nickname no name list knows.
MISSED_SENTENCES = {
    "briefing.md": f"\nThe nursery did not know who {MISSED} was.\n",
    "board-response.txt": f"\n{MISSED} had stayed over on the night before the admission.\n",
}


def build_review_project(root: Path, detector) -> tuple[ReviewFolder, Settings]:
    shutil.copy(REPO / "anonymiser.yml", root / "anonymiser.yml")
    (root / "examples").mkdir()
    shutil.copy(REPO / "examples" / "demo-partnership.key", root / "examples")
    folder = root / "reports" / SLUG
    shutil.copytree(REPO / "examples" / "reviews" / SLUG / "source", folder / "source")
    for name, sentence in MISSED_SENTENCES.items():
        draft = folder / "source" / name
        draft.write_text(draft.read_text(encoding="utf-8") + sentence, encoding="utf-8")
    settings = load_settings(root)
    review = ReviewFolder.at(folder)
    scan_review(review, settings, detector)
    return review, settings


def gold_identifiers(slug: str) -> list[str]:
    """Everything the gold annotations of an example say must never be published."""
    case = json.loads((REPO / "examples" / "reviews" / slug / "gold.json").read_text("utf-8"))
    return [item["text"] for item in case["mask"] + case["hidden"]]


def occurs(needle: str, text: str) -> bool:
    """Case-insensitive, any spacing, on word boundaries: as the gold format matches."""
    pattern = r"\s+".join(re.escape(word) for word in needle.split())
    return re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE) is not None
