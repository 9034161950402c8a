"""Full names with a middle initial that NER misses: "Ilse K. Varga", "Dorin T Maćkowiak".

A capitalised word, one capital letter (with or without its full stop) and a capitalised word
is how forms, letters and signatures write a person. Neither word may be an ordinary English
word ("Appendix B Kelbridge", "Plan B Review"), unless the name lists know it.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer
from wordfreq import zipf_frequency

from anonymiser.detect.gazetteer import is_name
from anonymiser.detect.recognizers.base import result

WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’]+(?:-[A-ZÀ-ÖØ-ÞĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’]+)?"
NAME_WITH_INITIAL = re.compile(
    rf"(?<![\w.-])(?P<first>{WORD})[ \t]+[A-Z](?:\.[ \t]*|[ \t]+)(?P<last>{WORD})(?![\w-])"
)
# A word this common in English is a word, unless the name lists know it.
WORD_ZIPF = 3.5


def _name_word(word: str) -> bool:
    return is_name(word) or zipf_frequency(word.casefold(), "en") < WORD_ZIPF


class MiddleInitialRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="MiddleInitialRecognizer")

    def load(self) -> None:
        """Nothing to load: the name lists load on first use."""

    def analyze(self, text, entities, nlp_artifacts=None):
        return [
            result(self, "PERSON", match.start(), match.end(), 0.5)
            for match in NAME_WITH_INITIAL.finditer(text)
            if _name_word(match.group("first")) and _name_word(match.group("last"))
        ]
