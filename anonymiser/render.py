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
_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART_OF_DAY = re.compile(r"^(?:[Oo]n\s+)?[Tt]he\s+(morning|afternoon|evening|night)\s+of\s+")
_WEEKDAY = re.compile(rf"^({_WEEKDAYS}),?\s+(?:the\s+)?")


def month_and_year(date_text: str) -> str:
    """An exact date as the month it fell in, in a phrase that still reads: "14 March 2019" ->
    "March 2019", "14/03/19" -> "March 2019", "6 February" -> "February"; with the words
    render widened it over, "on 14 March" -> "in March 2019", "on the evening of 3 May 2023"
    -> "one evening in May 2023", "on Tuesday 3 May 2023" -> "one Tuesday in May 2023".
    A date with no month in it ("Saturday 21st") keeps only its weekday; else "[date]"."""
    on = _ON.match(date_text)
    part = _PART_OF_DAY.match(date_text)
    # "On ..." and "The evening of ..." start a sentence; a date's own capitals do not.
    capital = date_text[:1].isupper() and bool(on or part)
    rest = date_text[part.end() :] if part else date_text[on.end() :] if on else date_text
    weekday = _WEEKDAY.match(rest)
    if weekday:
        rest = rest[weekday.end() :]
    month = _month(rest)
    if part or weekday:
        when = part.group(1) if part else weekday.group(1)
        if month:
            phrase = f"one {when} in {month}"
        else:
            phrase = f"one {when}" if part else f"on a {when}" if on else f"a {when}"
    elif month:
        phrase = f"in {month}" if on else month
    else:
        return "on [date]" if on else "[date]"
    return phrase[0].upper() + phrase[1:] if capital else phrase


def _month(date_text: str) -> str | None:
    """ "14 March 2019" -> "March 2019", "14/03/19" -> "March 2019", "6 February" -> "February"."""
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
            if len(word) >= 3 and name.lower().startswith(word.lower()[:3]):
                if word.lower() not in (name.lower(), name.lower()[:3], "sept"):
                    continue  # "Mayor", "Marching": no month
                return f"{name} {year_match.group(1)}" if year_match else name
    return None


def without_overlaps(replacements: list[Replacement], text: str) -> list[Replacement]:
    """Where mentions overlap, the one starting first (then the longest) wins. A mention that
    runs on past the one that wins is not dropped but joined to it ("Flat 7, Calder Court,
    41 Brunswick Street" and "41 Brunswick Street, Northdale ND2 4HX"): its end would otherwise
    be published. Neighbours that read as one are joined too (see _read_as_one)."""
    kept: list[Replacement] = []
    for item in sorted(replacements, key=lambda r: (r.start, -(r.end - r.start), r.target)):
        if kept and item.start < kept[-1].end:
            if item.end > kept[-1].end:
                kept[-1] = replace(kept[-1], end=item.end)
            continue
        if kept and _read_as_one(kept[-1], item, text):
            kept[-1] = replace(kept[-1], end=item.end)
            continue
        kept.append(item)
    return kept


# "Kingfisher Ward at Kelbridge General Hospital" is one place to a reader once both names go.
_JOINING_PLACES = frozenset({" at ", " in ", " of ", ", "})


def _read_as_one(previous: Replacement, item: Replacement, text: str) -> bool:
    """A name followed by a name ("Oskar" "Marsh", found as two entities) is one person, the
    first: two labels in a row ("Sibling 2 Father") would misdescribe the one person they name.
    Two places with the same placeholder joined by "at", "in", "of" or a comma are one place:
    "admitted to [hospital]", not "admitted to [hospital] at [hospital]"."""
    between = text[previous.end : item.start]
    if previous.person and item.person:
        return between == " "
    places = not (previous.person or item.person or previous.month_year or item.month_year)
    return (
        places
        and previous.label == item.label
        and previous.label.startswith("[")
        and between in _JOINING_PLACES
    )


