"""Run every detector over every published surface."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from anonymiser.check import Finding
from anonymiser.check.detectors import FingerprintDetector, PatternDetector, tracked_drafts
from anonymiser.check.surfaces import published_files, read_surface
from anonymiser.config import Settings
from anonymiser.decisions import DECISIONS_NAME, load_decisions
from anonymiser.detect.allow_list import AllowList
from anonymiser.errors import KeyProblem
from anonymiser.fingerprints import load_key


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    words: int = 0
    fingerprints_checked: bool = False
    notes: list[str] = field(default_factory=list)


def run_check(paths: list[Path], settings: Settings, require_key: bool) -> CheckReport:
    report = CheckReport()
    allow_list = AllowList.build(list(settings.allow_list))
    detectors: list = [PatternDetector(allow_list)]
    try:
        key = load_key(settings.key_path)
    except KeyProblem:
        if require_key:
            raise
        key = None
        report.notes.append(
            "WARNING: no partnership key, so redacted names were NOT checked (fingerprints). "
            "Set ANONYMISER_KEY, or use --require-key to make this an error."
        )
    if key is not None:
        redacted = _redacted_fingerprints(settings, key.key_id)
        detectors.append(FingerprintDetector(key, redacted))
        report.fingerprints_checked = True
    for path in published_files(paths):
        surface = read_surface(path)
        report.files += 1
        report.words += len(surface.text.split())
        for detector in detectors:
            report.findings.extend(detector.find(surface))
    report.findings.extend(tracked_drafts(settings.root))
    report.findings.sort(key=lambda f: (f.path, f.line, f.column, f.detector))
    return report


def _redacted_fingerprints(settings: Settings, key_id: str) -> dict[str, tuple[str, str]]:
    redacted: dict[str, tuple[str, str]] = {}
    for decisions_file in sorted(settings.reports_path.glob(f"*/{DECISIONS_NAME}")):
        decisions = load_decisions(decisions_file)
        if decisions is None:
            continue
        decisions.check_key(key_id, decisions_file)
        for entity in decisions.entities:
            if entity.decision == "redact":
                for fp in entity.fingerprints:
                    redacted[fp] = (entity.id, entity.type)
    return redacted
