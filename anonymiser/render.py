"""Replacing mentions in a document body: detection decides where, operators decide with what.

The replacement itself is done by presidio-anonymizer: every entity is its own operator target,
with a custom operator that writes the entity's label ("Person A", "Mother", "[school]") in the
case of the text it replaces, or one that cuts an exact date to its month and year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_WORD = re.compile(r"\b([A-Za-z]{3,9})\b")
_NUMERIC = re.compile(r"\b\d{1,2}[/.](\d{1,2})[/.](\d{2,4})\b")
_ISO = re.compile(r"\b((?:19|20)\d{2})-(0[1-9]|1[0-2])-\d{2}\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class Replacement:
    """Replace text[start:end] with `label`, or, when `month_year` is set, with its month."""

    start: int
    end: int
    target: str
    label: str
    month_year: bool = False
    person: bool = False


_ON = re.compile(r"^[Oo]n\s+")


def month_and_year(date_text: str) -> str:
    """ "14 March 2019" -> "March 2019"; "14/03/19" -> "March 2019"; unknown -> "[date]".

    A date that render widened over the word before it reads "on 14 March" -> "in March 2019".
    """
    on = _ON.match(date_text)
    if on:
        month = month_and_year(date_text[on.end() :])
        return ("In " if date_text[0] == "O" else "in ") + month
    iso = _ISO.search(date_text)
    if iso:
        return f"{MONTH_NAMES[int(iso.group(2)) - 1]} {iso.group(1)}"
    numeric = _NUMERIC.search(date_text)
    if numeric:
        month = int(numeric.group(1))
        year = numeric.group(2)
        year = year if len(year) == 4 else ("20" + year if int(year) < 50 else "19" + year)
        if 1 <= month <= 12:
            return f"{MONTH_NAMES[month - 1]} {year}"
    year_match = _YEAR.search(date_text)
    for word in _MONTH_WORD.findall(date_text):
        for name in MONTH_NAMES:
            if name.lower().startswith(word.lower()[:3]) and len(word) >= 3 and year_match:
                return f"{name} {year_match.group(1)}"
    return "[date]"


def without_overlaps(replacements: list[Replacement], text: str) -> list[Replacement]:
    """Where mentions overlap, the one starting first (then the longest) wins. A name followed
    by a name ("Oskar" "Marsh", found as two entities) becomes one person, the first: two
    labels in a row ("Sibling 2 Father") would misdescribe the one person they name. A mention
    that runs on past the one that wins is not dropped but joined to it ("Flat 7, Calder Court,
    41 Brunswick Street" and "41 Brunswick Street, Northdale ND2 4HX"): its end would otherwise
    be published."""
    kept: list[Replacement] = []
    for item in sorted(replacements, key=lambda r: (r.start, -(r.end - r.start), r.target)):
        if kept and item.start < kept[-1].end:
            if item.end > kept[-1].end:
                kept[-1] = replace(kept[-1], end=item.end)
            continue
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.person
            and item.person
            and text[previous.end : item.start] == " "
        ):
            kept[-1] = replace(previous, end=item.end)
            continue
        kept.append(item)
    return kept


_ON_BEFORE = re.compile(r"\b[Oo]n $")


def _over_on(item: Replacement, text: str) -> Replacement:
    """ "on 14 March 2019" becomes "in March 2019", not "on March 2019"."""
    if item.month_year:
        on = _ON_BEFORE.search(text, max(0, item.start - 3), item.start)
        if on:
            return replace(item, start=on.start())
    return item


def _label_in_case(label: str):
    """The label, in capitals where the text it replaces was ("KAYDEN AND HIS FAMILY" ->
    "CHILD D AND HIS FAMILY"), so a heading keeps its style."""

    def replacement(original: str) -> str:
        letters = [c for c in original if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return label.upper()
        return label

    return replacement


def _absorb_appositives(chosen: list[Replacement], text: str) -> list[Replacement]:
    """ "Sibling 1, Maja Wójcik, was seven" with Maja labelled "Sibling 1" reads "Sibling 1 was
    seven", not "Sibling 1, Sibling 1, was seven"; "Child T1 (Andrei Popescu)" reads "Child T1".
    The name is dropped together with the pseudonym the text already gives it."""
    result: list[Replacement] = []
    for item in chosen:
        if item.person and item.label:
            for opening, closing in ((", ", ","), (" (", ")")):
                start = item.start - len(item.label) - len(opening)
                before = text[max(0, start) : item.start]
                if (
                    start >= 0
                    and before.casefold() == (item.label + opening).casefold()
                    and text[item.end : item.end + len(closing)] == closing
                    and (not result or result[-1].end <= start)
                    and (start == 0 or not text[start - 1].isalnum())
                ):
                    kept = text[start : start + len(item.label)]
                    item = replace(item, start=start, end=item.end + len(closing), label=kept)
                    break
        result.append(item)
    return result


_ENGINE: AnonymizerEngine | None = None


def render(text: str, replacements: list[Replacement]) -> str:
    global _ENGINE
    chosen = _absorb_appositives(
        [_over_on(r, text) for r in without_overlaps(replacements, text)], text
    )
    if not chosen:
        return text
    if _ENGINE is None:
        _ENGINE = AnonymizerEngine()
    results = [RecognizerResult(r.target, r.start, r.end, 1.0) for r in chosen]
    operators: dict[str, OperatorConfig] = {}
    for r in chosen:
        if r.month_year:
            operators[r.target] = OperatorConfig("custom", {"lambda": month_and_year})
        else:
            # Only names follow the case of a heading; "KE4 7PQ" is in capitals by nature.
            label = _label_in_case(r.label) if r.person else (lambda _, label=r.label: label)
            operators[r.target] = OperatorConfig("custom", {"lambda": label})
    return _ENGINE.anonymize(text=text, analyzer_results=results, operators=operators).text
