"""The first sentence of a review's summary, which its card in a list of reviews shows
(site_plugins/reviews/first_sentence.py). Every summary here is invented."""

from __future__ import annotations

import pytest

from site_plugins.reviews.first_sentence import first_sentence


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        # Ends at a full stop, a question or an exclamation before the next sentence.
        ("Child W was two. The review looked at a year.", "Child W was two."),
        ("Who knew? Nobody asked the school.", "Who knew?"),
        ("It happened again! Staff had changed.", "It happened again!"),
        # A review's name ends a sentence, single capital and all.
        ("The review concerns Adult Q. She lived alone.", "The review concerns Adult Q."),
        # A closing quote or bracket stays with its sentence.
        ('She said "not now." The visit ended.', 'She said "not now."'),
        ("The nurse called (twice.) Nobody came.", "The nurse called (twice.)"),
        # The next sentence may open with a digit or a quote.
        ("The case closed. 14 weeks later it reopened.", "The case closed."),
        ("The case closed. \u201cToo soon\u201d, said the GP.", "The case closed."),
        # Spaces and line breaks are tidied.
        ("  Two  spaces\nhere. Then more.", "Two spaces here."),
        # No second sentence: the whole paragraph.
        ("Only one sentence here", "Only one sentence here"),
        ("Only one sentence here.", "Only one sentence here."),
        ("", ""),
    ],
)
def test_first_sentence_ends_at_the_first_sentence_end(summary: str, expected: str) -> None:
    assert first_sentence(summary) == expected


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        # Full stops that end no sentence: titles, abbreviations, decimals, lower case after.
        ("Dr. Venn saw her. Then she left.", "Dr. Venn saw her."),
        ("Mrs. Oyelaran and Mr. Pike met. Later that day", "Mrs. Oyelaran and Mr. Pike met."),
        ("Agencies (e.g. Housing) met. The plan failed.", "Agencies (e.g. Housing) met."),
        (
            "They met on 3 Sept. 2021 at noon. Nobody recorded it.",
            "They met on 3 Sept. 2021 at noon.",
        ),
        (
            "Attendance fell to 62.5 per cent. The school called.",
            "Attendance fell to 62.5 per cent.",
        ),
        ("He saw the G.P. twice. She did not.", "He saw the G.P. twice."),
        ("Records show risk etc. and more. Then a gap.", "Records show risk etc. and more."),
        ("See para. 4 of the plan. It was late.", "See para. 4 of the plan."),
    ],
)
def test_first_sentence_does_not_end_at_an_abbreviation(summary: str, expected: str) -> None:
    assert first_sentence(summary) == expected
