"""Named institutions a family can be traced through: schools, nurseries, GP practices,
hospitals and wards, care and children's homes. Public bodies ("Eastmoor Police") are not here:
the allow-list keeps them."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from anonymiser.detect.recognizers.base import CASE_SENSITIVE

NAME_WORD = r"(?:St\.?|[A-Z][\w'’&-]*)"
JOIN = r"(?:\s+(?:of|and|&|the|on|upon|in)\s+|\s+)"
NAME = rf"{NAME_WORD}(?:{JOIN}{NAME_WORD}){{0,4}}"

# keyword -> entity type; longer keywords first so "Primary School" wins over "School".
SCHOOL_KINDS = r"(?:Primary|Infant|Junior|Secondary|High|Grammar|Special|Free|Prep(?:aratory)?)"
KEYWORDS: dict[str, str] = {
    rf"{SCHOOL_KINDS}\s+School": "SCHOOL",
    r"School": "SCHOOL",
    r"Academy": "SCHOOL",
    r"College": "SCHOOL",
    r"Pupil Referral Unit": "SCHOOL",
    r"(?:Day\s+)?Nursery": "NURSERY",
    r"Pre-?[Ss]chool": "NURSERY",
    r"Children['’]s Centre": "NURSERY",
    r"Medical (?:Centre|Center|Practice)": "GP_PRACTICE",
    r"Health Centre": "GP_PRACTICE",
    r"(?:Family|GP|Medical|General)\s+Practice": "GP_PRACTICE",
    r"Surgery": "GP_PRACTICE",
    r"(?:General\s+|Community\s+|Children['’]s\s+)?Hospital": "HOSPITAL",
    r"Ward": "HOSPITAL",
    r"Unit": "HOSPITAL",
    r"Centre": "ORGANISATION",
    r"Family Hub": "ORGANISATION",
    r"Hub": "ORGANISATION",
    r"Project": "ORGANISATION",
    r"(?:Care|Nursing|Residential|Children['’]s)\s+Home": "CARE_HOME",
    r"Care Services": "CARE_HOME",
    r"Home Care": "CARE_HOME",
    r"Solicitors": "ORGANISATION",
}
# A company's legal suffix belongs to its name: "Brightpath Home Care Ltd".
LEGAL_SUFFIX = r"(?:\s+(?:Ltd|Limited|LLP|CIC|plc)\b\.?)?"
PATTERNS = [
    Pattern(f"institution {i}", rf"\b{NAME}\s+(?:{keyword})\b{LEGAL_SUFFIX}", 0.75)
    for i, keyword in enumerate(KEYWORDS)
]
# "Ward 7", "Rainbow Ward" is covered above.
PATTERNS.append(Pattern("numbered ward", r"\bWard\s+\d{1,3}[A-Z]?\b", 0.75))
# A home named like a house, recognised by what the text says it is: "Larchfield House care
# home", "Oak Lodge nursing home".
DESCRIBED_HOME = "described home"
PATTERNS.append(
    Pattern(
        DESCRIBED_HOME,
        rf"\b{NAME}\s+(?:House|Lodge|Court|Manor|Grange|Hall|View|Gardens)"
        r"(?=\s+(?:care|nursing|residential|children['’]s)\s+home\b)",
        0.75,
    )
)

# A home named like a house, recognised by the stay the text says was offered there: "a short
# respite stay at Beechcroft House", "placed at Oak Lodge".
PLACED_HOME = "placed home"
HOME_NAME = re.compile(rf"{NAME}\s+(?:House|Lodge|Manor|Grange|Hall|Court)$")
PATTERNS.append(
    Pattern(
        PLACED_HOME,
        r"\b(?:respite|placement|placed|stay|stayed|admitted|discharged)\b[^.\n]{0,30}?"
        rf"\b(?:at|to|in)\s+{NAME}\s+(?:House|Lodge|Manor|Grange|Hall|Court)\b",
        0.7,
    )
)

_TYPE_OF = [
    (re.compile(rf"(?:{keyword}){LEGAL_SUFFIX}$"), entity) for keyword, entity in KEYWORDS.items()
]
_TYPE_OF.append((re.compile(r"^Ward\s+\d"), "HOSPITAL"))
# A name made only of these words is generic ("the Primary School", "A Hospital").
_GENERIC_WORDS = {"The", "A", "An", "This", "That", "Her", "His", "Their", "Local", "New", "Each"}
# A department every hospital has names no place: "Paediatric Intensive Care Unit".
_DEPARTMENT_WORDS = frozenset(
    "paediatric pediatric intensive care neonatal special baby maternity emergency assessment "
    "children's childrens mental health acute medical surgical high dependency burns spinal "
    "stroke cardiac coronary renal day surgery short stay mother and substance misuse "
    "sexual referral leisure community family youth health visiting drug alcohol recovery "
    "secure training the a an".split()
)


class InstitutionRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="ORGANISATION", patterns=PATTERNS, global_regex_flags=CASE_SENSITIVE
        )
        self.supported_entities = sorted(set(KEYWORDS.values()))

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, ["ORGANISATION"], nlp_artifacts, regex_flags)
        typed: list[RecognizerResult] = []
        for result in results:
            found = text[result.start : result.end]
            first = found.split()[0]
            if first in _GENERIC_WORDS:
                # "The Bramble Primary School": keep the name, drop the article.
                rest = found[len(first) :].lstrip()
                if len(rest.split()) < 2:
                    continue
                result.start = result.end - len(rest)
                found = rest
            if all(word.casefold() in _DEPARTMENT_WORDS for word in found.split()[:-1]):
                continue
            explanation = result.analysis_explanation
            if explanation and explanation.pattern_name == PLACED_HOME:
                name = HOME_NAME.search(text, result.start, result.end)
                if name is None:
                    continue
                result.start = name.start()
                result.entity_type = "CARE_HOME"
            elif explanation and explanation.pattern_name == DESCRIBED_HOME:
                result.entity_type = "CARE_HOME"
            else:
                result.entity_type = next(
                    (entity for pattern, entity in _TYPE_OF if pattern.search(found)),
                    "ORGANISATION",
                )
            typed.append(result)
        return typed
