"""UK vehicle registrations. The current format ("EK14 RWP") is distinctive; the older prefix
and suffix formats ("T1 ABC") also fit pseudonyms and codes, so they need a vehicle word
nearby."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult

from anonymiser.detect.recognizers.base import ShapeRecognizer

CURRENT = Pattern(
    "current format", r"\b[A-HJ-PR-Y][A-HJ-PR-Y](?:0[1-9]|[1-7][0-9])\s?[A-HJ-PR-Z]{3}\b", 0.8
)
OLDER = [
    Pattern("prefix format", r"\b[A-HJ-NPR-TV-Y]\d{1,3}\s?[A-HJ-PR-Y][A-HJ-PR-Z]{2}\b", 0.5),
    Pattern("suffix format", r"\b[A-HJ-PR-Z]{3}\s?\d{1,3}\s?[A-HJ-NPR-TV-Y]\b", 0.5),
]
CONTEXT = ["vehicle", "car", "van", "registration", "reg", "number plate", "drove", "driving"]
_CONTEXT = re.compile(r"\b(?:" + "|".join(CONTEXT) + r")\b", re.IGNORECASE)


class VehicleRecognizer(ShapeRecognizer):
    ENTITY = "VEHICLE"
    PATTERNS = [CURRENT, *OLDER]
    CONTEXT = CONTEXT

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        kept: list[RecognizerResult] = []
        for result in results:
            explanation = result.analysis_explanation
            name = explanation.pattern_name if explanation else ""
            if name != CURRENT.name:
                window = text[max(0, result.start - 60) : result.end + 30]
                if not _CONTEXT.search(window):
                    continue
            kept.append(result)
        return kept
