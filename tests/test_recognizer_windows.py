"""Patterns with a needed word run only on the text around that word (recognizers/base.py):
what they find must be exactly what one Presidio pass over the whole text finds."""

from __future__ import annotations

import pytest
from presidio_analyzer import PatternRecognizer

from anonymiser.detect.recognizers.base import WINDOW_AFTER, WINDOW_BEFORE
from anonymiser.detect.recognizers.business import BusinessRecognizer
from anonymiser.detect.recognizers.institution import InstitutionRecognizer

FILLER = "the family was seen again later that week by the duty team and nothing changed. "
TEXTS = {
    "at the start": "Larkspur Primary School said she was tired.",
    "at the end": "She was tired, said staff at Larkspur Primary School",
    "two far apart": "Larkspur Primary School. " + FILLER * 20 + "Fernbank Day Nursery.",
    "two close": "Larkspur Primary School and Fernbank Day Nursery both called.",
    "word at the edge of a window": "Moved to " + "x" * (WINDOW_AFTER - 5) + " Schoolhouse Lane",
    "long name before the word": "Dr " + "Abcdefgh " * (WINDOW_BEFORE // 9) + "Medical Practice",
    "home described after the name": "She moved to Kestrel House, a small children's home.",
    "no word at all": FILLER * 5,
    "businesses": "He worked at Kingfisher Foods Ltd and ate at the Bombay Nights takeaway.",
    "word glued to another": "The Schoolhouse and the Wardrobe were empty.",
}


def full_pass(recognizer, text):
    """Presidio's own analysis of every pattern over the whole text."""
    results = PatternRecognizer.analyze(recognizer, text, recognizer.supported_entities)
    return sorted((r.entity_type, r.start, r.end) for r in results)


def windowed(recognizer, text):
    from anonymiser.detect.recognizers.base import analyze_needed

    results = analyze_needed(recognizer, recognizer.NEEDS, text, recognizer.supported_entities)
    return sorted((r.entity_type, r.start, r.end) for r in results)


@pytest.mark.parametrize(
    "recognizer", [InstitutionRecognizer(), BusinessRecognizer()], ids=["institution", "business"]
)
@pytest.mark.parametrize("case", list(TEXTS), ids=list(TEXTS))
def test_windows_find_what_the_whole_text_finds(recognizer, case):
    text = TEXTS[case]
    assert windowed(recognizer, text) == full_pass(recognizer, text)


def test_the_windows_do_find_something():
    # The comparison above would pass if both found nothing.
    found = windowed(InstitutionRecognizer(), TEXTS["two far apart"])
    assert [(start, end) for _, start, end in found] == [
        (0, 23),
        (len(TEXTS["two far apart"]) - 21, len(TEXTS["two far apart"]) - 1),
    ]
