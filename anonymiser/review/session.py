"""One review session on the local review page: the drafts in memory, the edits made so far, and
what the page shows (documents, highlights, entities, progress).

What the page shows is the decisions on disk, merged with a fresh scan of the drafts (as
`anonymiser scan` would record it), with this session's edits replayed on top. Saving repeats
exactly that onto the file as it is at that moment, under the file lock, so nothing another
command wrote in between is lost. Plain text of the drafts lives only in this process's memory
and in the page on this machine; the file gets fingerprints, labels and counts.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from anonymiser.config import Settings
from anonymiser.decisions.labels import type_label
from anonymiser.decisions.merge import fingerprints_of, merge
from anonymiser.decisions.schema import ReviewDecisions
from anonymiser.decisions.store import decisions_lock, save_decisions, scanned_decisions
from anonymiser.detect.types import ENTITY_TYPES
from anonymiser.fingerprint_mentions import BODY, ReviewIndex
from anonymiser.fingerprints import load_key
from anonymiser.pipeline import analyse, make_detector, read_review_drafts
from anonymiser.review.edits import Edit, EditError, Reviewer, apply_edit, check_typed_texts
from anonymiser.review_folder import ReviewFolder
from anonymiser.text import normalise
from anonymiser.to_check import open_items
from site_plugins.reviews.model import DOCUMENT_KINDS


@dataclass
class SaveResult:
    saved: int  # how many edits were written
    decided: int
    total: int


class ReviewSession:
    def __init__(self, folder: ReviewFolder, settings: Settings, who: str, detector=None) -> None:
        self.folder = folder
        self.settings = settings
        self.reviewer = Reviewer(who, dt.date.today().isoformat())
        self.key = load_key(settings.key_path)
        self._disk()  # fail early (no scan yet, another key) before reading the drafts
        detector = detector or make_detector(settings)
        self.detector = detector
        self.review = analyse(read_review_drafts(folder), detector)
        self.index = ReviewIndex.of_review(self.review.documents, self.key, detector)
        self.allow_list = self.index.allow_list
        self.edits: list[Edit] = []
        # The HTTP server answers from several threads; one edit or save at a time.
        self.lock = threading.RLock()
        self.decisions = self._replayed(self._disk(), self.edits)

    # -- changing decisions -------------------------------------------------------------------

    def edit(self, edit: Edit) -> str:
        """Make an edit (in memory until saved); returns the entity to select on the page."""
        with self.lock:
            candidate = self.decisions.model_copy(deep=True)
            selected = self._apply(candidate, edit, self.detector)
            self.edits.append(edit)
            self.decisions = self._refreshed(candidate)
            return selected

    def save(self) -> SaveResult:
        with self.lock, decisions_lock(self.folder.decisions_file):
            disk = self._disk()
            try:
                merged = self._replayed(disk, self.edits)
                check_typed_texts(merged, self.key, self.detector, self.folder.decisions_file)
            except EditError as refusal:
                # The refused change is dropped (the page says which), the others stay to be
                # saved: kept, one refused edit would make every later save fail too.
                kept = self._without_refused(disk, self.edits)
                if len(kept) == len(self.edits):
                    raise
                self.edits = kept
                self.decisions = self._replayed(disk, kept)
                raise EditError(
                    f"{refusal} That change was dropped; save again to keep the others.",
                    refusal.entity_id,
                ) from None
            save_decisions(merged, self.folder.decisions_file)
            saved, self.edits = len(self.edits), []
            self.decisions = merged
            return SaveResult(saved, *self.progress())

    def _without_refused(self, disk: ReviewDecisions, edits: list[Edit]) -> list[Edit]:
        """`edits` less those that cannot be saved: an edit that no longer applies (another
        command changed the file), or a label or note naming someone redacted. When a redaction
        makes an earlier label name someone, the label's edit is the one dropped, not the
        redaction."""
        decisions = self._refreshed(disk)
        kept: list[Edit] = []
        for edit in edits:
            candidate = decisions.model_copy(deep=True)
            try:
                self._apply(candidate, edit)
                check_typed_texts(candidate.model_copy(deep=True), self.key, self.detector, "")
            except EditError as refusal:
                naming = [
                    earlier
                    for earlier in kept
                    if earlier.entity_id == refusal.entity_id and (earlier.label or earlier.note)
                ]
                if edit.entity_id == refusal.entity_id or not naming:
                    continue  # this edit is the refused one
                # Drop the label's edit and replay: the edits after it may depend on it.
                rest = [e for e in edits if e is not naming[-1]]
                return self._without_refused(disk, rest)
            kept.append(edit)
            decisions = candidate
        return kept

    def _disk(self) -> ReviewDecisions:
        return scanned_decisions(self.folder.decisions_file, self.key.key_id, self.folder.path)

    def _replayed(self, disk: ReviewDecisions, edits: list[Edit]) -> ReviewDecisions:
        decisions = self._refreshed(disk)
        for edit in edits:
            self._apply(decisions, edit)
        return self._refreshed(decisions)

    def _apply(self, decisions: ReviewDecisions, edit: Edit, detector=None) -> str:
        """Make an edit; `detector` checks the text it types (a replay of edits checked when
        they were made goes without: the save checks everything again)."""
        if edit.kind == "keep" and not edit.text:
            # What the person saw is what they agreed to publish: record it for reviewers.
            shown = self._shown_text(decisions, edit.entity_id)
            edit = Edit("keep", edit.entity_id, text=shown, reason=edit.reason)
        return apply_edit(
            decisions, edit, self.reviewer, self.key, self.settings, self.allow_list, detector
        )

    def _refreshed(self, decisions: ReviewDecisions) -> ReviewDecisions:
        """As a scan would record it: new detections pending, fresh counts, stale flags."""
        merged, _ = merge(
            decisions, self.review, self.key, self.settings, self.folder.slug, self.index
        )
        return merged

    def progress(self) -> tuple[int, int]:
        entities = self.decisions.entities
        return len(entities) - len(self.decisions.undecided()), len(entities)

    # -- what the page shows ------------------------------------------------------------------

    def state(self, with_documents: bool = False) -> dict:
        with self.lock:
            located = self.index.locate(self.decisions.entities)
            texts = self._texts_by_part()
            variants: dict[str, dict[str, str]] = {}
            highlights: dict[str, dict[str, list]] = {}
            for item in located:
                text = texts[(item.doc, item.part)][item.start : item.end]
                variants.setdefault(item.entity_id, {}).setdefault(normalise(text), text)
                by_part = highlights.setdefault(item.doc, {}).setdefault(item.part, [])
                by_part.append([item.start, item.end, item.entity_id])
            surfaces = self._detected_surfaces()
            decided, total = self.progress()
            body_spans: dict[str, list[tuple[int, int]]] = {}
            for item in located:
                if item.part == BODY:
                    body_spans.setdefault(item.doc, []).append((item.start, item.end))
            state = {
                "review": self.folder.slug,
                "who": self.reviewer.who,
                "unsaved": len(self.edits),
                "progress": {"decided": decided, "total": total},
                "entities": [
                    self._entity_state(entity, variants.get(entity.id, {}), surfaces)
                    for entity in self.decisions.entities
                ],
                "highlights": highlights,
                "to_check": self._to_check(body_spans),
                "types": {
                    t: {
                        "group": facts.group,
                        "label": type_label(t, self.settings),
                        "name": facts.label.strip("[]"),
                    }
                    for t, facts in sorted(ENTITY_TYPES.items())
                },
            }
            if with_documents:
                state["documents"] = [
                    {
                        "stem": document.stem,
                        "title": DOCUMENT_KINDS.get(document.stem, document.stem),
                        "body": document.body,
                        "hidden": [{"where": p.where, "text": p.text} for p in document.hidden],
                    }
                    for document in sorted(self.review.documents, key=_reading_order)
                ]
            return state

    def _to_check(self, decided: dict[str, list[tuple[int, int]]]) -> list[dict]:
        """What the scan could not explain and no decision covers (anonymiser/to_check.py)."""
        items = open_items(self.review, self.decisions, self.key, self.allow_list, decided)
        return [{"text": item.text, "count": item.count} for item in items]

    def _entity_state(self, entity, variants: dict[str, str], surfaces: dict[str, str]) -> dict:
        shown = sorted(variants.values(), key=lambda v: (-len(v.split()), -len(v), v))
        name = entity.text or next(
            (surfaces[fp] for fp in sorted(entity.fingerprints) if fp in surfaces), ""
        )
        name = name or (shown[0] if shown else "")
        return {
            "id": entity.id,
            "type": entity.type,
            "decision": entity.decision,
            "stale": entity.stale,
            "label": entity.label,
            "note": entity.note,
            "keep_reason": entity.keep_reason,
            "origin": entity.origin,
            "merged_from": entity.merged_from,
            "decided_by": entity.decided_by,
            "decided_on": entity.decided_on,
            "text": name or "(not in the drafts any more)",
            "variants": shown,
            "mentions": entity.mentions,
            "total": sum(entity.mentions.values()),
        }

    def _texts_by_part(self) -> dict[tuple[str, str], str]:
        texts = {}
        for document in self.review.documents:
            texts[(document.stem, BODY)] = document.body
            for part in document.hidden:
                texts[(document.stem, part.where)] = part.text
        return texts

    def _detected_surfaces(self) -> dict[str, str]:
        """fingerprint -> the text the detector found, for naming an entity in the panel."""
        surfaces: dict[str, str] = {}
        for entity in self.review.entities:
            for fp in fingerprints_of(entity, self.key):
                surfaces.setdefault(fp, entity.surface)
        return surfaces

    def _shown_text(self, decisions: ReviewDecisions, entity_id: str) -> str:
        entity = decisions.by_id().get(entity_id)
        if entity is None:
            return ""
        surfaces = self._detected_surfaces()
        return next((surfaces[fp] for fp in sorted(entity.fingerprints) if fp in surfaces), "")


def _reading_order(document) -> tuple[int, str]:
    """Overview report, executive summary, briefing, partnership response, then any other."""
    kinds = list(DOCUMENT_KINDS)
    return (kinds.index(document.stem) if document.stem in kinds else len(kinds), document.stem)
