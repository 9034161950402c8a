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


def mask(text: str) -> str:
    """ "Kayden Marsh" -> "K***** M****"; digits keep only their count."""
    masked = []
    for word in text.split():
        head = word[0] if word[0].isalpha() else "*"
        masked.append(head + "*" * (len(word) - 1))
    return " ".join(masked)
