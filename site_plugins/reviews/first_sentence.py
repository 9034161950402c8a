"""The first sentence of a review's summary: what a library card shows of it."""

from __future__ import annotations

import re

# Words written with a full stop that ends no sentence ("Dr. Okafor", "e.g. the school").
# A single capital letter is not among them: reviews name people "Child D", often at the end
# of a sentence ("... the death of Child D. The review ...").
ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr prof st no nos para paras approx e.g i.e etc cf vs jan feb mar apr jun jul "
    "aug sep sept oct nov dec".split()
)

# A sentence ends at . ! or ? (and any closing quote or bracket), before a space and the next
# sentence's first character: a capital, a digit, an opening quote or bracket.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def first_sentence(paragraph: str) -> str:
    """The paragraph's first sentence, or the whole paragraph if it has one sentence."""
    text = " ".join(paragraph.split())
    for end in SENTENCE_END.finditer(text):
        if text[end.start()] == "." and _ends_with_abbreviation(text[: end.start()]):
            continue
        return text[: end.end()]
    return text


def _ends_with_abbreviation(text: str) -> bool:
    word = text.rsplit(" ", 1)[-1].lstrip("(\"'“‘").casefold()
    return word in ABBREVIATIONS
