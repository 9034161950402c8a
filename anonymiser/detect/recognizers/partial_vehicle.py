"""Parts of a vehicle registration, where the text says they are: "a partial registration
'KT21'", "index ending WXB", "the plate began YR09".

Alone, two capitals and two digits are a key stage, a quarter or a code ("KS22", "Q3") and
three capitals an acronym, so each needs a registration word and a word saying it is part of
one in the same sentence before it; the three letters of an ending, which any acronym fits,
must also follow those words straight after, or be quoted.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult

from anonymiser.detect.recognizers.base import ShapeRecognizer

_PLATE = re.compile(r"\b(?:registration|reg|plate|index|VRM|VRN)\b", re.IGNORECASE)
_PART = re.compile(
    r"\b(?:partial(?:ly)?|part|incomplete|first|last|"
    r"begin(?:s|ning)?|began|start(?:s|ed|ing)?|end(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
# What must come straight before the three letters of an ending: a word saying it is part of a
# registration ("ending", "partial index"), then at most a few small words ("in", "was noted as").
_STRAIGHT_AFTER = re.compile(
    r"\b(?:begin(?:s|ning)?|began|start(?:s|ed|ing)?|end(?:s|ed|ing)?|"
    r"partial(?:ly)?(?:\s+(?:registration|reg|plate|index|VRM|VRN))?)"
    r"(?:[\s,:(]+(?:with|in|of|was|as|is|only|recorded|noted|given|letters)){0,3}[\s,:(]*$",
    re.IGNORECASE,
)
QUOTES = "'\"‘’“”"
# A sentence ends at a full stop followed by a space, or a paragraph break (plain-text drafts
# wrap lines inside sentences).
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")


class PartialVehicleRecognizer(ShapeRecognizer):
    ENTITY = "VEHICLE"
    AGE_IDENTIFIER = Pattern(
        "area code and age identifier",
        # "KT21" but not the start of a full registration ("KT21 WXB": vehicle.py's).
        r"(?<![\w-])[A-HJ-PR-Y][A-HJ-PR-Y](?:0[1-9]|[1-7]\d)(?![\w-]|\s?[A-HJ-PR-Z]{3}\b)",
        0.5,
    )
    LETTERS = Pattern("three random letters", r"(?<![\w-])[A-HJ-PR-Z]{3}(?![\w-])", 0.4)
    PATTERNS = [AGE_IDENTIFIER, LETTERS]
    CONTEXT = ["partial registration", "registration beginning", "index ending", "plate"]
    WINDOW = 70

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        kept: list[RecognizerResult] = []
        for result in results:
            before = _same_sentence(text[max(0, result.start - self.WINDOW) : result.start])
            if not (_PLATE.search(before) and _PART.search(before)):
                continue
            explanation = result.analysis_explanation
            if explanation and explanation.pattern_name == self.LETTERS.name:
                after = text[result.end : result.end + 1]
                quoted = before.endswith(tuple(QUOTES)) and after != "" and after in QUOTES
                if not (quoted or _STRAIGHT_AFTER.search(before)):
                    continue
            kept.append(result)
        return kept


def _same_sentence(before: str) -> str:
    ends = list(_SENTENCE_END.finditer(before))
    return before[ends[-1].end() :] if ends else before
