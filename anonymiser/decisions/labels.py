"""Entity ids and default labels: the one rule for each, whoever makes the entity (a scan, a
person adding what the scan missed or marking a text not identifying, a new key).

An id is the type (or "checked") and the first hex digits of a fingerprint ("person-3f2a9c"):
stable for the life of the review, more digits only when two would clash. A default label is
"Person A", "Person B"... for people, in order of appearance and skipping the labels a review
already uses, and the type's label otherwise (the partnership's own from anonymiser.yml, or the
one in anonymiser.detect.types).
"""

from __future__ import annotations

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
    entities: list[Entity], settings: Settings, taken: set[str] = frozenset()
) -> dict[int, str]:
    """id(entity) -> its default label, for entities new to a review in order of appearance."""
    labels: dict[int, str] = {}
    people = _free_person_labels(taken)
    for entity in entities:
        if entity.entity_type == PERSON:
            labels[id(entity)] = next(people)
        else:
            labels[id(entity)] = type_label(entity.entity_type, settings)
    return labels


def next_label(entity_type: str, settings: Settings, taken: set[str]) -> str:
    """The default label of one more entity of a review whose labels are `taken`."""
    if entity_type == PERSON:
        return next(_free_person_labels(taken))
    return type_label(entity_type, settings)


def _free_person_labels(taken: set[str]):
    return (label for label in map(person_label, range(10_000)) if label not in taken)
