"""What the leak check looks for in each surface."""

from __future__ import annotations

import subprocess
from pathlib import Path

from anonymiser.check import Finding, mask
from anonymiser.check.surfaces import Surface
from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.recognizers.email import EmailRecognizer
from anonymiser.detect.recognizers.uk_ids import PRESIDIO_TYPES, uk_id_recognizers
from anonymiser.detect.recognizers.uk_phone import UkPhoneRecognizer
from anonymiser.fingerprints import PartnershipKey

# Vehicle registrations look too much like other codes to fail a build on their shape alone.
_PATTERN_TYPES = {"PHONE", "EMAIL", "NHS_NUMBER", "NI_NUMBER", "POSTCODE"}


class PatternDetector:
    name = "patterns"

    def __init__(self, allow_list: AllowList) -> None:
        self.recognizers = [UkPhoneRecognizer(), EmailRecognizer(), *uk_id_recognizers()]
        self.allow_list = allow_list

    def find(self, surface: Surface) -> list[Finding]:
        text = surface.text
        allowed = self.allow_list.allowed_ranges(text)
        findings = []
        for recognizer in self.recognizers:
            for result in recognizer.analyze(text, recognizer.supported_entities, None):
                entity_type = PRESIDIO_TYPES.get(result.entity_type, result.entity_type)
                if entity_type not in _PATTERN_TYPES:
                    continue
                if any(a <= result.start and result.end <= b for a, b in allowed):
                    continue
                found = text[result.start : result.end]
                line, column = surface.position(result.start)
                findings.append(
                    Finding(str(surface.path), line, column, self.name, entity_type, mask(found))
                )
        return findings


class FingerprintDetector:
    """Any run of words whose fingerprint is that of a redacted entity, in any review."""

    name = "fingerprints"

    def __init__(self, key: PartnershipKey, redacted: dict[str, tuple[str, str]]) -> None:
        self.key = key
        self.redacted = redacted  # fingerprint -> (entity id, type)

    def find(self, surface: Surface) -> list[Finding]:
        findings = []
        for start, end, fp in self.key.find(surface.text, set(self.redacted)):
            entity_id, entity_type = self.redacted[fp]
            line, column = surface.position(start)
            preview = mask(surface.text[start:end])
            findings.append(
                Finding(str(surface.path), line, column, self.name, entity_type, preview, entity_id)
            )
        return findings


def tracked_drafts(root: Path) -> list[Finding]:
    """Raw drafts tracked by git: anything under reports/*/source/, and office or PDF files
    outside examples/ and tests/."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.CalledProcessError):
        return []  # not a git checkout: nothing can be tracked
    findings = []
    for name in filter(None, listed.split("\0")):
        parts = Path(name).parts
        is_source = len(parts) >= 3 and parts[0] == "reports" and parts[2] == "source"
        is_office = Path(name).suffix.lower() in (".docx", ".doc", ".pdf", ".odt", ".rtf")
        if is_source or (is_office and parts[0] not in ("examples", "tests")):
            findings.append(Finding(name, 1, 1, "drafts", "RAW_DRAFT", "(a raw draft in git)"))
    return findings
