"""A pattern recognizer whose patterns match the words around what they find.

"a takeaway called Sultan's Grill", "moved to Kestrel House, a children's home": the words that
say what a name is stand beside it and must not be replaced with it. Each pattern marks what it
finds with the group `found`; the result is that group's span.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from anonymiser.detect.recognizers.base import CASE_SENSITIVE, analyze_needed

FOUND = "found"


class NarrowedPatternRecognizer(PatternRecognizer):
    # Pattern name -> a word it cannot match without (see base.ShapeRecognizer.NEEDS).
    NEEDS: dict = {}

    def __init__(self, entity: str, patterns: list[Pattern]) -> None:
        super().__init__(
            supported_entity=entity, patterns=patterns, global_regex_flags=CASE_SENSITIVE
        )
        self._by_name = {pattern.name: pattern for pattern in patterns}

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = analyze_needed(self, self.NEEDS, text, entities, nlp_artifacts, regex_flags)
        narrowed: dict[tuple[int, int], RecognizerResult] = {}
        for result in results:
            pattern = self._by_name[result.analysis_explanation.pattern_name]
            # The same pattern from the same place matches the same way again.
            match = pattern.compiled_regex.match(text, result.start)
            if match is not None and match.groupdict().get(FOUND) is not None:
                result.start, result.end = match.span(FOUND)
            if self.keep(text, result):
                narrowed.setdefault((result.start, result.end), result)
        return list(narrowed.values())

    def keep(self, text: str, result: RecognizerResult) -> bool:
        """Whether a narrowed result stands; subclasses check what the pattern cannot."""
        return result.end > result.start
