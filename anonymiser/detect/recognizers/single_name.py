"""A given name standing alone in the middle of a sentence: "...the nursery heard Oskar say".

NER misses many one-word names. Mid-sentence, a capitalised word cannot be capitalised for being
first, so when the lists know it as a given name and it is rare as an English word, it is taken
as a name. ("Florence" or "Jordan" as places are kept by the allow-list, not here.)
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer
from wordfreq import zipf_frequency

from anonymiser.detect.gazetteer import is_given_name, is_name
from anonymiser.detect.recognizers.base import result
from anonymiser.detect.recognizers.quoted_name import quoted_spans

# A capitalised word with a lower-case or comma-like character before it on the same line.
MID_SENTENCE = re.compile(
    r"(?:(?<=[a-z,;:()’'\"“”] )|(?<= [\"“‘]))([A-ZÀ-ÖØ-ÞĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’-]{2,})(?![\w])"
)
# The first word of a sentence, followed by a word in lower case ("Francine is against it"), or
# by a comma when the sentence speaks to her ("Francine, can you wait?").
SENTENCE_START = re.compile(
    r"(?:^|(?<=[.!?] ))([A-ZÀ-ÖØ-ÞĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’-]{2,})(?=,? [a-z])", re.MULTILINE
)
RARE_ZIPF = 3.5
# Above this even a name the text never writes in lower case is more likely a word.
NAME_ZIPF = 4.5
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")
# At the start of a sentence any word is capitalised: only a rarer word is taken as a name.
RARER_ZIPF = 3.0


class SingleNameRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="SingleNameRecognizer")

    def load(self) -> None:
        """Nothing to load: the name lists load on first use."""

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        candidates = [(m, RARE_ZIPF) for m in MID_SENTENCE.finditer(text)]
        candidates += [(m, RARER_ZIPF) for m in SENTENCE_START.finditer(text)]
        lower_words = _lower_words_outside_quotes(text)
        for match, most_common in candidates:
            word = match.group(1)
            if word.endswith(("'s", "’s")):
                word = word[:-2]
            frequency = zipf_frequency(word, "en")
            # A name the lists know that the text never writes in lower case is a name however
            # often English uses it ("Kelly to tell SW on Monday"); "Will" and "Hope" are words
            # where the text also writes "will" and "hope" (outside messages, whose writers
            # write names in lower case: "i said to kelly").
            named = is_name(word) and frequency < NAME_ZIPF and word.casefold() not in lower_words
            if is_given_name(word) and (frequency < most_common or named):
                results.append(
                    result(self, "PERSON", match.start(1), match.start(1) + len(word), 0.4)
                )
        return results


def _lower_words_outside_quotes(text: str) -> set[str]:
    words = set()
    start = 0
    for quote_start, quote_end in sorted(quoted_spans(text)):
        words.update(_LOWER_WORD.findall(text, start, max(start, quote_start)))
        start = max(start, quote_end)
    words.update(_LOWER_WORD.findall(text, start))
    return words
