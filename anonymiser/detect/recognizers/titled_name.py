"""Names after a title or a family word: "Mr Marsh", "Dr Okafor", "PC Hale", "Nana Pat".

A formal title is kept out of the span: "Mr Marsh" is the person "Marsh", and the replacement
covers the title too, so it reads "Person A", not "Mr Person A". A family word is part of what
the family calls someone: "Nana Pat" is one name, and stays one variant of that person.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult

from anonymiser.detect.abbreviations import COMMON_ABBREVIATIONS
from anonymiser.detect.letters import LOWER, UPPER
from anonymiser.detect.names import is_common_word
from anonymiser.detect.recognizers.base import ShapeRecognizer

FORMAL_TITLES = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "PC",
    "DC",
    "DS",
    "DI",
    "Sgt",
    "Cllr",
    "Rev",
    "Revd",
    "Sister",
    "Nurse",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Capt",
    "Col",
    "Maj",
    "Lt",
    "Gen",
    "Cpl",
    "Pte",
    "Prof",
    "DJ",
)
FAMILY_TITLES = (
    "Nana",
    "Nanna",
    "Nan",
    "Nanny",
    "Grandad",
    "Grandpa",
    "Grandma",
    "Granny",
    "Gran",
    "Auntie",
    "Aunty",
    "Aunt",
    "Uncle",
)
TITLE_WORDS = frozenset(t.casefold() for t in FORMAL_TITLES + FAMILY_TITLES)
TITLE = "(?:" + "|".join(FORMAL_TITLES) + r")\.?"
FAMILY = "(?:" + "|".join(FAMILY_TITLES) + ")"
# A name as written after a title: "Marsh", or in capitals as police records write surnames
# ("PC HALE", "Mr MARSH").
_NAME = rf"[{UPPER}][{LOWER}'’]+"
NAME_WORD = rf"(?:{_NAME}(?:-{_NAME})?|[A-Z]{{2,}}(?:['’-][A-Z]+)*)"
# Police records put the collar number between rank and surname: "PC 4471 HAYES".
COLLAR = r"(?:\d{2,5}\s+)?"
TITLE_AT_START = re.compile(rf"{TITLE}\s+{COLLAR}")
# A formal title right before a position, for widening a found surname over it.
TITLE_AT_END = re.compile(rf"\b{TITLE}\s+$")
_NEE = re.compile(r"(?:née|nee)\s+")
PATTERNS = [
    Pattern("titled name", rf"\b{TITLE}\s+{COLLAR}{NAME_WORD}(?:\s+{NAME_WORD})?\b", 0.85),
    # With initials: "Dr A Jones", "Mrs J. M. Patel".
    Pattern("titled initials", rf"\b{TITLE}\s+(?:[A-Z]\.?\s+){{1,3}}{NAME_WORD}\b", 0.85),
    Pattern("family name", rf"\b{FAMILY}\s+{NAME_WORD}\b", 0.85),
    # A maiden name: "(née Brende Mendelssohn)".
    Pattern("maiden name", rf"\b(?:née|nee)\s+{NAME_WORD}(?:\s+{NAME_WORD})?\b", 0.85),
]


class TitledNameRecognizer(ShapeRecognizer):
    ENTITY = "PERSON"
    PATTERNS = PATTERNS

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        named: list[RecognizerResult] = []
        for result in results:
            title = TITLE_AT_START.match(text, result.start, result.end)
            maiden = _NEE.match(text, result.start, result.end)
            if title or maiden:
                result.start = (title or maiden).end()
            if _a_label_and_a_word(text[result.start : result.end]):
                continue
            named.append(result)
        return named


def _a_label_and_a_word(name: str) -> bool:
    """ "Mr C SAR", "Mr. C Overview Report": a pseudonym's letter followed by an abbreviation or
    a word of the text, not a name with its surname."""
    words = name.split()
    if len(words) != 2 or len(words[0].rstrip(".")) != 1:
        return False
    return words[1] in COMMON_ABBREVIATIONS or is_common_word(words[1])
