"""UK telephone numbers: mobiles and landlines, national or +44, spaced, hyphenated or not.

Non-geographic numbers (03, 08) are organisations' helplines and switchboards: they stay."""

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
        if not is_uk_number(pattern_text):
            return False
        digits = "".join(_DIGIT.findall(pattern_text))
        national = digits[2:] if digits.startswith("44") else digits[1:]
        # 01 and 02 landlines and 07 mobiles are people's (and organisations') numbers. 03
        # and 08 numbers (0300, 0344, 0800, 0808...) are organisations' only: helplines and
        # switchboards that a review publishes for its readers.
        return national[:1] in ("1", "2", "5", "7")


def is_uk_number(text: str) -> bool:
    """Whether `text` has the shape of any UK telephone number (a person's or not)."""
    digits = "".join(_DIGIT.findall(text))
    if digits.startswith("44"):
        national = digits[2:]
        return len(national) in (9, 10) and national[0] in "123578"
    # 01 and 02 landlines, 03 non-geographic, 07 mobiles, 08 freephone/shared cost.
    return len(digits) in (10, 11) and digits[1] in "123578"
