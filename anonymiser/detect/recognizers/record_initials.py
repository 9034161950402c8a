"""A person written as initials in a record: "I/P: O.N. (F), DOB 12.01.2023", "Suspect 1: P.W.
(M)", "K.L. (dob 03/04/1990)".

Police and health records name people by initials with their sex or date of birth beside them;
those initials, with the date, are as good as a name for anyone who knows the family. Initials
alone prove nothing ("the U.K.", "a B.T.E.C."), so the words around them must say a person is
meant: a sex marker or a date of birth after them, or a record's label for a person before.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from anonymiser.detect.abbreviations import COMMON_ABBREVIATIONS
from anonymiser.detect.recognizers.narrowed import FOUND, NarrowedPatternRecognizer

# Two or three initials, with dots ("O.N.", "K. L. M.") or without ("ON", "KLM").
_INITIALS = r"(?:[A-Z]\.[^\S\n]?){1,2}[A-Z]\.?|[A-Z]{2,3}"
_AFTER = r"[^\S\n]*(?:\([MF]\)|,?[^\S\n]*\(?(?:DOB|[Dd]\.?[Oo]\.?[Bb]\.?|born|aged)\b)"
_LABEL = (
    r"(?:I/P|IP|Victim|Suspect(?:[^\S\n]\d{1,2})?|Offender|Subject|Patient|Client|Child|"
    r"Mother|Father|Informant|Witness(?:[^\S\n]\d{1,2})?)[^\S\n]*:[^\S\n]*"
)
PATTERNS = [
    Pattern(
        "initials with sex or date of birth",
        rf"(?<![\w.&/])(?P<{FOUND}>{_INITIALS})(?![\w&]){_AFTER}",
        0.6,
    ),
    Pattern(
        "initials after a record label",
        rf"(?<![\w])(?:{_LABEL})(?P<{FOUND}>{_INITIALS})(?![\w&])",
        0.6,
    ),
]


class RecordInitialsRecognizer(NarrowedPatternRecognizer):
    def __init__(self) -> None:
        super().__init__("PERSON", PATTERNS)

    def keep(self, text: str, result) -> bool:
        letters = "".join(c for c in text[result.start : result.end] if c.isalpha())
        return super().keep(text, result) and letters not in COMMON_ABBREVIATIONS
