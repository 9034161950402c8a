"""A long fictional overview report (about 12,000 words) and a copy of the site fixture
(tests/fixtures/site/) that publishes it as Child H's overview, split into parts. Shared by
tests/test_parts_site.py and tests/test_parts_browser.py."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "site"
WORDS_PER_PAGE = 3000

_SENTENCES = [
    "The health visitor recorded that the home was cold and that the baby wore a damp vest.",
    "Mother said that she had not slept for several nights and that Father was out most evenings.",
    "The GP practice did not know that children's social care had received a referral.",
    "Practitioners described the family as hard to engage, yet the records show missed offers.",
    "The nursery noticed that Child H was often collected late and was hungry on arrival.",
    "A strategy discussion was planned but did not happen because the officer was on leave.",
    "No record shows that anyone asked the wider family what they had seen at home.",
    "Father told the housing officer that the flat had had no heating for most of the winter.",
    "Supervision notes show that the social worker raised the baby's weight twice.",
    "The multi-agency meeting agreed actions, but none of them had an owner or a date.",
    "The midwife shared her worries by letter, which reached the team a fortnight later.",
    "Each agency held part of the picture and none of them put the parts together.",
]
# The footnotes, and where each is referred to: the first in the introduction and the
# recommendations (the first and last parts), the second in the table and the recommendations.
FOOTNOTES = {
    "records": "The reviewer read the full records of all seven agencies involved.",
    "weights": "Weights were taken from the personal child health record and the GP's notes.",
}


def _paragraphs(rng: random.Random, first: int, count: int) -> list[str]:
    """Paragraphs of about 80 words, each opening with its own number ("Entry 12.")."""
    return [
        f"Entry {number}. " + " ".join(rng.sample(_SENTENCES, 5))
        for number in range(first, first + count)
    ]


def long_overview(scale: int = 1) -> tuple[str, list[str]]:
    """(the Markdown of the report, its paragraphs of running text in order); about 11,500
    words times `scale`."""
    rng = random.Random(7)
    paragraphs: list[str] = []
    out: list[str] = ["# Overview report", ""]

    def section(heading: str, count: int, references: str = "") -> None:
        new = _paragraphs(rng, len(paragraphs) + 1, count * scale)
        new[-1] += references
        paragraphs.extend(new)
        out.extend([heading, ""])
        for paragraph in new:
            out.extend([paragraph, ""])

    section("## 1. Introduction", 4, "[^records]")
    section("## 2. Background", 8)
    section("### 2.1 The family", 6)
    section("### 2.2 *Agencies* involved", 6)
    section("## 3. Chronology of events", 2)
    section("### 3.1 The first year", 18)
    section("### 3.2 The second year", 18)
    section("### 3.3 The months before the admission", 18)
    # A long section without a sub-heading: cut between paragraphs.
    section("## 4. Analysis", 50)
    out.extend(["## 5. Agency contacts", "", "| Agency | Visit | Contact |", "| --- | --- | --- |"])
    for visit in range(1, 40 * scale + 1):
        out.append(f"| Health visiting | {visit} | Home visit; weight recorded[^weights] |")
    out.extend(["", "## 6. Findings", ""])
    for number in range(1, 13):
        out.append(f"{number}. Finding {number}: " + " ".join(rng.sample(_SENTENCES, 3)))
        if number == 3:
            out.extend(["", "    " + " ".join(rng.sample(_SENTENCES, 2)), ""])
    out.append("")
    section("## 7. Recommendations", 4, "[^weights][^records]")
    out.extend(f"[^{key}]: {text}" for key, text in FOOTNOTES.items())
    return "\n".join(out) + "\n", paragraphs


def long_document_project(
    root: Path, words_per_page: int | None = WORDS_PER_PAGE, scale: int = 1
) -> Path:
    """A copy of the site fixture whose Child H overview is the long report; words_per_page:
    the plugin's option (None: its default)."""
    project = root / "project"
    shutil.copytree(FIXTURE, project)
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(REPO / "templates")
    if words_per_page is not None:
        config["plugins"][0]["reviews"]["words_per_page"] = words_per_page
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    markdown, _ = long_overview(scale)
    (project / "reports" / "child-h" / "overview.md").write_text(markdown, "utf-8")
    return project
