"""What the leak check looks for in each surface: redacted identifiers by their fingerprints,
identifiers by their shape (patterns), and people's names nobody has decided about (names)."""

from __future__ import annotations

from dataclasses import dataclass, field

from anonymiser.check import Finding, mask
from anonymiser.check.scanner import FingerprintScanner
from anonymiser.check.surfaces import Surface
from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.recognizers.address import AddressRecognizer
from anonymiser.detect.recognizers.dates import ExactDateRecognizer
from anonymiser.detect.recognizers.email import EmailRecognizer
from anonymiser.detect.recognizers.uk_ids import PRESIDIO_TYPES, uk_id_recognizers
from anonymiser.detect.recognizers.uk_phone import UkPhoneRecognizer
from anonymiser.fingerprints import PartnershipKey

# The shapes that fail a build on their own. Exact dates of events are left to the date policy
# (a partnership may keep them); a date is only a leak in the context of a birth or a death.
# Vehicle registrations and reference numbers look too much like other codes to fail a build.
PATTERN_TYPES = frozenset(
    {"PHONE", "EMAIL", "NHS_NUMBER", "NI_NUMBER", "POSTCODE", "ADDRESS", "DATE_OF_BIRTH",
     "DATE_OF_DEATH"}
)  # fmt: skip


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


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


class PatternDetector:
    name = "patterns"

    def __init__(self, allow_list: AllowList) -> None:
        self.recognizers = [
            UkPhoneRecognizer(),
            EmailRecognizer(),
            *uk_id_recognizers(),
            AddressRecognizer(),
            ExactDateRecognizer(),
        ]
        self.allow_list = allow_list

    def find(self, surface: Surface, review: str) -> list[Finding]:
        text = surface.text
        allowed: list[tuple[int, int]] | None = None
        findings = []
        for recognizer in self.recognizers:
            for result in recognizer.analyze(text, recognizer.supported_entities, None):
                entity_type = PRESIDIO_TYPES.get(result.entity_type, result.entity_type)
                if entity_type not in PATTERN_TYPES:
                    continue
                if allowed is None:  # only worked out for a text with a match: most have none
                    allowed = self.allow_list.allowed_ranges(text)
                if _inside(result.start, result.end, allowed):
                    continue
                findings.append(_finding(surface, result.start, result.end, self.name, entity_type))
        return findings


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
        matches = self.scanner.find(surface.text)
        if not matches:
            return []
        allowed = self.allow_list.allowed_ranges(surface.text)
        findings = []
        for start, end, fp in matches:
            if review and review in self.decided.kept.get(fp, ()):
                continue
            if _inside(start, end, allowed):
                continue
            entity_id, entity_type = self.decided.redacted[fp]
            findings.append(_finding(surface, start, end, self.name, entity_type, entity_id))
        return findings


def _finding(
    surface: Surface, start: int, end: int, detector: str, entity_type: str, entity_id: str = ""
) -> Finding:
    line, column, part = surface.locate(start)
    preview = mask(surface.text[start:end])
    return Finding(str(surface.path), line, column, detector, entity_type, preview, entity_id, part)
