"""The leak check: read every published surface, report anything that could identify someone.

It never prints what it found: a finding names the file, line, column, detector and type, and
shows a masked preview ("K***** M****"), so a CI log stays safe to publish.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    detector: str
    entity_type: str
    preview: str
    entity_id: str = ""
    # Where inside the file, when line and column alone do not say it: "page 2" of a PDF,
    # "metadata (Author)", "decompressed" for a gzip-compressed Pagefind file.
    part: str = ""


@dataclass(frozen=True)
class Problem:
    """A file that could not be checked: the check is incomplete, so it exits 2."""

    path: str
    message: str


def mask(text: str) -> str:
    """ "Kayden Marsh" -> "K***** M****"; a word that does not start with a letter (a number,
    an email's local part after its first letter) shows only its length."""
    masked = []
    for word in text.split():
        head = word[0] if word[0].isalpha() else "*"
        masked.append(head + "*" * (len(word) - 1))
    return " ".join(masked)
