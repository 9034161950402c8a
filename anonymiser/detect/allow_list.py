"""What must never be redacted: national bodies, legislation, roles, the review's own
pseudonyms, public bodies by their shape, and the partnership's own terms.

The allow-list does not detect anything; it vetoes detections. A detection that lies inside an
allowed phrase in the text ("Kelbridge" inside "Kelbridge Police") is dropped, and so is one
whose whole text is an allowed term.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from importlib import resources

import yaml

from anonymiser.fingerprints import normalise

# The review's own pseudonyms: "Child D", "Adult R", "Family T", "Sibling 1", "Mother 2".
PSEUDONYM = re.compile(
    r"\b(?:Child|Adult|Family|Sibling|Baby|Infant|Young Person|Subject|Parent|Carer|Mother|"
    r"Father|Brother|Sister|Son|Daughter|Partner|Grandmother|Grandfather|Male|Female|"
    r"Practitioner|Professional|Person|Man|Woman|Boy|Girl|Twin|Household|Worker)"
    r"\s+(?:[A-Z]\d?|\d{1,2})\b(?!\.\w)"
)
# Words that make an allowed area name no more specific: "Eastmoor County", "the Kelbridge area".
GENERIC_PLACE_WORDS = frozenset(
    "the county borough city district town area region council north south east west".split()
)
# Public bodies are recognised by their shape: "<Area> Police", "<Area> County Council
# Children's Services", "<Area> and <Area> NHS Foundation Trust". They stay, and so does the area
# they name. The kind of body is found first and the area words read backwards from it: a single
# pattern with the area in front backtracks at every capitalised word of the text.
PUBLIC_BODY_KIND = re.compile(
    r"(?:Safeguarding\s+(?:Children\s+|Adults?\s+)?(?:Partnership|Board)|"
    r"(?:County\s+|City\s+|Borough\s+|District\s+|Metropolitan\s+Borough\s+)?Council"
    r"(?:['’]s)?(?:\s+(?:Children['’]s|Adult|Adults['’]?)\s+(?:Social\s+Care|Services))?|"
    r"Police|Constabulary|(?:Teaching\s+Hospitals\s+)?NHS\s+(?:Foundation\s+)?Trust|"
    r"Integrated\s+Care\s+(?:Board|System)|Clinical\s+Commissioning\s+Group|CCG|ICB|"
    r"Fire\s+and\s+Rescue\s+Service|Community\s+Health\s+Services|Children['’]s\s+Services|"
    r"Adult\s+Social\s+Care|Youth\s+(?:Justice|Offending)\s+Service|Probation\s+Service|"
    r"Ambulance\s+Service)\b"
)
AREA_BEFORE = re.compile(r"(?:\b[A-Z][\w'’-]+\s+(?:(?:and|&)\s+)?){1,4}$")
_AREA_WORD = re.compile(r"[A-Z][\w'’-]+")


def public_bodies(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, area names) of every public body named in `text`."""
    found = []
    for kind in PUBLIC_BODY_KIND.finditer(text):
        area = AREA_BEFORE.search(text, max(0, kind.start() - 80), kind.start())
        if area is None:
            continue
        names = [
            word
            for word in _AREA_WORD.findall(area.group())
            if word.casefold() not in GENERIC_PLACE_WORDS
        ]
        found.append((area.start(), kind.end(), names))
    return found


class Ranges(list):
    """Allowed (start, end) ranges of one text, merged and sorted, with lookups in log time:
    a long report has thousands of them and tens of thousands of candidate mentions."""

    def __init__(self, spans) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        super().__init__(merged)
        self._starts = [start for start, _ in merged]

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self[i][1]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = max(0, bisect_right(self._starts, start) - 1)
        found = []
        while i < len(self) and self[i][0] < end:
            if self[i][1] > start:
                found.append(self[i])
            i += 1
        return found


@dataclass(frozen=True)
class AllowList:
    """Allowed terms, normalised, and for each first word the patterns of the terms that start
    with it: one pass over the words of a text finds every allowed phrase, where a single
    pattern of hundreds of alternatives would try each of them at every position."""

    terms: frozenset[str]
    by_first_word: dict[str, tuple[re.Pattern[str], ...]]

    @classmethod
    def build(cls, extra_terms: list[str]) -> AllowList:
        defaults = yaml.safe_load(
            resources.files("anonymiser.data").joinpath("allow_list.yml").read_text("utf-8")
        )
        raw = [str(term) for group in defaults.values() for term in group] + list(extra_terms)
        return cls._of(raw)

    @classmethod
    def _of(cls, raw: list[str]) -> AllowList:
        terms = frozenset(normalise(term) for term in raw if normalise(term))
        grouped: dict[str, list[str]] = {}
        for term in {term.strip() for term in raw if term.strip()}:
            first = _WORD.match(term)
            if first:
                grouped.setdefault(first.group().casefold(), []).append(term)
        by_first_word = {
            # Longest first, so "Children Act 1989" wins over "Children".
            word: tuple(
                re.compile(rf"{_flexible(term)}(?!\w)", re.IGNORECASE)
                for term in sorted(group, key=len, reverse=True)
            )
            for word, group in grouped.items()
        }
        return cls(terms, by_first_word)

    def with_areas_of(self, texts: list[str]) -> AllowList:
        """This allow-list plus the areas that the public bodies named in `texts` cover: a
        review that names "Northdale Police" keeps "Northdale" wherever it stands alone."""
        areas = {name for text in texts for _, _, names in public_bodies(text) for name in names}
        new = {area for area in areas if normalise(area) not in self.terms}
        if not new:
            return self
        extra = AllowList._of(sorted(new))
        merged = dict(self.by_first_word)
        for word, patterns in extra.by_first_word.items():
            merged[word] = merged.get(word, ()) + patterns
        return AllowList(self.terms | extra.terms, merged)

    def allows(self, text: str) -> bool:
        """True for an allowed term, also with a generic word around it ("Eastmoor County")."""
        norm = normalise(text)
        if norm in self.terms or (norm.endswith("s") and norm[:-1] in self.terms):
            return True
        core = " ".join(word for word in norm.split() if word not in GENERIC_PLACE_WORDS)
        return bool(core) and core != norm and core in self.terms

    def allowed_ranges(self, text: str) -> Ranges:
        """Where allowed phrases stand in `text`."""
        ranges = [m.span() for m in PSEUDONYM.finditer(text)]
        ranges += [(start, end) for start, end, _ in public_bodies(text)]
        for word in _WORD.finditer(text):
            for pattern in self.by_first_word.get(word.group().casefold(), ()):
                found = pattern.match(text, word.start())
                if found:
                    ranges.append(found.span())
                    break
        return Ranges(ranges)


_WORD = re.compile(r"(?<![\w'’])[\w'’&]+")


def _flexible(term: str) -> str:
    """A regex for a term that tolerates any spacing and either apostrophe."""
    parts = [re.escape(word) for word in term.split()]
    # Any spacing, either apostrophe, and a plural: "Domestic Homicide Reviews".
    pattern = r"\s+".join(parts).replace("'", "['’]").replace("’", "['’]")
    return pattern + "s?" if term[-1:].isalpha() else pattern
