"""What a person can do to a review's decisions: redact with a label, keep, merge two entities,
add an identifier the detector missed, write a note.

Each action is an `Edit` that can be replayed onto a fresh copy of `redactions.yml`: the review
page keeps the edits of a session and, on save, replays them onto the file as it is on disk at
that moment (under the file lock), so a scan that ran meanwhile is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from anonymiser.config import Settings
from anonymiser.decisions import EntityDecision, ReviewDecisions
from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.names import is_common_word
from anonymiser.detect.recognizers.titled_name import TITLE_WORDS
from anonymiser.detect.types import KNOWN_TYPES, PERSON
from anonymiser.errors import DecisionsError
from anonymiser.fingerprint_mentions import TextIndex
from anonymiser.fingerprints import MAX_NGRAM, PartnershipKey
from anonymiser.pipeline import person_label, type_label
from anonymiser.text import normalise

EDIT_KINDS = ("redact", "keep", "merge", "add", "note", "not_identifying")
MAX_LABEL = 80
MAX_NOTE = 1000


class EditError(DecisionsError):
    """An edit that cannot be made; `entity_id` names the entity it concerns, if any."""

    def __init__(self, message: str, entity_id: str = "") -> None:
        super().__init__(message)
        self.entity_id = entity_id


@dataclass(frozen=True)
class Edit:
    """One action of a person. `text` is plain text held in memory only: the selection to add,
    or a kept entity's text; neither reaches the file unless it is a kept entity's own text."""

    kind: str
    entity_id: str = ""
    label: str | None = None
    into: str = ""
    text: str = ""
    entity_type: str = ""
    note: str = ""

    @classmethod
    def from_json(cls, data: object) -> Edit:
        if not isinstance(data, dict) or data.get("kind") not in EDIT_KINDS:
            raise EditError(f"An edit must be one of: {', '.join(EDIT_KINDS)}.")
        fields = {}
        for name in ("entity_id", "into", "text", "entity_type", "note", "label"):
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                raise EditError(f"The edit's '{name}' must be text.")
            if value is not None:
                fields[name] = value
        return cls(kind=data["kind"], **fields)


@dataclass(frozen=True)
class Reviewer:
    """Who makes the edits, and when; what the file records as decided_by and decided_on."""

    who: str
    on: str


def apply_edit(
    decisions: ReviewDecisions,
    edit: Edit,
    reviewer: Reviewer,
    key: PartnershipKey,
    settings: Settings,
    allow_list: AllowList,
) -> str:
    """Make one edit on `decisions` (in place); returns the id of the entity it leaves selected."""
    if edit.kind == "add":
        return _add(decisions, edit, reviewer, key, settings, allow_list)
    if edit.kind == "not_identifying":
        return _not_identifying(decisions, edit, reviewer, key)
    entity = _entity(decisions, edit.entity_id)
    if edit.kind == "redact":
        label = _label(edit.label, entity.label, entity.id)
        entity.decide("redact", reviewer.who, reviewer.on, label=label)
    elif edit.kind == "keep":
        entity.decide("keep", reviewer.who, reviewer.on, text=edit.text.strip())
    elif edit.kind == "note":
        note = " ".join(edit.note.split())
        if len(note) > MAX_NOTE:
            raise EditError(f"A note has at most {MAX_NOTE} characters.", entity.id)
        entity.note = note
    elif edit.kind == "merge":
        return _merge(decisions, entity, _entity(decisions, edit.into), reviewer)
    return entity.id


def _entity(decisions: ReviewDecisions, entity_id: str) -> EntityDecision:
    entity = decisions.by_id().get(entity_id)
    if entity is None:
        raise EditError(
            f"There is no entity {entity_id or '(none)'} in redactions.yml any more (merged, or "
            "changed by someone else?). Reload the page."
        )
    return entity


def _label(label: str | None, default: str, entity_id: str = "") -> str:
    """The label a person typed, tidied; `default` when they typed none."""
    if label is None:
        return default
    label = " ".join(label.split())
    if not label:
        raise EditError("A redacted entity needs a label, e.g. 'Mother' or 'Child D'.", entity_id)
    if len(label) > MAX_LABEL:
        raise EditError(f"A label has at most {MAX_LABEL} characters.", entity_id)
    return label


def _merge(
    decisions: ReviewDecisions,
    source: EntityDecision,
    target: EntityDecision,
    reviewer: Reviewer,
) -> str:
    """`source` is another name for `target` ("Zosia" is "Zofia Wójcik"): the target takes its
    fingerprints and mentions, records its id in `merged_from`, and the source's block goes."""
    if source.id == target.id:
        raise EditError("An entity cannot be merged into itself.", source.id)
    if target.decision == "keep" and source.decision == "redact":
        raise EditError(
            "A redacted entity cannot be merged into a kept one: its text would be published. "
            "Merge the other way round, or redact the kept entity first.",
            source.id,
        )
    target.fingerprints = sorted(set(target.fingerprints) | set(source.fingerprints))
    for doc, count in source.mentions.items():
        target.mentions[doc] = target.mentions.get(doc, 0) + count
    target.merged_from = sorted(set(target.merged_from) | {source.id} | set(source.merged_from))
    if target.decision == "pending" and source.decision != "pending":
        # The person had decided the other name already: that decision now covers both.
        target.decide(source.decision, reviewer.who, reviewer.on, label=source.label)
    elif target.decision != "pending":
        # The target now covers more text: that is a decision too, so it is signed again.
        target.decided_by, target.decided_on = reviewer.who, reviewer.on
        target.text = ""  # a kept text would no longer describe everything the entity covers
    decisions.entities.remove(source)
    return target.id


