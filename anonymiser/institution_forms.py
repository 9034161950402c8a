"""Short names of the institutions a review names in full: "St Bede's" for St Bede's RC Primary
School, "Sunflower Cottage" for Sunflower Cottage Day Nursery.

A review names a school or a nursery in full once, then by its own name alone ("attends St
Bede's"). That short name points at the family as surely as the full one, so it becomes a
variant of the same entity and is replaced with the same label wherever the text writes it.
Only a short name of two words or more, or a saint's name, is taken: a single word left of a
name ("Oldacre" of Oldacre Primary School) is as often the village itself, which is no school.
The initials of a name of three words or more ("KGH" for Kelbridge General Hospital) are the
same place too, where the text writes them in capitals.
"""

from __future__ import annotations

import re

from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.names import is_common_word
from anonymiser.detect.public_places import is_public_place
from anonymiser.entities import Entity
from anonymiser.ingest import Document
from anonymiser.text import normalise

INSTITUTION_TYPES = frozenset({"SCHOOL", "NURSERY", "GP_PRACTICE", "HOSPITAL", "CARE_HOME"})
# The words that say what kind of place a name is, read from its end: "RC Primary School",
# "Day Nursery", "Medical Centre", "Church of England Junior School".
KIND_WORDS = frozenset(
    """school schools primary infant infants junior juniors secondary high grammar academy
    college nursery nurseries day pre-school preschool rc ce c of e church england catholic
    methodist voluntary aided controlled community foundation free special prep preparatory
    medical centre center practice surgery health group family gp hospital general infirmary
    royal children's childrens care nursing residential home ltd limited""".split()
)
_SAINT = re.compile(r"^St\.?\s+[A-Z][\w'’-]+$")


def add_institution_short_forms(
    entities: list[Entity], documents: list[Document], allow_list: AllowList
) -> None:
    """Add to each institution the short form of its name that the review also writes."""
    bodies = [document.body for document in documents]
    taken = {variant for entity in entities for variant in entity.variants}
    for entity in entities:
        if entity.entity_type not in INSTITUTION_TYPES:
            continue
        # The name as the text writes it (variants are normalised: lower case).
        for form in (short_form(entity.surface), acronym_of(entity.surface)):
            if form is None or normalise(form) in taken or allow_list.allows(form):
                continue
            if any(_written_alone(body, form) for body in bodies):
                entity.variants.add(normalise(form))
                taken.add(normalise(form))


def short_form(name: str) -> str | None:
    """The institution's own name without the words that say its kind, where that is
    distinctive enough to stand for it: two words or more, or a saint's name."""
    words = name.split()
    while words and words[-1].casefold() in KIND_WORDS:
        words.pop()
    if not words or len(words) == len(name.split()):
        return None
    form = " ".join(words)
    if len(words) < 2 and not _SAINT.match(form):
        return None
    if is_public_place(form) or is_common_word(form):
        return None
    return form


_SMALL_WORDS = frozenset({"of", "and", "&", "the", "on", "upon", "in", "for"})


def acronym_of(name: str) -> str | None:
    """The initials a record writes for an institution of three words or more ("KGH" for
    Kelbridge General Hospital), which the text may use without defining them."""
    words = [word for word in name.split() if word.casefold() not in _SMALL_WORDS]
    if len(words) < 3 or not all(word[:1].isupper() for word in words):
        return None
    return "".join(word[0] for word in words)


def _written_alone(body: str, form: str) -> bool:
    """Whether the text writes the short form as a name of its own (capitalised as given)."""
    return re.search(rf"(?<![\w'’]){re.escape(form)}(?![\w])", body) is not None
