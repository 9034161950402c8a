"""The benchmark corpus: the example reviews, repeated with different fictional names per copy.

A corpus is a *plan*: a list of review copies `(slug, copy)`. Copy 0 of a review is its drafts as
they are; copy n > 0 is the same drafts read by the product's readers with every person's given
name and surname (taken from the review's gold.json) replaced by another fictional name from
Faker, chosen by a seed derived from the slug and n, so the plan alone fixes every text. The
children that time the product read the drafts themselves; the others receive the texts.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import replace
from pathlib import Path

from faker import Faker

from anonymiser.ingest import Document
from anonymiser.pipeline import read_drafts

REPO = Path(__file__).resolve().parent.parent
REVIEWS = REPO / "examples" / "reviews"
# Words in a gold "person" item that are not names.
TITLES = {"mr", "mrs", "ms", "miss", "dr", "nana"}
_POSSESSIVE = re.compile(r"['’][sS]$")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")


def review_slugs() -> list[str]:
    return sorted(path.name for path in REVIEWS.iterdir() if (path / "source").is_dir())


def source_folder(slug: str) -> Path:
    return REVIEWS / slug / "source"


def words(text: str) -> int:
    return len(text.split())


def scanned_texts(documents: list[Document]) -> list[str]:
    """The texts the detector runs over: each body, and each hidden part not already typed (a
    comment's author is taken as a name whole, without running the detector)."""
    texts: list[str] = []
    for document in documents:
        texts.append(document.body)
        texts.extend(part.text for part in document.hidden if not part.entity_type)
    return texts


class Renamer:
    """Replaces the people of one review with other fictional people, copy by copy."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        self.given, self.surnames = _person_words(REVIEWS / slug / "gold.json")
        names = sorted(self.given | self.surnames, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(name) for name in names) + r")(?!\w)", re.IGNORECASE
        )

    def mapping(self, copy: int) -> dict[str, str]:
        """Lower-case name -> its replacement in this copy (empty for copy 0)."""
        if copy == 0:
            return {}
        fake = Faker("en_GB")
        fake.seed_instance(zlib.crc32(f"{self.slug}/{copy}".encode()))
        taken = self.given | self.surnames
        mapping: dict[str, str] = {}
        for name in sorted(self.given):
            mapping[name] = _fresh(fake.first_name, taken)
        for name in sorted(self.surnames):
            mapping[name] = _fresh(fake.last_name, taken)
        return mapping

    def apply(self, documents: list[Document], copy: int) -> list[Document]:
        mapping = self.mapping(copy)
        if not mapping:
            return documents

        def substitute(text: str) -> str:
            return self.pattern.sub(lambda match: _same_case(match[0], mapping), text)

        return [
            replace(
                document,
                body=substitute(document.body),
                hidden=tuple(replace(part, text=substitute(part.text)) for part in document.hidden),
            )
            for document in documents
        ]


def _person_words(gold_path: Path) -> tuple[set[str], set[str]]:
    """Given names and surnames (lower case) of the people in a review's gold file."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    items = [
        [_POSSESSIVE.sub("", word) for word in item["text"].split()]
        for item in gold.get("mask", [])
        if item.get("type", "").lower() == "person"
    ]
    items = [[word for word in item if word.lower() not in TITLES] for item in items]
    surnames = {item[-1].lower() for item in items if len(item) > 1}
    given = {word.lower() for item in items for word in item[:-1]}
    given |= {item[0].lower() for item in items if len(item) == 1} - surnames
    return given, surnames


def _fresh(make, taken: set[str]) -> str:
    while True:
        name = make()
        if name.isalpha() and name.lower() not in taken:
            taken.add(name.lower())
            return name


def _same_case(found: str, mapping: dict[str, str]) -> str:
    new = mapping[found.lower()]
    if found.isupper() and len(found) > 1:
        return new.upper()
    if found.islower():
        return new.lower()
    return new


def plan_for(target_words: int, review_words: dict[str, int]) -> list[tuple[str, int]]:
    """Review copies, round-robin over the examples, until the corpus holds target_words."""
    plan: list[tuple[str, int]] = []
    total = 0
    copy = 0
    while total < target_words:
        for slug in sorted(review_words):
            if total >= target_words:
                break
            plan.append((slug, copy))
            total += review_words[slug]
        copy += 1
    return plan


class Corpus:
    """The example drafts, read once, and the renamed copies a plan asks for."""

    def __init__(self) -> None:
        self.originals = {slug: read_drafts(source_folder(slug)) for slug in review_slugs()}
        self.renamers = {slug: Renamer(slug) for slug in self.originals}

    def review_words(self) -> dict[str, int]:
        return {
            slug: sum(words(text) for text in scanned_texts(documents))
            for slug, documents in self.originals.items()
        }

    def documents(self, slug: str, copy: int) -> list[Document]:
        return self.renamers[slug].apply(self.originals[slug], copy)

    def report_markdown(self, target_words: int) -> str:
        """One long overview report: review bodies, paragraph by paragraph, to target_words."""
        paragraphs: list[str] = []
        total = 0
        documents = (
            document
            for slug, copy in plan_for(10 * target_words, self.review_words())
            for document in self.documents(slug, copy)
        )
        for number, document in enumerate(documents):
            # Footnote labels restart in every document: keep them apart in the one report.
            body = _FOOTNOTE.sub(lambda match, n=number: f"[^{match[1]}-{n}]", document.body)
            for paragraph in body.split("\n\n"):
                if not paragraph.strip():
                    continue
                paragraphs.append(paragraph.strip())
                total += words(paragraph)
                if total >= target_words:
                    return "\n\n".join(paragraphs) + "\n"
        raise AssertionError("unreachable: the plan holds ten times the words asked for")
