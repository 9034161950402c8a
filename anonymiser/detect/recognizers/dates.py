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
# Month names in full (and "Sept"): "6 Mar" alone is too often something else.
MONTHS_FULL = (
    r"(?:January|February|March|April|May|June|July|August|Sept(?:ember)?|October|November|"
    r"December)"
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
    # "28-Jun-14", as police and health systems print dates.
    Pattern("day-mon-year", rf"\b{DAY}-{MONTHS}-(?:19|20)?\d{{2}}\b", 0.7),
    # A range within one month: "3–4 May 2023", "16 and 17 January".
    Pattern(
        "day range",
        rf"\b{DAY}\s*(?:[-–—]|and|to)\s*{DAY}\s+(?:of\s+)?{MONTHS}\b(?:,?\s+{YEAR}\b)?",
        0.7,
    ),
    # A weekday and an ordinal ("Saturday 21st"), a week commencing ("w/c 9th"): a day of a
    # month the text has just named.
    Pattern(
        "weekday and day",
        r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+(?:the\s+)?(?:[12]\d|3[01]|0?[1-9])"
        r"(?:st|nd|rd|th)\b",
        0.6,
    ),
    Pattern(
        "week commencing",
        r"\b(?:w/c|week\s+commencing)\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b",
        0.6,
    ),
    # An ordinal after "on the" that no noun follows: a day of a month the text has named ("on
    # the 3rd, in the same week"; not "on the 3rd floor", "on the 2nd attempt").
    Pattern(
        "the day",
        r"(?<=\b[Oo]n\s)the\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
        r"(?=[^\S\n]*[,.;:)]|[^\S\n]*$|\s+(?:and|or|but|when|while|as|at|in|of|after|before|"
        r"until|she|he|they|we|it|her|his|their|the|a|an)\b)",
        0.5,
    ),
    # A day and month in figures, both of two digits, without a year: "discharged 16/05".
    Pattern("day/month", r"\b(?:[12]\d|3[01]|0[1-9])/(?:0[1-9]|1[0-2])\b(?![/.]?\d)", 0.5),
    # A day and month without the year still dates an event exactly: "on 6 February".
    Pattern("day month", rf"\b{DAY}\s+(?:of\s+)?{MONTHS_FULL}\b", 0.6),
]
BIRTH_CONTEXT = re.compile(
    r"\b(?:born|birth|DOB|D\.O\.B\.?|birthday)\b[^.;\n]{0,25}$", re.IGNORECASE
)
DEATH_CONTEXT = re.compile(
    r"\b(?:died|death|DOD|D\.O\.D\.?|passed away|deceased)\b[^.;\n]{0,25}$", re.IGNORECASE
)


# The date of a page or a document, not of an event: "Published 17.12.24", "Last updated: 07 Jun
# 2019", "Overview Report 04/04/2023" in a list of documents.
DOCUMENT_DATE_CONTEXT = re.compile(
    r"(?:\b(?:[Pp]ublished|[Uu]pdated|[Pp]ublication\s+date|[Dd]ate\s+of\s+publication|"
    r"[Dd]ate\s+published|[Pp]osted|[Ii]ssued)(?:\s+on)?|\b(?:Report|Brief|Briefing|Summary|"
    r"Response|Plan))\s*[:|-]?\s*(?:[A-Z][a-z]+day,?\s+)?$"
)


SCORE_CONTEXT = re.compile(r"\b(?:scored?|scoring|rated|rating|marks?|out\s+of)\W*$", re.I)
_DAY_MONTH = re.compile(r"\d\d/\d\d")


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
            if DOCUMENT_DATE_CONTEXT.search(before):
                continue
            if SCORE_CONTEXT.search(before) and _DAY_MONTH.fullmatch(
                text[result.start : result.end]
            ):
                continue  # "scored 10/10": a mark, not a day
            if BIRTH_CONTEXT.search(before):
                result.entity_type = "DATE_OF_BIRTH"
            elif DEATH_CONTEXT.search(before):
                result.entity_type = "DATE_OF_DEATH"
            typed.append(result)
        return typed
