"""`anonymiser review reports/<slug>`: the local review page (anonymiser/review/), or, in the
terminal, a listing of the suggestions with their text (shown only on this machine) and
decisions given as options (--label, --keep with --reason, --redact, --accept-all)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import webbrowser
from dataclasses import dataclass

from anonymiser.config import Settings
from anonymiser.decisions.merge import fingerprints_of
from anonymiser.decisions.schema import EntityDecision
from anonymiser.decisions.store import decisions_lock, save_decisions, scanned_decisions
from anonymiser.errors import DecisionsError
from anonymiser.fingerprint_mentions import ReviewIndex
from anonymiser.fingerprints import load_key
from anonymiser.pipeline import analyse, make_detector, read_review_drafts
from anonymiser.review.edits import (
    Edit,
    Reviewer,
    apply_edit,
    check_typed_texts,
    keep_reason_for,
)
from anonymiser.review_folder import ReviewFolder
from anonymiser.to_check import ToCheck, open_items


@dataclass
class Row:
    decision: EntityDecision
    text: str  # local display only; never written anywhere
    forms: tuple[str, ...] = ()


@dataclass
class Listing:
    rows: list[Row]
    # What the scan could not explain and no decision covers (anonymiser/to_check.py).
    to_check: list[ToCheck]

    def as_json(self) -> dict:
        """The listing as `review --list --json` prints it (on this machine only)."""
        return {
            "entities": [
                {
                    "id": row.decision.id,
                    "type": row.decision.type,
                    "decision": "stale" if row.decision.stale else row.decision.decision,
                    "label": row.decision.label,
                    "forms": list(row.forms or (row.text,)),
                    "mentions": sum(row.decision.mentions.values()),
                }
                for row in self.rows
            ],
            "to_check": [{"text": item.text, "count": item.count} for item in self.to_check],
        }


def list_review(folder: ReviewFolder, settings: Settings, detector=None) -> Listing:
    key = load_key(settings.key_path)
    decisions = scanned_decisions(folder.decisions_file, key.key_id, folder.path)
    detector = detector or make_detector(settings)
    review = analyse(read_review_drafts(folder), detector)
    texts: dict[str, str] = {}
    for entity in review.entities:
        for fp in fingerprints_of(entity, key):
            texts.setdefault(fp, entity.surface)
    # Added and merged variants are found by their fingerprints, not by the detector.
    index = ReviewIndex.of_review(review.documents, key, detector)
    bodies = {(d.stem, p.where): p.text for d in review.documents for p in d.hidden}
    bodies.update({(d.stem, "body"): d.body for d in review.documents})
    located: dict[str, str] = {}
    decided: dict[str, list[tuple[int, int]]] = {}
    for found in index.locate(decisions.entities):
        text = bodies[found.doc, found.part][found.start : found.end]
        located.setdefault(found.entity_id, text)
        if found.part == "body":
            decided.setdefault(found.doc, []).append((found.start, found.end))
    forms: dict[str, set[str]] = {}
    for entity in review.entities:
        for mention in entity.mentions:
            for fp in fingerprints_of(entity, key):
                forms.setdefault(fp, set()).add(mention.text)
    rows = []
    for decision in decisions.entities:
        detected = next((texts[fp] for fp in sorted(decision.fingerprints) if fp in texts), "")
        shown = decision.text or detected or located.get(decision.id, "(not in the drafts)")
        seen = sorted({f for fp in decision.fingerprints for f in forms.get(fp, ())})
        rows.append(Row(decision, shown, tuple(seen)))
    return Listing(rows, open_items(review, decisions, key, detector.allow_list, decided))


def add_texts(
    folder: ReviewFolder,
    settings: Settings,
    who: str,
    adds: list[tuple[str, str, str]],
    not_identifying: list[str],
) -> int:
    """Add what the scan missed, exactly as selecting it on the review page does: each
    (text, type, label) becomes a redacted entity, found and replaced everywhere in the review.
    Each text of `not_identifying` becomes a kept entity (its text may be stored: it is
    published anyway). Returns how many entities were added."""
    key = load_key(settings.key_path)
    reviewer = Reviewer(who, dt.date.today().isoformat())
    detector = make_detector(settings)
    allow_list = detector.allow_list
    with decisions_lock(folder.decisions_file):
        decisions = scanned_decisions(folder.decisions_file, key.key_id, folder.path)
        for text, entity_type, label in adds:
            edit = Edit(kind="add", text=text, entity_type=entity_type, label=label or None)
            apply_edit(decisions, edit, reviewer, key, settings, allow_list, detector)
        for text in not_identifying:
            edit = Edit(kind="not_identifying", text=text)
            apply_edit(decisions, edit, reviewer, key, settings, allow_list, detector)
        check_typed_texts(decisions, key, detector, folder.decisions_file)
        save_decisions(decisions, folder.decisions_file)
    return len(adds) + len(not_identifying)


def decide(
    folder: ReviewFolder,
    settings: Settings,
    who: str,
    accept_all: bool = False,
    labels: dict[str, str] | None = None,
    keep: list[str] | None = None,
    redact: list[str] | None = None,
    reasons: list[str] | None = None,
) -> int:
    """Record decisions; returns how many entities changed. `reasons[i]` is why `keep[i]`
    may be published (required unless it is kept with a reason already)."""
    key = load_key(settings.key_path)
    keep, reasons = keep or [], reasons or []
    if len(reasons) > len(keep):
        raise DecisionsError("Give one --reason after each --keep, and no other.")
    kept = dict(zip(keep, reasons + [""] * (len(keep) - len(reasons)), strict=True))
    detector = make_detector(settings)
    with decisions_lock(folder.decisions_file):
        return _decide(folder, key, who, accept_all, labels or {}, kept, redact or [], detector)


def _decide(folder, key, who, accept_all, labels, keep, redact, detector) -> int:
    decisions = scanned_decisions(folder.decisions_file, key.key_id, folder.path)
    by_id = {entity.id: entity for entity in decisions.entities}
    named = list(labels) + list(keep) + list(redact)
    unknown = sorted(set(named) - set(by_id))
    if unknown:
        raise DecisionsError(f"{folder.decisions_file}: no entity called {', '.join(unknown)}.")
    today = dt.date.today().isoformat()
    changed = 0

    def record(
        entity: EntityDecision, decision: str, label: str | None = None, reason: str | None = None
    ) -> None:
        nonlocal changed
        entity.decide(decision, who, today, label=label, text=entity.text, reason=reason)
        changed += 1

    for entity_id, label in labels.items():
        record(by_id[entity_id], "redact", label)
    for entity_id in redact:
        record(by_id[entity_id], "redact")
    for entity_id, reason in keep.items():
        entity = by_id[entity_id]
        record(entity, "keep", reason=keep_reason_for(reason, entity))
    if accept_all:
        changed += decisions.accept_all(who, today)
    check_typed_texts(decisions, key, detector, folder.decisions_file)
    save_decisions(decisions, folder.decisions_file)
    return changed


def open_review_page(
    folder: ReviewFolder, settings: Settings, who: str, port: int = 0, detector=None
):
    """Start the local review page of a review; returns the running ReviewServer."""
    from anonymiser.review.server import ReviewServer, listen
    from anonymiser.review.session import ReviewSession

    if port:
        # A busy port is found before the drafts are read and the model loaded (seconds).
        listen(port).server_close()
    server = ReviewServer(ReviewSession(folder, settings, who, detector), port)
    server.start()
    return server


def can_open_browser() -> bool:
    """True where a graphical browser can open. Without a display, Python would start a text
    browser (lynx, w3m) in this terminal and hold it until that browser exits."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_in_browser(url: str) -> bool:
    return can_open_browser() and webbrowser.open(url)
