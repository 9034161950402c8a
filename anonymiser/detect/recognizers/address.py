"""Street addresses ("Flat 2, 14 Bramble Close"), streets named alone ("Bramble Close") and
housing estates ("the Fairfield Estate")."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from anonymiser.detect.recognizers.base import CASE_SENSITIVE

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


class AddressRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="ADDRESS", patterns=ADDRESS_PATTERNS, global_regex_flags=CASE_SENSITIVE
        )


class StreetRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="STREET", patterns=STREET_PATTERNS, global_regex_flags=CASE_SENSITIVE
        )


class EstateRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="ESTATE", patterns=ESTATE_PATTERNS, global_regex_flags=CASE_SENSITIVE
        )
