"""Replacing mentions: labels, dates cut to month and year, overlaps and adjacent names."""

from __future__ import annotations

import pytest

from anonymiser.render import Replacement, month_and_year, render


@pytest.mark.parametrize(
    ("date", "published"),
    [
        ("14 March 2019", "March 2019"),
        ("14th of March, 2019", "March 2019"),
        ("March 14, 2019", "March 2019"),
        ("3 Sept 2020", "September 2020"),
        ("14/03/2019", "March 2019"),
        ("14.03.19", "March 2019"),
        ("on 14 March 2019", "in March 2019"),
        ("On 14 March 2019", "In March 2019"),
        ("someday", "[date]"),
        # Issue 16: the month in a phrase that still reads.
        ("6 February", "February"),
        ("on 6 February", "in February"),
        ("On the evening of 3 May 2023", "One evening in May 2023"),
        ("the night of 3 May", "one night in May"),
        ("on Tuesday 3 May 2023", "one Tuesday in May 2023"),
        ("on Saturday 21st", "on a Saturday"),
        ("Saturday 21st", "a Saturday"),
        ("3–4 January 2023", "January 2023"),
        ("16 and 17 January", "January"),
        ("on the 3rd", "on [date]"),
    ],
)
def test_month_and_year(date, published):
    assert month_and_year(date) == published


@pytest.mark.parametrize(
    ("text", "date", "published"),
    [
        ("On the evening of 3 May 2023 he rang.", "3 May 2023", "One evening in May 2023 he rang."),
        ("Police came on the night of 3 May.", "3 May", "Police came one night in May."),
        ("She rang on Tuesday 3 May 2023.", "3 May 2023", "She rang one Tuesday in May 2023."),
        ("Seen on 6 February by the GP.", "6 February", "Seen in February by the GP."),
        ("Due by 6 February at the latest.", "6 February", "Due by February at the latest."),
    ],
)
def test_a_date_becomes_a_month_phrase_that_reads(text, date, published):
    start = text.index(date)
    item = Replacement(start, start + len(date), "d1", "", month_year=True)
    assert render(text, [item]) == published


def test_render_replaces_and_keeps_everything_else():
    text = "Kayden Marsh was seen on 14 March 2019. Kayden's nan called."
    result = render(
        text,
        [
            Replacement(0, 12, "p1", "Child D", person=True),
            Replacement(25, 38, "d1", "", month_year=True),
            Replacement(40, 46, "p1", "Child D", person=True),
        ],
    )
    assert result == "Child D was seen in March 2019. Child D's nan called."


def test_overlapping_mentions_longest_first_wins():
    text = "They lived at 14 Bramble Close then."
    result = render(
        text,
        [Replacement(17, 30, "s", "[street]"), Replacement(14, 30, "a", "[address]")],
    )
    assert result == "They lived at [address] then."


def test_a_mention_running_on_past_the_winner_is_joined_to_it():
    text = "He moved to Flat 3, Orrin Court, 22 Tolley Street, Wexcombe WX4 9QD in May."
    first = text.index("Flat")
    second = text.index("22 Tolley")
    result = render(
        text,
        [
            Replacement(first, text.index(", Wexcombe"), "a", "[address]"),
            Replacement(second, text.index(" in May"), "b", "[address]"),
        ],
    )
    assert result == "He moved to [address] in May."


def test_adjacent_names_become_one_person():
    text = "| Oskar Marsh | 3 years |"
    result = render(
        text,
        [
            Replacement(2, 7, "o", "Sibling 2", person=True),
            Replacement(8, 13, "m", "Father", person=True),
        ],
    )
    assert result == "| Sibling 2 | 3 years |"


def test_no_replacements_returns_text_unchanged():
    assert render("Nothing to see.", []) == "Nothing to see."


def test_label_follows_capitals():
    text = "4. KAYDEN AND HIS FAMILY"
    assert render(text, [Replacement(3, 9, "p", "Child D", person=True)]) == (
        "4. CHILD D AND HIS FAMILY"
    )


@pytest.mark.parametrize(
    ("text", "span", "label", "published"),
    [
        ("Sibling 1, Maja Wojcik, was seven.", (11, 22), "Sibling 1", "Sibling 1 was seven."),
        ("His son, Graham Brindley, visited.", (9, 24), "Son", "His son visited."),
        ("Child T1 (Andrei Popescu) spoke.", (10, 24), "Child T1", "Child T1 spoke."),
        ("The GP, Harjit Bains, saw her.", (8, 20), "GP 1", "The GP, GP 1, saw her."),
        # Issue 16: the label after the name, or the name inside the label's brackets.
        ("Joan Fell, the paternal grandmother, spoke.", (0, 9), "Paternal Grandmother",
         "The paternal grandmother spoke."),
        ("Then Joan Fell, the paternal grandmother, spoke.", (5, 14), "Paternal Grandmother",
         "Then the paternal grandmother spoke."),
        ("Adam Keeble (Father) was arrested.", (0, 11), "Father", "Father was arrested."),
        ("Mother (Elena Popescu, born in 1990) came.", (8, 21), "Mother",
         "Mother (born in 1990) came."),
        # A description that is not the label stays with the label.
        ("Joan Fell, a neighbour, spoke.", (0, 9), "Person C", "Person C, a neighbour, spoke."),
        ("Adam Keeble (aged 31) was arrested.", (0, 11), "Father",
         "Father (aged 31) was arrested."),
    ],
)  # fmt: skip
def test_a_name_beside_its_own_pseudonym_is_dropped(text, span, label, published):
    result = render(text, [Replacement(span[0], span[1], "p", label, person=True)])
    assert result == published


@pytest.mark.parametrize(
    ("text", "spans", "published"),
    [
        ("Admitted to Kingfisher Ward at Kelbridge General Hospital.", [(12, 27), (31, 57)],
         "Admitted to [hospital]."),
        ("Seen at Ward 4, Kelbridge General Hospital.", [(8, 14), (16, 42)], "Seen at [hospital]."),
        # Two places a sentence lists stay two.
        ("Kelbridge General Hospital and Marlow Infirmary", [(0, 26), (31, 47)],
         "[hospital] and [hospital]"),
    ],
)  # fmt: skip
def test_a_place_inside_a_place_is_one_placeholder(text, spans, published):
    items = [Replacement(a, b, f"h{i}", "[hospital]") for i, (a, b) in enumerate(spans)]
    assert render(text, items) == published


def test_mentions_of_one_person_may_read_differently():
    text = "Mother (Elena Popescu, born in 1990) came. Elena Popescu rang."
    items = [
        Replacement(8, 21, "m", "Mother", person=True),
        Replacement(43, 56, "m", "Mother", person=True),
    ]
    assert render(text, items) == "Mother (born in 1990) came. Mother rang."
