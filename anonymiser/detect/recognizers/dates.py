"""Exact dates, and dates of birth and death told apart by the words before them.

"14 March 2019" is an exact date (published as month and year by default); "born on 14 March
2019" is a date of birth (removed). Month-and-year or a year alone is not exact: it stays.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
PATTERNS = [
    Pattern("day month year", rf"\b{DAY}\s+(?:of\s+)?{MONTHS}\.?,?\s+{YEAR}\b", 0.8),
    Pattern("month day, year", rf"\b{MONTHS}\.?\s+{DAY},?\s+{YEAR}\b", 0.8),
    Pattern("year-month-day", rf"\b{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b", 0.7),
    Pattern(
        "numeric", r"\b(?:0?[1-9]|[12]\d|3[01])[/.](?:0?[1-9]|1[0-2])[/.](?:19|20)?\d{2}\b", 0.6
    ),
]
BIRTH_CONTEXT = re.compile(
    r"\b(?:born|birth|DOB|D\.O\.B\.?|birthday)\b[^.;\n]{0,25}$", re.IGNORECASE
)
DEATH_CONTEXT = re.compile(
    r"\b(?:died|death|DOD|D\.O\.D\.?|passed away|deceased)\b[^.;\n]{0,25}$", re.IGNORECASE
)


class ExactDateRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="DATE",
            patterns=PATTERNS,
            supported_language="en",
        )
        self.supported_entities = ["DATE", "DATE_OF_BIRTH", "DATE_OF_DEATH"]

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, ["DATE"], nlp_artifacts, regex_flags)
        typed: list[RecognizerResult] = []
        for result in results:
            before = text[max(0, result.start - 40) : result.start]
            if BIRTH_CONTEXT.search(before):
                result.entity_type = "DATE_OF_BIRTH"
            elif DEATH_CONTEXT.search(before):
                result.entity_type = "DATE_OF_DEATH"
            typed.append(result)
        return typed
