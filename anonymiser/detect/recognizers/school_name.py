"""Schools named without the word "School": "Marlpit Primary", "Holy Trinity C of E Primary",
"St Aidan's RC", "Brackenridge High"; and a school's short name where the text says it is one:
"in Year 9 at Brackenridge", "His school, Holy Trinity, recorded ...".

"X Primary" names a school unless more of a name follows ("Primary Care", "Primary School": the
institution recognizer reports those) or X is a kind ("the Local Primary"). "High" is also a
rating ("Very High", "Risk: High"), so "X High" counts only with a school nearby in the text.
A name alone after "attended" is not enough: people attend meetings, clinics and courts too.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymiser.detect.gazetteer import is_name
from anonymiser.detect.names import only_ordinary_words
from anonymiser.detect.recognizers.narrowed import NarrowedPatternRecognizer

GAP = r"[^\S\n]+"
NAME_WORD = r"(?:St\.?|[A-Z][\w'’-]*)"
NAME = rf"(?:{NAME_WORD}(?:{GAP}(?:of{GAP}|and{GAP}|&{GAP})?{NAME_WORD}){{0,4}})"
FOUND_NAME = rf"(?P<found>{NAME})"
FAITH = (
    r"(?:C\.?[^\S\n]*of[^\S\n]*E\.?|CE|C\.E\.|RC|R\.C\.|Catholic|Church[^\S\n]+of[^\S\n]+England|"
    r"Methodist|Church)"
)
PHASE = (
    r"(?:Junior[^\S\n]+and[^\S\n]+Infants?|Infants?[^\S\n]+and[^\S\n]+Juniors?|Primary|Infants?|"
    r"Juniors?|Secondary|High)"
)
# More of a name, or a word the phase describes: "Primary Care", "primary school years".
NOT_A_NAME_AFTER = (
    r"(?![^\S\n]*(?:[A-Z&]|[Ss]chools?\b|care\b|phase|age\b|years?\b|education|teachers?|heads?\b|"
    r"sector|settings?|provision|transition|pupils?|children|level|stage|curriculum|mental|health|"
    r"services?|team|practitioners?|colleagues|staff|priority|risk|needs?\b|concerns?\b|"
    r"(?:and|or|to)[^\S\n]+secondary))"
)
PATTERNS = [
    # "Marlpit Primary", "Holy Trinity C of E Primary", "St Aidan's Catholic High".
    Pattern(
        "school without the word school",
        rf"\b{NAME}(?:{GAP}{FAITH})?{GAP}{PHASE}\b{NOT_A_NAME_AFTER}",
        0.6,
    ),
    # "St Aidan's RC", "St Mary's C of E": a saint and a church's school.
    Pattern(
        "saint's school",
        rf"\bSt\.?{GAP}[A-Z][\w-]*['’]s{GAP}{FAITH}\b"
        rf"(?![^\S\n]*(?:[A-Z]|[Cc]hurch|[Pp]arish|[Cc]athedral|[Cc]hapel|[Dd]iocese))",
        0.6,
    ),
    # "in Year 9 at Brackenridge", "Year 6 at Marlpit".
    Pattern(
        "school year at",
        rf"\b(?:Year|Yr|year){GAP}?\d{{1,2}}{GAP}(?:at|in){GAP}{FOUND_NAME}\b",
        0.6,
    ),
    # "His school, Holy Trinity, recorded", "her new school (Greystone)".
    Pattern(
        "school in apposition",
        r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he\s+child['’]s)"
        r"(?:[^\S\n]+(?:primary|secondary|new|former|previous|current|first))?[^\S\n]+school"
        rf"(?:,{GAP}{FOUND_NAME}(?=,)|{GAP}\({FOUND_NAME}\))",
        0.6,
    ),
]
HIGH_CONTEXT = re.compile(
    r"\b(?:school|pupil|pupils|student|attend|attended|attending|attendance|year\s*\d{1,2}|"
    r"transferred|enrolled|excluded|exclusion|headteacher|head\s+teacher|teacher|SENCO|DSL|"
    r"GCSE|GCSEs|sixth\s+form|timetable|class|term)\b",
    re.IGNORECASE,
)
HIGH_WINDOW = 120
# A name made of these words is a kind of school, a rating or a time, not a school's name.
GENERIC_WORDS = frozenset(
    "the a an this that her his their its our local new each mainstream special catholic church "
    "community county state free faith independent private nearby previous former current first "
    "very extremely too risk priority rating rated level impact likelihood medium low moderate "
    "overall record all-time key stage infant junior and of at in to from by for with when "
    "while then after before during since until both these those january february march april "
    "may june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday christmas easter summer autumn winter spring half-term "
    "term holidays holiday eid diwali ramadan the year sixth form college university school "
    "home nursery secondary primary academy".split()
)
_LEADING = frozenset("the a an at in to from by for with and but when while then".split())
_FIRST_WORD = re.compile(r"(\S+)\s+(?=\S)")
_ABOUT_THE_SCHOOL = re.compile(rf"([A-Za-z]+){GAP}of{GAP}(?=\S)")


class SchoolNameRecognizer(NarrowedPatternRecognizer):
    def __init__(self) -> None:
        super().__init__("SCHOOL", PATTERNS)

    def keep(self, text, result) -> bool:
        while True:
            first = _FIRST_WORD.match(text, result.start, result.end)
            if not first or first.group(1).casefold() not in _LEADING:
                break
            result.start = first.end()
        pattern = result.analysis_explanation.pattern_name
        # "Inquest of Caversham Primary": an English word and "of" before a school's name are
        # what the text says about the school, not its name.
        about = _ABOUT_THE_SCHOOL.match(text, result.start, result.end)
        if (
            pattern == "school without the word school"
            and about
            and only_ordinary_words(about[1])
            and not is_name(about[1])
        ):
            result.start = about.end()
        words = [word.casefold().strip(".,()") for word in text[result.start : result.end].split()]
        if pattern == "school without the word school":
            # The name before the phase and its church: "Holy Trinity" in "Holy Trinity C of E
            # Primary".
            name = _name_before_phase(text[result.start : result.end])
            if all(word.casefold() in GENERIC_WORDS for word in name):
                return False
            if words[-1] == "high":
                before = text[max(0, result.start - HIGH_WINDOW) : result.start]
                return HIGH_CONTEXT.search(before) is not None
            return True
        return not all(word in GENERIC_WORDS for word in words)


_FAITH_OR_PHASE = re.compile(rf"(?:{GAP}{FAITH})?{GAP}{PHASE}$")


def _name_before_phase(found: str) -> list[str]:
    cut = _FAITH_OR_PHASE.search(found)
    return (found[: cut.start()] if cut else found).split()
