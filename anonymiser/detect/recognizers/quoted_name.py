"""Names written in lower case inside quoted messages and chat transcripts: "kayden is asleep",
'tell ioana', "[14/09/2023, 22:18] jordan k: i know where u are".

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
# A message of a chat transcript: "[14/09/2023, 22:18] jordan k: i know where u are" or
# "22:18 shan: babe hes outside", up to the next message or the end of the line; or, as
# Markdown transcripts write it, "> **gaz:** on way now". Its writers spell names as they like,
# as in a quotation. A transcript pasted into running text keeps its time stamps, so a message
# may start anywhere on a line.
_STAMP = r"(?:\[[^\]\n]{3,40}\]|(?m:^)[ \t]*\d{1,2}[:.]\d{2})[ \t]*"
_WRITER = r"[^\s:\[\]*]{1,24}(?:[ \t][^\s:\[\]*]{1,12})?"
_BOLD_WRITER = r"(?:(?m:^)|>|&gt;)[ \t]*\*\*"
SPEAKER = re.compile(
    rf"{_STAMP}(?P<stamped>{_WRITER})(?=:)|{_BOLD_WRITER}(?P<bold>[^*:\n]{{1,24}})(?=:\*\*|\*\*:)"
)
MESSAGE = re.compile(
    rf"{_STAMP}{_WRITER}:[^\[\n]{{1,600}}"
    rf"|{_BOLD_WRITER}[^*:\n]{{1,24}}(?::\*\*|\*\*:)(?:(?!&gt;|>)[^\[\n]){{1,600}}"
)
LOWER_WORD = re.compile(r"(?<![\w'’])[a-zß-öø-ÿĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’-]{2,}(?![\w'’])")
RARE_ZIPF = 3.8
# A writer's label this common in English is a word or a role ("mum", "me"), unless a name.
SPEAKER_WORD_ZIPF = 3.5


class QuotedNameRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="QuotedNameRecognizer")

    def load(self) -> None:
        """Nothing to load: the name lists load on first use."""

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for start, end in quoted_spans(text):
            offset = start
            for word in LOWER_WORD.finditer(text[start:end]):
                name = word.group()
                if is_given_name(name) and zipf_frequency(name, "en") < RARE_ZIPF:
                    results.append(
                        result(self, "PERSON", offset + word.start(), offset + word.end(), 0.5)
                    )
        for start, end in speakers(text):
            results.append(result(self, "PERSON", start, end, 0.5))
        return results


def speakers(text: str) -> list[tuple[int, int]]:
    """Who wrote each message of a transcript, where that is a name ("jordan k", "gaz") and not
    a role or a word ("Mum", "me", "Unknown number")."""
    found = []
    for match in SPEAKER.finditer(text):
        group = "stamped" if match.group("stamped") is not None else "bold"
        writer = match.group(group)
        words = writer.split()
        # A writer with digits, dots or underscores is a handle ("ellz.mae07"): not a name here.
        if all(word.isalpha() for word in words) and not any(_is_word(word) for word in words):
            found.append(match.span(group))
    return found


def _is_word(word: str) -> bool:
    """An English word or a role, not a name: "mum", "me", "unknown", "number"."""
    if len(word) == 1:
        return False  # an initial: "jordan k"
    return zipf_frequency(word, "en") >= SPEAKER_WORD_ZIPF and not is_given_name(word)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where quotations and chat messages stand in `text`."""
    spans = []
    for quote in QUOTED.finditer(text):
        group = 1 if quote.group(1) is not None else 2
        spans.append(quote.span(group))
    return spans + [m.span() for m in MESSAGE.finditer(text)]
