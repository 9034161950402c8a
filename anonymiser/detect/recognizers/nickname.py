"""Nicknames the text introduces as such: "known to friends as Daz", "nicknamed Bear",
"(aka Jojo)". NER rarely knows a nickname; the words before it say what it is."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult

from anonymiser.detect.names import is_common_word
from anonymiser.detect.recognizers.base import ShapeRecognizer

INTRODUCTION = (
    r"(?:[Kk]nown(?:\s+[a-z]+){0,3}\s+as|[Nn]icknamed|[Aa]lso\s+called|[Cc]alled\s+himself|"
    r"[Cc]alled\s+herself|[Gg]oes\s+by|[Aa]\.?k\.?a\.?)"
)
WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’-]+"
# Who calls someone by the nickname: "called Sum by her friends".
CALLERS = (
    r"(?:(?:his|her|their|the|some|all|most|many)\s+)?(?:friends|family|mates|peers|staff|"
    r"carers|everyone|siblings|brothers|sisters|parents|classmates)"
)
QUOTED_IN_BRACKETS = "quoted in brackets"
PATTERNS = [
    Pattern("nickname", rf"\b{INTRODUCTION}\s+[\"'‘“]?{WORD}\b", 0.7),
    Pattern("called by", rf"\b[Cc]alled\s+[\"'‘“]?{WORD}(?=[\"'’”]?\s+by\s+{CALLERS}\b)", 0.7),
    # A quoted word in brackets right after a name: "Mr Walsh ("Paddy" to the family)",
    # "Tyler Brennan ('Dizzy')". Not a common word: "the report ('Findings')".
    Pattern(
        QUOTED_IN_BRACKETS,
        rf"(?<=[A-Z][\w'’-]+[^\S\n]+)\([^\S\n]*[\"'‘“]{WORD}(?=[\"'’”](?:[^\S\n]+to[^\S\n]+"
        rf"{CALLERS})?[^\S\n]*\))",
        0.6,
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
            if word is None:
                continue
            explanation = result.analysis_explanation
            quoted = explanation is not None and explanation.pattern_name == QUOTED_IN_BRACKETS
            if quoted and is_common_word(word.group()):
                continue
            result.start = word.start()
            named.append(result)
        return named
