"""People's names that nobody has decided about: found by the product's own name detection
(spaCy NER, titles, the given-name and surname gazetteers) and reported unless a decision
covers them: a `keep` decision of any review, a replacement label ("Mother", "Person A"), or
the allow-list (the shipped defaults and the partnership's own `allow_list`).

This is the one detector that loads the spaCy model. A site repeats much of its text (the
navigation on every page, a summary on the library, theme and type pages, a page again in its
search fragment), so a sentence already read without a finding is not read again.
"""

from __future__ import annotations

import re

from anonymiser.check import Finding
from anonymiser.check.detectors import Decided, _finding
from anonymiser.check.surfaces import Surface
from anonymiser.detect import Detector
from anonymiser.detect.gazetteer import is_given_name, is_surname
from anonymiser.detect.types import PERSON
from anonymiser.fingerprints import PartnershipKey, normalise

# A sentence, or a line: the unit of text remembered as read.
_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?]+|\n|$)")


class NamesDetector:
    name = "names"

    def __init__(self, detector: Detector, decided: Decided, key: PartnershipKey | None) -> None:
        self.detector = detector
        self.decided = decided
        self.key = key
        self._read: set[str] = set()

    def find(self, surface: Surface, review: str) -> list[Finding]:
        if not surface.prose:
            return []
        text, sentences = self._unread(surface.text)
        if not text.strip():
            return []
        flagged: list[tuple[int, int]] = []
        for span in self.detector.detect(text):
            if span.entity_type != PERSON or self.covers(span.text):
                continue
            if span.recognizer == "SpacyRecognizer" and _lone_word_not_a_name(span.text):
                continue
            flagged.append((span.start, span.end))
        for start, end, sentence in sentences:
            if not any(start <= a < end for a, _ in flagged):
                self._read.add(sentence)
        return [_finding(surface, a, b, self.name, PERSON) for a, b in flagged]

    def _unread(self, text: str) -> tuple[str, list[tuple[int, int, str]]]:
        """The text with sentences already read blanked out (same length, so positions hold),
        and the sentences left to read."""
        pieces: list[str] = []
        left: list[tuple[int, int, str]] = []
        for match in _SENTENCE.finditer(text):
            sentence = match.group(0)
            stripped = sentence.strip()
            if stripped and stripped in self._read:
                pieces.append(re.sub(r"[^\n]", " ", sentence))
            else:
                pieces.append(sentence)
                if stripped:
                    left.append((match.start(), match.end(), stripped))
        return "".join(pieces), left

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


def _lone_word_not_a_name(text: str) -> bool:
    """One word that only NER took for a name and that no list of names holds: a heading's
    "Refusal", a table's "Pseudonym", a product's "MkDocs". The scan drops such words too
    (anonymiser.entities), and a redacted one is still found by its fingerprint."""
    words = normalise(text).split()
    return len(words) == 1 and not (is_given_name(words[0]) or is_surname(words[0]))
