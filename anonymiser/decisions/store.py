"""Reading and writing `redactions.yml`: the one loader (with the one key check), the file's
layout, atomic writes and the review's file lock.

Layout for git: entities sorted by type then id (ids never change, so an edit touches only its
own lines), fingerprints and mention counts sorted, one blank line between blocks so that two
branches deciding neighbouring entities merge without a conflict.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock
import yaml
from pydantic import ValidationError

from anonymiser.decisions.schema import (
    DECISIONS_NAME,
    FORMAT_VERSION,
    EntityDecision,
    ReviewDecisions,
    safe_entity_id,
)
from anonymiser.errors import ConfigError, DecisionsError, KeyProblem
from site_plugins.reviews.model import DOCUMENT_KINDS
from site_plugins.reviews.review_file import ReviewYamlError, load_strict_yaml

HEADER = """\
# Anonymisation decisions for this review, made with `anonymiser scan` and `anonymiser review`.
# Safe to commit: redacted identifiers are stored only as keyed fingerprints (HMAC-SHA256 under
# the partnership key), never as text. Edit decisions with `anonymiser review`.
"""
# How long a command waits for another one (a scan, the review page) to finish writing.
LOCK_TIMEOUT_SECONDS = 60


def load_decisions(path: Path, key_id: str | None) -> ReviewDecisions | None:
    """The review's decisions, or None when the review has never been scanned. With `key_id`
    (the key in use), a file made with another key stops here: every fingerprint in it would
    look unknown, and a scan or a save would lose every decision. `None` reads without a key
    (the leak check without the partnership key)."""
    if not path.is_file():
        return None
    decisions = parse_decisions(path.read_text(encoding="utf-8"), path)
    if key_id is not None and decisions.key_id != key_id:
        raise KeyProblem(
            f"{path}: was made with partnership key {decisions.key_id}, but the key in use is "
            f"{key_id}. Use the partnership's key (from your backup or the CI secret); "
            "scanning with a new key would lose every decision, so nothing was changed."
        )
    return decisions


def scanned_decisions(path: Path, key_id: str, review: Path) -> ReviewDecisions:
    """The decisions of a review that must have been scanned (review, apply, the review page)."""
    decisions = load_decisions(path, key_id)
    if decisions is None:
        raise DecisionsError(f"{path}: does not exist. Run 'anonymiser scan {review}' first.")
    return decisions


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
    for entity in decisions.entities:
        if not set(entity.mentions) <= set(DOCUMENT_KINDS):
            # Never written: a draft's own file name may be a child's name.
            raise DecisionsError(
                f"entity {safe_entity_id(entity.id)} counts documents other than by their kinds "
                f"({', '.join(DOCUMENT_KINDS)}); redactions.yml was not written."
            )
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
