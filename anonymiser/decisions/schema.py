"""The schema of `redactions.yml`: the human decisions for one review, safe to commit.

One block per entity: its type, the decision (redact, keep or pending), the replacement label,
the keyed fingerprints of every variant, how often it occurs in each document, and who decided
when. A `redact` (or `pending`) entity never carries its text; a `keep` entity may, since its
text is published anyway. The schema is checked on every load (store.py), and an error names the
file, the entity and the field, never a value (a hand-edited file may hold a name anywhere).

Un-redaction is visible: a `keep` needs a `keep_reason` (why it may be published). The file
alone cannot say whether an entity was ever redacted (a hand edit can rewrite any line), so
every keep needs one, and `anonymiser check --base REF` compares with the file at REF to list
each entity that was redacted there and is not now. A missing reason does not stop the file
loading (so that `anonymiser review --keep ID --reason TEXT` can add it); saving, `apply` and
`check` refuse it (`unexplained_keeps`).

Merging entity B into A (the reviewer says "Zosia" is "Zofia Wójcik"): A takes B's fingerprints
and mentions, B's id is recorded in A's `merged_from`, and B's block goes. One owner per
fingerprint keeps every later lookup unambiguous, and `merged_from` keeps the audit trail.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from anonymiser.detect.types import KNOWN_TYPES, file_rank
from anonymiser.errors import DecisionsError
from site_plugins.reviews.model import DOCUMENT_KINDS

DECISIONS_NAME = "redactions.yml"
FORMAT_VERSION = 1

# The ids the anonymiser makes: "person-3f2a9c", "date-of-birth-0c81bb", "checked-0f27f0".
_MADE_ID = re.compile(r"^[a-z]+(?:-[a-z]+)*-[0-9a-f]{6,32}$")

Fingerprint = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
EntityId = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
IsoDate = Annotated[str, Field(pattern=r"^(\d{4}-\d{2}-\d{2})?$")]


class EntityDecision(BaseModel):
    """One entity of a review and what a person decided about it."""

    model_config = ConfigDict(extra="forbid")

    id: EntityId
    type: str
    decision: Literal["redact", "keep", "pending"]
    label: str = ""
    # The entity's text: only for `keep`, whose text is published anyway.
    text: str = ""
    # Why a kept entity may be published (see the module docstring): only for `keep`.
    keep_reason: str = ""
    # It was in the drafts at an earlier scan and is not now: apply waits for a person.
    stale: bool = False
    # "added" for an identifier a person selected on the review page, which the detector missed.
    origin: Literal["detected", "added"] = "detected"
    # Ids of entities a person merged into this one.
    merged_from: list[EntityId] = Field(default_factory=list)
    fingerprints: list[Fingerprint] = Field(min_length=1)
    # Fingerprints of the distinctive parts of a place's name ("oakfield primary" and
    # "oakfield" of "Oakfield Primary School"), for the leak check only: see
    # anonymiser.fingerprints.distinctive_parts.
    part_fingerprints: list[Fingerprint] = Field(default_factory=list)
    mentions: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    decided_by: str = ""
    decided_on: IsoDate = ""
    note: str = ""

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in KNOWN_TYPES:
            # The value is not repeated: a hand edit may have put anything there.
            raise ValueError(f"unknown type; known: {', '.join(sorted(KNOWN_TYPES))}")
        return value

    @field_validator("mentions", mode="before")
    @classmethod
    def _mentions_by_kind(cls, value: object) -> object:
        # Counts are kept per document kind, never per file name (a draft's file name may be a
        # child's name); the offending key is not repeated, for the same reason. Checked before
        # the counts, whose errors would name their key.
        if isinstance(value, dict) and not set(value) <= set(DOCUMENT_KINDS):
            raise ValueError(
                f"counts documents other than by their kinds ({', '.join(DOCUMENT_KINDS)}); "
                "remove the other keys (they may hold a name) and run 'anonymiser scan' again"
            )
        return value

    @field_validator("text")
    @classmethod
    def _text_only_for_keep(cls, value: str, info) -> str:
        if value and info.data.get("decision") != "keep":
            raise ValueError(
                "only a kept entity may carry its text (a redacted or pending one never does); "
                "remove 'text'"
            )
        return value

    @field_validator("keep_reason")
    @classmethod
    def _reason_only_for_keep(cls, value: str, info) -> str:
        if value and info.data.get("decision") != "keep":
            raise ValueError("only a kept entity has a reason for keeping; remove 'keep_reason'")
        return value

    def decide(
        self,
        decision: str,
        who: str,
        on: str,
        label: str | None = None,
        text: str = "",
        reason: str | None = None,
    ) -> None:
        """Record a person's decision. A confirmed entity is no longer stale. `reason` (why a
        kept entity may be published) replaces the recorded one when given."""
        self.decision = decision
        if label is not None:
            self.label = label
        # Text and reason survive only on a kept entity (see the module docstring).
        self.text = text if decision == "keep" else ""
        if decision != "keep":
            self.keep_reason = ""
        elif reason is not None:
            self.keep_reason = reason
        self.stale = False
        self.decided_by, self.decided_on = who, on

    def to_yaml(self) -> dict:
        block: dict = {"id": self.id, "type": self.type, "decision": self.decision}
        if self.label:
            block["label"] = self.label
        if self.decision == "keep" and self.text:
            block["text"] = self.text
        if self.decision == "keep" and self.keep_reason:
            block["keep_reason"] = self.keep_reason
        if self.stale:
            block["stale"] = True
        if self.origin != "detected":
            block["origin"] = self.origin
        if self.merged_from:
            block["merged_from"] = sorted(set(self.merged_from))
        block["fingerprints"] = sorted(set(self.fingerprints))
        if self.part_fingerprints:
            block["part_fingerprints"] = sorted(set(self.part_fingerprints))
        block["mentions"] = {doc: n for doc, n in sorted(self.mentions.items()) if n}
        for name in ("decided_by", "decided_on", "note"):
            if getattr(self, name):
                block[name] = getattr(self, name)
        return block


class ReviewDecisions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = FORMAT_VERSION
    review: str
    key_id: Annotated[str, Field(pattern=r"^[0-9a-f]{12}$")]
    entities: list[EntityDecision] = Field(default_factory=list)

    def by_fingerprint(self) -> dict[str, EntityDecision]:
        return {fp: entity for entity in self.entities for fp in entity.fingerprints}

    def by_id(self) -> dict[str, EntityDecision]:
        return {entity.id: entity for entity in self.entities}

    def undecided(self) -> list[EntityDecision]:
        return [e for e in self.entities if e.decision == "pending" or e.stale]

    def sort(self) -> None:
        """The file's stable order: people first, dates last, then by id (which never changes)."""
        self.entities.sort(key=lambda e: (file_rank(e.type), e.id))

    def accept_all(self, who: str, on: str) -> int:
        """Accept every suggestion: pending entities are redacted with the label they have;
        stale ones (no longer in the drafts) keep the decision they had, now confirmed, so the
        leak check still knows them. The same accept-all for `review --accept-all`,
        `redact --auto` and `evaluate`. Returns how many entities changed."""
        changed = 0
        for entity in self.entities:
            if entity.decision == "pending":
                entity.decide("redact", who, on, text=entity.text)
                changed += 1
            elif entity.stale:
                entity.decide(entity.decision, who, on, text=entity.text)
                changed += 1
        return changed


def safe_entity_id(entity_id: object) -> str:
    """An entity id as an error message may show it: ids the anonymiser makes are fingerprints'
    prefixes; anything else in that place was typed by hand and may be a name."""
    if isinstance(entity_id, str) and _MADE_ID.match(entity_id):
        return entity_id
    return "(an id the anonymiser did not make)"


def unexplained_keeps(decisions: ReviewDecisions) -> list[EntityDecision]:
    """Kept entities without a reason for keeping (see the module docstring)."""
    return [e for e in decisions.entities if e.decision == "keep" and not e.keep_reason.strip()]


def require_keep_reasons(decisions: ReviewDecisions, path: Path | str) -> None:
    """Stop when a kept entity has no reason: keeping publishes the identifier."""
    missing = unexplained_keeps(decisions)
    if missing:
        ids = ", ".join(safe_entity_id(e.id) for e in missing)
        raise DecisionsError(
            f"{path}: kept without a reason (keeping publishes the identifier): {ids}. Give "
            "one with 'anonymiser review REVIEW --keep ID --reason TEXT' or on the review page."
        )
