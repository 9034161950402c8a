"""Does the anonymised text still read like a published review? Artefacts of replacement.

Replacing names with labels and placeholders can leave text no comms officer would publish:
"admitted to [hospital] at [hospital]", "the class teacher at [school]'s", "Paternal
Grandmother, the paternal grandmother, spoke", "Person Y's Logistics", three labels in a row.
`artefacts()` finds them in a document's anonymised text, each with its sentence, so `apply`
and the review page can show them (the sentence is anonymised text: it is shown on the comms
officer's machine, never committed), and `apply --strict` can refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REPEATED_PLACEHOLDER = "repeated placeholder"
POSSESSIVE_PLACEHOLDER = "possessive placeholder"
LABEL_SOUP = "labels in a row"
LABEL_AND_DESCRIPTION = "label beside its own description"
LABEL_IN_A_NAME = "label inside a name"
LAYOUT = "layout changed"

PLACEHOLDER = r"\[[a-zA-Z][a-zA-Z ]{1,40}\]"
# "[hospital] at [hospital]", "[school], [school]": the same placeholder twice, joined by a
# small word, says nothing the first did not.
_REPEATED = re.compile(rf"({PLACEHOLDER})(?:,?\s+(?:at|in|of|to|from|near|on)\s+|\s*,\s*)\1")
# "[school]'s" reads as a school that owns something; a placeholder is no name.
_POSSESSIVE = re.compile(rf"{PLACEHOLDER}['’]s\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class Artefact:
    kind: str
    sentence: str


def artefacts(text: str, labels: set[str], original: str | None = None) -> list[Artefact]:
    """The artefacts of `text` (a document's anonymised body), given the labels its people
    were given ("Mother", "Person A") and, if known, the `original` it was made from."""
    found: list[tuple[str, re.Match[str]]] = []
    found += [(REPEATED_PLACEHOLDER, m) for m in _REPEATED.finditer(text)]
    found += [(POSSESSIVE_PLACEHOLDER, m) for m in _POSSESSIVE.finditer(text)]
    names = sorted({label for label in labels if label.strip()}, key=len, reverse=True)
    # "Mother's Partner" is a label of its own, not Mother owning a business.
    label_words = {word.casefold() for name in names for word in name.split()}
    if names:
        label = "(?:" + "|".join(re.escape(name) for name in names) + ")"
        found += [(LABEL_SOUP, m) for m in _soup(label).finditer(text)]
        found += [
            (LABEL_IN_A_NAME, m)
            for m in _in_a_name(label).finditer(text)
            if not _in_heading(text, m.start())
            and m.group(1).casefold() not in label_words
            and not _describes_a_thing(text, m.end())
        ]
        for name in names:
            found += [(LABEL_AND_DESCRIPTION, m) for m in _beside_description(name).finditer(text)]
    # What the draft already says is the writer's ("their mother (Mother)" where the draft
    # declares the pseudonym): only what replacement made is an artefact.
    found = [(kind, m) for kind, m in found if original is None or m.group(0) not in original]
    found.sort(key=lambda item: item[1].start())
    result = [Artefact(kind, sentence_at(text, m.start())) for kind, m in found]
    if original is not None and _layout(original) != _layout(text):
        result.append(Artefact(LAYOUT, "the document's lines, headings or table rows changed"))
    return list(dict.fromkeys(result))


def _soup(label: str) -> re.Pattern[str]:
    """Three labels or placeholders with nothing but spaces between them."""
    one = rf"(?:{label}|{PLACEHOLDER})"
    return re.compile(rf"(?<!\w){one}(?:[^\S\n]+{one}){{2,}}(?!\w)")


def _in_a_name(label: str) -> re.Pattern[str]:
    """ "Person Y's Logistics": a person's label owning a capitalised word, as in the name of
    a business named after them. Group 1 is the word."""
    return re.compile(rf"(?<!\w){label}['’]s[^\S\n]+([A-Z][a-z]+)")


# After "Mother's Romanian" a word in lower case says what the capitalised word describes
# ("mobile", "account"): an adjective or a brand, not a business named after Mother.
_FUNCTION_WORDS = frozenset(
    "at in on of and or for to from by with was were is are had has have the a an as but "
    "when where which who that this".split()
)
_NEXT_WORD = re.compile(r"[^\S\n]+([a-z][\w'’-]*)")


def _describes_a_thing(text: str, end: int) -> bool:
    after = _NEXT_WORD.match(text, end)
    return after is not None and after.group(1) not in _FUNCTION_WORDS


def _in_heading(text: str, position: int) -> bool:
    """Headings capitalise every word ("Child D's Story")."""
    line_start = text.rfind("\n", 0, position) + 1
    return text.startswith("#", line_start)


def _beside_description(name: str) -> re.Pattern[str]:
    """ "Paternal Grandmother, the paternal grandmother," or "the health visitor (Health
    Visitor)": a label set beside the words it was made from."""
    words = r"[^\S\n]+".join(re.escape(word) for word in name.split())
    return re.compile(
        rf"(?i:(?<!\w){words}(?:,|[^\S\n]*\()[^\S\n]*(?:the|her|his|their|a)?[^\S\n]*"
        rf"{words}(?!\w))"
    )


def sentence_at(text: str, position: int) -> str:
    """The sentence (or line) of `text` around `position`."""
    start = 0
    for boundary in _SENTENCE_END.finditer(text, 0, position):
        start = boundary.end()
    end_match = _SENTENCE_END.search(text, position)
    end = end_match.start() if end_match else len(text)
    return text[start:end].strip()


def _layout(text: str) -> list[str]:
    """The shape of a document: for each line, whether it is blank, a heading, a list item, a
    table row or text. Replacing words never changes it."""
    shape = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            shape.append("")
        elif stripped.startswith("#"):
            shape.append("#" * (len(stripped) - len(stripped.lstrip("#"))))
        elif stripped.startswith("|"):
            shape.append("|")
        elif re.match(r"(?:[-*+]|\d{1,3}[.)])\s", stripped):
            shape.append("-")
        else:
            shape.append("text")
    return shape
