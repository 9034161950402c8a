"""`anonymiser redact --auto IN_DIR OUT_DIR`: one shot, no human review.

Every supported document in IN_DIR is read as one review, its scan is merged into an empty
decisions file and every suggestion accepted with its default label, and OUT_DIR/<stem>.md is
written for each document by the plan `apply` uses (anonymiser/decisions/plan.py): what this
writes is what `scan`, `review --accept-all` and `apply` would publish. Nothing is written
unless every document was read and anonymised.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anonymiser.config import Settings
from anonymiser.decisions.plan import accept_all_plan, one_shot_key
from anonymiser.decisions.store import write_atomic
from anonymiser.pipeline import analyse, make_detector, read_drafts, render_all
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
    planned = accept_all_plan(review, one_shot_key(settings), settings, detector)
    written = []
    for stem, text in render_all(review, planned).items():
        path = out_dir / f"{stem}.md"
        write_atomic(path, text)
        written.append(path)
    unexplained = review_to_check(documents, review.entities, detector.allow_list)
    words = sum(len(document.body.split()) for document in documents)
    return Redacted(written, unexplained, words)
