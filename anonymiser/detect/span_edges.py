"""The edges of a detected span: where a name, a place or a number starts and ends.

Recognizers and NER find spans a little too wide or too long: spaces and punctuation at the
edges, a title or a sentence's first word before a name, a possessive after it, two fields of
a record line read as one name. These functions cut a span to what it names.
"""

from __future__ import annotations

import copy
import re

from anonymiser.detect.names import given_name_and_surname_at, is_common_word
from anonymiser.detect.recognizers.titled_name import TITLE_AT_START
from anonymiser.detect.types import PERSON

# NER reads a record line's fields as one person: "Dr H. Okafor - WISNIEWSKA, Natalia" (the
# clinician, then the patient). A name never runs over a spaced dash or slash, a bar or a
# semicolon ("jordan k  /  Nat" are two writers).
_FIELD_SEPARATOR = re.compile(r"[^\S\n]+[-–—|/][^\S\n]+|[^\S\n]*[;|][^\S\n]*")

_FIRST_WORD = re.compile(r"(\w+)\s+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*|[#|*]\s*)$")
_LAST_LOWER_WORD = re.compile(r"\s+[a-z]+$")
_POSSESSIVE = re.compile(r"['’][sS]\s+\S")
_EDGE_PUNCTUATION = set(".,;:!?()[]{}\"'’‘“”*_")


def fields_of(text: str, result):
    """A spaCy span cut at field separators, each part a result of its own (see _FIELD_SEPARATOR).

    Presidio drops a result inside a longer one of the same type and score, so the title
    recognizer's "H. Okafor" is gone by now: the part has to come back from spaCy's span."""
    recognizer = (result.recognition_metadata or {}).get("recognizer_name", "")
    if recognizer != "SpacyRecognizer":
        return [result]
    cuts = list(_FIELD_SEPARATOR.finditer(text, result.start, result.end))
    if not cuts:
        return [result]
    parts, start = [], result.start
    for cut in [*cuts, None]:
        end = cut.start() if cut else result.end
        if end > start:
            part = copy.copy(result)
            part.start, part.end = start, end
            parts.append(part)
        start = cut.end() if cut else end
    return parts


def trim_span(
    text: str, start: int, end: int, entity_type: str, as_written: bool = False
) -> tuple[int, int]:
    """Drop surrounding spaces and punctuation, a possessive "'s" and a person's title. A name
    `as_written` in a message may end in lower case ("jordan k")."""
    # A handle keeps its underscores ("@v0idgirl_").
    edge = _EDGE_PUNCTUATION - {"_"} if entity_type == "HANDLE" else _EDGE_PUNCTUATION
    while start < end and (text[start].isspace() or text[start] in edge):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in edge):
        end -= 1
    if text[start:end].endswith(("'s", "’s", "'S", "’S")) and end - start > 2:
        end -= 2
    if entity_type in ("LOCATION", "ORGANISATION") and text.startswith(("the ", "The "), start):
        start += 4  # "the City of London Police": the body is "City of London Police"
    if entity_type == PERSON:
        # A name starts and ends with a letter: "Julio Iglesias &" is "Julio Iglesias".
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        # "Later Mr Marsh" (NER took the sentence's first word along): the name starts after
        # any leading common word and after a formal title.
        while True:
            title = TITLE_AT_START.match(text, start, end)
            if title and title.end() < end:
                start = title.end()
                continue
            # Only at the start of a sentence is a common word capitalised for being first:
            # mid-sentence, "Camera Shanahan" is a name as written.
            first = _FIRST_WORD.match(text, start, end)
            if (
                first
                and first.end() < end
                and is_common_word(first.group(1))
                and (
                    _SENTENCE_START.search(text, max(0, start - 4), start)
                    or given_name_and_surname_at(text, first.end(), end)
                )
            ):
                start = first.end()
                continue
            # "Theriault of": a name does not end with a word in lower case.
            last = None if as_written else _LAST_LOWER_WORD.search(text, start, end)
            if last:
                end = last.start()
                continue
            # "KAYDEN'S STORY": what follows a possessive is not part of the name.
            possessive = _POSSESSIVE.search(text, start, end)
            if possessive:
                end = possessive.start()
                continue
            return start, end
    return start, end
