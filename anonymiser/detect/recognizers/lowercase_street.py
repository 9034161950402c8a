"""Streets written in lower case and short, as texts and messages write them: "canal st",
"heathfield cl", "meet me on dock rd".

A lower-case word and a street abbreviation standing alone as a word. The word before the
abbreviation must be a word of a name, not one of English's small words ("at st", "the dr");
"st" and "dr" also stand before names ("dr smith", "st marys"), so they count only at the end of
a phrase.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymiser.detect.gazetteer import is_name
from anonymiser.detect.recognizers.base import ShapeRecognizer

# "pl" (please), "gr" (great) and "wk" (week) are more often something else in a message.
ABBREVIATIONS = r"(?:st|rd|ave|cl|ct|ln|cres|dr|gro|sq|terr|tce|gdns)"
LOWER = r"[a-zß-öø-ÿĀ-ſȘ-ț]"
PATTERNS = [
    Pattern(
        "lower-case street",
        rf"(?<![\w@./-]){LOWER}{{3,}}(?:[-'’]{LOWER}+)?[^\S\n]+{ABBREVIATIONS}(?![\w@/-]|['’]\w|\.\w)",
        0.5,
    )
]
# Small words of English before an abbreviation: "at st", "the dr", "and rd".
SMALL_WORDS = frozenset(
    "the and but for nor yet not was were are has had have his her hers its our ours their "
    "theirs your yours she they them you him who whom whose which what that this these those "
    "with from into onto upon off out over under about above below near past than then when "
    "where while some any all each both few more most much many such own same very just also "
    "only even too can could would should will shall may might must did does done doing been "
    "being get got say said see saw seen ask asked tell told call called phone rang rung text "
    "went gone going come came seeing with via per plus let lets like".split()
)
# Abbreviations that also stand before a name, and so end a street only at the end of a phrase.
BEFORE_NAMES = frozenset({"st", "dr"})
_NEXT_WORD = re.compile(r"[^\S\n]+([A-Za-z][\w'’]*)")


class LowercaseStreetRecognizer(ShapeRecognizer):
    ENTITY = "STREET"
    PATTERNS = PATTERNS

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        kept = []
        for result in results:
            name, abbreviation = text[result.start : result.end].rsplit(None, 1)
            if name in SMALL_WORDS:
                continue
            if abbreviation in BEFORE_NAMES:
                following = _NEXT_WORD.match(text, result.end)
                if following and _starts_a_name(following.group(1)):
                    continue
            if abbreviation == "ct" and text.startswith(" scan", result.end):
                continue
            kept.append(result)
        return kept


def _starts_a_name(word: str) -> bool:
    """ "dr smith", "st marys", "Dr Patel": a name (or a capitalised word) follows."""
    stem = word.rstrip("'’s") if word.endswith(("s", "'s", "’s")) else word
    return word[0].isupper() or is_name(word) or (len(stem) > 2 and is_name(stem))
