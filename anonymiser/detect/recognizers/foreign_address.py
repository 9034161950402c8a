"""Addresses abroad as the family writes them: Polish "ul. Ogrodowa 15 m. 3" and "ul. Lipowa
12/4", Romanian "str. Florilor nr. 12, bl. B3, sc. A, ap. 7", "Calle Mayor 8", "Hauptstraße 5",
and the postcodes that go with them ("62-800 Kalisz").

The street's kind comes first and a house number always follows: the number is what makes it an
address rather than a street or a square. A foreign postcode is only a number, so it counts only
where an address stands just before it on the same line.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymiser.detect.recognizers.base import ShapeRecognizer

UPPER = r"[A-ZÀ-ÖØ-ÞĀ-ſȘ-ț]"
LOWER = r"[a-zß-öø-ÿĀ-ſȘ-ț]"
GAP = r"[^\S\n]+"
NAME_WORD = rf"{UPPER}{LOWER}+(?:-{UPPER}{LOWER}+)?"
# "Jana Pawła II", "3 Maja", "de la Paix": a street's name after its kind.
JOINING = r"(?:de|del|della|di|da|do|dos|das|la|le|les|du|des|van|von|der)"
NAME = (
    rf"(?:{NAME_WORD}|\d{{1,2}}{GAP}{NAME_WORD})"
    rf"(?:{GAP}(?:{NAME_WORD}|[IVX]{{1,4}}\b|{JOINING}(?={GAP}{UPPER})))*"
)
HOUSE = r"\d{1,4}[A-Za-z]?"

POLISH = (
    rf"\b(?:ul|(?<!\bet\s)al|os)\.[^\S\n]*{NAME}{GAP}{HOUSE}(?:[^\S\n]*/[^\S\n]*{HOUSE})?"
    rf"(?:,?{GAP}(?:m|lok)\.?[^\S\n]*{HOUSE})?"
)
ROMANIAN = (
    r"\b(?:[Ss]tr\.|[Ss]trada|[Bb]d\.|[Bb]dul\.?|[Ss]os\.|[Șș]os\.|[Cc]alea|[Aa]leea|[Ii]ntrarea)"
    rf"[^\S\n]*{NAME},?{GAP}(?:nr\.?[^\S\n]*)?{HOUSE}"
    rf"(?:,?[^\S\n]*(?:bl|sc|et|ap)\.?[^\S\n]*[A-Z0-9]{{1,4}}\b)*"
)
# The kind of street first, as in most of Europe: "Calle Mayor 8", "Rua das Flores, 12".
STREET_FIRST = (
    rf"\b(?:Calle|Avenida|Rua|Rue|Viale|Strada|Piazza|Plaza|Praça|Carrer|Paseo|Ulica|Aleja)"
    rf"{GAP}{NAME},?{GAP}(?:n[º°o]\.?[^\S\n]*)?{HOUSE}\b"
)
# German and Dutch compounds: "Hauptstraße 5", "Lindenweg 12a". Three digits at most: "Spring
# 2023" is a season.
COMPOUND = (
    rf"\b{UPPER}{LOWER}+(?:straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer|straat|laan|"
    rf"gracht){GAP}\d{{1,3}}[a-z]?\b"
)
ADDRESS_PATTERNS = [
    Pattern("polish address", POLISH, 0.8),
    Pattern("romanian address", ROMANIAN, 0.8),
    Pattern("street kind first", STREET_FIRST, 0.7),
    Pattern("compound street", COMPOUND, 0.7),
]
# A postcode of most of Europe: "62-800" (Poland), "700123" (Romania), "1011" (Netherlands),
# before the name of the town.
POSTCODE_PATTERNS = [
    Pattern("foreign postcode", rf"\b(?:\d{{2}}-\d{{3}}|\d{{4,6}})(?={GAP}{UPPER}{LOWER})", 0.6),
    Pattern("polish postcode after a town", rf"(?<={UPPER}{LOWER}+,?{GAP})\d{{2}}-\d{{3}}\b", 0.6),
]
# A Polish postcode has a shape of its own ("62-800"), so beside a town ("62-800 Kalisz",
# "Kalisz 62-800") it also counts where the line speaks of where someone lives.
POLISH_POSTCODE = re.compile(r"\d{2}-\d{3}")
_TOWN_BEFORE = re.compile(rf"{UPPER}{LOWER}+,?{GAP}$")
_TOWN_AFTER = re.compile(rf"{GAP}{UPPER}{LOWER}+")
_ADDRESS_WORDS = re.compile(
    r"\b(?:address|addresses|lives?|lived|living|resides?|resided|residing|home|moved|"
    r"Poland|Polska)\b",
    re.IGNORECASE,
)
POSTCODE_NAMES = {p.name for p in POSTCODE_PATTERNS}
_ADDRESS = re.compile("|".join(f"(?:{p.regex})" for p in ADDRESS_PATTERNS))
# What may stand between an address and its postcode: ", " or a flat's number and a comma.
_ADDRESS_BEFORE = re.compile(r"[,;]?[^\S\n]*$")
POSTCODE_WINDOW = 80


class ForeignAddressRecognizer(ShapeRecognizer):
    ENTITY = "ADDRESS"
    PATTERNS = ADDRESS_PATTERNS + POSTCODE_PATTERNS

    def __init__(self) -> None:
        super().__init__()
        self.supported_entities = ["ADDRESS", "POSTCODE"]

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, ["ADDRESS"], nlp_artifacts, regex_flags)
        addresses = [
            r for r in results if r.analysis_explanation.pattern_name not in POSTCODE_NAMES
        ]
        kept = list(addresses)
        for result in results:
            if result.analysis_explanation.pattern_name not in POSTCODE_NAMES:
                continue
            if any(a.start <= result.start < a.end for a in addresses):
                continue
            if _follows_an_address(text, result.start) or _polish_postcode_of_a_home(
                text, result.start, result.end
            ):
                result.entity_type = "POSTCODE"
                kept.append(result)
        return kept


def _follows_an_address(text: str, start: int) -> bool:
    """Whether an address found by these patterns ends just before `start` on the same line."""
    line_start = text.rfind("\n", 0, start) + 1
    window = max(line_start, start - POSTCODE_WINDOW)
    for address in _ADDRESS.finditer(text, window, start):
        if _ADDRESS_BEFORE.fullmatch(text, address.end(), start):
            return True
    return False


def _polish_postcode_of_a_home(text: str, start: int, end: int) -> bool:
    """ "62-800" beside a town, on a line that speaks of where someone lives."""
    if not POLISH_POSTCODE.fullmatch(text, start, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    beside_town = _TOWN_BEFORE.search(text, line_start, start) or _TOWN_AFTER.match(text, end)
    before = text[max(line_start, start - POSTCODE_WINDOW) : start]
    return bool(beside_town) and _ADDRESS_WORDS.search(before) is not None
