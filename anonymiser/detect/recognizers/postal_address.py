"""Postal addresses written as an envelope is: a house number and street, then the flat or
suite, the town, the state or region, the postcode or ZIP code and the country, on one line or
several ("1420 Maple Ridge Road Apt. 7, Dunmore, PA 18512"; "Apt. 4 / 88 Vesterbrogade 12 /
Copenhagen / Denmark 1620"), PO boxes ("P.O. Box 317") and US forces' addresses ("PSC 1234,
Box 5678 / APO AE 09123").

The address starts at what only an address has: a house number before a street (of any
country: "7 Põllu 59", "12 rue des Lilas"), a flat or suite number, a PO box. What follows it
is taken while it reads as the rest of an envelope, part by part. A town alone after a British
street ("14 Bramble Close, Kelbridge") is left to the place rules: it is taken only when a
postcode, region or country follows it, or when the street is written as abroad.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from presidio_analyzer import EntityRecognizer
from wordfreq import zipf_frequency

from anonymiser.detect.recognizers.address import BUILDING, NAME_WORD, STREET_TYPES
from anonymiser.detect.recognizers.base import result

GAP = r"[^\S\n]+"
# A capitalised word of any alphabet, perhaps abbreviated ("Λ.", "Avda.") or hyphenated.
CAPITAL_WORD = r"(?:[^\W\d_](?<=[A-ZÀ-ÖØ-ÞĀ-ſȘ-țΑ-ΩΆ-ΏА-Я])[^\W\d_]*(?:['’-][^\W\d_]+)*\.?)(?!\w)"
# The same without a full stop: a town's or corner street's words end no sentence inside them.
PLAIN_CAPITAL_WORD = (
    r"(?:[^\W\d_](?<=[A-ZÀ-ÖØ-ÞĀ-ſȘ-țΑ-ΩΆ-ΏА-Я])[^\W\d_]*(?:['’-][^\W\d_]+)*)(?!\w)"
)
# Words that join a street's or town's name: "Rua Cidade de Maracajá", "Dol pri Ljubljani".
JOINING = (
    r"(?:de|del|dei|della|delle|di|da|do|dos|das|la|las|los|le|les|el|du|des|van|von|der|den|"
    r"ten|im|am|an|pri|na|nad|pod|u|v|y|e|og|och)"
)
# A street's kind written in lower case, as many languages do: "Gosposka ulica", "Rákóczi út".
LOWER_KIND = (
    r"(?:ulica|utca|út|útja|u\.|ul\.|gate|gata|gatan|vej|vei|veien|vegur|gade|põik|tee|tänav|"
    r"iela|katu|tie|straat|laan|weg|cesta|ulice|rue|sokak|caddesi|str\.|calle|rua|via)"
)
# A lower-case word just before the street's kind is part of its name: "Árpád fejedelem útja".
STREET_WORD = (
    rf"(?:{CAPITAL_WORD}|{LOWER_KIND}|{JOINING}(?={GAP}[^\W\d_])|"
    rf"[^\W\d_]+(?={GAP}{LOWER_KIND}{GAP}\d))"
)
HOUSE = r"\d{1,5}[A-Za-z]?"
# A house number not inside another number, date or reference ("12/04", "3.5", "A12").
HOUSE_START = rf"(?<![\w/.,:-]){HOUSE}"
# "43554 49 Rue du Niger": a building number may stand before the street's own.
LEAD = rf"{HOUSE_START}(?:{GAP}{HOUSE})?"
# US street kinds the British list does not have (with a house number before them only).
MORE_STREET_TYPES = (
    r"(?:Plaza|Village|Villages|Mountains?|Inlet|Shoals?|Wells?|Ways|Lights?|Points?|Ports?|"
    r"Ranch|Valley|Falls|Ferry|Forge|Harbou?r|Junction|Keys?|Knolls?|Landing|Loop|Manor|"
    r"Mills?|Orchard|Oval|Pass|Path|Pike|Pines|Plains?|Prairie|Rapids|Route|Run|Shores?|"
    r"Spurs?|Springs?|Stream|Summit|Trace|Track|Trail|Tunnel|Turnpike|Vista|Causeway|Center|"
    r"Centre|Circle|Cliffs?|Corners?|Course|Cove|Creek|Crest|Crossing|Curve|Divide|Expressway|"
    r"Extension|Flats?|Ford|Forest|Fork|Freeway|Glen|Haven|Highway|Hwy|Islands?|Isle|Lakes?|"
    r"Locks?|Neck|Parkway|Pkwy|Alley|Annex|Arcade|Bluffs?|Branch|Bridge|Brook|Bypass|Camp|"
    r"Canyon|Cape|Common|Dam|Estates?|Gateway|Hills|Mall|Mount|Radial|Ramp|Ridge|River|"
    r"Skyway|Station|Street|Walks|Wall|Str(?=\.))"
)
SAINT = r"(?:St\.?|Ste\.?)"
ORDINAL = r"\d{1,3}(?:st|nd|rd|th)"
ENGLISH_STREET = (
    rf"(?:(?:{NAME_WORD}|{SAINT}|{ORDINAL}){GAP}){{0,3}}(?:{NAME_WORD}|{ORDINAL}){GAP}"
    rf"(?:{STREET_TYPES}|{MORE_STREET_TYPES})\b\.?"
)
# "7 Põllu 59", "158 Gosposka ulica 117", "831 Munkácsy Mihály út 65.": a building number,
# a street of another country and the street's own number.
NUMBERED_ABROAD = rf"{LEAD}{GAP}(?:{STREET_WORD}{GAP}){{1,4}}{HOUSE}\b\.?"
# "45 rue Pierre Motte", "106 Rue Ettatawer", "9 Via Roma": the street's kind first.
KIND_FIRST = (
    rf"{LEAD}{GAP}(?:[Rr]ue|[Vv]ia|[Rr]ua|R\.?|[Cc]alle|C/|Avda\.|Avenida|Ctra\.|"
    rf"Boulevard|Bd\.?|Av\.|Viale|Piazza|Plaza|Carrer|Paseo|Praça|Avenue|Estrada|Travessa|"
    rf"Largo|Rambla|Camino|[Cc]hemin|[Cc]ours|[Aa]llée|[Ii]mpasse|[Qq]uai){GAP}"
    rf"(?:{STREET_WORD}{GAP}){{0,3}}{CAPITAL_WORD}(?:{GAP}{HOUSE}\b)?"
)
# "Flat 7, Calder Court, 41 Brunswick Street": the flat and building before the number too.
NUMBERED_ENGLISH = rf"{BUILDING}?{LEAD},?{GAP}{ENGLISH_STREET}"
# Without a building number, a street of another country is known by its kind: first ("Via
# Roma 12", "Ctra. Villena 79"), last in lower case ("Vidkuns gate 71", "Merineitsi põik 55") or
# at the end of one word ("Östbygatan 14", "Bössgränd 56").
KIND_THEN_NUMBER = (
    rf"(?<![\w.])(?:Via|R|Rua|Ctra\.|Avda\.|C/|Calle|Avenida|Viale|Carrer|Paseo|Praça|"
    rf"Estrada|Travessa|Largo|Rambla|Camino|"
    rf"Λεωφόρος|Οδός){GAP}(?:{STREET_WORD}{GAP}){{0,3}}{CAPITAL_WORD}{GAP}{HOUSE}\b"
)
NAME_THEN_KIND = (
    rf"(?<![\w.]){CAPITAL_WORD}{GAP}(?:(?:{CAPITAL_WORD}|[^\W\d_]+){GAP}){{0,2}}"
    rf"(?:ulica|utca|út|útja|gate|gata|gatan|vej|vei|"
    rf"veien|vegur|gade|põik|tänav|iela|katu|plass|torget|sokak|caddesi){GAP}{HOUSE}\b"
)
COMPOUND_KIND = (
    r"(?<![\w.])[^\W\d_](?<=[A-ZÀ-ÖØ-ÞĀ-ſ])[^\W\d_]*(?:gatan|gata|vägen|stigen|gränd|gade|gård|"
    rf"vegur|veien|katu|plass|torget|straat|strasse|straße|allee|platz|gasse|weg|vej|laan|tie)"
    rf"{GAP}{HOUSE}\b"
)
# "the corner of Mill Lane and Station Road"
CORNER_STREET = (
    rf"(?:{LEAD}{GAP})?(?:(?:{PLAIN_CAPITAL_WORD}|{JOINING}){GAP}){{0,3}}{PLAIN_CAPITAL_WORD}"
    rf"(?:{GAP}{HOUSE}\b)?"
)
CORNER = rf"\b(?:the{GAP})?corner{GAP}of{GAP}{CORNER_STREET}{GAP}and{GAP}{CORNER_STREET}"
UNIT = r"\b(?:Apt\.?|Apartment|Suite|Ste\.|Unit|Flat)[^\S\n]*#?\d{1,5}[A-Za-z]?\b"
PO_BOX = r"\b(?:P\.[^\S\n]?O\.|PO|Post[^\S\n]+Office)[^\S\n]*Box[^\S\n]+\d{1,6}\b"
FORCES_BOX = r"\b(?:PSC|CMR|Unit)[^\S\n]+\d{3,5},?[^\S\n]+Box[^\S\n]+\d{3,5}\b"
FORCES_POST = r"\b[AFD]PO[^\S\n]+A[AEP][^\S\n]+\d{5}\b"
SHIP = rf"\b(?:USS|USNS|USNV|USCGC){GAP}{CAPITAL_WORD}(?:{GAP}{CAPITAL_WORD})?"

# Each start, and whether it is written as abroad (then a town alone may follow it).
STARTS = [
    (re.compile(NUMBERED_ENGLISH), False),
    (re.compile(NUMBERED_ABROAD), True),
    (re.compile(KIND_FIRST), True),
    (re.compile(KIND_THEN_NUMBER), True),
    (re.compile(NAME_THEN_KIND), True),
    (re.compile(COMPOUND_KIND), True),
    (re.compile(CORNER), False),
    (re.compile(rf"{HOUSE_START}{GAP}{PO_BOX}|{PO_BOX}"), True),
    (re.compile(FORCES_BOX), True),
    (re.compile(rf"{UNIT}(?={GAP}{HOUSE_START}{GAP})"), True),
    (re.compile(rf"{SHIP}(?=[^\S\n]*\n?[^\S\n]*{FORCES_POST})"), True),
]
# Starts whose words must include one rare in English: "12 Children 3" is no address.
RARE_WORD_NEEDED = {NUMBERED_ABROAD, NAME_THEN_KIND}
ADDRESS_BEFORE = re.compile(
    r"\b(?:address(?:\s+is)?|lives?\s+(?:at|on)|lived\s+(?:at|on)|moved\s+to|sent\s+to)"
    r"[:\s]*$",
    re.IGNORECASE,
)
# What separates the parts of an address: a comma, spaces, one line break.
# A line may start with a list's bullet ("• Apt. 4", "> Kelbridge").
BULLET = r"(?:[•·*>?}–][•·*>?}–]?[•·*>?}–]?[^\S\n]*)?"
SEPARATOR = re.compile(
    rf"[^\S\n]*(?:,[^\S\n]*(?:\n[^\S\n]*{BULLET})?|\n[^\S\n]*{BULLET},?)?[^\S\n]*(?=\S)"
)
# A ZIP or European postcode, a British one ("KB4 2XY"), a Canadian one ("K1A 0B1").
BLANK_LINE = re.compile(r"[^\S\n]*\n[^\S\n]*\n[^\S\n]*(?=\S)")
ZIP = (
    r"(?:\d{4,6}(?:-\d{3,4})?|[A-Z]{1,2}\d[A-Z\d]?[^\S\n]?\d[A-Z]{2}|"
    r"[A-Z]\d[A-Z][^\S\n]?\d[A-Z]\d)\b"
)
# "PA 18512", "HA" at the end of a line: a state's or region's code, not an acronym in a
# sentence ("CSC said").
REGION_CODE = rf"[A-Z]{{1,3}}(?=[^\S\n]*(?:[\n,.?!;)]|$)|\s+{ZIP})"
TOWN = (
    rf"(?>{PLAIN_CAPITAL_WORD}(?:(?:{GAP}|-)(?:{PLAIN_CAPITAL_WORD}|{JOINING}(?={GAP}[^\W\d_])))*"
    r"(?:[^\S\n]*\([^()\n]{1,20}\))?)"
)


@dataclass(frozen=True)
class Part:
    pattern: re.Pattern
    # A strong part makes what comes before it an address line; a town alone does not.
    strong: bool


PARTS = [
    Part(
        re.compile(
            rf"(?:{UNIT}|{PO_BOX}|{FORCES_POST}|{NUMBERED_ENGLISH}|{NUMBERED_ABROAD}|{KIND_FIRST})"
        ),
        True,
    ),
    Part(re.compile(ZIP), True),
    Part(re.compile(REGION_CODE), True),
    Part(re.compile(rf"{TOWN}(?![^\S\n]*:)"), False),
]
MONTHS = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|"
    r"June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)\b"
)
# A street abroad has at least one word this rare in English: "12 Children 3" is no address.
RARE_ZIPF = 2.0
LONG_WORD = 7
COMMON_ZIPF = 3.5
# A number after these words is not a building's: "Year 6", "Section 47", "Ward 12".
COUNTED = re.compile(
    r"\b(?:Year|Section|Stage|Page|Paragraph|Para|Level|Step|Grade|Ward|Room|Table|Figure|"
    r"Appendix|Chapter|Bay|Bed|Floor|Cell|Session|Week|Day|Episode|Item|Point)[^\S\n]*$",
    re.IGNORECASE,
)
MAX_PARTS = 8
# A town's first word is not this common an English word.
WORD_ZIPF = 5.0


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    import pycountry

    names = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name:
                names.add(name.casefold())
    return frozenset(names | {"united states", "united kingdom", "czech republic", "usa", "uk"})


def _is_country(text: str) -> bool:
    return re.sub(r"\s*\([^)]*\)$", "", text).casefold() in country_names()


def _names_a_common_word(text: str) -> bool:
    """ "Via Zoom 12": after the street's kind, a word of English, not a street's name."""
    words = re.findall(r"[^\W\d_]+", text)[1:]
    return any(zipf_frequency(word.casefold(), "en") >= COMMON_ZIPF for word in words)


def _reads_as_street_abroad(text: str) -> bool:
    """ "7 Põllu 59", "811 Sandagervej 70": a word no English text has. Not a score ("14 Hawks
    3") or a date ("12 March 2023")."""
    if MONTHS.search(text):
        return False
    if re.search(rf"(?<!\w){LOWER_KIND}(?!\w)|(?<!\w){JOINING}(?!\w)", text):
        return True
    words = re.findall(r"[^\W\d_]+", text)
    return any(
        not word.isascii()
        or (len(word) >= LONG_WORD and zipf_frequency(word.casefold(), "en") < RARE_ZIPF)
        for word in words
    )


# After a town in capitals ("PORI", "SAINTE-FOY"), the line ends, or a comma or a code follows.
_LINE_GOES_ON = re.compile(r"[^\S\n]*(?:\n|,|$|[.?!](?:\s|$)|[A-Z0-9]{2})")


def _town_in_capitals(text: str, start: int, end: int) -> bool:
    """ "PORI", "POPPENDORF IM BURGENLAND" on an envelope's line; not "CSC said"."""
    town = text[start:end]
    letters = sum(character.isalpha() for character in town)
    return town.isupper() and letters >= 4 and _LINE_GOES_ON.match(text, end) is not None


def _starts_with_a_word(town: str) -> bool:
    """ "The", "Then", "Mobile": the next line's first word, not a town."""
    first = re.match(r"[^\W\d_]+", town)
    return bool(first) and zipf_frequency(first.group().casefold(), "en") >= WORD_ZIPF


def address_end(text: str, end: int, abroad: bool) -> int:
    """Where the address that starts before `end` ends, over the parts that follow it."""
    last_strong, last_any = end, end
    position = end
    for _ in range(MAX_PARTS):
        gap = SEPARATOR.match(text, position) or BLANK_LINE.match(text, position)
        if gap is None:
            break
        # After a blank line only a country or a postcode still belongs to the address.
        after_blank_line = gap.group().count("\n") > 1
        start = gap.end()
        for part in PARTS:
            found = part.pattern.match(text, start)
            if found and found.end() > start:
                strong = (
                    part.strong
                    or _is_country(found.group())
                    or _town_in_capitals(text, found.start(), found.end())
                )
                if not strong and (after_blank_line or _starts_with_a_word(found.group())):
                    return last_any if abroad else last_strong
                position = found.end()
                last_any = position
                if strong:
                    last_strong = position
                break
        else:
            break
    return last_any if abroad else last_strong


class PostalAddressRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["ADDRESS"], name="PostalAddressRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        found = []
        for pattern, abroad in STARTS:
            for start in pattern.finditer(text):
                if COUNTED.search(text, max(0, start.start() - 12), start.start()):
                    continue
                if pattern.pattern == KIND_THEN_NUMBER and _names_a_common_word(start.group()):
                    continue
                end = address_end(text, start.end(), abroad)
                # Without a rare word, a flat, postcode or country after it, or "address:"
                # before it, says it is an address ("4645 Allika 46", "841 Jahu 56 Suite 6").
                if (
                    pattern.pattern in RARE_WORD_NEEDED
                    and not _reads_as_street_abroad(start.group())
                    and address_end(text, start.end(), abroad=False) == start.end()
                    and not ADDRESS_BEFORE.search(text, max(0, start.start() - 30), start.start())
                ):
                    continue
                found.append(result(self, "ADDRESS", start.start(), end, 0.8))
        # One address is one result: not also its tail from a later start ("005 Apt. 859, ...").
        return [
            one
            for one in found
            if not any(
                other.start <= one.start
                and one.end <= other.end
                and (other.start, other.end) != (one.start, one.end)
                for other in found
            )
        ]
