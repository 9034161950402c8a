"""Issue 16: the readability check finds what replacement leaves that no one would publish."""

from __future__ import annotations

import pytest

from anonymiser.readability import (
    LABEL_AND_DESCRIPTION,
    LABEL_IN_A_NAME,
    LABEL_SOUP,
    LAYOUT,
    POSSESSIVE_PLACEHOLDER,
    REPEATED_PLACEHOLDER,
    artefacts,
)

LABELS = {"Child D", "Mother", "Paternal Grandmother", "Person Y", "Health Visitor 1"}


@pytest.mark.parametrize(
    ("text", "kind", "sentence"),
    [
        (
            "He was admitted to [hospital] at [hospital]. He went home.",
            REPEATED_PLACEHOLDER,
            "He was admitted to [hospital] at [hospital].",
        ),
        (
            "The class teacher at [school]'s noticed bruising.",
            POSSESSIVE_PLACEHOLDER,
            "The class teacher at [school]'s noticed bruising.",
        ),
        (
            "Paternal Grandmother, the paternal grandmother, spoke to the review.",
            LABEL_AND_DESCRIPTION,
            "Paternal Grandmother, the paternal grandmother, spoke to the review.",
        ),
        ("He drove for Person Y's Logistics at night.", LABEL_IN_A_NAME,
         "He drove for Person Y's Logistics at night."),
        ("Later Child D Mother Person Y were seen.", LABEL_SOUP,
         "Later Child D Mother Person Y were seen."),
    ],
)  # fmt: skip
def test_artefacts_are_found_with_their_sentence(text, kind, sentence):
    assert (kind, sentence) in {(a.kind, a.sentence) for a in artefacts(text, LABELS)}


@pytest.mark.parametrize(
    "text",
    [
        "He was admitted to [hospital] and then moved to [care home].",
        "Child D's school noticed bruising; Mother's partner was at home.",
        "Mother, Child D and Person Y were seen together.",
        "The paternal grandmother spoke to the review.",
        "## Child D's Story\n\nChild D was four.",
        "Health Visitor 1 visited on a Tuesday in May 2023.",
        # A capitalised word after a label's possessive that describes a thing.
        "Mother's Romanian mobile was on file; Child D's Instagram account was closed.",
    ],
)
def test_text_that_reads_has_no_artefact(text):
    assert artefacts(text, LABELS) == []


def test_a_changed_layout_is_an_artefact():
    original = "## Findings\n\n- Kayden was seen.\n- Mother rang.\n"
    same = "## Findings\n\n- Child D was seen.\n- Mother rang.\n"
    joined = "## Findings\n\n- Child D was seen. - Mother rang.\n"
    assert artefacts(same, LABELS, original) == []
    assert [a.kind for a in artefacts(joined, LABELS, original)] == [LAYOUT]


def test_what_the_draft_already_said_is_no_artefact():
    draft = "Two children and their mother (Mother) were seen. Elena Popescu rang."
    published = "Two children and their mother (Mother) were seen. Mother rang."
    assert artefacts(published, LABELS, draft) == []
    assert artefacts(published, LABELS) != []  # without the draft, it would be reported
