"""Names a text labels as names: the speakers of a dialogue written as a script ("Reinald: Where
were you?" / "Oriel: At home."), and the value of a form's name field ("Name: Tavish Orme",
"What's your surname? Okonjo").

A script's lines each start with who speaks and a colon. One such line may be a heading
("Background: ..."), so it takes two in a row, each label a name rather than an English word or
a role ("Mother", "Police", "Recommendation"), and not in capitals (an agency's acronym).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from presidio_analyzer import EntityRecognizer
from wordfreq import zipf_frequency

from anonymiser.detect.gazetteer import is_given_name, is_name
from anonymiser.detect.recognizers.base import result

WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’-]+"
# "Reinald: Where were you?" at the start of a line: a name of one or two words, a colon, speech.
SPEAKER_LINE = re.compile(
    rf"^[ \t]*(?P<name>{WORD}(?:[ \t]{WORD})?)[ \t]*:(?=[ \t]*[\"“A-Z])", re.M
)
# "Name: Tavish Orme", "Surname - Okonjo", "What's your last name? Okonjo".
NAME_FIELD = re.compile(
    r"\b(?:(?:[Ff]ull|[Ff]irst|[Ll]ast|[Gg]iven|[Ff]amily)[ \t]+)?(?:[Nn]ame|[Ss]urname|"
    r"[Ff]orename)s?(?:[ \t]*[:?-]|[ \t]+is)[ \t]*"
    rf"(?P<name>{WORD}(?:[ \t]+(?:[A-Z]\.?(?!\w)|{WORD})){{0,3}})"
)
# A label this common in English is a word or a role ("Mother", "Background"), unless a name.
WORD_ZIPF = 3.5
# A form's name field holds a name: no word of it as common as this in English, unless a name.
FIELD_WORD_ZIPF = 3.0


def _is_word(word: str) -> bool:
    return zipf_frequency(word.casefold(), "en") >= WORD_ZIPF and not is_given_name(word)


def _reads_as_name(word: str) -> bool:
    """A name the lists know, or a word English does not have ("Okonjo"); not "Safeguarding"."""
    return is_name(word) or zipf_frequency(word.casefold(), "en") < FIELD_WORD_ZIPF


class SpeakerNameRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="SpeakerNameRecognizer")

    def load(self) -> None:
        """Nothing to load: the name lists load on first use."""

    def analyze(self, text, entities, nlp_artifacts=None):
        results = [result(self, "PERSON", start, end, 0.5) for start, end in speakers(text)]
        for field in NAME_FIELD.finditer(text):
            words = [word for word in field.group("name").split() if len(word) > 2]
            if all(_reads_as_name(word) for word in words):
                results.append(result(self, "PERSON", *field.span("name"), 0.5))
        return results


def speakers(text: str) -> list[tuple[int, int]]:
    """The speakers of a script: labelled lines that follow one another."""
    lines = [
        line
        for line in SPEAKER_LINE.finditer(text)
        if not any(_is_word(word) for word in line.group("name").split())
    ]
    if len(lines) < 2:
        return []
    breaks = [i for i, character in enumerate(text) if character == "\n"]
    numbers = [bisect_left(breaks, line.start()) for line in lines]
    return [
        line.span("name")
        for i, line in enumerate(lines)
        if (i > 0 and numbers[i - 1] == numbers[i] - 1)
        or (i + 1 < len(lines) and numbers[i + 1] == numbers[i] + 1)
    ]
