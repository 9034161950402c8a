"""Telephone numbers from abroad: with a country code ("+48 601 000 274", "0040 21 000 5531")
or, where the text says it is a phone number, in a foreign national format ("0412 000 387").

UK numbers, in national form or +44, are uk_phone.py's; a national-format number that fits the
UK's own plan is left to it (helplines included, which the allow-list keeps).
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from anonymiser.detect.recognizers.uk_phone import is_uk_number

_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile(r"[\s()-]")


class InternationalPhoneRecognizer(PatternRecognizer):
    WITH_COUNTRY_CODE = Pattern(
        "with country code",
        # "+" or "00", a country code, then groups of digits; not inside a word or a sum.
        r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[\s-]?\(?\d{1,5}\)?){2,6}(?![\w-]|[.,]\d)",
        0.7,
    )
    NATIONAL = Pattern(
        "foreign national format",
        r"(?<![\w+])0[1-9]\d{1,3}[\s-]\d{3}[\s-]\d{3,4}(?![\w-]|[.,]\d|[\s-]\d)",
        0.4,
    )
    PATTERNS = [WITH_COUNTRY_CODE, NATIONAL]
    CONTEXT = [
        "phone",
        "telephone",
        "tel",
        "mobile",
        "number",
        "call",
        "called",
        "calls",
        "rang",
        "text",
        "texted",
        "WhatsApp",
        "contact",
    ]
    # A foreign national-format number needs one of CONTEXT this close before it.
    WINDOW = 60

    def __init__(self) -> None:
        super().__init__(supported_entity="PHONE", patterns=self.PATTERNS, context=self.CONTEXT)
        words = "|".join(self.CONTEXT)
        self._context = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)

    def validate_result(self, pattern_text: str) -> bool:
        digits = "".join(_DIGIT.findall(pattern_text))
        if pattern_text.startswith("+"):
            # +44 is a UK number: uk_phone.py's. E.164 numbers have at most 15 digits.
            return not digits.startswith("44") and 8 <= len(digits) <= 15
        if pattern_text.startswith("00"):
            # "00" written straight onto digits is more often a padded reference than a call.
            spaced = _SEPARATOR.search(pattern_text) is not None
            return spaced and 9 <= len(digits) - 2 <= 15
        return not is_uk_number(pattern_text)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        kept: list[RecognizerResult] = []
        for result in results:
            explanation = result.analysis_explanation
            if explanation and explanation.pattern_name == self.NATIONAL.name:
                before = text[max(0, result.start - self.WINDOW) : result.start]
                if not self._context.search(before):
                    continue
            kept.append(result)
        return kept
