"""The acronym a text defines for a named institution, wherever it stands in that text:
"Harrowdale Royal Infirmary (HRI)" makes every "HRI" of the text the hospital.

Only a definition counts, and only for the institutions and businesses the other recognizers
name (hospitals, clinics, schools, homes, companies): the acronyms of public bodies ("Calder
Valley Hospitals NHS Foundation Trust (CVHFT)") are the partnership's words and stay.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer

from anonymiser.detect.recognizers.base import result
from anonymiser.detect.recognizers.business import CLINIC, GENERIC_WORDS, HOUSING, LEGAL
from anonymiser.detect.recognizers.institution import (
    DEPARTMENT_WORDS,
    KEYWORDS,
    NAME,
    PUBLIC_SERVICE,
    SPACE,
)

# keyword -> type, for the names whose acronym stands for them. Not care ("Children's Social
# Care (CSC)") nor centres and hubs, which are as often the council's own.
_KINDS: dict[str, str] = {
    **{keyword: entity for keyword, entity in KEYWORDS.items() if entity != "ORGANISATION"},
    LEGAL: "ORGANISATION",
    HOUSING: "ORGANISATION",
    CLINIC: "ORGANISATION",
}
_KIND_NAMES = [f"k{i}" for i in range(len(_KINDS))]
# The acronym in brackets is found first and its name read backwards from it: one pattern with
# the name in front would try every capitalised word of the text.
_BRACKETED = re.compile(r"\((?P<acronym>[A-Z][A-Z&]{1,6})\)")
_NAME_BEFORE = re.compile(
    rf"(?P<name>{NAME}{SPACE}(?:"
    + "|".join(f"(?P<{name}>{keyword})" for name, keyword in zip(_KIND_NAMES, _KINDS, strict=True))
    + r"))\b[^\S\n]*$"
)
_REACH = 150
_TYPES = dict(zip(_KIND_NAMES, _KINDS.values(), strict=True))
_SMALL_WORDS = frozenset({"of", "and", "&", "the", "on", "upon", "in"})


def stands_for(acronym: str, name: str) -> bool:
    """Whether the letters of `acronym` are initials of the words of `name`, in order, starting
    with the first: "HRI" for "Harrowdale Royal Infirmary", "SCH" for "St Cuthbert's Hospital"."""
    initials = [word[0].upper() for word in name.split() if word.casefold() not in _SMALL_WORDS]
    letters = acronym.replace("&", "")
    if not initials or not letters or letters[0] != initials[0]:
        return False
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def defined_name(acronym: str, name: str) -> str | None:
    """The part of `name` the acronym stands for, dropping words before it that the pattern
    took along ("Later Brookmere Care Ltd (BCL)" defines "Brookmere Care Ltd"), or None."""
    for word in re.finditer(r"\S+", name):
        if stands_for(acronym, name[word.start() :]):
            return name[word.start() :]
    return None


def names_one_place(name: str) -> bool:
    """Whether a name with an institution's keyword names one place rather than a kind of
    department or service: "Harrowdale Royal Infirmary", not "Paediatric Intensive Care Unit"
    or "Pupil Referral Unit"."""
    words = [word.casefold() for word in name.split()]
    generic = GENERIC_WORDS | DEPARTMENT_WORDS | {"pupil", "referral", "unit", "school", "ward"}
    return not all(word in generic for word in words[:-1]) and not PUBLIC_SERVICE.search(name)


def is_private_institution_acronym(acronym: str, text: str, start: int) -> bool:
    """Whether the acronym in brackets at `start` of `text` ("(HRI)") is defined for a named
    hospital, clinic, school, home or company: for a caller that keeps the acronyms a review
    defines for public bodies."""
    definition = _NAME_BEFORE.search(text, max(0, start - _REACH), start)
    name = definition and defined_name(acronym, definition.group("name"))
    return bool(name) and names_one_place(name)


class DefinedAcronymRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entities=sorted(set(_KINDS.values())), name="DefinedAcronymRecognizer"
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text, entities, nlp_artifacts=None):
        found = []
        for bracketed in _BRACKETED.finditer(text):
            acronym = bracketed.group("acronym")
            definition = _NAME_BEFORE.search(
                text, max(0, bracketed.start() - _REACH), bracketed.start()
            )
            name = definition and defined_name(acronym, definition.group("name"))
            if not name or not names_one_place(name):
                continue
            kind = next(name for name in _KIND_NAMES if definition.group(name) is not None)
            for mention in re.finditer(rf"(?<![\w&]){re.escape(acronym)}(?![\w&])", text):
                found.append(result(self, _TYPES[kind], mention.start(), mention.end(), 0.6))
        return found
