"""Full names that NER misses, found with the name lists: a capitalised given name followed by
a surname ("Hope Adams", "Ioana Popescu", "Kayden Marsh"), with perhaps a middle name.

The surname is accepted when the lists know it, or when it is not an ordinary English word: the
lists cannot hold every family name, but "Kayden Report" is no name.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from wordfreq import zipf_frequency

from anonymiser.detect.gazetteer import is_given_name, is_surname
from anonymiser.detect.names import NOT_NAME_WORDS
from anonymiser.detect.recognizers.base import result

# A capitalised word in any alphabet ("Wójcik", "McLaughlin", "O'Neal", "Jean-Luc").
CAPITALISED = r"(?:[A-Z]|[À-ÖØ-Þ])[^\W\d_]*(?:['’-][^\W\d_]+)*"
# Capitalised words in a row on one line, perhaps with a quoted nickname inside
# (Harold "Junior" Theriault): the candidates.
RUN = re.compile(rf"{CAPITALISED}(?:[ \t]+(?:[\"“]{CAPITALISED}[\"”][ \t]+)?{CAPITALISED})+")
WORD = re.compile(CAPITALISED)
# A given name that is also a very common word ("Will", "May") needs a surname from the lists.
COMMON_ZIPF = 4.5
ORDINARY_ZIPF = 4.0


class GazetteerNameRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="GazetteerNameRecognizer")

    def load(self) -> None:
        """The name lists load on first use (see gazetteer.py)."""

    def analyze(self, text, entities, nlp_artifacts=None):
        results: list[RecognizerResult] = []
        for run in RUN.finditer(text):
            words = list(WORD.finditer(run.group()))
            i = 0
            while i < len(words) - 1:
                for size in (3, 2):
                    window = words[i : i + size]
                    if len(window) == size and _is_full_name([w.group() for w in window]):
                        start = run.start() + window[0].start()
                        end = run.start() + window[-1].end()
                        if _ends_in_a_field_label(text, window[-1].group(), end):
                            continue  # a shorter window, without the label
                        results.append(result(self, "PERSON", start, end, 0.6))
                        i += size
                        break
                else:
                    i += 1
        return results


# The labels of a title block's or a form's fields.
FIELD_LABELS = frozenset(
    "date dated title author status version ref reference address phone telephone email role "
    "agency department time type subject location dob age sex gender signed approved "
    "published updated review draft classification".split()
)


def _ends_in_a_field_label(text: str, last: str, end: int) -> bool:
    """ "Author Date: November 2024": a field's label right before its colon is no surname."""
    return text.startswith(":", end) and last.casefold() in FIELD_LABELS


def _is_full_name(words: list[str]) -> bool:
    first, last = words[0], words[-1].removesuffix("'s").removesuffix("’s")
    if any(w.casefold() in NOT_NAME_WORDS for w in words) or not is_given_name(first):
        return False
    if is_surname(last):
        return True
    if zipf_frequency(first, "en") >= COMMON_ZIPF:
        return False
    return zipf_frequency(last, "en") < ORDINARY_ZIPF and not is_given_name(last)