def _add(
    decisions: ReviewDecisions,
    edit: Edit,
    reviewer: Reviewer,
    key: PartnershipKey,
    settings: Settings,
    allow_list: AllowList,
) -> str:
    """A new entity for text the detector missed, redacted, with the fingerprints of its
    normalised form (and, for a person's full name, of the given name and surname)."""
    norm = normalise(edit.text)
    if not norm:
        raise EditError("Select a word or a name to add (the selection has no letters).")
    if len(norm.split()) > MAX_NGRAM:
        raise EditError(f"Select at most {MAX_NGRAM} words: one name, address or number.")
    entity_type = edit.entity_type or PERSON
    if entity_type not in KNOWN_TYPES:
        raise EditError(f"Unknown kind of identifier '{entity_type}'.")
    if allow_list.allows(edit.text):
        raise EditError(
            "That text is on the partnership's allow-list (anonymiser.yml or the shipped "
            "defaults), so it is never redacted. Remove it from `allow_list` (or, for a shipped "
            "term, list it under `allow_list_remove`) in anonymiser.yml first."
        )
    owner = decisions.by_fingerprint()
    fp = key.fingerprint_normalised(norm)
    if fp in owner:
        known = owner[fp]
        raise EditError(
            f"That text is already part of {known.label or known.id} ({known.decision}).",
            known.id,
        )
    variants = [norm]
    if entity_type == PERSON and len(norm.split()) > 1:
        variants += [
            word
            for word in norm.split()
            if len(word) > 2
            and word not in TITLE_WORDS
            and word not in allow_list.terms
            and not is_common_word(word)
        ]
    fingerprints = sorted({key.fingerprint_normalised(v) for v in variants} - owner.keys())
    entity = EntityDecision(
        id=_new_id(entity_type, fp, decisions),
        type=entity_type,
        decision="redact",
        label=_label(edit.label or None, _default_label(decisions, entity_type, settings)),
        origin="added",
        fingerprints=fingerprints,
        decided_by=reviewer.who,
        decided_on=reviewer.on,
    )
    decisions.entities.append(entity)
    return entity.id


def _not_identifying(
    decisions: ReviewDecisions, edit: Edit, reviewer: Reviewer, key: PartnershipKey
) -> str:
    """An item of the to-check list that a person says identifies nobody: a kept entity with
    its text (it is published anyway), so the list and `apply` know it is decided."""
    norm = normalise(edit.text)
    if not norm:
        raise EditError("A text to keep must have letters or digits.")
    fp = key.fingerprint_normalised(norm)
    known = decisions.by_fingerprint().get(fp)
    if known is not None:
        raise EditError(
            f"That text is already part of {known.label or known.id} ({known.decision}).",
            known.id,
        )
    entity_type = edit.entity_type or "ORGANISATION"
    if entity_type not in KNOWN_TYPES:
        raise EditError(f"Unknown kind of identifier '{entity_type}'.")
    entity = EntityDecision(
        id=_new_id("checked", fp, decisions),
        type=entity_type,
        decision="keep",
        text=" ".join(edit.text.split()),
        origin="added",
        fingerprints=[fp],
        decided_by=reviewer.who,
        decided_on=reviewer.on,
    )
    decisions.entities.append(entity)
    return entity.id


def _default_label(decisions: ReviewDecisions, entity_type: str, settings: Settings) -> str:
    """The next free "Person X" for a person; the type's bracketed label otherwise."""
    if entity_type == PERSON:
        taken = {e.label for e in decisions.entities}
        return next(person_label(i) for i in range(10_000) if person_label(i) not in taken)
    return type_label(entity_type, settings)


def _new_id(entity_type: str, fp: str, decisions: ReviewDecisions) -> str:
    taken = set(decisions.by_id())
    base = f"{entity_type.lower().replace('_', '-')}-"
    return next(base + fp[:n] for n in range(6, len(fp) + 1) if base + fp[:n] not in taken)


def check_no_identifiers(decisions: ReviewDecisions, key: PartnershipKey, path) -> None:
    """Labels, notes and kept texts are written as text, and labels are published: none may
    contain a redacted identifier. A kept text that does loses it (it is optional); a label or
    note that does is refused, naming the entity and the field."""
    redacted = {fp for e in decisions.entities if e.decision == "redact" for fp in e.fingerprints}
    for entity in decisions.entities:
        if entity.text and any(TextIndex(entity.text, key).find(redacted)):
            entity.text = ""
        for field in ("label", "note"):
            value = getattr(entity, field)
            if value and any(TextIndex(value, key).find(redacted)):
                raise EditError(
                    f"{path}: entity {entity.id}, field '{field}': contains a redacted "
                    "identifier. Choose a label or note that does not name anyone.",
                    entity.id,
                )
