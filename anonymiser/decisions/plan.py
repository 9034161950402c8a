"""Replacement planning: the one path from a review's text and its decisions to what each
document's text becomes.

`apply` plans with the decisions a person made. `redact --auto` and `evaluate` merge the scan
into an empty file, accept every suggestion (as `review --accept-all` does) and plan the same
way (`accept_all_plan`), so every figure we report measures the path that publishes.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anonymiser.config import Settings
from anonymiser.decisions.labels import type_label
from anonymiser.decisions.merge import fingerprints_of, merge
from anonymiser.decisions.schema import EntityDecision, ReviewDecisions
from anonymiser.detect.recognizers.quoted_name import quoted_spans
from anonymiser.detect.recognizers.titled_name import TITLE_AT_END, TITLE_AT_START
from anonymiser.detect.types import DATE, PERSON
from anonymiser.entities import case_allows
from anonymiser.fingerprint_mentions import ReviewIndex
from anonymiser.fingerprints import KEY_ENV, PartnershipKey, load_key
from anonymiser.render import Replacement
from anonymiser.text import normalise

if TYPE_CHECKING:
    from anonymiser.pipeline import ReviewText

# The key of a one-shot run with no partnership key on the machine: its fingerprints never
# leave memory, and a fixed one keeps the output the same from run to run.
_STAND_IN_KEY = PartnershipKey(hashlib.sha256(b"anonymiser: one-shot run").digest())


@dataclass(frozen=True)
class Outcome:
    """What to do with one entity: keep it, or replace it (with a label or its month)."""

    redact: bool
    label: str = ""
    month_year: bool = False


@dataclass
class Plan:
    # Per document stem, the replacements to make in its body.
    replacements: dict[str, list[Replacement]]
    # Detected entities (or unseen variants of a kept one) that no decision covers.
    unknown: int


def outcome_for(decision: EntityDecision, settings: Settings) -> Outcome:
    if decision.decision == "keep":
        return Outcome(redact=False)
    if decision.type == DATE:
        if settings.dates == "keep":
            return Outcome(redact=False)
        if settings.dates == "month-year" and decision.label == type_label(DATE, settings):
            return Outcome(redact=True, month_year=True)
    return Outcome(redact=True, label=decision.label)


def plan_replacements(
    review: ReviewText,
    decisions: ReviewDecisions,
    key: PartnershipKey,
    settings: Settings,
    index: ReviewIndex,
) -> Plan:
    """Replacements for every detected mention, then for the mentions only the decisions know
    (variants a person added or merged in review, found by fingerprint)."""
    plan = Plan({stem: [] for stem in review.stems}, 0)
    detected = _plan_detected(review, decisions, key, settings, plan)
    _plan_fingerprinted(review, decisions, key, settings, index, detected, plan)
    return plan


def _plan_detected(
    review: ReviewText,
    decisions: ReviewDecisions,
    key: PartnershipKey,
    settings: Settings,
    plan: Plan,
) -> set[str]:
    """Each detected mention follows the decision that owns its own text, so two entities the
    detector happens to group keep their own labels. Returns the detected variants'
    fingerprints."""
    by_fp = decisions.by_fingerprint()
    detected: set[str] = set()
    for entity in review.entities:
        fps = fingerprints_of(entity, key)
        detected |= fps
        decision = next((by_fp[fp] for fp in sorted(fps) if fp in by_fp), None)
        if decision is None or (decision.decision == "keep" and not fps <= by_fp.keys()):
            # A variant of a kept entity that nobody has seen is not agreed to be published.
            plan.unknown += 1
            continue
        for mention in entity.mentions:
            own = by_fp.get(key.fingerprint(TITLE_AT_START.sub("", mention.text, count=1)))
            outcome = outcome_for(own or decision, settings)
            if outcome.redact:
                plan.replacements[mention.doc].append(
                    _replacement(mention.start, mention.end, own or decision, outcome)
                )
    return detected


def _plan_fingerprinted(
    review: ReviewText,
    decisions: ReviewDecisions,
    key: PartnershipKey,
    settings: Settings,
    index: ReviewIndex,
    detected: set[str],
    plan: Plan,
) -> None:
    """Every redacted entity's variants, found by fingerprint in any capitals. A variant the
    detector found keeps to its rule for names that are also words ("hope" in "little hope"
    stays when Hope is a person): its mentions stand for its own variants. What a person added
    is replaced in any capitals, as the review page says."""
    redacted = [e for e in decisions.entities if e.decision == "redact"]
    by_id = {e.id: e for e in redacted}
    bodies = {document.stem: document.body for document in review.documents}
    quoted = {document.stem: quoted_spans(document.body) for document in review.documents}
    for found in index.locate(redacted, body_only=True):
        decision = by_id[found.entity_id]
        outcome = outcome_for(decision, settings)
        if not outcome.redact:
            continue  # a date, under a policy that keeps dates
        text = bodies[found.doc][found.start : found.end]
        norm = normalise(text)
        in_quote = any(a <= found.start < b for a, b in quoted[found.doc])
        if (
            decision.origin == "detected"
            and key.fingerprint_normalised(norm) in detected
            and not case_allows(text, decision.type, norm, in_quote)
        ):
            continue
        start = found.start
        if decision.type == PERSON:
            start = widen_over_title(bodies[found.doc], start)
        plan.replacements[found.doc].append(_replacement(start, found.end, decision, outcome))


def accept_all_plan(
    review: ReviewText, key: PartnershipKey, settings: Settings, detector
) -> dict[str, list[Replacement]]:
    """The plan of a review nobody has decided: its scan merged into an empty file, every
    suggestion accepted, then planned as `apply` plans."""
    index = ReviewIndex.of_review(review.documents, key, detector)
    decisions, _ = merge(None, review, key, settings, "one-shot", index)
    decisions.accept_all(who="", on="")
    plan = plan_replacements(review, decisions, key, settings, index)
    if plan.unknown:
        # The merge gives every detected variant an owner: a gap here is a bug, not a pass.
        raise AssertionError(f"{plan.unknown} detected entities have no accepted decision")
    return plan.replacements


def one_shot_key(settings: Settings) -> PartnershipKey:
    """The partnership key where there is one (so that a one-shot run plans exactly as `apply`
    would, down to which of two overlapping entities wins), otherwise a fixed stand-in."""
    if os.environ.get(KEY_ENV) or settings.key_path.is_file():
        return load_key(settings.key_path)
    return _STAND_IN_KEY


def widen_over_title(text: str, start: int) -> int:
    """Start of "Mr Marsh" when a fingerprint search found only "Marsh"."""
    title = TITLE_AT_END.search(text, max(0, start - 16), start)
    return title.start() if title else start


def _replacement(start: int, end: int, decision: EntityDecision, outcome: Outcome) -> Replacement:
    return Replacement(
        start, end, decision.id, outcome.label, outcome.month_year, person=decision.type == PERSON
    )
