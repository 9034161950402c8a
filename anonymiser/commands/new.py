"""`anonymiser new SLUG`: start a review folder with a place for its drafts."""

from __future__ import annotations

from anonymiser.config import Settings
from anonymiser.errors import InputError
from anonymiser.review_folder import ReviewFolder


def new_review(slug: str, settings: Settings) -> ReviewFolder:
    folder = ReviewFolder.inside(settings.reports_path / slug, settings.reports_path)
    if folder.path.exists():
        raise InputError(folder.path, "already exists.", "Choose another name for the review.")
    folder.source.mkdir(parents=True)
    folder.ensure_review_file()
    return folder
