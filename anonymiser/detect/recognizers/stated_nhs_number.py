"""NHS numbers the text says are NHS numbers: "NHS number 999 274 0000" is an identifier even
when its check digit is wrong (a typing error, or the 999 test range). Presidio's recognizer
(uk_ids.py) keeps finding bare numbers by their checksum; this one needs the label right before.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from anonymiser.detect.recognizers.base import CASE_SENSITIVE

# "NHS number", "NHS no.", "NHS No:", "NHS num" and what may stand between label and number:
# spaces, a colon, a table's "|", a bracket, "is" or "was".
_LABEL = r"\bNHS\s+(?i:number|no\.?|num\.?)(?:[\s:#|=(\[–-]{1,30}(?:(?:is|was)\s+)?)"


class StatedNhsNumberRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern(
            "number after 'NHS number'",
            rf"(?<!\w)(?=\d)(?<={_LABEL})\d{{3}}[ -]?\d{{3}}[ -]?\d{{4}}(?![\w-]|[.,]\d)",
            0.7,
        ),
    ]
    CONTEXT = ["NHS number", "NHS no"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="NHS_NUMBER",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            global_regex_flags=CASE_SENSITIVE,
        )
