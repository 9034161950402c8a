"""The layout of one review in the site repository, and its `review.yml`.

reports/<slug>/source/          the drafts (git-ignored, never published)
reports/<slug>/redactions.yml   the decisions (see decisions.py)
reports/<slug>/<stem>.md        the anonymised documents, published
reports/<slug>/review.yml       what the site shows about the review
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from ruamel.yaml import YAML

from anonymiser.decisions import DECISIONS_NAME, write_atomic
from anonymiser.errors import ConfigError, InputError
from site_plugins.reviews.review_file import ReviewFileError, parse_review_yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REVIEW_FILE = "review.yml"
SOURCE_DIR = "source"
# Draft name -> the kind of document the site shows it as.
KINDS = {
    "overview": "overview",
    "executive-summary": "executive-summary",
    "briefing": "briefing",
    "board-response": "board-response",
}
KIND_TITLES = {
    "overview": "Overview report",
    "executive-summary": "Executive summary",
    "briefing": "Learning briefing",
    "board-response": "Partnership response",
}


@dataclass(frozen=True)
class ReviewFolder:
    path: Path

    @classmethod
    def at(cls, path: Path) -> ReviewFolder:
        path = Path(path)
        if not SLUG.match(path.resolve().name):
            raise InputError(
                path,
                "is not a valid review folder name.",
                "Use lower-case letters, digits and hyphens only, e.g. reports/child-d.",
            )
        return cls(path)

    @classmethod
    def inside(cls, path: Path, reports: Path) -> ReviewFolder:
        """The review folder at `path`, which must be a folder of `reports` itself: not a path
        that climbs out with '..', and not a link to a folder elsewhere."""
        folder = cls.at(path)
        if folder.path.resolve().parent != Path(reports).resolve():
            raise InputError(
                path,
                f"is not a review folder in {reports}/ (it leads to {folder.path.resolve()}).",
                f"Give the review's folder as {reports.name}/<name>; a link to a folder "
                "elsewhere is refused: move the folder itself into it.",
            )
        return folder

    @property
    def slug(self) -> str:
        return self.path.resolve().name

    @property
    def source(self) -> Path:
        return self.path / SOURCE_DIR

    @property
    def decisions_file(self) -> Path:
        return self.path / DECISIONS_NAME

    @property
    def review_file(self) -> Path:
        return self.path / REVIEW_FILE

    def published_file(self, stem: str) -> Path:
        return self.path / f"{stem}.md"

    def ensure_review_file(self) -> bool:
        """Write a draft review.yml when there is none. True if one was written."""
        if self.review_file.exists():
            return False
        title = " ".join(
            word.capitalize() if len(word) > 1 else word.upper() for word in self.slug.split("-")
        )
        skeleton = {
            "title": title,
            "status": "draft",
            "type": None,
            "published": None,
            "summary": "",
            "themes": [],
            "age_group": None,
            "documents": [],
        }
        header = (
            "# What the site shows about this review. Fill in type, published, summary, themes\n"
            "# and age_group, then set status to published. 'anonymiser apply' lists the\n"
            "# documents and records the sign-off.\n"
        )
        write_atomic(self.review_file, header + yaml.safe_dump(skeleton, sort_keys=False))
        return True

    def read_review(self) -> dict:
        """review.yml, read exactly as the site build reads it (one loader for both)."""
        if not self.review_file.is_file():
            raise ConfigError(f"{self.review_file}: is missing. Run 'anonymiser scan' first.")
        return read_review_file(self.review_file)

    def record_publication(self, stems: list[str], by: str, changed: bool) -> None:
        """List the documents in review.yml and, when they changed, record the sign-off.

        The file is edited in place (comments, order and layout kept): it is the comms team's.
        """
        self.read_review()  # validates, with clear errors
        editor = YAML()  # round-trip mode: keeps what a person wrote
        editor.width = 100
        editor.preserve_quotes = True
        review = editor.load(self.review_file.read_text(encoding="utf-8"))
        documents = list(review.get("documents") or [])
        listed = {entry.get("file") for entry in documents if isinstance(entry, dict)}
        for stem in stems:
            if f"{stem}.md" not in listed:
                kind = kind_of(stem, self.source)
                documents.append({"file": f"{stem}.md", "kind": kind, "title": KIND_TITLES[kind]})
        order = list(KINDS)
        documents.sort(key=lambda d: order.index(d["kind"]) if d.get("kind") in order else 99)
        update = documents != list(review.get("documents") or [])
        if update:
            review["documents"] = documents
        if changed or "sign_off" not in review:
            review["sign_off"] = {"by": by, "date": dt.date.today()}
            update = True
        if update:
            buffer = io.StringIO()
            editor.dump(review, buffer)
            write_atomic(self.review_file, buffer.getvalue())


def read_review_file(path: Path) -> dict:
    """A review.yml through the site's loader: no aliases, no key given twice, no impossible
    date; any problem is a ConfigError naming the file, the key and the line."""
    try:
        return parse_review_yaml(path, str(path))
    except ReviewFileError as error:
        raise ConfigError(str(error)) from None


def kind_of(stem: str, folder: Path) -> str:
    kind = KINDS.get(stem)
    if kind is None:
        raise ConfigError(
            f"{folder / stem}: the site needs to know which document this is. Rename the draft "
            f"to one of: {', '.join(KINDS)} (keeping its extension)."
        )
    return kind
