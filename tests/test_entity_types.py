"""The one table of entity-type facts (anonymiser/detect/types.py) and the places that read it:
which type names an entity detected as two, the file order of redactions.yml, the review page's
groups, the shapes that fail a build on their own."""

from __future__ import annotations

import pytest

from anonymiser.decisions.schema import EntityDecision, ReviewDecisions
from anonymiser.detect.types import (
    DATE,
    ENTITY_TYPES,
    PERSON,
    in_group,
    more_specific,
    shape_fails_build,
)

GROUPS = {"person", "place", "institution", "number", "date"}


def test_every_type_has_a_label_and_a_known_group():
    for entity_type, facts in ENTITY_TYPES.items():
        assert facts.label.strip(), entity_type
        assert facts.group in GROUPS, entity_type


@pytest.mark.parametrize(
    ("current", "new", "winner"),
    [
        (DATE, "DATE_OF_BIRTH", "DATE_OF_BIRTH"),
        ("DATE_OF_BIRTH", DATE, "DATE_OF_BIRTH"),
        (PERSON, "SCHOOL", "SCHOOL"),
        ("LOCATION", "STREET", "STREET"),
        ("LOCATION", PERSON, PERSON),
        ("PHONE", "REFERENCE", "PHONE"),
        (PERSON, PERSON, PERSON),
    ],
)
def test_the_more_specific_type_names_an_entity_detected_as_two(current, new, winner):
    assert more_specific(current, new) == winner


@pytest.mark.parametrize(
    ("entity_type", "fails"),
    [
        ("PHONE", True),
        ("NHS_NUMBER", True),
        ("POSTCODE", True),
        ("DATE_OF_DEATH", True),
        ("VEHICLE", False),
        ("REFERENCE", False),
        (PERSON, False),
        (DATE, False),
        ("NOT_A_TYPE", False),
    ],
)
def test_only_unmistakable_shapes_fail_a_build_on_their_own(entity_type, fails):
    assert shape_fails_build(entity_type) is fails


@pytest.mark.parametrize(
    ("group", "members", "outsiders"),
    [
        ("institution", {"SCHOOL", "GP_PRACTICE", "CARE_HOME"}, {"STREET", PERSON}),
        ("date", {DATE, "DATE_OF_BIRTH", "DATE_OF_DEATH"}, {"PHONE"}),
        ("place", {"ADDRESS", "POSTCODE", "ESTATE"}, {"SCHOOL", "EMAIL"}),
    ],
)
def test_groups(group, members, outsiders):
    assert members <= in_group(group)
    assert not outsiders & in_group(group)


def test_redactions_yml_lists_people_first_and_dates_last():
    fp = "0" * 32
    entities = [
        EntityDecision(id=f"{kind.lower().replace('_', '-')}-aaaaaa", type=kind, decision="pending",
                       fingerprints=[fp[:-1] + str(i)])
        for i, kind in enumerate([DATE, "SCHOOL", PERSON, "DATE_OF_BIRTH", "ADDRESS"])
    ]  # fmt: skip
    decisions = ReviewDecisions(review="child-x", key_id="a" * 12, entities=entities)
    decisions.sort()
    assert [e.type for e in decisions.entities] == [
        PERSON,
        "ADDRESS",
        "DATE_OF_BIRTH",
        "SCHOOL",
        DATE,
    ]
