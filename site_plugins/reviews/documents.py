"""Anonymised document Markdown: reading it and counting its words. (Fitting its headings under
the page title is outline.py's job.)"""

from __future__ import annotations

import re
from pathlib import Path

# Link targets and inline HTML tags are not words a reader reads.
_NOT_WORDS = re.compile(r"\]\([^)]*\)|<[^>]+>")
# Possessive (*+): a word never gives back its letters, so matching fails fast at its end.
_WORD = re.compile(r"\w+(?:['’]\w+)*+")


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
    """Approximate number of words a reader reads (markup and link targets left out)."""
    # subn counts the words without making a string of each (a build counts millions).
    return _WORD.subn("", _NOT_WORDS.sub(" ", markdown))[1]


def reading_minutes(word_count: int, words_per_minute: int) -> int:
    return max(1, round(word_count / words_per_minute))
