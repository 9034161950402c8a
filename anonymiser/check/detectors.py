"""What the detectors share (the reviews' decisions, the allow-list, how a finding is made),
and the fingerprint detector: redacted identifiers found by their keyed fingerprints. The
pattern detector is in patterns.py, the names detector in names.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from anonymiser.check import Finding, mask
from anonymiser.check.disguises import unmasked
from anonymiser.check.scanner import FingerprintScanner
from anonymiser.check.surfaces import Surface
from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.types import PERSON, in_group
from anonymiser.entities import RARE_WORD_ZIPF
from anonymiser.fingerprints import MAX_NGRAM, PartnershipKey
from anonymiser.text import normalise


@dataclass
class Decided:
    """What the reviews' decisions say, for telling a leak from a decided term."""

    # fingerprint -> (entity id, type) of every redacted entity of every review.
    redacted: dict[str, tuple[str, str]] = field(default_factory=dict)
    # fingerprint -> slugs of the reviews that keep it (a keep covers its own review only).
    kept: dict[str, set[str]] = field(default_factory=dict)
    # Normalised texts of kept entities and of every replacement label.
    keep_texts: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)


# A date is written in one run of text: "4" at the end of a table cell or paragraph and
# "January 2023" at the start of the next is not the redacted date "4 January 2023".
_DATE_TYPES = in_group("date")
_BLOCKS_APART = re.compile(r"\||\n\s*\n")
# An allowed phrase ("Eastmoor and Kelbridge NHS Foundation Trust") is never longer than this.
_ALLOWED_REACH = 300


def allowed(allow_list: AllowList, text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies inside an allowed phrase. Only the text around it is
    searched: the allow-list's patterns over a whole page cost more than all the detectors."""
    a = max(0, start - _ALLOWED_REACH)
    window = text[a : end + _ALLOWED_REACH]
    return any(x <= start - a and end - a <= y for x, y in allow_list.allowed_ranges(window))


class FingerprintDetector:
    """Any run of words whose fingerprint is that of a redacted entity, in any review: a name
    redacted in one review is caught in every other one too, unless a review keeps it (in that
    review's own files) or the allow-list names the phrase it stands in."""

    name = "fingerprints"

    def __init__(self, key: PartnershipKey, decided: Decided, allow_list: AllowList) -> None:
        self.decided = decided
        self.scanner = FingerprintScanner(key, decided.redacted)
        self.allow_list = allow_list

    def find(self, surface: Surface, review: str) -> list[Finding]:
        matches = [(a, b, fp, surface.text[a:b]) for a, b, fp in self.scanner.find(surface.text)]
        matches += self._in_disguise(surface, matches)
        if not matches:
            return []
        findings = []
        for start, end, fp, found in matches:
            if review and review in self.decided.kept.get(fp, ()):
                continue
            entity_id, entity_type = self.decided.redacted[fp]
            if entity_type == PERSON and _an_ordinary_word(found):
                continue
            if entity_type in _DATE_TYPES and _BLOCKS_APART.search(found):
                continue
            if allowed(self.allow_list, surface.text, start, end):
                continue
            findings.append(finding_at(surface, start, end, self.name, entity_type, entity_id))
        return findings

    def _in_disguise(self, surface: Surface, matches: list) -> list:
        """Matches in the surface's text unmasked (anonymiser.check.disguises), read with
        joins apart and then with split names joined, that the text as written did not give:
        (start, end) in the surface, fingerprint, the text unmasked."""
        seen = [(a, b) for a, b, _, _ in matches]
        more = []
        for joined in (False, True):
            variant = unmasked(surface, joined=joined)
            if variant is None:
                continue
            # The joined reading is new only in the runs of words through a join: only they
            # are read (hyphens and full stops are everywhere; names split by them are not).
            windows = variant.around_joins(MAX_NGRAM - 1) if joined else [(0, len(variant.text))]
            for window_start, window_end in windows:
                window = variant.text[window_start:window_end]
                for a, b, fp in self.scanner.find(window, count=False):
                    start, end = variant.span(window_start + a, window_start + b)
                    if not any(x < end and start < y for x, y in seen):
                        more.append((start, end, fp, window[a:b]))
                        seen.append((start, end))
        return more


def _an_ordinary_word(found: str) -> bool:
    """A one-word name that is also an ordinary word ("Will", "Hope", "Dean"), written in
    lower case: the anonymiser leaves "will" and "hope" in the text (anonymiser.entities), so
    the check does too. A rare word ("kayden") is a leak however it is written."""
    norm = normalise(found)
    if " " in norm or found[:1].isupper():
        return False
    return zipf_frequency(norm, "en") >= RARE_WORD_ZIPF


def finding_at(
    surface: Surface, start: int, end: int, detector: str, entity_type: str, entity_id: str = ""
) -> Finding:
    line, column, part = surface.locate(start)
    preview = mask(surface.text[start:end])
    return Finding(str(surface.path), line, column, detector, entity_type, preview, entity_id, part)
