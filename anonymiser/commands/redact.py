"""`anonymiser redact --auto IN_DIR OUT_DIR`: one shot, no human review.

Every supported document in IN_DIR is read as one review, every suggestion is accepted with its
default label, and OUT_DIR/<stem>.md is written for each document. Nothing is written unless
every document was read and anonymised.
"""

from __future__ import annotations

from pathlib import Path

from anonymiser.config import Settings
from anonymiser.decisions import write_atomic
from anonymiser.pipeline import (
    analyse,
    default_outcomes,
    make_detector,
    read_drafts,
    render_all,
    replacements,
)


def redact_folder(in_dir: Path, out_dir: Path, settings: Settings, detector=None) -> list[Path]:
    documents = read_drafts(in_dir)
    review = analyse(documents, detector or make_detector(settings))
    outcomes = default_outcomes(review.entities, settings)
    targets = {id(entity): f"E{i}" for i, entity in enumerate(review.entities)}
    published = render_all(review, replacements(review, outcomes, targets))
    written = []
    for stem, text in published.items():
        path = out_dir / f"{stem}.md"
        write_atomic(path, text)
        written.append(path)
    return written
