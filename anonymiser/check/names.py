"""People's names that nobody has decided about: found by the product's own name detection
(spaCy NER, titles, the given-name and surname gazetteers) and reported unless a decision
covers them: a `keep` decision of any review, a replacement label ("Mother", "Person A"), or
the allow-list (the shipped defaults and the partnership's own `allow_list`).

This is the one detector that loads the spaCy model. A site repeats much of its text (the
navigation on every page, a summary on the library, theme and type pages, a page again in its
search fragment), so a sentence already read without a finding is not read again.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right

from anonymiser.check import Finding
from anonymiser.check.detectors import Decided, finding_at
from anonymiser.check.surfaces import Surface
from anonymiser.detect import Detector
from anonymiser.detect.names import holds_a_name
from anonymiser.detect.recognizers.titled_name import TITLE_AT_END
from anonymiser.detect.types import PERSON
from anonymiser.fingerprints import PartnershipKey
from anonymiser.text import normalise

# A sentence, or a paragraph without one, the unit of text remembered as read: up to . ! ? or
# a blank line. A single line break does not end it: a PDF's or a Markdown paragraph's lines
# run on ("a village near Marlow\nHeath"), and a name or an allowed place can span them.
_SENTENCE = re.compile(r"(?:[^.!?\n]|\n(?![ \t]*\n))*(?:[.!?]+|(?:\n[ \t]*)+\n|$)")
# Sentences read without a finding, per detector and decisions: a sentence clean under the same
# decisions stays clean, so a process that checks twice (the tests) reads it once.
_READ: dict[tuple, set[str]] = {}


def _signature(detector: Detector, decided: Decided, key: PartnershipKey | None) -> tuple:
    terms = (decided.keep_texts, decided.labels, decided.kept, decided.redacted)
    digest = hashlib.sha256(repr([sorted(t) for t in terms]).encode("utf-8")).hexdigest()
    return id(detector), key.key_id if key else "", digest


class NamesDetector:
    name = "names"

    def __init__(self, detector: Detector, decided: Decided, key: PartnershipKey | None) -> None:
        self.detector = detector
        self.decided = decided
        self.key = key
        self._read = _READ.setdefault(_signature(detector, decided, key), set())

    def find(self, surface: Surface, review: str) -> list[Finding]:
        if not surface.prose:
            return []
        text, starts, origins, sentences = self._unread(surface.text)
        if not text:
            return []
        flagged: list[tuple[int, int]] = []
        for span in self.detector.detect(text):
            if span.entity_type != PERSON or self.covers(span.text):
                continue
            titled = TITLE_AT_END.search(text, max(0, span.start - 12), span.start)
            if span.recognizer == "SpacyRecognizer" and not titled and _no_name_in(span.text):
                continue
            if self._only_allowed_and_a_word(text, span.start, span.end):
                continue
            piece = bisect_right(starts, span.start) - 1
            start = origins[piece] + span.start - starts[piece]
            flagged.append((start, start + span.end - span.start))
        for start, end, sentence in sentences:
            if not any(start <= a < end for a, _ in flagged):
                self._read.add(sentence)
        return [finding_at(surface, a, b, self.name, PERSON) for a, b in flagged]

    def _unread(self, text: str):
        """The sentences not read before, as one text for the detector (blank lines and
        sentences already read are left out: spaCy and the allow-list patterns slow down on
        the long runs of blank lines an HTML page leaves), with where each piece came from."""
        pieces: list[str] = []
        starts: list[int] = []
        origins: list[int] = []
        left: list[tuple[int, int, str]] = []
        length, last_end = 0, -1
        for match in _SENTENCE.finditer(text):
            stripped = match.group(0).strip()
            if not stripped or stripped in self._read:
                continue
            if last_end != match.start() and pieces:
                pieces.append("\n")  # something was left out here: keep the two apart
                length += 1
            pieces.append(match.group(0))
            starts.append(length)
            origins.append(match.start())
            length += match.end() - match.start()
            last_end = match.end()
            left.append((match.start(), match.end(), stripped))
        return "".join(pieces), starts, origins, left

    def _only_allowed_and_a_word(self, text: str, start: int, end: int) -> bool:
        """NER's "R. His" in "... called him Adult R. His keys": without the allowed
        pseudonym ("Adult R") what is left holds no name."""
        a = max(0, start - 300)
        rest = list(text[start:end])
        for x, y in self.detector.allow_list.allowed_ranges(text[a : end + 300]):
            for i in range(max(x + a, start), min(y + a, end)):
                rest[i - start] = " "
        left = "".join(rest)
        return left != text[start:end] and _no_name_in(left)

    def covers(self, text: str) -> bool:
        """Whether a decision already covers a detected name."""
        norm = normalise(text)
        if not norm:
            return True
        decided = self.decided
        if norm in decided.keep_texts or norm in decided.labels:
            return True
        padded = f" {norm} "
        if any(padded in f" {known} " for known in (*decided.keep_texts, *decided.labels)):
            return True
        if self.key is not None:
            # A redacted name is the fingerprint detector's to report; a kept one is decided.
            fp = self.key.fingerprint_normalised(norm)
            if fp in decided.redacted or fp in decided.kept:
                return True
        return self.detector.allow_list.allows(text)


def _no_name_in(text: str) -> bool:
    """No word of `text` is a given name or surname that is not also a common English word.
    Names found by their context (a title, quotation marks) do not go through this test, nor
    does a word after a title ("Mr Brackenridge"), and a redacted name is found by its
    fingerprint."""
    return not holds_a_name(text)
