"""`redactions.yml`: the human decisions for one review, safe to commit.

One block per entity: its type, the decision (redact, keep or pending), the replacement label,
the keyed fingerprints of every variant, how often it occurs in each document, and who decided
when. A `redact` (or `pending`) entity never carries its text; a `keep` entity may, since its
text is published anyway. The schema is checked on every load, and an error names the file, the
entity and the field, never a value (a hand-edited file may hold a name anywhere).

Un-redaction is visible: a `keep` needs a `keep_reason` (why it may be published). The file
alone cannot say whether an entity was ever redacted (a hand edit can rewrite any line), so
every keep needs one, and `anonymiser check --base REF` compares with the file at REF to list
each entity that was redacted there and is not now. A missing reason does not stop the file
loading (so that `anonymiser review --keep ID --reason TEXT` can add it); saving, `apply` and
`check` refuse it (`unexplained_keeps`).

Layout for git: entities sorted by type then id (ids never change, so an edit touches only its
own lines), fingerprints and mention counts sorted, one blank line between blocks so that two
branches deciding neighbouring entities merge without a conflict.

Merging entity B into A (the reviewer says "Zosia" is "Zofia Wójcik"): A takes B's fingerprints
and mentions, B's id is recorded in A's `merged_from`, and B's block goes. One owner per
fingerprint keeps every later lookup unambiguous, and `merged_from` keeps the audit trail.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Literal

import filelock
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from anonymiser.detect.types import KNOWN_TYPES
from anonymiser.errors import ConfigError, DecisionsError, KeyProblem
from anonymiser.kinds import KINDS
from site_plugins.reviews.review_file import ReviewYamlError, load_strict_yaml

DECISIONS_NAME = "redactions.yml"
DECISIONS = ("redact", "keep", "pending")
FORMAT_VERSION = 1
HEADER = """\
# Anonymisation decisions for this review, made with `anonymiser scan` and `anonymiser review`.
# Safe to commit: redacted identifiers are stored only as keyed fingerprints (HMAC-SHA256 under
# the partnership key), never as text. Edit decisions with `anonymiser review`.
"""
# How long a command waits for another one (a scan, the review page) to finish writing.
LOCK_TIMEOUT_SECONDS = 60

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
        if isinstance(value, dict) and not set(value) <= set(KINDS):
            raise ValueError(
                f"counts documents other than by their kinds ({', '.join(KINDS)}); remove the "
                "other keys (they may hold a name) and run 'anonymiser scan' again"
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

    def check_key(self, key_id: str, path: Path) -> None:
        if self.key_id != key_id:
            raise KeyProblem(
                f"{path}: was made with partnership key {self.key_id}, but the key in use is "
                f"{key_id}. Use the partnership's key (from your backup or the CI secret); "
                "scanning with a new key would lose every decision, so nothing was changed."
            )

    def sort(self) -> None:
        """The file's stable order: people first, dates last, then by id (which never changes)."""
        self.entities.sort(key=lambda e: (_type_rank(e.type), e.id))


def _type_rank(entity_type: str) -> int:
    return {"PERSON": 0, "DATE": 2}.get(entity_type, 1)


def load_decisions(path: Path) -> ReviewDecisions | None:
    """The review's decisions, or None when the review has never been scanned."""
    if not path.is_file():
        return None
    return parse_decisions(path.read_text(encoding="utf-8"), path)


def parse_decisions(text: str, path: Path | str) -> ReviewDecisions:
    """The decisions in `text` (the file at `path`, or a copy of it from git)."""
    nameable = frozenset(ReviewDecisions.model_fields) | frozenset(EntityDecision.model_fields)
    try:
        # No key given twice: a second `decision: keep` below `decision: redact` would win.
        raw = load_strict_yaml(text, nameable, DECISIONS_NAME)
    except ReviewYamlError as exc:
        problem = exc.syntax or exc.problem
        raise ConfigError(f"{path}: {problem}. Fix it or restore it from git.") from None
    if not isinstance(raw, dict) or raw.get("version") != FORMAT_VERSION:
        raise ConfigError(f"{path}: is not a version {FORMAT_VERSION} redactions file.")
    try:
        decisions = ReviewDecisions.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_describe(path, raw, exc)) from None
    _check_unique(path, decisions)
    return decisions


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


