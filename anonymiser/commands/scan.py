"""`anonymiser scan reports/<slug>`: find every identifier of a review and record it.

New entities are added as `pending`; every existing decision is kept; an entity no longer found
is marked `stale`, never dropped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from anonymiser.config import Settings
from anonymiser.decisions import EntityDecision, ReviewDecisions, load_decisions, save_decisions
from anonymiser.detect.types import DATE, PERSON
from anonymiser.entities import Entity
from anonymiser.fingerprints import PartnershipKey, load_key
from anonymiser.pipeline import ReviewText, analyse, default_labels, make_detector, read_drafts
from anonymiser.review_folder import ReviewFolder


@dataclass
class ScanSummary:
    folder: ReviewFolder
    by_type: Counter
    new: int
    pending: int
    stale: int
    total: int
    wrote_review_file: bool


def scan_review(folder: ReviewFolder, settings: Settings, detector=None) -> ScanSummary:
    key = load_key(settings.key_path)
    previous = load_decisions(folder.decisions_file)
    if previous is not None:
        previous.check_key(key.key_id, folder.decisions_file)
    review = analyse(read_drafts(folder.source), detector or make_detector(settings))
    decisions, new = merge(previous, review, key, settings, folder.slug)
    wrote_review_file = folder.ensure_review_file()
    save_decisions(decisions, folder.decisions_file)
    return ScanSummary(
        folder=folder,
        by_type=Counter(e.type for e in decisions.entities),
        new=new,
        pending=sum(e.decision == "pending" for e in decisions.entities),
        stale=sum(e.stale for e in decisions.entities),
        total=len(decisions.entities),
        wrote_review_file=wrote_review_file,
    )


def fingerprints_of(entity: Entity, key: PartnershipKey) -> set[str]:
    return {key.fingerprint_normalised(variant) for variant in entity.variants}


def merge(
    previous: ReviewDecisions | None,
    review: ReviewText,
    key: PartnershipKey,
    settings: Settings,
    slug: str,
) -> tuple[ReviewDecisions, int]:
    """Fold a fresh scan into the existing decisions without losing any of them."""
    existing = previous.entities if previous else []
    by_fp = {fp: entity for entity in existing for fp in entity.fingerprints}
    seen: set[str] = set()
    taken_labels = {entity.label for entity in existing}
    new_entities: list[Entity] = []
    for entity in review.entities:
        fps = fingerprints_of(entity, key)
        match = next((by_fp[fp] for fp in sorted(fps) if fp in by_fp), None)
        if match is None:
            new_entities.append(entity)
            continue
        match.fingerprints = sorted(set(match.fingerprints) | fps)
        match.mentions = dict(Counter(m.doc for m in entity.mentions))
        match.stale = False
        seen.add(match.id)
    for decision in existing:
        if decision.id not in seen and decision.mentions:
            # It was in the drafts at the last scan and is gone now: kept for the record and
            # for the leak check, and apply refuses until a person confirms the decision.
            # (Once confirmed, with no mentions left, later scans leave it be.)
            decision.mentions = {}
            decision.stale = True
    labels = default_labels(new_entities, settings, taken_labels)
    ids = {decision.id for decision in existing}
    for entity in new_entities:
        fps = fingerprints_of(entity, key)
        entity_id = _new_id(entity, key, ids)
        ids.add(entity_id)
        existing.append(
            EntityDecision(
                id=entity_id,
                type=entity.entity_type,
                decision="pending",
                label=labels[id(entity)],
                fingerprints=sorted(fps),
                mentions=dict(Counter(m.doc for m in entity.mentions)),
                decided_on="",
            )
        )
    ordered = sorted(existing, key=lambda d: (_type_rank(d.type), d.label, d.id))
    return ReviewDecisions(slug, key.key_id, ordered), len(new_entities)


def _new_id(entity: Entity, key: PartnershipKey, taken: set[str]) -> str:
    base = f"{entity.entity_type.lower().replace('_', '-')}-"
    fp = key.fingerprint_normalised(entity.canonical)
    for length in range(6, len(fp) + 1):
        candidate = base + fp[:length]
        if candidate not in taken:
            return candidate
    raise AssertionError("fingerprint collision")  # 128 bits: cannot happen in practice


def _type_rank(entity_type: str) -> int:
    return {PERSON: 0, DATE: 2}.get(entity_type, 1)


def today() -> str:
    return dt.date.today().isoformat()
