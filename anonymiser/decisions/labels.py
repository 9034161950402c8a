"""Entity ids and default labels: the one rule for each, whoever makes the entity (a scan, a
person adding what the scan missed or marking a text not identifying, a new key).

An id is the type (or "checked") and the first hex digits of a fingerprint ("person-3f2a9c"):
stable for the life of the review, more digits only when two would clash. A default label is
"Person A", "Person B"... for people, in order of appearance and skipping the labels a review
already uses, and the type's label otherwise (the partnership's own from anonymiser.yml, or the
one in anonymiser.detect.types).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from anonymiser.config import Settings
from anonymiser.detect.types import PERSON, default_label

if TYPE_CHECKING:
    from anonymiser.entities import Entity

ID_HEX = 6  # hex digits of a new id (more only if two would clash)


def type_prefix(entity_type: str) -> str:
    """ "DATE_OF_BIRTH" -> "date-of-birth": the start of its entities' ids."""
    return entity_type.lower().replace("_", "-")


def new_id(prefix: str, digest: str, taken: Iterable[str]) -> str:
    """`prefix` and the fewest digits of `digest` (at least ID_HEX) that no id in `taken` has."""
    taken = set(taken)
    for length in range(ID_HEX, len(digest) + 1):
        candidate = f"{prefix}-{digest[:length]}"
        if candidate not in taken:
            return candidate
    raise AssertionError("fingerprint collision")  # 128 bits: cannot happen in practice


def person_label(index: int) -> str:
    """0 -> "Person A", 25 -> "Person Z", 26 -> "Person AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Person {letters}"


def type_label(entity_type: str, settings: Settings) -> str:
    return settings.labels.get(entity_type, default_label(entity_type))


def default_labels(
    entities: list[Entity],
    settings: Settings,
    taken: set[str] = frozenset(),
    bodies: dict[str, str] | None = None,
) -> dict[int, str]:
    """id(entity) -> its default label, for entities new to a review in order of appearance:
    the label the review itself gives a person (see keyed_label), else the next "Person X".
    `bodies` are the review's document bodies by stem, where the entities' mentions are."""
    labels: dict[int, str] = {}
    used = set(taken)
    keyed = {id(e): keyed_label(e, bodies) for e in entities if bodies and e.entity_type == PERSON}
    used |= {label for label in keyed.values() if label}
    people = _free_person_labels(used)
    for entity in entities:
        if entity.entity_type == PERSON:
            own = keyed.get(id(entity))
            labels[id(entity)] = own if own and own not in taken else next(people)
        else:
            labels[id(entity)] = type_label(entity.entity_type, settings)
    return labels


# The review's own label for a person, the real name in brackets after it as its key: "Child
# T1 (Andrei Popescu)", "Baby A (Oliwia Nowak)", "Sibling 2 (Maja)".
_KEYED_LABEL = re.compile(
    r"\b((?:Child|Baby|Adult|Young\s+Person|Sibling)\s+(?:[A-Z]\d{0,2}|\d{1,2}))[^\S\n]*\($"
)


def keyed_label(entity: Entity, bodies: dict[str, str] | None) -> str | None:
    """The label a review gives this person where it keys it to their name, if it does."""
    for mention in entity.mentions:
        body = (bodies or {}).get(mention.doc, "")
        label = _KEYED_LABEL.search(body, max(0, mention.start - 40), mention.start)
        if label and body.startswith(")", mention.end):
            return " ".join(label.group(1).split())
    return None


def next_label(entity_type: str, settings: Settings, taken: set[str]) -> str:
    """The default label of one more entity of a review whose labels are `taken`."""
    if entity_type == PERSON:
        return next(_free_person_labels(taken))
    return type_label(entity_type, settings)


def _free_person_labels(taken: set[str]):
    return (label for label in map(person_label, range(10_000)) if label not in taken)
