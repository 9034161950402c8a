"""Nicknames the text introduces as such: "known to friends as Daz", "nicknamed Bear",
"(aka Jojo)". NER rarely knows a nickname; the words before it say what it is."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult

from anonymiser.detect.recognizers.base import ShapeRecognizer

INTRODUCTION = (
    r"(?:[Kk]nown(?:\s+[a-z]+){0,3}\s+as|[Nn]icknamed|[Aa]lso\s+called|[Cc]alled\s+himself|"
    r"[Cc]alled\s+herself|[Gg]oes\s+by|[Aa]\.?k\.?a\.?)"
)
PATTERNS = [
    Pattern(
        "nickname", rf"\b{INTRODUCTION}\s+[\"'‘“]?[A-ZÀ-ÖØ-ÞĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’-]+\b", 0.7
    ),
]
_LAST_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’-]+$")


class NicknameRecognizer(ShapeRecognizer):
    ENTITY = "PERSON"
    PATTERNS = PATTERNS

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        named: list[RecognizerResult] = []
        for result in results:
            word = _LAST_WORD.search(text, result.start, result.end)
            if word:
                result.start = word.start()
                named.append(result)
        return named