# The words before a date that its month phrase replaces too: "on", "on the evening of",
# "on Tuesday".
_ON_BEFORE = re.compile(
    rf"(?:\b[Oo]n\s+|\b[Oo]n\s+[Tt]he\s+(?:morning|afternoon|evening|night)\s+of\s+|"
    rf"(?<![Oo]n\s)\b[Tt]he\s+(?:morning|afternoon|evening|night)\s+of\s+|"
    rf"\b[Oo]n\s+{_WEEKDAYS},?\s+(?:the\s+)?)$"
)


def _over_on(item: Replacement, text: str) -> Replacement:
    """ "on 14 March 2019" becomes "in March 2019", not "on March 2019"; "on the evening of 3
    May 2023" becomes "one evening in May 2023"."""
    if item.month_year:
        on = _ON_BEFORE.search(text, max(0, item.start - 40), item.start)
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
    """A name set beside the words its label was made from is dropped, not doubled:
    "Sibling 1, Maja Wójcik, was seven" reads "Sibling 1 was seven", "Child T1 (Andrei Popescu)"
    reads "Child T1", "Joan Fell, the paternal grandmother, spoke" reads "The paternal
    grandmother spoke", "Adam Keeble (Father)" reads "Father", and "Mother (Elena Popescu, born
    ...)" reads "Mother (born ...)"."""
    result: list[Replacement] = []
    for item in chosen:
        if item.person and item.label:
            item = _absorbed(item, text, result[-1].end if result else 0)
        result.append(item)
    return result


def _absorbed(item: Replacement, text: str, free_from: int) -> Replacement:
    label = item.label.casefold()
    # The label before the name: "Sibling 1, <name>," or "Child T1 (<name>)".
    for opening, closing in ((", ", ","), (" (", ")")):
        start = item.start - len(item.label) - len(opening)
        before = text[max(0, start) : item.start]
        if (
            start >= free_from
            and before.casefold() == label + opening
            and text[item.end : item.end + len(closing)] == closing
            and (start == 0 or not text[start - 1].isalnum())
        ):
            kept = text[start : start + len(item.label)]
            return replace(item, start=start, end=item.end + len(closing), label=kept)
    # The label after the name: "<name>, the paternal grandmother," or "<name> (Father)".
    after = _DESCRIBED_AFTER.match(text, item.end)
    if after and after.group("words").casefold() == label:
        words = (after.group("article") or "") + after.group("words")
        if after.group("open") == " (":
            words = after.group("words")  # "Adam Keeble (Father)" -> "Father"
        at_start = item.start == 0 or _SENTENCE_BEFORE.search(text, 0, item.start) is not None
        words = words[0].upper() + words[1:] if at_start else words
        return replace(item, end=after.end(), label=words)
    # Inside brackets after the label: "Mother (<name>, born ...)" -> "Mother (born ...)".
    opening = text[max(0, item.start - len(item.label) - 2) : item.start]
    if opening.casefold() == label + " (" and text.startswith(", ", item.end):
        return replace(item, end=item.end + 2, label="")
    return item


_DESCRIBED_AFTER = re.compile(
    r"(?P<open>, | \()(?P<article>(?:the|her|his|their) )?(?P<words>[\w' ’-]{2,40}?)(?:,|\))"
)
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:]\s+|\n\s*|\|\s*)$")


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
    # One operator target for each replacement: mentions of one entity may read differently
    # ("Mother", "The paternal grandmother", nothing at all inside "Mother (..., born").
    targets = [f"{r.target}#{i}" for i, r in enumerate(chosen)]
    results = [
        RecognizerResult(t, r.start, r.end, 1.0) for t, r in zip(targets, chosen, strict=True)
    ]
    operators: dict[str, OperatorConfig] = {}
    for target, r in zip(targets, chosen, strict=True):
        if r.month_year:
            operators[target] = OperatorConfig("custom", {"lambda": month_and_year})
        else:
            # Only names follow the case of a heading; "KE4 7PQ" is in capitals by nature.
            label = _label_in_case(r.label) if r.person else (lambda _, label=r.label: label)
            operators[target] = OperatorConfig("custom", {"lambda": label})
    return _ENGINE.anonymize(text=text, analyzer_results=results, operators=operators).text
