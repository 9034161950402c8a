"""`anonymiser review reports/<slug>` (terminal version): list the suggestions with their text,
shown only on this machine, and record decisions. The local review page comes with issue #4."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from anonymiser.commands.scan import fingerprints_of
from anonymiser.config import Settings
from anonymiser.decisions import EntityDecision, load_decisions, save_decisions
from anonymiser.errors import DecisionsError
from anonymiser.fingerprints import load_key
from anonymiser.pipeline import analyse, make_detector, read_drafts
from anonymiser.review_folder import ReviewFolder


@dataclass
class Row:
    decision: EntityDecision
    text: str  # local display only; never written anywhere


def list_entities(folder: ReviewFolder, settings: Settings, detector=None) -> list[Row]:
    key = load_key(settings.key_path)
    decisions = _load(folder, key.key_id)
    review = analyse(read_drafts(folder.source), detector or make_detector(settings))
    texts: dict[str, str] = {}
    for entity in review.entities:
        for fp in fingerprints_of(entity, key):
            texts.setdefault(fp, entity.surface)
    rows = []
    for decision in decisions.entities:
        text = next((texts[fp] for fp in decision.fingerprints if fp in texts), "(not found)")
        rows.append(Row(decision, decision.text or text))
    return rows


def decide(
    folder: ReviewFolder,
    settings: Settings,
    who: str,
    accept_all: bool = False,
    labels: dict[str, str] | None = None,
    keep: list[str] | None = None,
    redact: list[str] | None = None,
) -> int:
    """Record decisions; returns how many entities changed."""
    key = load_key(settings.key_path)
    decisions = _load(folder, key.key_id)
    by_id = {entity.id: entity for entity in decisions.entities}
    named = list((labels or {}).keys()) + list(keep or []) + list(redact or [])
    unknown = sorted(set(named) - set(by_id))
    if unknown:
        raise DecisionsError(f"{folder.decisions_file}: no entity called {', '.join(unknown)}.")
    today = dt.date.today().isoformat()
    changed = 0

    def record(entity: EntityDecision, decision: str, label: str | None = None) -> None:
        nonlocal changed
        entity.decision = decision
        if label is not None:
            entity.label = label
        entity.stale = False
        entity.decided_by, entity.decided_on = who, today
        changed += 1

    for entity_id, label in (labels or {}).items():
        record(by_id[entity_id], "redact", label)
    for entity_id in redact or []:
        record(by_id[entity_id], "redact")
    for entity_id in keep or []:
        record(by_id[entity_id], "keep")
    if accept_all:
        # Pending suggestions are redacted; stale entities (no longer in the drafts) keep the
        # decision they had, now confirmed, so the leak check still knows them.
        for entity in decisions.entities:
            if entity.decision == "pending":
                record(entity, "redact")
            elif entity.stale:
                record(entity, entity.decision)
    save_decisions(decisions, folder.decisions_file)
    return changed


def _load(folder: ReviewFolder, key_id: str):
    decisions = load_decisions(folder.decisions_file)
    if decisions is None:
        raise DecisionsError(
            f"{folder.decisions_file}: does not exist. Run 'anonymiser scan {folder.path}' first."
        )
    decisions.check_key(key_id, folder.decisions_file)
    return decisions
