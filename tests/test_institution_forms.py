"""An institution named in full once and by its own name afterwards ("St Aldric's RC Primary
School", then "St Aldric's"): the short name is the same entity, replaced the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from anonymiser.ingest import Document
from anonymiser.institution_forms import acronym_of, short_form
from anonymiser.pipeline import analyse


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("St Aldric's RC Primary School", "St Aldric's"),
        ("Bluebell Meadow Day Nursery", "Bluebell Meadow"),
        ("Little Wrens Pre-School", "Little Wrens"),
        ("Hawthorn Lane Medical Centre", "Hawthorn Lane"),
        ("Thornbury Vale Church of England Junior School", "Thornbury Vale"),
        # One word left is as often the village or the street itself.
        ("Oldacre Primary School", None),
        ("Kelbridge General Hospital", None),
        # Nothing of the kind to take off, or nothing left.
        ("Bluebell Meadow", None),
        ("Primary School", None),
        # A big town's name is no school's.
        ("Manchester Royal Infirmary", None),
    ],
)
def test_short_form(name, form):
    assert short_form(name) == form


def mentions(detector, text: str) -> dict[str, list[str]]:
    review = analyse([Document(Path("overview.md"), text)], detector)
    return {e.entity_type: [m.text for m in e.mentions] for e in review.entities}


def test_the_short_name_a_review_writes_is_replaced_like_the_full_name(detector):
    text = (
        "Kacper attends St Aldric's RC Primary School. Kacper's school, St Aldric's, was told "
        "the same day."
    )
    assert mentions(detector, text)["SCHOOL"] == ["St Aldric's RC Primary School", "St Aldric's"]


def test_a_short_name_the_review_never_writes_adds_nothing(detector):
    text = "Kacper attends St Aldric's RC Primary School, where he is happy."
    assert mentions(detector, text)["SCHOOL"] == ["St Aldric's RC Primary School"]


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Kelbridge General Hospital", "KGH"),
        ("Hawthorn Lane Medical Centre", "HLMC"),
        ("St Aldric's RC Primary School", "SARPS"),
        ("Bluebell Meadow Nursery", "BMN"),
        # Two words are too few initials to stand for one place.
        ("Kelbridge Hospital", None),
    ],
)
def test_acronym_of(name, acronym):
    assert acronym_of(name) == acronym


def test_the_initials_a_record_writes_are_the_same_place(detector):
    text = "He was treated at Kelbridge General Hospital in May. He was seen again at KGH in June."
    assert mentions(detector, text)["HOSPITAL"] == ["Kelbridge General Hospital", "KGH"]
