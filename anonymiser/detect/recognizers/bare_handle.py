"""Usernames and gamer tags written without "@": "KairoBlitz07", "xXLaceMaeXx", "v0id_girl_",
"kdogg_official23", "ellz.b.x".

A word is taken for a username by a shape ordinary English never has: capitals inside a word that
also holds digits, the "xX...Xx" frame, words joined by underscores, digits standing for letters
inside a word ("l4c3y"). Words joined by dots are also abbreviations ("e.g.", "para.4"), web
addresses and file names, so they count only with a word about accounts nearby.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymiser.detect.recognizers.base import ShapeRecognizer

# Not part of an email address, a web address, a file path, an anchor or a hyphenated word;
# not a front-matter key ("csc_id:") nor code in backticks.
_LEFT = r"(?<![\w@./\\:#&=?%+`-])"
_RIGHT = r"(?![\w@/\\:`-]|\.\w)"
# Only a word with a digit, an underscore, a dot or an "xX" in it can have a username's shape
# (see username_shape): the look-ahead keeps ordinary words from reaching Python at all.
_FEATURE = r"(?=[A-Za-z0-9_.]*(?:[\d_.]|xX|Xx))"
PATTERNS = [
    Pattern(
        "bare handle",
        rf"{_LEFT}{_FEATURE}[A-Za-z0-9][A-Za-z0-9_.]{{2,30}}[A-Za-z0-9_]{_RIGHT}",
        0.6,
    )
]
# Within this many characters before a dotted username, one of these words says what it is.
CONTEXT_WINDOW = 80
CONTEXT = (
    "snapchat|instagram|tiktok|twitter|facebook|discord|roblox|xbox|playstation|psn|fortnite|"
    "minecraft|whatsapp|telegram|youtube|twitch|steam|kik|reddit|threads|online|username|"
    "user\\s+name|user|account|profile|handle|tag|gamertag|gamer|alias|screen\\s+name|"
    "called|named|messaged|posted|server|app"
)
_CONTEXT = re.compile(rf"\b(?:{CONTEXT})\b", re.IGNORECASE)

# A second word starting inside the token: "KairoBlitz07", "TJRourkey05".
_INNER_WORD = re.compile(r".[A-Z][a-z]")
_FRAMED = re.compile(r"^(?:xX|Xx)[A-Za-z0-9_]{2,}(?:Xx|xX)$")
_JOINED = re.compile(r"[A-Za-z0-9]_+[A-Za-z0-9]|[A-Za-z0-9]_+$")
# Digits between lower-case letters ("l4c3y", "v0idgirl"), but not a number before a plural
# ("under18s").
_LEET = re.compile(r"[a-z]\d{1,2}[a-z]")
_NUMBER_PLURAL = re.compile(r"[A-Za-z]+\d+s")
_DOTTED = re.compile(r"^[a-z0-9]+(?:\.[a-z0-9]+)+$")
FILE_EXTENSIONS = frozenset(
    "doc docx pdf txt md rtf odt xls xlsx csv ppt pptx jpg jpeg png gif heic bmp tif tiff mp3 "
    "mp4 mov avi wav zip msg eml htm html xml json yml yaml py js exe".split()
)
# The last part of a web address ("gov.uk", "example.com").
DOMAIN_ENDINGS = frozenset(
    "com org net uk co gov nhs ac edu sch police io info biz me tv eu int app dev ai us ie pl ro "
    "de fr es it nl be au nz ca in".split()
)
# Abbreviations written with dots before a number or another abbreviation ("para.4.2").
DOTTED_ABBREVIATIONS = frozenset(
    "para paras fig figs no nos vol vols ch chap sec sect pp art arts reg regs sch app approx "
    "ref refs tel ext etc vs viz cf ibid op cit al et ed eds rev st ave rd mr mrs ms dr ie eg "
    "cont misc dept min max est".split()
)


def username_shape(token: str) -> str | None:
    """Which username shape `token` has, or None for a word, number or name of anything else."""
    parts = token.split(".")
    if len(parts) > 1 and parts[-1].casefold() in FILE_EXTENSIONS | DOMAIN_ENDINGS:
        return None
    letters = sum(ch.isalpha() for ch in token)
    if letters < 2 or not any(ch.islower() for ch in token):
        return None
    if _FRAMED.match(token):
        return "framed"
    if "_" in token and _JOINED.search(token):
        return "joined"
    if "." not in token and token[0].isalpha():
        if _is_camel_with_digits(token):
            return "camel case with digits"
        if len(token) >= 5 and _LEET.search(token) and not _NUMBER_PLURAL.fullmatch(token):
            return "digits for letters"
    if (
        _DOTTED.match(token)
        and len(token) >= 5
        and letters >= 3
        and parts[0] not in DOTTED_ABBREVIATIONS
        and not all(len(part) == 1 for part in parts)
    ):
        return "dotted"
    return None


def _is_camel_with_digits(token: str) -> bool:
    upper = sum(ch.isupper() for ch in token)
    lower = sum(ch.islower() for ch in token)
    has_digit = any(ch.isdigit() for ch in token)
    return has_digit and upper >= 2 and lower >= 3 and _INNER_WORD.search(token) is not None


class BareHandleRecognizer(ShapeRecognizer):
    ENTITY = "HANDLE"
    PATTERNS = PATTERNS

    def validate_result(self, pattern_text: str) -> bool | None:
        # None keeps the pattern's score; False drops the match.
        return None if username_shape(pattern_text) else False

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        kept = []
        for result in results:
            if username_shape(text[result.start : result.end]) == "dotted":
                before = text[max(0, result.start - CONTEXT_WINDOW) : result.start]
                if not _CONTEXT.search(before):
                    continue
            kept.append(result)
        return kept
