"""`anonymiser scan reports/<slug>`: find every identifier of a review and record it.

Every human decision is kept as it is: an existing entity is matched by fingerprint, takes the
new variants the detector links to it, and gets fresh mention counts. New entities are added as
`pending`; an entity no longer found (neither detected nor found by its fingerprints) is marked
`stale`, never dropped. The read, merge and write happen under the review's file lock.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anonymiser.config import Settings
from anonymiser.decisions import (
    EntityDecision,
    ReviewDecisions,
    decisions_lock,
    load_decisions,
    save_decisions,
)
from anonymiser.detect.allow_list import AllowList
from anonymiser.fingerprint_mentions import ReviewIndex, mention_counts
from anonymiser.fingerprints import PLACE_TYPES, PartnershipKey, distinctive_parts, load_key
from anonymiser.review_folder import ReviewFolder
from anonymiser.scan_cache import is_unchanged, remember, review_state

if TYPE_CHECKING:
    from anonymiser.entities import Entity
    from anonymiser.pipeline import ReviewText


@dataclass
class ScanSummary:
    folder: ReviewFolder
    by_type: Counter
    new: int
    pending: int
    stale: int
    total: int
    wrote_review_file: bool


def scan_review(
    folder: ReviewFolder, settings: Settings, detector=None, use_cache: bool = True
) -> ScanSummary:
    # The drafts' names first: a draft not named by its kind stops the scan before anything is
    # read or written (see ReviewFolder.drafts).
    folder.drafts()
    key = load_key(settings.key_path)
    if use_cache and folder.decisions_file.is_file():
        state = review_state(folder, settings, key)
        if is_unchanged(folder, settings, state):
            # Nothing a scan depends on changed since the last one: it would write the same
            # file. (No model is loaded: the detector is built on first use.)
            return _summary(folder, load_decisions(folder.decisions_file), 0, False)
    # Imported here: they load Presidio and spaCy, which an unchanged review never needs.
    from anonymiser.pipeline import analyse, make_detector, read_review_drafts

    detector = detector or make_detector(settings)
    # Read and detect before taking the lock: it is the slow part, and needs no decisions.
    review = analyse(read_review_drafts(folder), detector)
    with decisions_lock(folder.decisions_file):
        previous = load_decisions(folder.decisions_file)
        if previous is not None:
            previous.check_key(key.key_id, folder.decisions_file)
        index = ReviewIndex.of_review(review.documents, key, detector)
        decisions, new = merge(previous, review, key, settings, folder.slug, index)
        wrote_review_file = folder.ensure_review_file()
        save_decisions(decisions, folder.decisions_file)
        remember(folder, settings, key)
    return _summary(folder, decisions, new, wrote_review_file)


def scan_reviews(
    folders: list[ReviewFolder], settings: Settings, jobs: int, advance=lambda n: None
) -> list[ScanSummary]:
    """Scan several reviews, `jobs` at a time in separate processes; summaries in order."""
    if jobs <= 1 or len(folders) <= 1:
        summaries = []
        for folder in folders:
            summaries.append(scan_review(folder, settings))
            advance(1)
        return summaries
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # The biggest reviews first, so that no process is left scanning a big one alone at
        # the end while the others wait (the summaries still come back in the given order).
        futures = {
            folder: pool.submit(scan_review, folder, settings)
            for folder in sorted(folders, key=_draft_bytes, reverse=True)
        }
        for _ in as_completed(futures.values()):
            advance(1)
        # .result() re-raises a worker's AnonymiserError here, with its message intact.
        return [futures[folder].result() for folder in folders]


def _draft_bytes(folder: ReviewFolder) -> int:
    if not folder.source.is_dir():
        return 0  # scan_review says what is missing
    return sum(path.stat().st_size for path in folder.source.iterdir() if path.is_file())


def _summary(
    folder: ReviewFolder, decisions: ReviewDecisions, new: int, wrote_review_file: bool
) -> ScanSummary:
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


def part_fingerprints_of(entity: Entity, key: PartnershipKey) -> set[str]:
    """Fingerprints of the distinctive parts of a place's name, for the leak check."""
    if entity.entity_type not in PLACE_TYPES:
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
    added = _add_pending(decisions, new_entities, key, settings)
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
) -> list[str]:
    from anonymiser.pipeline import default_labels

    taken_labels = {entity.label for entity in decisions.entities}
    labels = default_labels([entity for entity, _ in new_entities], settings, taken_labels)
    ids = {decision.id for decision in decisions.entities}
    added = []
    for entity, fps in new_entities:
        entity_id = _new_id(entity, key, ids)
        ids.add(entity_id)
        added.append(entity_id)
        decisions.entities.append(
            EntityDecision(
                id=entity_id,
                type=entity.entity_type,
                decision="pending",
                label=labels[id(entity)],
                fingerprints=fps,
                mentions=dict(Counter(m.doc for m in entity.mentions)),
            )
        )
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


def _new_id(entity: Entity, key: PartnershipKey, taken: set[str]) -> str:
    base = f"{entity.entity_type.lower().replace('_', '-')}-"
    fp = key.fingerprint_normalised(entity.canonical)
    for length in range(6, len(fp) + 1):
        candidate = base + fp[:length]
        if candidate not in taken:
            return candidate
    raise AssertionError("fingerprint collision")  # 128 bits: cannot happen in practice
