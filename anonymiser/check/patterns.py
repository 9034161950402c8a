"""Identifiers found by their shape: phone numbers, email addresses, UK postcodes, NHS and
National Insurance numbers, street addresses, and dates of birth or death (a date is only a
leak with "born", "died"... before it: dates of events follow the partnership's date policy).

The recognizers are the product's own (anonymiser.detect.recognizers), so the check and the
scan agree on what an identifier looks like. A cheap gate in front of the costlier ones skips
a text that cannot hold a match: a National Insurance number needs six digits in a row, a
postcode a digit and two letters after an outward code, and a date of birth its context words,
so the date recognizer only reads the few lines after "born" or "died".
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer

from anonymiser.check import Finding
from anonymiser.check.detectors import allowed, finding_at
from anonymiser.check.surfaces import Surface
from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.recognizers.address import AddressRecognizer
from anonymiser.detect.recognizers.dates import ExactDateRecognizer
from anonymiser.detect.recognizers.email import EmailRecognizer
from anonymiser.detect.recognizers.uk_ids import PRESIDIO_TYPES, uk_id_recognizers
from anonymiser.detect.recognizers.uk_phone import UkPhoneRecognizer
from anonymiser.detect.types import shape_fails_build

# Necessary conditions of a match, as plain `re` patterns (the recognizers' own patterns run
# on the slower `regex` module). Each must match wherever its recognizer's pattern would.
_GATES = {
    # Presidio's NINO: two letters, three pairs of digits, a letter A-D (spaces optional).
    "UkNinoRecognizer": re.compile(r"\d\d ?\d\d ?\d\d ?[a-d]\b", re.IGNORECASE),
    # Presidio's postcode: an outward code (1-2 letters, a digit, a letter or digit) or GIR,
    # optional white space, then a digit and two letters.
    "UkPostcodeRecognizer": re.compile(
        r"\b(?:gir|[a-z]{1,2}\d[a-z\d]?)\s?\d[a-z]{2}\b", re.IGNORECASE
    ),
}
# The context words of anonymiser.detect.recognizers.dates (BIRTH_CONTEXT, DEATH_CONTEXT): a
# date of birth or death starts at most 25 characters after its context word ends.
_LIFE_EVENT = re.compile(
    r"\b(?:born|birth|birthday|DOB|D\.O\.B\.?|died|death|DOD|D\.O\.D\.?|passed away|deceased)\b",
    re.IGNORECASE,
)
# From the context word: the word itself, 25 characters, and the longest date written out
# ("the 23rd of September, 2019"), with room to spare.
_LIFE_EVENT_REACH = 100


class PatternDetector:
    name = "patterns"

    def __init__(self, allow_list: AllowList) -> None:
        self.recognizers: list[EntityRecognizer] = [
            UkPhoneRecognizer(),
            EmailRecognizer(),
            *uk_id_recognizers(),
            AddressRecognizer(),
        ]
        self.dates = ExactDateRecognizer()
        self.allow_list = allow_list

    def find(self, surface: Surface, review: str) -> list[Finding]:
        text = surface.text
        results = []
        for recognizer in self.recognizers:
            gate = _GATES.get(type(recognizer).__name__)
            if gate is None or gate.search(text):
                results += recognizer.analyze(text, recognizer.supported_entities, None)
        results += self._life_event_dates(text)
        findings = []
        seen: set[tuple[int, int, str]] = set()
        for result in results:
            entity_type = PRESIDIO_TYPES.get(result.entity_type, result.entity_type)
            where = (result.start, result.end, entity_type)
            if not shape_fails_build(entity_type) or where in seen:
                continue
            seen.add(where)
            if not allowed(self.allow_list, text, result.start, result.end):
                findings.append(
                    finding_at(surface, result.start, result.end, self.name, entity_type)
                )
        return findings

    def _life_event_dates(self, text: str) -> list:
        """Dates of birth and death: the date recognizer run on the text after each context
        word only (it looks back from a date for its context, which the window starts with)."""
        results = []
        for match in _LIFE_EVENT.finditer(text):
            start = match.start()
            window = text[start : match.end() + _LIFE_EVENT_REACH]
            for result in self.dates.analyze(window, self.dates.supported_entities, None):
                result.start += start
                result.end += start
                results.append(result)
        return results
