"""`anonymiser scan reports/<slug>`: find every identifier of a review and record it.

Every human decision is kept as it is (anonymiser/decisions/merge.py): new entities are added
as `pending`, an entity no longer found is marked `stale`, never dropped. The read, merge and
write happen under the review's file lock.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from anonymiser.config import Settings
from anonymiser.decisions.merge import merge
from anonymiser.decisions.schema import ReviewDecisions
from anonymiser.decisions.store import decisions_lock, load_decisions, save_decisions
from anonymiser.fingerprint_mentions import ReviewIndex
from anonymiser.fingerprints import load_key
from anonymiser.review_folder import ReviewFolder
from anonymiser.scan_cache import is_unchanged, remember, review_state


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
            return _summary(folder, load_decisions(folder.decisions_file, key.key_id), 0, False)
    # Imported here: they load Presidio and spaCy, which an unchanged review never needs.
    from anonymiser.pipeline import analyse, make_detector, read_review_drafts

    detector = detector or make_detector(settings)
    # Read and detect before taking the lock: it is the slow part, and needs no decisions.
    review = analyse(read_review_drafts(folder), detector)
    with decisions_lock(folder.decisions_file):
        previous = load_decisions(folder.decisions_file, key.key_id)
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
