"""Merging a scan into a review's decisions, without changing any decision.

An existing entity is matched by fingerprint, takes the new variants the detector links to it,
and gets fresh mention counts. New entities are added as `pending` with their default labels
(labels.py); an entity no longer found (neither detected nor found by its fingerprints) is
marked `stale`, never dropped. `anonymiser scan` merges into the file on disk, the review page
into the file plus its edits, `redact --auto` and `evaluate` into an empty file (plan.py).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from anonymiser.config import Settings
from anonymiser.decisions.labels import default_labels, new_id, type_prefix
from anonymiser.decisions.schema import EntityDecision, ReviewDecisions
from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.types import in_group
from anonymiser.fingerprint_mentions import ReviewIndex, mention_counts
from anonymiser.fingerprints import PartnershipKey, distinctive_parts

if TYPE_CHECKING:
    from anonymiser.entities import Entity
    from anonymiser.pipeline import ReviewText

# Kinds of identifier whose name has parts a reader still recognises: "Oakfield Primary" or
# "Oakfield" for "Oakfield Primary School".
_NAMED_PLACES = in_group("institution")


def fingerprints_of(entity: Entity, key: PartnershipKey) -> set[str]:
    return {key.fingerprint_normalised(variant) for variant in entity.variants}


def part_fingerprints_of(entity: Entity, key: PartnershipKey) -> set[str]:
    """Fingerprints of the distinctive parts of a place's name, for the leak check."""
    if entity.entity_type not in _NAMED_PLACES:
        return set()
    parts = {part for variant in entity.variants for part in distinctive_parts(variant)}
    return {key.fingerprint_normalised(part) for part in parts - entity.variants}


def _add_part_fingerprints(
    decisions: ReviewDecisions, review: ReviewText, key: PartnershipKey
) -> None:
    owner = decisions.by_fingerprint()
    for entity in review.entities:
        parts = part_fingerprints_of(entity, key)
        for decision in {
            owner[fp].id: owner[fp] for fp in fingerprints_of(entity, key) if fp in owner
        }.values():
            new = parts - set(decision.fingerprints) - set(decision.part_fingerprints)
            if new:
                decision.part_fingerprints = sorted(set(decision.part_fingerprints) | new)


def merge(
    previous: ReviewDecisions | None,
    review: ReviewText,
    key: PartnershipKey,
    settings: Settings,
    slug: str,
    index: ReviewIndex | None = None,
) -> tuple[ReviewDecisions, int]:
    """Fold a fresh scan into (a copy of) the existing decisions without changing any decision.

    Returns the merged decisions and how many entities are new.
    """
    if previous is None:
        decisions = ReviewDecisions(review=slug, key_id=key.key_id)
    else:
        decisions = previous.model_copy(deep=True)
    owner = decisions.by_fingerprint()
    claimed: set[str] = set()  # variants of the new entities of this scan
    present: set[str] = set()
    new_entities: list[tuple[Entity, list[str]]] = []
    for entity in review.entities:
        fps = sorted(fingerprints_of(entity, key))
        owners = list({owner[fp].id: owner[fp] for fp in fps if fp in owner}.values())
        present.update(o.id for o in owners)
        unowned = [fp for fp in fps if fp not in owner and fp not in claimed]
        if not unowned:
            continue
        # The detector links new variants to a known entity ("Kayden Marsh-Smith" to "Kayden
        # Marsh"). A redaction may take them in; a kept entity may not, since a person only
        # agreed to publish the text they saw, so its new variants wait as a new suggestion.
        primary = max(owners, key=lambda o: len(set(o.fingerprints) & set(fps)), default=None)
        if primary is not None and primary.decision != "keep":
            primary.fingerprints = sorted(set(primary.fingerprints) | set(unowned))
            owner.update(dict.fromkeys(unowned, primary))
        else:
            new_entities.append((entity, unowned))
            claimed.update(unowned)
    bodies = {document.stem: document.body for document in review.documents}
    added = _add_pending(decisions, new_entities, key, settings, bodies)
    present.update(added)
    _add_part_fingerprints(decisions, review, key)
    _update_presence(decisions, review, key, present, index)
    decisions.sort()
    return decisions, len(added)


def _add_pending(
    decisions: ReviewDecisions,
    new_entities: list[tuple[Entity, list[str]]],
    key: PartnershipKey,
    settings: Settings,
    bodies: dict[str, str],
) -> list[str]:
    taken_labels = {entity.label for entity in decisions.entities}
    new = [entity for entity, _ in new_entities]
    labels = default_labels(new, settings, taken_labels, bodies)
    ids = {decision.id for decision in decisions.entities}
    added = []
    for entity, fps in new_entities:
        entity_id = new_id(
            type_prefix(entity.entity_type), key.fingerprint_normalised(entity.canonical), ids
        )
        ids.add(entity_id)
        added.append(entity_id)
        decision = EntityDecision(
            id=entity_id,
            type=entity.entity_type,
            decision="pending",
            label=labels[id(entity)],
            fingerprints=fps,
        )
        # Set after the checks of a file's block: a one-shot run (plan.accept_all_plan) reads
        # documents of any name. A review's drafts are named by their kinds, and the file's
        # counts by kind are checked where it is written and read (store.py).
        decision.mentions = dict(Counter(m.doc for m in entity.mentions))
        decisions.entities.append(decision)
    return added


def _update_presence(
    decisions: ReviewDecisions,
    review: ReviewText,
    key: PartnershipKey,
    detected: set[str],
    index: ReviewIndex | None,
) -> None:
    """Fresh mention counts for every entity found (by the detector or by its fingerprints);
    `stale` for one that was in the drafts at the last scan and is not now. An entity that a
    person confirmed while stale has no mentions, so later scans leave it be until it returns."""
    index = index or ReviewIndex(review.documents, key, AllowList.build([]))
    counts = mention_counts(index.locate(decisions.entities))
    detected_docs = _detected_docs(review, key, decisions)
    for decision in decisions.entities:
        if decision.id in counts:
            decision.mentions = counts[decision.id]
        elif decision.id in detected:
            # Detected, but only where the fingerprint search does not look (a long span).
            decision.mentions = detected_docs.get(decision.id) or decision.mentions
        elif decision.mentions:
            decision.mentions = {}
            decision.stale = True
            continue
        else:
            continue
        decision.stale = False


def _detected_docs(
    review: ReviewText, key: PartnershipKey, decisions: ReviewDecisions
) -> dict[str, dict[str, int]]:
    owner = decisions.by_fingerprint()
    found: dict[str, Counter] = {}
    for entity in review.entities:
        ids = {owner[fp].id for fp in fingerprints_of(entity, key) if fp in owner}
        docs = Counter(m.doc for m in entity.mentions)
        if not docs:
            # Only in a document's internals: "briefing: comment 2" counts for the briefing.
            docs = Counter({where.split(":")[0]: 1 for where in entity.detected_in})
        for entity_id in ids:
            found.setdefault(entity_id, Counter()).update(docs)
    return {entity_id: dict(sorted(c.items())) for entity_id, c in found.items()}
