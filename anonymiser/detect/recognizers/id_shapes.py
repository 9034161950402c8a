"""Shape checks shared by the reference-number recognizers: what a run of digits is when it is
not an identifier (a year, a range of years, a date)."""

from __future__ import annotations

import re

YEAR = re.compile(r"(?:19|20)\d{2}")
_DIGIT_GROUPS = re.compile(r"\d+")
# "ISBN 978-1-84787-123-4", "DOI: 10.1093/...": a book's or an article's number follows.
_PUBLICATION_LABEL = re.compile(r"\b(?:ISBN|ISSN|DOI)\b[\s:]*[\d.-]*$", re.IGNORECASE)
# 12/03/2023, 12-03-23, 12.03.2023, 2023-11-05, 2023/11/05.
_DATE = re.compile(
    r"(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)?\d{2}"
    r"|(?:19|20)\d{2}[/.-](?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12]\d|3[01])"
)
MONTH_ABBREVIATIONS = frozenset("JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC".split())
# Letter groups that make a code a standard, a book or a government publication, which reviews
# cite in their references: "ISO-27001", "BS-EN-14960", "ISBN 978-1-84787-123-4",
# "DFE-00195-2018" (the Department for Education's publication numbers; DCSF and DfES before).
NOT_A_RECORD_PREFIXES = frozenset(
    "ISO IEC EN BS PAS ANSI DIN ISBN ISSN DOI DFE DFES DCSF DH DHSC NICE".split()
)


def digit_count(text: str) -> int:
    return sum(c.isdigit() for c in text)


def longest_digit_run(text: str) -> int:
    return max((len(run) for run in _DIGIT_GROUPS.findall(text)), default=0)


def is_date(text: str) -> bool:
    return _DATE.fullmatch(text) is not None


def names_a_publication_or_date(groups: list[str]) -> bool:
    """True when a letter group is a standard's or publisher's prefix or a month ("12-MAR-23")."""
    return any(g in NOT_A_RECORD_PREFIXES or g in MONTH_ABBREVIATIONS for g in groups)


def after_publication_label(text: str, start: int) -> bool:
    return _PUBLICATION_LABEL.search(text, max(0, start - 24), start) is not None


def only_years(groups: list[str]) -> bool:
    """True when every all-digit group is a year or the end of a range of years: "2019",
    "2019-2023", "2022/23". Groups with letters are not counted."""
    digit_groups = [(i, g) for i, g in enumerate(groups) if g.isdigit()]
    if not digit_groups:
        return False
    for i, group in digit_groups:
        if YEAR.fullmatch(group):
            continue
        # "23" in "2022/23": two digits straight after a year.
        after_year = i > 0 and YEAR.fullmatch(groups[i - 1]) is not None
        if after_year and len(group) == 2:
            continue
        return False
    return True
