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
# A transcript's heading lists who took part: "Chat: jordan k / Nat", "Group chat: Girls (shan,
# kasia, Nat)", "Messages between tyrese and Mo:". Each part is a writer, tested as one.
CHAT_HEADING = re.compile(
    r"(?im)^[ \t>*#]*(?:(?:group|whatsapp|snapchat|facebook|instagram)\s+)?"
    r"(?:chat|conversation|thread|messages)(?:\s+(?:between|with|log))?[ \t]*:?[ \t]*"
    r"(?P<who>[^\[\n:]{1,120})"
)
_BETWEEN_PARTICIPANTS = re.compile(r"\s*(?:[/,&()]|\band\b)\s*")
LOWER_WORD = re.compile(r"(?<![\w'’])[a-zß-öø-ÿĀ-ſȘ-ț][a-zß-öø-ÿĀ-ſȘ-ț'’-]{2,}(?![\w'’])")
RARE_ZIPF = 3.8
# A writer's label this common in English is a word or a role ("mum", "me"), unless a name.
SPEAKER_WORD_ZIPF = 3.5
WRITER_SCORE = 0.9


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
            # Above spaCy's score, so Presidio keeps a writer inside a longer NER span of a
            # heading ("jordan k" of "jordan k  /  Nat") rather than dropping it for that span.
            results.append(result(self, "PERSON", start, end, WRITER_SCORE))
        return results


def speakers(text: str) -> list[tuple[int, int]]:
    """Who wrote each message of a transcript, where that is a name ("jordan k", "gaz") and not
    a role or a word ("Mum", "me", "Unknown number")."""
    found = []
    for match in SPEAKER.finditer(text):
        group = "stamped" if match.group("stamped") is not None else "bold"
        writer = match.group(group)
        if _named_writer(writer.split()):
            found.append(match.span(group))
    for heading in CHAT_HEADING.finditer(text):
        for start, end in _participants(text, heading.start("who"), heading.end("who")):
            words = text[start:end].split()
            if len(words) <= 2 and _named_writer(words):
                found.append((start, end))
    return found


def _named_writer(words: list[str]) -> bool:
    """A writer with digits, dots or underscores is a handle ("ellz.mae07"): not a name here;
    nor is a role or a word ("Mum", "Unknown number")."""
    return all(word.isalpha() for word in words) and not any(_is_word(word) for word in words)


def _participants(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of a heading's list of who took part, between slashes, commas, "&", "and"
    and brackets."""
    parts = []
    for separator in [*_BETWEEN_PARTICIPANTS.finditer(text, start, end), None]:
        part_end = separator.start() if separator else end
        part = text[start:part_end]
        if part.strip():
            left = start + len(part) - len(part.lstrip())
            parts.append((left, left + len(part.strip())))
        start = separator.end() if separator else end
    return parts


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
