"""`redactions.yml`: the human decisions for one review, safe to commit.

One block per entity: its type, the decision (redact, keep or pending), the replacement label,
the keyed fingerprints of every variant, how often it occurs in each document, and who decided
when. A `redact` entity never carries its text; a `keep` entity may (it is published anyway).
The file is rewritten in a stable order so that git diffs stay small and merges clean.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from anonymiser.detect.types import KNOWN_TYPES
from anonymiser.errors import ConfigError, KeyProblem

DECISIONS_NAME = "redactions.yml"
DECISIONS = ("redact", "keep", "pending")
FORMAT_VERSION = 1
HEADER = """\
# Anonymisation decisions for this review, made with `anonymiser scan` and `anonymiser review`.
# Safe to commit: redacted identifiers are stored only as keyed fingerprints (HMAC-SHA256 under
# the partnership key), never as text. Edit decisions with `anonymiser review`.
"""


@dataclass
class EntityDecision:
    id: str
    type: str
    decision: str
    label: str
    fingerprints: list[str]
    mentions: dict[str, int] = field(default_factory=dict)
    decided_by: str = ""
    decided_on: str = ""
    note: str = ""
    text: str = ""  # only for `keep`
    stale: bool = False

    def to_yaml(self) -> dict:
        block: dict = {"id": self.id, "type": self.type, "decision": self.decision}
        if self.label:
            block["label"] = self.label
        if self.decision == "keep" and self.text:
            block["text"] = self.text
        if self.stale:
            block["stale"] = True
        block["fingerprints"] = sorted(set(self.fingerprints))
        block["mentions"] = dict(sorted(self.mentions.items()))
        for name in ("decided_by", "decided_on", "note"):
            if getattr(self, name):
                block[name] = getattr(self, name)
        return block


@dataclass
class ReviewDecisions:
    review: str
    key_id: str
    entities: list[EntityDecision]

    def by_fingerprint(self) -> dict[str, EntityDecision]:
        return {fp: entity for entity in self.entities for fp in entity.fingerprints}

    def check_key(self, key_id: str, path: Path) -> None:
        if self.key_id and self.key_id != key_id:
            raise KeyProblem(
                f"{path}: was made with partnership key {self.key_id}, but the key in use is "
                f"{key_id}. Use the partnership's key (from your backup or the CI secret); "
                "scanning with a new key would lose every decision, so nothing was changed."
            )


def load_decisions(path: Path) -> ReviewDecisions | None:
    """The review's decisions, or None when the review has never been scanned."""
    if not path.is_file():
        return None
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(
            f"{path}: is not valid YAML ({exc}). Fix it or restore it from git."
        ) from None
    if not isinstance(raw, dict) or raw.get("version") != FORMAT_VERSION:
        raise ConfigError(f"{path}: is not a version {FORMAT_VERSION} redactions file.")
    entities = [_entity(path, i, block) for i, block in enumerate(raw.get("entities") or [])]
    return ReviewDecisions(str(raw.get("review", "")), str(raw.get("key_id", "")), entities)


def _entity(path: Path, index: int, block: object) -> EntityDecision:
    where = f"{path}: entity {index + 1}"
    if not isinstance(block, dict):
        raise ConfigError(f"{where}: must be a mapping.")
    where = f"{path}: entity {block.get('id', index + 1)}"
    for key in ("id", "type", "decision", "fingerprints"):
        if key not in block:
            raise ConfigError(f"{where}: '{key}' is missing.")
    if block["decision"] not in DECISIONS:
        raise ConfigError(f"{where}: decision must be one of {', '.join(DECISIONS)}.")
    if block["type"] not in KNOWN_TYPES:
        raise ConfigError(f"{where}: unknown type '{block['type']}'.")
    fingerprints = block["fingerprints"]
    if not isinstance(fingerprints, list) or not all(isinstance(f, str) for f in fingerprints):
        raise ConfigError(f"{where}: 'fingerprints' must be a list of fingerprints.")
    if block["decision"] == "redact" and block.get("text"):
        raise ConfigError(f"{where}: a redacted entity must not carry its text. Remove 'text'.")
    mentions = block.get("mentions") or {}
    if not isinstance(mentions, dict):
        raise ConfigError(f"{where}: 'mentions' must map document names to counts.")
    return EntityDecision(
        id=str(block["id"]),
        type=block["type"],
        decision=block["decision"],
        label=str(block.get("label", "")),
        fingerprints=list(fingerprints),
        mentions={str(k): int(v) for k, v in mentions.items()},
        decided_by=str(block.get("decided_by", "")),
        decided_on=str(block.get("decided_on", "")),
        note=str(block.get("note", "")),
        text=str(block.get("text", "")),
        stale=bool(block.get("stale", False)),
    )


def save_decisions(decisions: ReviewDecisions, path: Path) -> None:
    document = {
        "version": FORMAT_VERSION,
        "review": decisions.review,
        "key_id": decisions.key_id,
        "entities": [entity.to_yaml() for entity in decisions.entities],
    }
    text = HEADER + yaml.safe_dump(
        document, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    write_atomic(path, text)


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
