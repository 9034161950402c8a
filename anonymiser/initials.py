"""A person's initials used as shorthand ("KM attended nursery", a chronology table's "KM").

Initials are derived from the full names the review already knows, and only matched where the
text writes them in capitals as a word of their own, never inside another word or in lower
case. They are not fingerprinted: two letters are too common for the leak check to look for
everywhere, so they are found again from the names each time the drafts are read.
"""

from __future__ import annotations

import re
from collections import defaultdict

from anonymiser.detect.abbreviations import COMMON_ABBREVIATIONS
from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.types import PERSON
from anonymiser.entities import Entity, Mention
from anonymiser.ingest import Document
from anonymiser.text import normalise

# "Emergency Department (ED)": an abbreviation the text itself defines is not anyone's initials.
DEFINED = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|and|of|for))+\s+\(([A-Z]{2,4})\)")


_DOTTED_GAP = "[^\\S\\n]?"


def initials_of(entity: Entity) -> str | None:
    words = entity.canonical.split()
    if entity.entity_type != PERSON or not 2 <= len(words) <= 3:
        return None
    return "".join(word[0] for word in words).upper()


def find_initials(entities: list[Entity], documents: list[Document], allow_list: AllowList) -> None:
    """Add every standalone capitalised use of a person's initials as a mention of them."""
    names = {
        variant
        for entity in entities
        if entity.entity_type == PERSON
        for variant in entity.variants
    }
    # "Emergency Department (ED)" defines an abbreviation; "Maureen Pryce (MP)" defines initials.
    defined = {
        m.group(1)
        for d in documents
        for m in DEFINED.finditer(d.body)
        if normalise(m.group(0)[: m.start(1) - m.start(0) - 1]) not in names
    }
    owners: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        initials = initials_of(entity)
        if (
            initials
            and initials.isalpha()
            and initials not in COMMON_ABBREVIATIONS
            and initials not in defined
            and initials.casefold() not in allow_list.terms
        ):
            owners[initials].append(entity)
    if not owners:
        return
    # "KMD", or with dots as forms and records write them: "K.M.D.", "K. M. D.".
    written = "|".join(
        f"{initials}|{_DOTTED_GAP.join(c + '[.]' for c in initials)}" for initials in sorted(owners)
    )
    pattern = re.compile(rf"(?<![\w.&])({written})(?![\w&]|\.\w|[^\S\n]?[A-Z]\.)")
    for document in documents:
        for match in pattern.finditer(document.body):
            initials = re.sub(r"[^A-Z]", "", match.group(1))
            # Shared initials (two "KM"s in one family) go to the first seen: they are
            # removed either way, and the reviewer can relabel.
            entity = min(owners[initials], key=lambda e: e.first_seen)
            entity.mentions.append(
                Mention(document.stem, match.start(), match.end(), match.group(1))
            )
