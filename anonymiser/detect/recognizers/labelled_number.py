"""Numbers that a label right before them calls an identifier: "Log 2207", "CAD 0913-1142",
"Mosaic ID 3310829", "hospital number J7730215", "licence HC 0733".

A bare number is everywhere in a review (years, counts, pages, money), so the label has to
stand right before the number, with nothing but spaces or punctuation between (a table's "|"
counts). After the loose labels "number" and "no." only a long run of digits counts, and not
after words that make it a phone, charity or company number.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from anonymiser.detect.recognizers.base import ShapeRecognizer
from anonymiser.detect.recognizers.id_shapes import (
    digit_count,
    is_date,
    names_a_publication_or_date,
    only_years,
)
from anonymiser.detect.recognizers.uk_phone import UkPhoneRecognizer

_UK_PHONE = UkPhoneRecognizer()


def _words(words: list[str]) -> str:
    # "hospital number" also across a line break.
    return "|".join(r"\s+".join(word.split()) for word in words)


# Words that say the number after them is a record's identifier. Matched in any case.
RECORD_WORDS = [
    "log",
    "incident",
    "occurrence",
    "serial",
    "ref",
    "reference",
    "crime",
    "licence",
    "license",
    "referral",
    "notification",
    "record",
    "file",
    "case number",
    "case no",
    "case ref",
    "case file",
    "hospital number",
    "hospital no",
    "hosp",
    "patient number",
    "unit number",
    "client number",
    "account number",
]
# Abbreviations that are labels only in capitals ("urn" is a vessel, "id" a word).
RECORD_ABBREVIATIONS = ["CAD", "URN", "CRN", "MRN", "NRM", "PNC", "ID"]
# Before "number", these make it something else than a person's record.
NOT_A_RECORD = [
    "phone",
    "telephone",
    "mobile",
    "contact",
    "helpline",
    "fax",
    "tel",
    "charity",
    "company",
    "registered",
    "registration",
    "VAT",
    "page",
    "paragraph",
    "recommendation",
    "house",
    "flat",
    "room",
    "bed",
    "bus",
    "route",
    "ward",
]

_LABEL = (
    rf"\b(?:(?i:{_words(RECORD_WORDS)})|{'|'.join(RECORD_ABBREVIATIONS)})"
    r"(?:\s+(?i:number|no\.?|ref\.?|ID))?"
)
_LOOSE_LABEL = (
    rf"(?<!\b(?i:{'|'.join(NOT_A_RECORD)})\s+)"  # not "charity number"
    r"\b(?i:number|no\.)"
)
# Spaces, a colon, a table's "|", an opening bracket; "is" or "was" ("ref was 22871").
_BETWEEN = r"(?:[\s:#|=(\[–-]{1,30}(?:(?:is|was)\s+)?)"
# A prefix of capitals ("HC 0733"), or a system's name written as an acronym that starts and
# ends with a capital ("DoLS 774120"), then capitals and digits in groups joined by - or /.
_IDENTIFIER = r"(?:(?:[A-Z]{1,4}|[A-Z][A-Za-z]{0,4}[A-Z])\s)?[A-Z0-9]+(?:[-/][A-Z0-9]+)*"
# Where an identifier can start: checked before the label behind it, which costs more.
_START = r"(?<![\w/-])(?=[A-Z0-9])"
# Not followed by more of a word, a decimal part ("4.2.1") or a thousands group ("1,250").
_END = r"(?![\w/-]|[.,]\d)"


class LabelledNumberRecognizer(ShapeRecognizer):
    ENTITY = "REFERENCE"
    PATTERNS = [
        Pattern(
            "after a record label", rf"{_START}(?<={_LABEL}{_BETWEEN}){_IDENTIFIER}{_END}", 0.7
        ),
        Pattern(
            "long number after 'number'",
            rf"{_START}(?<={_LOOSE_LABEL}{_BETWEEN})[A-Z]{{0,4}}\d{{6,12}}[A-Z]?{_END}",
            0.6,
        ),
    ]
    CONTEXT = RECORD_WORDS + RECORD_ABBREVIATIONS

    def validate_result(self, pattern_text: str) -> bool:
        *prefix, number = pattern_text.split()
        groups = number.replace("/", "-").split("-")
        if digit_count(number) < 4 or is_date(number) or only_years(groups):
            return False
        if names_a_publication_or_date(prefix + groups):
            return False
        # "The number 07700 900114": a phone number, which the phone recognizer names as such.
        return not (number.isdigit() and _UK_PHONE.validate_result(number))
