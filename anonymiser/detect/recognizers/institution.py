"""Named institutions a family can be traced through: schools, nurseries, GP practices,
hospitals and wards, care and children's homes. Public bodies ("Eastmoor Police") are not here:
the allow-list keeps them."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult

from anonymiser.detect.recognizers.base import ShapeRecognizer

NAME_WORD = r"(?:St\.?|[A-Z][\w'’&-]*)"
# Spaces with at most one line break: a name wraps onto the next line, but it never runs on
# past a paragraph ("Safeguarding Adults Board\n\nCSAB Business Unit").
SPACE = r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)"
JOIN = rf"(?:{SPACE}(?:of|and|&|the|on|upon|in){SPACE}|{SPACE})"
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
    r"Medical (?:Centre|Center|Practice|Group)": "GP_PRACTICE",
    r"Health Centre": "GP_PRACTICE",
    r"(?:Family|GP|Medical|General)\s+Practice": "GP_PRACTICE",
    r"Surgery": "GP_PRACTICE",
    r"(?:General\s+|Community\s+|Children['’]s\s+)?Hospital": "HOSPITAL",
    r"(?:Royal\s+|General\s+)?Infirmary": "HOSPITAL",
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
    # The trust that runs a school: "Pennine Crest Learning Trust".
    r"(?:Learning|Academy|Academies|Education|Educational|Schools)\s+Trust": "ORGANISATION",
}
# A company's legal suffix belongs to its name: "Brightpath Home Care Ltd".
LEGAL_SUFFIX = r"(?:\s+(?:Ltd|Limited|LLP|CIC|plc)\b\.?)?"
PATTERNS = [
    Pattern(f"institution {i}", rf"\b{NAME}{SPACE}(?:{keyword})\b{LEGAL_SUFFIX}", 0.75)
    for i, keyword in enumerate(KEYWORDS)
]
# "Ward 7", "Rainbow Ward" is covered above.
PATTERNS.append(Pattern("numbered ward", r"\bWard\s+\d{1,3}[A-Z]?\b", 0.75))
# A home named like a house, recognised by what the text says it is: "Larchfield House care
# home", "Oak Lodge nursing home", "Kestrel House, a children's home", "Calder Lodge, a supported
# accommodation service".
HOUSE_WORDS = r"(?:House|Lodge|Court|Manor|Grange|Hall|View|Gardens)"
HOME_KINDS = (
    r"(?:children['’]s\s+home|care\s+home|nursing\s+home|home|hostel|refuge|foyer|"
    r"supported\s+(?:accommodation|living|housing)|accommodation|residential\s+(?:home|unit|"
    r"placement|school)|placement|secure\s+unit|bail\s+hostel|approved\s+premises)"
)
DESCRIBED_HOME = "described home"
PATTERNS.append(
    Pattern(
        DESCRIBED_HOME,
        rf"\b{NAME}\s+{HOUSE_WORDS}"
        r"(?=\s+(?:care|nursing|residential|children['’]s)\s+home\b"
        rf"|,[^\S\n]+(?:a|an|the)[^\S\n]+(?:[\w'’-]+[^\S\n]+){{0,4}}?{HOME_KINDS}\b)",
        0.75,
    )
)

# A home named like a house, recognised by the stay the text says was offered there, or by
# someone living, moving or working there: "a short respite stay at Beechcroft House", "placed
# at Oak Lodge", "evicted from Calder Lodge", "staff at Thornleigh House". A "Court" someone moved
# to is as often a block of flats, which the street and address recognizers report.
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
LIVED_HOME = "lived home"
PATTERNS.append(
    Pattern(
        LIVED_HOME,
        r"\b(?i:moved|moving|lived|living|lives|returned|evicted|accommodated|housed|resident|"
        r"residents|staff|manager|absconded|missing)\b[^.\n]{0,30}?"
        rf"\b(?:at|to|in|into|from|of)\s+{NAME}\s+(?:House|Lodge|Manor|Grange|Hall)\b",
        0.7,
    )
)
# Courts of law and public halls are no one's home: "returned to the Family Court".
_PUBLIC_BUILDING = re.compile(
    r"(?:Crown|Family|Youth|Magistrates['’]?|County|High|Coroner['’]?s|Coroners['’]?|Civil|"
    r"Criminal|Combined|Supreme|Appeal|Town|City|Civic|Guild|Village|Church|Community|Sports|"
    r"Leisure|Masonic|Assembly|Concert|Market|Parish|Memorial)\s+(?:Court|Hall|House)$"
)
# Services every area runs under its own name, and departments of agencies: "Tamesford Virtual
# School", "Harrowdale Family Hub", "Caldermoor Civic Centre", "HBVSCP Business Unit".
PUBLIC_SERVICE = re.compile(
    r"(?:Virtual\s+School|Family\s+Hubs?|Civic\s+Centre|Job\s*[Cc]entre(?:\s+Plus)?|"
    r"Contact\s+Centre|Safeguarding\s+Hub|(?:Business|Review|Safeguarding|Performance|"
    r"Commissioning|Policy|Research|Quality|Learning|Training|Development|Investigations?|Protection|"
    r"Intelligence|Complaints|Legal|Data|Co-?ordination|Administration)\s+Unit)"
    r"(?:\s+(?:Ltd|Limited|LLP|CIC|plc)\.?)?$"
)

# Not a school, a hospital or a home that carries a university's name: "Kelbridge University
# Technical College" and "University Academy" teach children, "University Hospital" treats them.
_UNIVERSITY = re.compile(
    r"\bUniversity\b(?!.*\b(?:Primary|Infants?|Junior|Secondary|High|Grammar|Special|Free|Prep|"
    r"Academy|Technical|Sixth|Studio|Hospitals?|Infirmary|Ward|Unit|Clinic|Centre|Practice|"
    r"Surgery|Nursery|Home)\b)"
)

# A person named before the institution they work at.
_PERSON_OF = re.compile(
    r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Nurse|Professor|Prof)\.?\s+(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*"
    r"\s+(?:of|at)\s+"
)

_TYPE_OF = [
    (re.compile(rf"(?:{keyword}){LEGAL_SUFFIX}$"), entity) for keyword, entity in KEYWORDS.items()
]
_TYPE_OF.append((re.compile(r"^Ward\s+\d"), "HOSPITAL"))
# A name made only of these words is generic ("the Primary School", "A Hospital").
# A first word that is only capitalised for starting a sentence ("At Brookfield Primary School")
# is not part of the name either.
_GENERIC_WORDS = {
    "The", "A", "An", "This", "That", "Her", "His", "Their", "Local", "New", "Each", "At", "In",
    "On", "To", "From", "By", "For", "With", "Into", "And", "But", "When", "While", "Then",
    "After", "Before", "During", "Since", "Until", "Both", "Our", "Its", "These", "Those",
}  # fmt: skip
# A department every hospital has names no place: "Paediatric Intensive Care Unit".
DEPARTMENT_WORDS = frozenset(
    "paediatric pediatric intensive care neonatal special baby maternity emergency assessment "
    "children's childrens mental health acute medical surgical high dependency burns spinal "
    "stroke cardiac coronary renal day surgery short stay mother and substance misuse "
    "sexual referral leisure community family youth health visiting drug alcohol recovery "
    "secure training sixth form further higher education technical tertiary secondary primary "
    "infant junior grammar the a an".split()
)


# The word each pattern cannot match without (see ShapeRecognizer.NEEDS).
_HOME_WORD = re.compile(r"\b(?:House|Lodge|Court|Manor|Grange|Hall|View|Gardens)\b")
NEEDS = {
    f"institution {i}": re.compile(rf"\b(?:{keyword})\b") for i, keyword in enumerate(KEYWORDS)
}
NEEDS |= {"numbered ward": re.compile(r"\bWard\b")}
NEEDS |= {name: _HOME_WORD for name in (DESCRIBED_HOME, PLACED_HOME, LIVED_HOME)}


class InstitutionRecognizer(ShapeRecognizer):
    ENTITY = "ORGANISATION"
    PATTERNS = PATTERNS
    NEEDS = NEEDS

    def __init__(self) -> None:
        super().__init__()
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
            person = _PERSON_OF.match(found)
            if person and len(found) > person.end():
                # "Dr Anjali Mehta of Hollybank Medical Practice": the practice is after "of".
                result.start += person.end()
                found = found[person.end() :]
            if all(word.casefold() in DEPARTMENT_WORDS for word in found.split()[:-1]):
                continue
            if PUBLIC_SERVICE.search(found) or _PUBLIC_BUILDING.search(found):
                continue
            # A university, and a school of one, teaches tens of thousands of adults: "University
            # of Warwick's Medical School" identifies nobody.
            if _UNIVERSITY.search(found):
                continue
            explanation = result.analysis_explanation
            if explanation and explanation.pattern_name in (PLACED_HOME, LIVED_HOME):
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
