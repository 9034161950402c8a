"""What a person can do to a review's decisions: redact with a label, keep (with a reason),
merge two entities, add an identifier the detector missed, write a note.

Every text a person types (label, note, reason) goes through anonymiser/typed_text.py: as the
edit is made, for the field it sets, and for every field of every entity before a save.

Each action is an `Edit` that can be replayed onto a fresh copy of `redactions.yml`: the review
page keeps the edits of a session and, on save, replays them onto the file as it is on disk at
that moment (under the file lock), so a scan that ran meanwhile is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from anonymiser.config import Settings
from anonymiser.decisions.labels import new_id, next_label, type_prefix
from anonymiser.decisions.schema import EntityDecision, ReviewDecisions, require_keep_reasons
from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.names import is_common_word
from anonymiser.detect.recognizers.titled_name import TITLE_WORDS
from anonymiser.detect.types import KNOWN_TYPES, PERSON
from anonymiser.errors import DecisionsError
from anonymiser.fingerprints import MAX_NGRAM, PartnershipKey
from anonymiser.text import normalise
from anonymiser.typed_text import TypedTextRules

EDIT_KINDS = ("redact", "keep", "merge", "add", "note", "not_identifying")
MAX_LABEL = 80
MAX_NOTE = 1000
# What the to-check list's "not identifying" records as the reason for keeping the text.
NOT_IDENTIFYING_REASON = "not identifying (marked on the to-check list)"


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
    # Why a kept entity may be published: required to keep what is not kept already.
    reason: str = ""

    @classmethod
    def from_json(cls, data: object) -> Edit:
        if not isinstance(data, dict) or data.get("kind") not in EDIT_KINDS:
            raise EditError(f"An edit must be one of: {', '.join(EDIT_KINDS)}.")
        fields = {}
        for name in ("entity_id", "into", "text", "entity_type", "note", "label", "reason"):
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
    detector=None,
) -> str:
    """Make one edit on `decisions` (in place); returns the id of the entity it leaves selected.

    The text the edit types (label, note, reason) is checked at once: with `detector`, by the
    detector too; without it (a replay of edits checked before), by the other rules, and
    `check_typed_texts` runs them all before a save."""
    if edit.kind == "add":
        selected = _add(decisions, edit, reviewer, key, settings, allow_list)
        _refuse_typed(decisions, selected, ("label",), key, detector)
        return selected
    if edit.kind == "not_identifying":
        return _not_identifying(decisions, edit, reviewer, key)
    entity = _entity(decisions, edit.entity_id)
    if edit.kind == "redact":
        label = _label(edit.label, entity.label, entity.id)
        entity.decide("redact", reviewer.who, reviewer.on, label=label)
        _refuse_typed(decisions, entity.id, ("label",), key, detector)
    elif edit.kind == "keep":
        reason = keep_reason_for(edit.reason, entity)
        entity.decide("keep", reviewer.who, reviewer.on, text=edit.text.strip(), reason=reason)
        _refuse_typed(decisions, entity.id, ("keep_reason",), key, detector)
    elif edit.kind == "note":
        note = " ".join(edit.note.split())
        if len(note) > MAX_NOTE:
            raise EditError(f"A note has at most {MAX_NOTE} characters.", entity.id)
        entity.note = note
        _refuse_typed(decisions, entity.id, ("note",), key, detector)
    elif edit.kind == "merge":
        return _merge(decisions, entity, _entity(decisions, edit.into), reviewer)
    return entity.id


def keep_reason_for(reason: str, entity: EntityDecision) -> str:
    """Why `entity` may be published: the person's words, or the reason it is kept already.
    Keeping publishes an identifier, so the reason is required (see decisions/schema.py)."""
    reason = " ".join(reason.split())
    if len(reason) > MAX_NOTE:
        raise EditError(f"A reason has at most {MAX_NOTE} characters.", entity.id)
    if not reason and entity.decision == "keep":
        reason = entity.keep_reason
    if not reason:
        raise EditError(
            "Keeping publishes this identifier: give the reason it may be published (e.g. "
            "'a public official named in the report').",
            entity.id,
        )
    return reason


def _refuse_typed(decisions, entity_id: str, fields, key: PartnershipKey, detector) -> None:
    entity = decisions.by_id()[entity_id]
    problems = TypedTextRules(decisions, key, detector).problems_of(entity, fields)
    if problems:
        name = {"label": "label", "note": "note", "keep_reason": "reason"}[problems[0].field]
        raise EditError(f"That {name} {problems[0].problem}", entity_id)


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
        target.decide(
            source.decision,
            reviewer.who,
            reviewer.on,
            label=source.label,
            reason=source.keep_reason,
        )
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
        id=new_id(type_prefix(entity_type), fp, decisions.by_id()),
        type=entity_type,
        decision="redact",
        label=_label(
            edit.label or None,
            next_label(entity_type, settings, {e.label for e in decisions.entities}),
        ),
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
        id=new_id("checked", fp, decisions.by_id()),
        type=entity_type,
        decision="keep",
        text=" ".join(edit.text.split()),
        keep_reason=NOT_IDENTIFYING_REASON,
        origin="added",
        fingerprints=[fp],
        decided_by=reviewer.who,
        decided_on=reviewer.on,
    )
    decisions.entities.append(entity)
    return entity.id


def check_typed_texts(decisions: ReviewDecisions, key: PartnershipKey, detector, path) -> None:
    """Before a save: every kept entity has a reason, and no label, note or reason holds an
    identifier (anonymiser/typed_text.py). A kept text that is not exactly its own identifier,
    or that contains a redacted one, is dropped (it is optional, and the page records only what
    it showed); a label, note or reason that fails is refused, naming the entity and the field."""
    require_keep_reasons(decisions, path)
    rules = TypedTextRules(decisions, key, detector)
    for entity in decisions.entities:
        if entity.text and (
            rules.kept_text_problem(entity) or rules.contains_redacted(entity.text)
        ):
            entity.text = ""
    problems = rules.problems(decisions)
    if problems:
        first = problems[0]
        message = first.message(path)
        if len(problems) > 1:
            message += f" ({len(problems) - 1} more problems of this kind.)"
        raise EditError(message, first.entity_id)
