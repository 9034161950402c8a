"""Police crime and incident references and case numbers, recognised only beside words that
say so: a bare number is too common to redact on its shape alone."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymiser.detect.recognizers.base import ContextRequiredRecognizer
from anonymiser.detect.recognizers.id_shapes import (
    after_publication_label,
    names_a_publication_or_date,
)

PATTERNS = [
    Pattern("slashed reference", r"\b[A-Z]{0,4}\d{0,4}[/-]\d{3,}(?:[/-]\d{1,6})+\b", 0.7),
    Pattern("lettered slashed reference", r"\b[A-Z]{1,5}[/-]\d{2,4}[/-]\d{3,}\b", 0.7),
    Pattern("lettered reference", r"\b[A-Z]{2,5}[-/]?\d{5,}\b", 0.6),
    # Hospital, youth court and PNC numbers: capitals among digits ("J7730215", "21YK0038814").
    Pattern("letters among digits", r"\b\d{0,4}[A-Z]{1,4}\d{5,}[A-Z]?\b", 0.6),
    Pattern("long number", r"\b\d{6,12}\b", 0.5),
    # Family court case numbers: court code, year, type letter, number ("SX16C00582").
    Pattern("court case number", r"\b[A-Z]{2}\d{2}[A-Z]\d{5}\b", 0.7),
    # Crown Court case numbers ("T20237041").
    Pattern("crown court case number", r"\b[TSA]\d{8}\b", 0.7),
]
CONTEXT = [
    "crime",
    "crime reference",
    "incident",
    "log",
    "reference",
    "ref",
    "case number",
    "case no",
    "occurrence",
    "CAD",
    "URN",
    "proceedings",
    "indictment",
    "Crown Court",
    "court",
    "hospital number",
    "hospital no",
    "patient number",
    "MRN",
    "NRM",
    "PNC",
]


_GROUP_SEPARATOR = re.compile(r"[-/]")


class CrimeReferenceRecognizer(ContextRequiredRecognizer):
    ENTITY = "REFERENCE"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT

    def validate_result(self, pattern_text: str) -> bool:
        # "reference: DFE-00195-2018" is a government publication cited in a review.
        return not names_a_publication_or_date(_GROUP_SEPARATOR.split(pattern_text))

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not after_publication_label(text, r.start)]
