"""Anonymised document Markdown: reading it and counting its words. (Fitting its headings under
the page title is outline.py's job.)"""

from __future__ import annotations

import re
from pathlib import Path

# Link targets and inline HTML tags are not words a reader reads.
_NOT_WORDS = re.compile(r"\]\([^)]*\)|<[^>]+>")
# A word: letters, digits and underscores (\w), joined by apostrophes ("don't", "A1's").
# Possessive (*+): a word never gives back its letters, so matching fails fast at its end.
_WORD = re.compile(r"\w+(?:['’]\w+)*+")
# For counting fast (see count_words): every byte of an ASCII character that is not a word's
# (punctuation, white space, the apostrophe too) becomes a space; the bytes of all other
# characters are kept.
_ASCII_NON_WORD_TO_SPACE = bytes(
    byte if chr(byte).isalnum() or chr(byte) == "_" or byte >= 0x80 else 0x20 for byte in range(256)
)


class DocumentReadError(Exception):
    """A document listed in review.yml cannot be read as UTF-8 text."""


def read_document(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentReadError(
            f"is not UTF-8 text ({error.reason} at byte {error.start}); "
            "documents must be UTF-8 Markdown as written by the anonymiser"
        ) from error
    return text.replace("\r\n", "\n")


def count_words(markdown: str) -> int:
    """Approximate number of words a reader reads (markup and link targets left out): the
    matches of _WORD in the text, counted without the regular expression going through every
    character, which takes seconds on a large library.

    In UTF-8, with each ASCII character that is not a word's turned into a space, a run of
    bytes between spaces is one word if it is all ASCII; one with other characters (é, ’, —, a
    no-break space) is counted by _WORD. An ASCII apostrophe was a space too: each one between
    two word characters joined two of the runs counted into one word."""
    text = _NOT_WORDS.sub(" ", markdown)
    data = text.encode("utf-8", "surrogatepass")
    runs = data.translate(_ASCII_NON_WORD_TO_SPACE).split()
    count = len(runs)
    if not data.isascii():
        others = [run for run in runs if not run.isascii()]
        joined = b" ".join(others).decode("utf-8", "surrogatepass")
        count += _WORD.subn("", joined)[1] - len(others)
    return count - _apostrophes_inside_words(text)


def _apostrophes_inside_words(text: str) -> int:
    inside = 0
    at = text.find("'", 1)
    while at != -1 and at < len(text) - 1:
        if _is_word_character(text[at - 1]) and _is_word_character(text[at + 1]):
            inside += 1
        at = text.find("'", at + 1)
    return inside


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def reading_minutes(word_count: int, words_per_minute: int) -> int:
    return max(1, round(word_count / words_per_minute))
