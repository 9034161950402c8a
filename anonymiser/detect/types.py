"""The kinds of identifier the anonymiser knows: one table of every fact about each kind.

Every detector emits one of these types. A type without an entry here is an error, not a pass:
an identifier whose replacement we do not know must not reach the output (fail closed). Every
other module reads these facts from here: the default label, which type wins where one text is
detected as two, its group (the review page's colour; institutions; dates), whether the leak
check fails a build on the shape alone, where the type's entities stand in redactions.yml.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON = "PERSON"
DATE = "DATE"


@dataclass(frozen=True)
class EntityType:
    # The default replacement. PERSON gets "Person A", "Person B"... per review and DATE follows
    # the partnership's date policy (anonymiser.decisions.labels, anonymiser.decisions.plan).
    label: str
    # What kind of thing it names: person, place, institution, number or date. The review page
    # colours its highlights by group; an institution's name has parts a reader still
    # recognises ("Oakfield" of "Oakfield Primary School"); a date is written in one run.
    group: str
    # The leak check fails a build on the shape alone (anonymiser.check.patterns). Vehicle
    # registrations and reference numbers look too much like other codes for that.
    shape_fails_build: bool = False
    # Where the type's entities stand in redactions.yml: people first, dates last.
    file_rank: int = 1


# In order of priority: where the same text was detected as two types, the more specific one
# (the earlier here) names the entity.
ENTITY_TYPES: dict[str, EntityType] = {
    "DATE_OF_BIRTH": EntityType("[date of birth]", "date", shape_fails_build=True),
    "DATE_OF_DEATH": EntityType("[date of death]", "date", shape_fails_build=True),
    "NHS_NUMBER": EntityType("[NHS number]", "number", shape_fails_build=True),
    "NI_NUMBER": EntityType("[National Insurance number]", "number", shape_fails_build=True),
    "EMAIL": EntityType("[email address]", "number", shape_fails_build=True),
    "PHONE": EntityType("[phone number]", "number", shape_fails_build=True),
    "POSTCODE": EntityType("[postcode]", "place", shape_fails_build=True),
    "ADDRESS": EntityType("[address]", "place", shape_fails_build=True),
    "SCHOOL": EntityType("[school]", "institution"),
    "NURSERY": EntityType("[nursery]", "institution"),
    "GP_PRACTICE": EntityType("[GP practice]", "institution"),
    "HOSPITAL": EntityType("[hospital]", "institution"),
    "CARE_HOME": EntityType("[care home]", "institution"),
    "ORGANISATION": EntityType("[organisation]", "institution"),
    "STREET": EntityType("[street]", "place"),
    "ESTATE": EntityType("[estate]", "place"),
    PERSON: EntityType("Person", "person", file_rank=0),
    "HANDLE": EntityType("[social media handle]", "number"),
    "URL": EntityType("[web address]", "number"),
    "REFERENCE": EntityType("[reference number]", "number"),
    "VEHICLE": EntityType("[vehicle registration]", "number"),
    DATE: EntityType("[date]", "date", file_rank=2),
    "LOCATION": EntityType("[place]", "place"),
}

KNOWN_TYPES = frozenset(ENTITY_TYPES)
_PRIORITY = {entity_type: rank for rank, entity_type in enumerate(ENTITY_TYPES)}


def default_label(entity_type: str) -> str:
    return ENTITY_TYPES[entity_type].label


def more_specific(current: str, new: str) -> str:
    """Of two types detected for one text, the one that names the entity."""
    return min(current, new, key=lambda t: _PRIORITY.get(t, len(_PRIORITY)))


def in_group(group: str) -> frozenset[str]:
    return frozenset(t for t, facts in ENTITY_TYPES.items() if facts.group == group)


def file_rank(entity_type: str) -> int:
    return ENTITY_TYPES[entity_type].file_rank if entity_type in ENTITY_TYPES else 1


def shape_fails_build(entity_type: str) -> bool:
    known = ENTITY_TYPES.get(entity_type)
    return known is not None and known.shape_fails_build