def _describe(path: Path, raw: dict, error: ValidationError) -> str:
    """ "reports/child-d/redactions.yml: entity person-3f2a9c, field 'decision': Input should be
    'redact', 'keep' or 'pending'" for each problem (never the field's value: it may be a name)."""
    entities = raw.get("entities") if isinstance(raw.get("entities"), list) else []
    problems = []
    for item in error.errors():
        loc = list(item["loc"])
        where = ""
        if len(loc) >= 2 and loc[0] == "entities" and isinstance(loc[1], int):
            block = entities[loc[1]] if loc[1] < len(entities) else None
            name = block.get("id") if isinstance(block, dict) else None
            where = f"entity {_block_name(name, loc[1])}"
            loc = loc[2:]
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            message = "is missing"
        field = ".".join(str(part) for part in loc)
        if item["type"] == "extra_forbidden":
            # The key itself is not repeated: an unknown key was typed by hand, perhaps a name.
            message = "is not a field of a redactions file (misspelt?)"
            field = ".".join(str(part) for part in loc[:-1] + ["(an unknown key)"])
        if field:
            where = f"{where}, field '{field}'" if where else f"field '{field}'"
        problems.append(f"{where}: {message}" if where else message)
    return f"{path}: " + "; ".join(problems) + ". Fix it or restore it from git."


def _block_name(entity_id: object, index: int) -> str:
    shown = safe_entity_id(entity_id)
    return shown if shown == entity_id else f"{index + 1} {shown}"


def _check_unique(path: Path, decisions: ReviewDecisions) -> None:
    """Every id and every fingerprint belongs to one entity: a fingerprint with two owners would
    make "which replacement?" a matter of chance (a bad git merge can cause it)."""
    ids: set[str] = set()
    owner: dict[str, str] = {}
    for entity in decisions.entities:
        if entity.id in ids:
            raise ConfigError(
                f"{path}: entity {safe_entity_id(entity.id)}, field 'id': appears twice."
            )
        ids.add(entity.id)
        for fp in entity.fingerprints:
            if fp in owner and owner[fp] != entity.id:
                raise ConfigError(
                    f"{path}: entity {safe_entity_id(entity.id)}, field 'fingerprints': {fp} "
                    f"also belongs to entity {safe_entity_id(owner[fp])}. Merge the two with "
                    "'anonymiser review' or remove the fingerprint from one of them."
                )
            owner[fp] = entity.id


def render_decisions(decisions: ReviewDecisions) -> str:
    """The file's text: header, then one block per entity with a blank line between blocks."""
    decisions.sort()
    head = {"version": FORMAT_VERSION, "review": decisions.review, "key_id": decisions.key_id}
    text = HEADER + _dump(head)
    if not decisions.entities:
        return text + "entities: []\n"
    blocks = [_dump([entity.to_yaml()]) for entity in decisions.entities]
    return text + "entities:\n" + "\n".join(blocks)


def _dump(data) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )


def save_decisions(decisions: ReviewDecisions, path: Path) -> None:
    """Write the file atomically. Callers that read, change and write hold `decisions_lock`."""
    write_atomic(path, render_decisions(decisions))


@contextmanager
def decisions_lock(path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the review's lock while reading, changing and writing its decisions, so that a scan
    and the review page never both write from the same old copy and lose a decision.

    The lock file (`.redactions.yml.lock` beside the decisions) stays after release; git
    ignores it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(path.with_name(f".{path.name}.lock")), timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise DecisionsError(
            f"{path}: another anonymiser command (a scan or a review page) is still writing "
            f"it after {timeout:.0f} seconds. Let it finish, then try again."
        ) from None
    try:
        yield
    finally:
        lock.release()


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that a reader sees the old or the new content, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
