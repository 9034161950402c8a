"""UK telephone numbers: mobiles and landlines, national or +44, spaced, hyphenated or not."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

PATTERNS = [
    Pattern(
        "UK phone",
        r"(?<![\w+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w-])",
        0.6,
    ),
]
CONTEXT = ["phone", "telephone", "tel", "mobile", "number", "call", "text", "rang", "contact"]

_DIGIT = re.compile(r"\d")


class UkPhoneRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entity="PHONE", patterns=PATTERNS, context=CONTEXT)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(_DIGIT.findall(pattern_text))
        if digits.startswith("44"):
            national = digits[2:]
            return len(national) in (9, 10) and national[0] in "123578"
        # 01 and 02 landlines, 03 non-geographic, 07 mobiles, 08 freephone/shared cost.
        return len(digits) in (10, 11) and digits[1] in "123578"
