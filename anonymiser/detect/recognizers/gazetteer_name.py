"""Full names that NER misses, found with the name lists: a capitalised given name followed by
a capitalised surname ("Hope Adams", "Ioana Popescu"), optionally with a middle name."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from anonymiser.detect.gazetteer import is_given_name, is_surname
from anonymiser.detect.names import NOT_NAME_WORDS
from anonymiser.detect.recognizers.base import CASE_SENSITIVE

WORD = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?"
PATTERNS = [Pattern("given name and surname", rf"\b{WORD}(?:\s+{WORD}){{1,2}}\b", 0.6)]


class GazetteerNameRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="PERSON", patterns=PATTERNS, global_regex_flags=CASE_SENSITIVE
        )

    def validate_result(self, pattern_text: str) -> bool:
        words = pattern_text.split()
        if any(word.casefold() in NOT_NAME_WORDS for word in words):
            return False
        return is_given_name(words[0]) and is_surname(words[-1].removesuffix("'s"))
