"""A pattern recognizer that only believes its pattern when the right words stand nearby.

Presidio's own context words only raise a score; for a bare number ("0123456") or a bare date
that is not enough to tell a crime reference or a date of birth from any other number or date.
"""

from __future__ import annotations

import copy
import re

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

# Presidio matches case-insensitively by default; a name is a name because it is capitalised.
CASE_SENSITIVE = re.DOTALL | re.MULTILINE


class ShapeRecognizer(PatternRecognizer):
    """A case-sensitive pattern recognizer declared as Presidio's own are: the class says what it
    finds (ENTITY), how (PATTERNS) and which nearby words raise its score (CONTEXT)."""

    ENTITY: str = ""
    PATTERNS: list[Pattern] = []
    CONTEXT: list[str] = []
    # Pattern name -> a word that pattern cannot match without ("School" for "... School").
    # A pattern whose word is nowhere in the text is not run: the result is the same, sooner.
    NEEDS: dict[str, re.Pattern] = {}

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=self.PATTERNS,
            context=self.CONTEXT or None,
            global_regex_flags=CASE_SENSITIVE,
        )

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        return analyze_needed(self, self.NEEDS, text, entities, nlp_artifacts, regex_flags)


def analyze_needed(recognizer, needs, text, entities, nlp_artifacts=None, regex_flags=None):
    """Presidio's pattern analysis with only the patterns whose needed word is in the text
    (`needs`: pattern name -> word; see ShapeRecognizer.NEEDS)."""
    needed = [
        pattern
        for pattern in recognizer.patterns
        if (word := needs.get(pattern.name)) is None or word.search(text)
    ]
    if len(needed) == len(recognizer.patterns):
        return PatternRecognizer.analyze(recognizer, text, entities, nlp_artifacts, regex_flags)
    if not needed:
        return []
    # A shallow copy runs only those patterns (the recognizer itself may be shared).
    narrowed = copy.copy(recognizer)
    narrowed.patterns = needed
    return PatternRecognizer.analyze(narrowed, text, entities, nlp_artifacts, regex_flags)


class ContextRequiredRecognizer(ShapeRecognizer):
    """Keeps a match only if one of CONTEXT occurs within WINDOW characters before it."""

    WINDOW = 60

    def __init__(self) -> None:
        super().__init__()
        words = "|".join(re.escape(word) for word in self.CONTEXT)
        self._context_re = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        kept: list[RecognizerResult] = []
        for result in results:
            before = text[max(0, result.start - self.WINDOW) : result.start]
            if self._context_re.search(before):
                kept.append(result)
        return kept


def result(recognizer, entity_type: str, start: int, end: int, score: float) -> RecognizerResult:
    """A result from one of our own (non-pattern) recognizers, named as Presidio names its own,
    so that the detector can tell which recognizer found it."""
    return RecognizerResult(
        entity_type,
        start,
        end,
        score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )
