"""NHS numbers the text says are NHS numbers: "NHS number 999 274 0000" is an identifier even
when its check digit is wrong (a typing error, or the 999 test range). Presidio's recognizer
(uk_ids.py) keeps finding bare numbers by their checksum; this one needs the label right before.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymiser.detect.recognizers.base import ShapeRecognizer

# "NHS number", "NHS no.", "NHS No:", "NHS num" and what may stand between label and number:
# spaces, a colon, a table's "|", a bracket, "is" or "was".
_LABEL = r"\bNHS\s+(?i:number|no\.?|num\.?)(?:[\s:#|=(\[–-]{1,30}(?:(?:is|was)\s+)?)"


GROUPED = "grouped as an NHS number, NHS nearby"
# Within this many characters before, in the same paragraph.
NHS_WINDOW = 200
_NHS = re.compile(r"\bNHS\b")


class StatedNhsNumberRecognizer(ShapeRecognizer):
    ENTITY = "NHS_NUMBER"
    PATTERNS = [
        Pattern(
            "number after 'NHS number'",
            rf"(?<!\w)(?=\d)(?<={_LABEL})\d{{3}}[ -]?\d{{3}}[ -]?\d{{4}}(?![\w-]|[.,]\d)",
            0.7,
        ),
        # Grouped 3-3-4 as NHS numbers are written, in a paragraph that speaks of NHS numbers
        # ("... NHS number as 507 529 1780. The GP record has 507 529 1708").
        Pattern(GROUPED, r"(?<![\w-])\d{3} \d{3} \d{4}(?![\w-]|[.,]\d)", 0.5),
    ]
    CONTEXT = ["NHS number", "NHS no"]

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        kept = []
        for result in results:
            explanation = result.analysis_explanation
            if explanation is not None and explanation.pattern_name == GROUPED:
                before = text[max(0, result.start - NHS_WINDOW) : result.start]
                paragraph = before.rsplit("\n\n", 1)[-1]
                if not _NHS.search(paragraph):
                    continue
            kept.append(result)
        return kept
