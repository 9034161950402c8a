"""`anonymiser redact --auto IN_DIR OUT_DIR`: one shot, no human review.

Every supported document in IN_DIR is read as one review, every suggestion is accepted with its
default label, and OUT_DIR/<stem>.md is written for each document. Nothing is written unless
every document was read and anonymised.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from anonymiser.to_check import ToCheck, review_to_check


@dataclass
class Redacted:
    written: list[Path]
    # What the scan could not explain (anonymiser/to_check.py): a person must look at these.
    to_check: list[ToCheck]
    words: int


def redact_folder(in_dir: Path, out_dir: Path, settings: Settings, detector=None) -> Redacted:
    documents = read_drafts(in_dir)
    detector = detector or make_detector(settings)
    review = analyse(documents, detector)
    outcomes = default_outcomes(review.entities, settings)
    targets = {id(entity): f"E{i}" for i, entity in enumerate(review.entities)}
    published = render_all(review, replacements(review, outcomes, targets))
    written = []
    for stem, text in published.items():
        path = out_dir / f"{stem}.md"
        write_atomic(path, text)
        written.append(path)
    unexplained = review_to_check(documents, review.entities, detector.allow_list)
    words = sum(len(document.body.split()) for document in documents)
    return Redacted(written, unexplained, words)
