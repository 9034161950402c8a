"""Street addresses ("Flat 2, 14 Bramble Close"), streets named alone ("Bramble Close") and
housing estates ("the Fairfield Estate")."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymiser.detect.gazetteer import is_given_name
from anonymiser.detect.recognizers.base import ShapeRecognizer

STREET_TYPES = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Court|Ct|Place|"
    r"Grove|Gardens|Gdns|Terrace|Walk|Row|Hill|View|Rise|Mews|Square|Parade|Green|Vale|Fields|"
    r"Meadows?|Park|Chase|Croft|Wharf|Yard|Boulevard|Approach|Passage|Wynd|Gate|Fold|Lea|"
    r"Brow|Nook|Garth|Bank|Side|End|Circus|Embankment|Quay|Glade|Dale|Heights|Hollow|Ridge)"
)
NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’]+(?:-[A-ZÀ-ÖØ-ÞĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’]+)?"
STREET = rf"(?:{NAME_WORD}\s+){{1,3}}{STREET_TYPES}\b"
BUILDING_NAME = rf"{NAME_WORD}\s+(?:House|Court|Tower|Lodge|Mansions|Buildings)"
BUILDING = rf"(?:(?:Flat|Apartment|Apt|Unit|Room)\s+\d+[A-Za-z]?,?\s+(?:{BUILDING_NAME},?\s+)?)"

ADDRESS_PATTERNS = [
    # A flat on its own ("moved into Flat 7"): the rest of the address may stand elsewhere.
    Pattern("flat", r"\b(?:Flat|Apartment)\s+\d{1,4}[A-Z]?\b", 0.6),
    Pattern("house number and street", rf"\b{BUILDING}?\d{{1,4}}[A-Za-z]?,?\s+{STREET}", 0.85),
    Pattern(
        "flat in a named building",
        rf"\b(?:Flat|Apartment|Apt)\s+\d+[A-Za-z]?,?\s+{NAME_WORD}\s+(?:House|Court|Tower|Lodge|Mansions)\b",
        0.85,
    ),
]
STREET_PATTERNS = [Pattern("street", rf"\b{STREET}", 0.6)]
ESTATE_PATTERNS = [Pattern("estate", rf"\b(?:{NAME_WORD}\s+){{1,2}}(?:[Ee]state)\b", 0.7)]


class AddressRecognizer(ShapeRecognizer):
    ENTITY = "ADDRESS"
    PATTERNS = ADDRESS_PATTERNS


# A court of law is not a street: "Leeds Crown Court", "the Family Court", "Harrowdale
# Magistrates' Court".
COURT_OF_LAW = re.compile(
    r"\b(?:Crown|Family|Youth|Magistrates['’]?|County|High|Coroner['’]?s|Coroners['’]?|Civil|"
    r"Criminal|Combined|Supreme|Appeal|Appeals|Justice|Law|Tribunal|Sheriff)\s+Court$"
)
# "The Court ordered", "The Street said": a street type after only an article is a word.
_ARTICLE_ONLY = re.compile(r"^(?:The|A|An|This|That|Our|Their|Her|His)\s+\S+$")
# A street type that starts the name of a service: "Caldermoor Street Outreach Team".
STREET_SERVICE = re.compile(
    r"\s+(?:Outreach|Triage|Pastors|Angels|Doctors|Medicine|Kitchen|Team|Services?)\b"
)


# Street types that also end the names of districts and villages ("Brent Vale", "Bethnal Green",
# "West End"): alone, without a house number, they count as a street only where the words around
# say so ("on Tanners Row", "off Priory Heights", "Priory Heights, Tamesford").
PLACE_LIKE_TYPES = re.compile(
    r"\s(?:Vale|Dale|Park|Green|Hill|Fields|Heights|End|Side|Bank|View|Rise|Chase|Lea|Brow|"
    r"Nook|Garth|Ridge|Hollow|Glade|Meadows?|Croft|Fold|Gate|Quay|Wharf|Circus|Embankment)$"
)
_STREET_BEFORE = re.compile(r"\b(?:on|off|along|up|down|onto|opposite|at)\s+(?:the\s+)?$", re.I)
_TOWN_AFTER = re.compile(r",?[^\S\n]+(?:[A-Z][a-z]+|[A-Z]{1,2}\d)")


# "Dr" before a given name is a doctor's title, not "Drive": "Swansea University Dr Rosalind
# Reilly" (a name may follow a line break, as under a heading).
_DOCTOR_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)")


def _doctor_not_drive(text: str, start: int, end: int) -> bool:
    if not text.endswith("Dr", start, end):
        return False
    after = _DOCTOR_AFTER.match(text, end)
    return after is not None and is_given_name(after.group(1))


def _reads_as_street(text: str, start: int, end: int) -> bool:
    if not PLACE_LIKE_TYPES.search(text, start, end):
        return True
    if _STREET_BEFORE.search(text, max(0, start - 16), start):
        return True
    return text.startswith(",", end) and _TOWN_AFTER.match(text, end) is not None


class StreetRecognizer(ShapeRecognizer):
    ENTITY = "STREET"
    PATTERNS = STREET_PATTERNS

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [
            result
            for result in results
            if not COURT_OF_LAW.search(text, result.start, result.end)
            and not _ARTICLE_ONLY.match(text[result.start : result.end])
            and not STREET_SERVICE.match(text, result.end)
            and _reads_as_street(text, result.start, result.end)
            and not _doctor_not_drive(text, result.start, result.end)
        ]


class EstateRecognizer(ShapeRecognizer):
    ENTITY = "ESTATE"
    PATTERNS = ESTATE_PATTERNS
