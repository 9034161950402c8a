"""References whose shape alone gives them away: capital letters and digits in groups joined by
hyphens or slashes, with five digits or more ("RTH-2022-40917", "KX-MP-21/3306",
"CR/41872/19", "81/337046M").

Dates, ranges of years, phone numbers and statute numbers are digits only, so they never fit;
what still could ("ISO-27001", "DFE-00195-2018", "12-MAR-2023", "CSPR-2021/22") is vetoed in
validate_result.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult

from anonymiser.detect.recognizers.base import ShapeRecognizer
from anonymiser.detect.recognizers.id_shapes import (
    after_publication_label,
    digit_count,
    longest_digit_run,
    names_a_publication_or_date,
    only_years,
)

_GROUP_SEPARATOR = re.compile(r"[-/]")


class ShapedReferenceRecognizer(ShapeRecognizer):
    ENTITY = "REFERENCE"
    PATTERNS = [
        Pattern(
            "lettered groups with five digits",
            # Not inside a word, a web address or a path; groups of capitals and digits.
            r"(?<![\w/.=?#&%@-])[A-Z0-9]+(?:[-/][A-Z0-9]+)+(?![\w/-]|\.\w)",
            0.7,
        ),
    ]
    CONTEXT = ["reference", "ref", "number", "case", "file", "log", "referral"]

    def validate_result(self, pattern_text: str) -> bool:
        groups = _GROUP_SEPARATOR.split(pattern_text)
        return (
            any(c.isalpha() for c in pattern_text)
            and digit_count(pattern_text) >= 5
            and longest_digit_run(pattern_text) >= 3
            and not only_years(groups)
            and not names_a_publication_or_date(groups)
        )

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        kept: list[RecognizerResult] = []
        for result in results:
            if not after_publication_label(text, result.start):
                kept.append(result)
        return kept
