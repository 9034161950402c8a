"""`anonymiser apply reports/<slug>`: write the anonymised documents from the decisions.

Refuses while any entity is pending or stale, or while the drafts contain an identifier that
redactions.yml has no decision for: a missing decision must never become a published name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anonymiser.commands.scan import fingerprints_of
from anonymiser.config import Settings
from anonymiser.decisions import EntityDecision, load_decisions, write_atomic
from anonymiser.detect.types import PERSON
from anonymiser.errors import DecisionsError
from anonymiser.fingerprints import load_key
from anonymiser.pipeline import (
    Outcome,
    analyse,
    make_detector,
    outcome_for,
    read_drafts,
    render_all,
    replacements,
    widen_over_title,
)
from anonymiser.render import Replacement
from anonymiser.review_folder import ReviewFolder


@dataclass
class ApplyResult:
    written: list[Path]
    unchanged: list[Path]


def apply_review(
    folder: ReviewFolder, settings: Settings, signed_off_by: str, detector=None
) -> ApplyResult:
    key = load_key(settings.key_path)
    decisions = load_decisions(folder.decisions_file)
    if decisions is None:
        raise DecisionsError(
            f"{folder.decisions_file}: does not exist. Run 'anonymiser scan {folder.path}' "
            "and review the suggestions first."
        )
    decisions.check_key(key.key_id, folder.decisions_file)
    undecided = [e for e in decisions.entities if e.decision == "pending" or e.stale]
    if undecided:
        listing = ", ".join(f"{e.id} ({'stale' if e.stale else 'pending'})" for e in undecided)
        raise DecisionsError(
            f"{folder.decisions_file}: {len(undecided)} entities still need a decision: "
            f"{listing}. Run 'anonymiser review {folder.path}'."
        )
    review = analyse(read_drafts(folder.source), detector or make_detector(settings))
    by_fp = decisions.by_fingerprint()
    outcomes: dict[int, Outcome] = {}
    targets: dict[int, str] = {}
    unknown = 0
    for entity in review.entities:
        fps = fingerprints_of(entity, key)
        decision = next((by_fp[fp] for fp in sorted(fps) if fp in by_fp), None)
        if decision is None:
            unknown += 1
            continue
        outcomes[id(entity)] = _outcome(decision, settings)
        targets[id(entity)] = decision.id
    if unknown:
        raise DecisionsError(
            f"{folder.source}: the drafts contain {unknown} identifiers that "
            f"{folder.decisions_file.name} has no decision for (a draft changed since the last "
            f"scan?). Run 'anonymiser scan {folder.path}', review, then apply again."
        )
    planned = replacements(review, outcomes, targets)
    _add_fingerprinted(review, decisions.entities, key, settings, planned)
    published = render_all(review, planned)
    result = ApplyResult([], [])
    for stem, text in published.items():
        path = folder.published_file(stem)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            result.unchanged.append(path)
            continue
        write_atomic(path, text)
        result.written.append(path)
    folder.record_publication(review.stems, signed_off_by, changed=bool(result.written))
    return result


def _outcome(decision: EntityDecision, settings: Settings) -> Outcome:
    if decision.decision == "keep":
        return Outcome(redact=False)
    return outcome_for(decision.type, decision.label, settings)


def _add_fingerprinted(review, entities, key, settings, planned) -> None:
    """Mentions that only the decisions know: variants a person added or merged in review."""
    redact = {fp: e for e in entities if e.decision == "redact" for fp in e.fingerprints}
    if not redact:
        return
    for document in review.documents:
        for start, end, fp in key.find(document.body, set(redact)):
            decision = redact[fp]
            outcome = _outcome(decision, settings)
            if decision.type == PERSON:
                start = widen_over_title(document.body, start)
            planned[document.stem].append(
                Replacement(
                    start,
                    end,
                    decision.id,
                    outcome.label,
                    outcome.month_year,
                    person=decision.type == PERSON,
                )
            )
