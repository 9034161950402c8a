"""A real name written beside the review's pseudonym, as drafts give the key: "Child E
(Zofia)", "Mother (Agata Nowak)", "Sibling 2 (Kai, aged 6)". The pseudonym stays; the name in
brackets is the person's."""

from __future__ import annotations

from presidio_analyzer import Pattern, RecognizerResult

from anonymiser.detect.allow_list import PSEUDONYM
from anonymiser.detect.recognizers.base import ShapeRecognizer

_ROLE = (
    r"(?:Mother|Father|Stepfather|Stepmother|Grandmother|Grandfather|Maternal\s+Grandmother|"
    r"Paternal\s+Grandmother|Maternal\s+Grandfather|Paternal\s+Grandfather|Aunt|Uncle|"
    r"Partner|Mother['’]s\s+partner|Father['’]s\s+partner)"
)
_NAME = r"[A-Z][a-zà-ÿ'’]+(?:[ -][A-Z][a-zà-ÿ'’]+){0,2}"
PATTERNS = [
    Pattern(
        "name beside a pseudonym",
        rf"(?:{PSEUDONYM.pattern}|\b{_ROLE})\s*\(\s*{_NAME}(?=\s*[,;)])",
        0.8,
    )
]


class PseudonymKeyRecognizer(ShapeRecognizer):
    ENTITY = "PERSON"
    PATTERNS = PATTERNS

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        named: list[RecognizerResult] = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            bracket = text.find("(", result.start, result.end)
            start = bracket + 1
            while start < result.end and text[start].isspace():
                start += 1
            result.start = start
            named.append(result)
        return named
