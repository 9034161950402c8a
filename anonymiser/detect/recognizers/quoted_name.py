"""Names written in lower case inside quoted messages: "kayden is asleep", 'tell ioana'.

Texts and social media messages quoted in a review keep their writers' spelling. A lower-case
word inside quotation marks is taken as a name when the lists know it as a given name and it is
rare as an English word (so "will" and "grace" stay words).
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer
from wordfreq import zipf_frequency

from anonymiser.detect.gazetteer import is_given_name
from anonymiser.detect.recognizers.base import result

QUOTED = re.compile(r"[\"“]([^\"“”\n]{1,400})[\"”]|[‘']([^'‘’\n]{1,400})[’'](?!\w)")
LOWER_WORD = re.compile(r"(?<![\w'’])[a-zß-öø-ÿĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’-]{2,}(?![\w'’])")
RARE_ZIPF = 3.8


class QuotedNameRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="QuotedNameRecognizer")

    def load(self) -> None:
        """Nothing to load: the name lists load on first use."""

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for quote in QUOTED.finditer(text):
            group = 1 if quote.group(1) is not None else 2
            offset = quote.start(group)
            for word in LOWER_WORD.finditer(quote.group(group)):
                name = word.group()
                if is_given_name(name) and zipf_frequency(name, "en") < RARE_ZIPF:
                    results.append(
                        result(self, "PERSON", offset + word.start(), offset + word.end(), 0.5)
                    )
        return results
