"""A pattern recognizer that only believes its pattern when the right words stand nearby.

Presidio's own context words only raise a score; for a bare number ("0123456") or a bare date
that is not enough to tell a crime reference or a date of birth from any other number or date.
"""

from __future__ import annotations

import copy
import re

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

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


# A pattern with a needed word runs only on the text around that word: its match holds the word,
# and no name it finds is longer than this before it or than its context after it.
WINDOW_BEFORE = 300
WINDOW_AFTER = 200
_SPACE = re.compile(r"\s")


def analyze_needed(recognizer, needs, text, entities, nlp_artifacts=None, regex_flags=None):
    """Presidio's pattern analysis with each pattern run only where it can match (`needs`:
    pattern name -> a word it cannot match without; see ShapeRecognizer.NEEDS): a pattern
    with no needed word runs on the whole text, the others around each place their word is.
    Most text holds none of the words, and these patterns try a name at every capital."""
    by_need: dict[re.Pattern | None, list[Pattern]] = {}
    for pattern in recognizer.patterns:
        by_need.setdefault(needs.get(pattern.name), []).append(pattern)
    results: list[RecognizerResult] = []
    for need, patterns in by_need.items():
        spans = [(0, len(text))] if need is None else _windows(text, need)
        for start, end in spans:
            # A shallow copy runs only those patterns (the recognizer itself may be shared).
            narrowed = copy.copy(recognizer)
            narrowed.patterns = patterns
            found = PatternRecognizer.analyze(
                narrowed, text[start:end], entities, nlp_artifacts, regex_flags
            )
            for result in found:
                result.start += start
                result.end += start
            results.extend(found)
    # As one Presidio pass over all the patterns would (it drops a result inside another).
    return EntityRecognizer.remove_duplicates(results)


def _windows(text: str, need: re.Pattern) -> list[tuple[int, int]]:
    """The stretches of text around each occurrence of a needed word, merged where they meet.
    Each starts after and ends at a space or a line break, so no word is cut."""
    windows: list[tuple[int, int]] = []
    for match in need.finditer(text):
        start = max(0, match.start() - WINDOW_BEFORE)
        if start:
            space = _SPACE.search(text, start, match.start())
            start = space.end() if space else match.start()
        space = _SPACE.search(text, min(len(text), match.end() + WINDOW_AFTER))
        end = space.start() if space else len(text)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


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
