"""The layout of one review in the site repository, and its `review.yml`.

reports/<slug>/source/          the drafts (git-ignored, never published), each named by its
                                kind: overview.docx, briefing.pdf... (DOCUMENT_KINDS in
                                site_plugins/reviews/model.py)
reports/<slug>/redactions.yml   the decisions (see decisions/schema.py)
reports/<slug>/<stem>.md        the anonymised documents, published
reports/<slug>/review.yml       what the site shows about the review
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import yaml
from ruamel.yaml import YAML

from anonymiser.check.drafts import SOURCE_DIR
from anonymiser.decisions.schema import DECISIONS_NAME
from anonymiser.decisions.store import write_atomic
from anonymiser.errors import ConfigError, InputError
from anonymiser.ingest import list_drafts
from site_plugins.reviews.model import DOCUMENT_KINDS
from site_plugins.reviews.review_file import SLUG, ReviewFileError, parse_review_yaml

REVIEW_FILE = "review.yml"


@dataclass(frozen=True)
class ReviewFolder:
    path: Path

    @classmethod
    def at(cls, path: Path) -> ReviewFolder:
        path = Path(path)
        name = path.resolve().name
        if not SLUG.match(name):
            raise InputError(
                path,
                "is not a valid review folder name.",
                "Use lower-case letters, digits and hyphens only, e.g. reports/child-d.",
            )
        if name == SOURCE_DIR:
            # reports/source/ would look like a drafts folder to git, the guard and the check.
            raise InputError(
                path,
                f"cannot be a review: '{SOURCE_DIR}' is the name of the folder that holds a "
                "review's drafts.",
                "Choose another name, e.g. reports/child-d.",
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

    def drafts(self) -> list[Path]:
        """The review's drafts, each named by the kind of document it is (overview.docx...).

        Checked before any draft is read and before anything is written: a draft's name becomes
        the published file's, and its key in redactions.yml and review.yml, so a name a person
        chose ("<child's name> LCSPR FINAL v3.docx") stops here. The drafts are read only from
        the review's own source folder, which git ignores: not through a link to a folder
        elsewhere, whose drafts a copy or a backup of the repository might take along."""
        if self.source.is_symlink():
            # The link's target is not shown: a folder elsewhere may be named after the family.
            raise InputError(
                self.source,
                "is a link to another folder; the anonymiser reads drafts only from the "
                "review's own source folder.",
                f"Remove the link, make {self.source} a folder and copy the drafts into it.",
            )
        return list_drafts(self.source, DOCUMENT_KINDS)

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

    def publication(self, stems: list[str], by: str, changed: bool) -> str | None:
        """review.yml listing the documents and, when they changed, the sign-off; None when the
        file needs no change. Nothing is written here: `apply` writes it with the documents.

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
                kind = kind_of(stem, self.path)
                title = DOCUMENT_KINDS[kind]
                documents.append({"file": f"{stem}.md", "kind": kind, "title": title})
        order = list(DOCUMENT_KINDS)
        documents.sort(key=lambda d: order.index(d["kind"]) if d.get("kind") in order else 99)
        update = documents != list(review.get("documents") or [])
        if update:
            review["documents"] = documents
        if changed or "sign_off" not in review:
            review["sign_off"] = {"by": by, "date": dt.date.today()}
            update = True
        if not update:
            return None
        buffer = io.StringIO()
        editor.dump(review, buffer)
        return buffer.getvalue()


def read_review_file(path: Path) -> dict:
    """A review.yml through the site's loader: no aliases, no key given twice, no impossible
    date; any problem is a ConfigError naming the file, the key and the line."""
    try:
        return parse_review_yaml(path, str(path))
    except ReviewFileError as error:
        raise ConfigError(str(error)) from None


def kind_of(stem: str, folder: Path) -> str:
    """The kind of a document; its name is not repeated in the error (it may be a name)."""
    if stem not in DOCUMENT_KINDS:
        raise ConfigError(
            f"{folder}: a document is not named by its kind, so the site cannot tell which "
            f"document it is. Rename its draft to one of: {', '.join(DOCUMENT_KINDS)} (keeping its "
            "extension)."
        )
    return stem
