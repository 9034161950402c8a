"""Police crime and incident references and case numbers, recognised only beside words that
say so: a bare number is too common to redact on its shape alone."""

from __future__ import annotations

from presidio_analyzer import Pattern

from anonymiser.detect.recognizers.base import ContextRequiredRecognizer

PATTERNS = [
    Pattern("slashed reference", r"\b[A-Z]{0,4}\d{0,4}[/-]\d{3,}(?:[/-]\d{1,6})+\b", 0.7),
    Pattern("lettered slashed reference", r"\b[A-Z]{1,5}[/-]\d{2,4}[/-]\d{3,}\b", 0.7),
    Pattern("lettered reference", r"\b[A-Z]{2,5}[-/]?\d{5,}\b", 0.6),
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
]


class CrimeReferenceRecognizer(ContextRequiredRecognizer):
    def __init__(self) -> None:
        super().__init__("REFERENCE", PATTERNS, CONTEXT)
