"""`anonymiser apply reports/<slug>`: write the anonymised documents from the decisions.

Refuses while any entity is pending or stale, while the drafts contain an identifier that
redactions.yml has no decision for, or while the to-check list (to_check.py) has an item
nobody decided: a missing decision must never become a published name.

The readability check (readability.py) reads what would be published: `apply` lists what it
finds, and `apply --strict` refuses.

Plan, check, then write: every document and review.yml are planned and every check has passed
before the first write, and then they are written together (`write_together`), so a refusal
leaves the review folder exactly as it was.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from anonymiser.config import Settings
from anonymiser.decisions.plan import plan_replacements
from anonymiser.decisions.schema import require_keep_reasons
from anonymiser.decisions.store import scanned_decisions
from anonymiser.errors import DecisionsError, InputError
from anonymiser.fingerprint_mentions import ReviewIndex
from anonymiser.fingerprints import load_key
from anonymiser.pipeline import analyse, make_detector, read_review_drafts, render_all
from anonymiser.readability import Artefact, artefacts
from anonymiser.review_folder import ReviewFolder
from anonymiser.to_check import open_items
from anonymiser.typed_text import TypedTextRules


@dataclass
class ApplyResult:
    written: list[Path]
    unchanged: list[Path]
    # What the readability check found in the published text (readability.py), by file.
    artefacts: list[tuple[Path, Artefact]] = field(default_factory=list)


def apply_review(
    folder: ReviewFolder,
    settings: Settings,
    signed_off_by: str,
    detector=None,
    strict: bool = False,
) -> ApplyResult:
    folder.read_review()  # a broken review.yml stops apply before it writes anything
    key = load_key(settings.key_path)
    decisions = scanned_decisions(folder.decisions_file, key.key_id, folder.path)
    undecided = decisions.undecided()
    if undecided:
        listing = ", ".join(
            f"{e.id} {e.label} ({'stale' if e.stale else 'pending'})".replace("  ", " ")
            for e in undecided
        )
        raise DecisionsError(
            f"{folder.decisions_file}: {len(undecided)} entities still need a decision: "
            f"{listing}. Run 'anonymiser review {folder.path}'."
        )
    require_keep_reasons(decisions, folder.decisions_file)
    detector = detector or make_detector(settings)
    _refuse_typed_texts(folder, decisions, key, detector)
    # The drafts' names are checked before any draft is read (see ReviewFolder.drafts).
    review = analyse(read_review_drafts(folder), detector)
    index = ReviewIndex.of_review(review.documents, key, detector)
    plan = plan_replacements(review, decisions, key, settings, index)
    if plan.unknown:
        raise DecisionsError(
            f"{folder.source}: the drafts contain {plan.unknown} identifiers that "
            f"{folder.decisions_file.name} has no decision for (a draft changed since the last "
            f"scan?). Run 'anonymiser scan {folder.path}', review, then apply again."
        )
    _refuse_unexplained(folder, review, decisions, index, key, detector)
    # Plan every file, then write them all: nothing is written unless everything was planned.
    result = ApplyResult([], [])
    files: dict[Path, str] = {}
    labels = {decision.label for decision in decisions.entities if decision.label}
    drafts = {document.stem: document.body for document in review.documents}
    for stem, text in render_all(review, plan.replacements).items():
        path = folder.published_file(stem)
        _refuse_odd_target(path)
        result.artefacts += [(path, a) for a in artefacts(text, labels, drafts.get(stem))]
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            result.unchanged.append(path)
            continue
        files[path] = text
        result.written.append(path)
    if strict and result.artefacts:
        listing = "; ".join(f"{path.name}: {a.kind}: {a.sentence}" for path, a in result.artefacts)
        raise DecisionsError(
            f"{folder.path}: {len(result.artefacts)} places would not read like a published "
            f"review ({listing}). Change the labels ('anonymiser review {folder.path}') or the "
            "drafts, then apply again."
        )
    review_text = folder.publication(review.stems, signed_off_by, changed=bool(result.written))
    if review_text is not None:
        _refuse_odd_target(folder.review_file)
        files[folder.review_file] = review_text  # last: it lists documents written before it
    write_together(files)
    return result


def _refuse_odd_target(path: Path) -> None:
    """A published file is replaced, never written through: a folder or a link in its place
    stops apply before anything is written (a link would publish wherever it leads)."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise InputError(
            path,
            "is a link or a folder, not a file; apply writes the anonymised document here.",
            "Remove it (the drafts are not affected) and run apply again.",
        )


def write_together(files: dict[Path, str]) -> None:
    """Write several files so that a failed write (a full disk) leaves every one of them as it
    was: each is first written in full to a temporary file beside it, and only when all are
    written are they renamed into place, in the given order. A rename within a folder is atomic
    and, onto a file or nothing (see _refuse_odd_target), does not fail in practice."""
    pending: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            pending.append((Path(name), path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        while pending:
            tmp, path = pending[0]
            os.replace(tmp, path)
            pending.pop(0)
    finally:
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)


def _refuse_typed_texts(folder, decisions, key, detector) -> None:
    """Labels are published and notes and reasons committed: one that holds an identifier (a
    hand edit of redactions.yml, say) stops the publication. Named by entity and field only."""
    problems = TypedTextRules(decisions, key, detector).problems(decisions)
    if problems:
        listing = "; ".join(problem.message(folder.decisions_file) for problem in problems)
        raise DecisionsError(f"Nothing was published. {listing}")


def _refuse_unexplained(folder, review, decisions, index, key, detector) -> None:
    """The to-check list must be empty: each item the scan could not explain is added (and
    redacted) or marked not identifying by a person first. The items are not named here: this
    message may reach a CI log."""
    decided: dict[str, list[tuple[int, int]]] = {}
    for found in index.locate(decisions.entities, body_only=True):
        decided.setdefault(found.doc, []).append((found.start, found.end))
    left = open_items(review, decisions, key, detector.allow_list, decided)
    if left:
        raise DecisionsError(
            f"{folder.source}: {len(left)} words or phrases that could identify someone are "
            "still to check (the scan could neither find nor explain them). See them with "
            f"'anonymiser review {folder.path} --list', then add each one "
            "(--add TEXT) or mark it not identifying (--not-identifying TEXT)."
        )
