"""Run every detector over every published surface, and look for raw drafts in git."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from anonymiser.check import Finding, Problem, mask
from anonymiser.check.decisions_file import (
    check_decisions_files,
    decisions_files,
    unredaction_finding,
)
from anonymiser.check.detectors import Decided, FingerprintDetector
from anonymiser.check.disguises import DisguiseDetector
from anonymiser.check.drafts import GitUnavailable, draft_reason, tracked_files, unnamed_file
from anonymiser.check.patterns import PatternDetector
from anonymiser.check.surfaces import Surface, published_files, read_surface
from anonymiser.config import Settings
from anonymiser.decisions.schema import DECISIONS_NAME
from anonymiser.decisions.store import load_decisions
from anonymiser.detect.allow_list import AllowList
from anonymiser.errors import InputError
from anonymiser.fingerprints import KEY_ENV, PartnershipKey, load_key
from anonymiser.review_folder import REVIEW_FILE
from anonymiser.text import normalise
from anonymiser.typed_text import split_joins
from site_plugins.reviews.model import DOCUMENT_KINDS
from site_plugins.reviews.review_file import ReviewYamlError, load_review_yaml

NO_KEY_WARNING = (
    "WARNING: no partnership key, so redacted identifiers were NOT checked (fingerprints). "
    "Set ANONYMISER_KEY, or use --require-key to make this an error."
)
_WORD = re.compile(r"\w+")
# The site's page for a review and everything under it: reviews/<slug>/...
_FRAGMENT_URL = re.compile(rb'^pagefind_dcd\{"url":"[^"]*?/reviews/([a-z0-9-]+)/')


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    words: int = 0
    fingerprints_checked: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """2 when something could not be checked (the check is incomplete, whatever it found),
        1 when leaks were found, 0 when everything was checked and is clean."""
        if self.problems:
            return 2
        return 1 if self.findings else 0


def run_check(
    paths: list[Path],
    settings: Settings,
    require_key: bool,
    names: bool = True,
    base: str | None = None,
    approve_unredactions: bool = False,
) -> CheckReport:
    """Check `paths` (files or folders), and the decisions files (check/decisions_file.py);
    with `base`, list what was redacted at that commit and is not now (a finding unless
    `approve_unredactions`). `names=False` leaves out the names detector, for the benchmark
    only: the command always runs every detector."""
    report = CheckReport()
    allow_list = AllowList.build(list(settings.allow_list), list(settings.allow_list_remove))
    key = _key(settings, require_key, report)
    decided = decided_terms(settings, key)
    detectors: list = [PatternDetector(allow_list), DisguiseDetector()]
    fingerprints = None
    if key is not None:
        fingerprints = FingerprintDetector(key, decided, allow_list)
        detectors.append(fingerprints)
        report.fingerprints_checked = True
    if names:
        from anonymiser.check.names import NamesDetector

        detectors.append(NamesDetector(_name_detection(settings), decided, key))
    files = list(published_files(paths, settings.reports_path))
    for path in files:
        try:
            surface = read_surface(path)
        except InputError as exc:
            message = f"could not be checked: {exc.problem} {exc.advice}".rstrip()
            report.problems.append(Problem(str(path), message))
            continue
        if surface is None:
            continue
        if path.name == REVIEW_FILE:
            _validate_review_file(path, report)
        report.files += 1
        if fingerprints is None:
            report.words += len(_WORD.findall(surface.text))
        review = review_of(surface, settings)
        for detector in detectors:
            report.findings.extend(detector.find(surface, review))
    if fingerprints is not None:
        report.words = fingerprints.scanner.words
    _check_decisions_files(paths, settings, key, decided, names, base, approve_unredactions, report)
    report.findings.extend(_tracked_drafts(settings, report))
    report.findings.extend(_file_names(files, settings, key, decided))
    report.findings.sort(key=lambda f: (f.path, f.part, f.line, f.column, f.detector))
    return report


def _validate_review_file(path: Path, report: CheckReport) -> None:
    """A review.yml the site build would refuse (a date that does not exist, a key given twice,
    which can hide `status: published` under `status: draft`) is a problem: what the check read
    may not be what the site publishes. The message names the key and line, never the text."""
    try:
        load_review_yaml(path.read_text(encoding="utf-8-sig"))
    except ReviewYamlError as error:
        report.problems.append(Problem(str(path), f"could not be checked: {error.problem}"))
    except UnicodeDecodeError as error:
        report.problems.append(
            Problem(str(path), f"could not be checked: not UTF-8 ({error.reason})")
        )


def _check_decisions_files(
    paths, settings, key, decided, names: bool, base, approve: bool, report: CheckReport
) -> None:
    files = decisions_files(paths, settings.reports_path)
    detector = _name_detection(settings) if names else None
    findings, problems, unredacted = check_decisions_files(
        files, key, detector, set(decided.redacted), base, settings.root
    )
    report.findings += findings
    report.problems += problems
    for item in unredacted:
        if approve:
            report.notes.append(
                f"Approved un-redaction: {item.path}: {item.entity_id} "
                f"{item.entity_type} {item.describe(base)}"
            )
        else:
            report.findings.append(unredaction_finding(item, base))


_DETECTORS: dict[tuple, object] = {}


def _name_detection(settings: Settings):
    """The product's detector, loaded once per process and settings: loading the spaCy model
    takes seconds, and a process that checks twice (the tests) need not pay it twice."""
    from anonymiser.pipeline import make_detector

    cache_key = (settings.model, tuple(settings.allow_list))
    if cache_key not in _DETECTORS:
        _DETECTORS[cache_key] = make_detector(settings)
    return _DETECTORS[cache_key]


def _key(settings: Settings, require_key: bool, report: CheckReport) -> PartnershipKey | None:
    """The partnership key; None, with a loud warning, when there is none and it is not
    required. A key that is there but invalid is an error either way (a bad setting)."""
    if require_key or os.environ.get(KEY_ENV) or settings.key_path.is_file():
        return load_key(settings.key_path)
    report.notes.append(NO_KEY_WARNING)
    return None


def decided_terms(settings: Settings, key: PartnershipKey | None) -> Decided:
    """Every review's decisions: redacted fingerprints, kept entities, replacement labels."""
    decided = Decided()
    for decisions_file in sorted(settings.reports_path.glob(f"*/{DECISIONS_NAME}")):
        decisions = load_decisions(decisions_file, key.key_id if key else None)
        if decisions is None:
            continue
        slug = decisions_file.parent.name
        for entity in decisions.entities:
            if entity.label:
                decided.labels.add(normalise(entity.label))
            if entity.decision == "redact":
                for fp in entity.fingerprints:
                    decided.redacted[fp] = (entity.id, entity.type)
                for fp in entity.part_fingerprints:  # a whole name's fingerprint comes first
                    decided.redacted.setdefault(fp, (entity.id, entity.type))
            elif entity.decision == "keep":
                if entity.text:
                    decided.keep_texts.add(normalise(entity.text))
                for fp in entity.fingerprints:
                    decided.kept.setdefault(fp, set()).add(slug)
    decided.labels.discard("")
    decided.keep_texts.discard("")
    return decided


def review_of(surface: Surface, settings: Settings) -> str:
    """The slug of the review a published file belongs to ("" for the library, theme pages,
    the feed...): reports/<slug>/..., <site>/reviews/<slug>/..., or a Pagefind fragment whose
    page is under reviews/<slug>/."""
    path = surface.path.resolve()
    reports = settings.reports_path.resolve()
    if path.is_relative_to(reports):
        parts = path.relative_to(reports).parts
        return parts[0] if len(parts) > 1 else ""
    if surface.path.suffix == ".pf_fragment" and isinstance(surface.raw, str):
        found = _FRAGMENT_URL.match(surface.raw.encode("utf-8")[:300])
        return found.group(1).decode() if found else ""
    parts = path.parts
    for index in range(len(parts) - 2, 0, -1):
        if parts[index] == "reviews" and index + 1 < len(parts) - 1:
            return parts[index + 1]
    return ""


def _file_names(files: list[Path], settings: Settings, key, decided: Decided) -> list[Finding]:
    """A published file's name is published too (in the page's address, the download's name).
    With the key, a file whose name holds a redacted identifier ("Kayden Marsh.md",
    "kayden_marsh-notes.md") is reported. Without it, a document of a review that is not
    named by its kind is: "apply" writes no other, so it is a hand-made file whose name may be
    the family's. The finding shows the folder and the kind of file, never the name."""
    reports = settings.reports_path.resolve()
    redacted = set(decided.redacted)
    findings = []
    for path in files:
        folder = str(path.parent)
        if key is not None:
            words = split_joins(path.stem)  # "kayden_marsh-notes", "KaydenMarsh"
            if redacted and any(key.find(words, redacted)):
                reason = f"{unnamed_file(path.name)}: its name holds a redacted identifier"
                findings.append(Finding(folder, 1, 1, "fingerprints", "FILE_NAME", reason))
            continue
        in_a_review = path.resolve().parent.parent == reports
        if in_a_review and path.suffix == ".md" and path.stem not in DOCUMENT_KINDS:
            kinds = ", ".join(DOCUMENT_KINDS)
            reason = f"{unnamed_file(path.name)}, not named by its kind ({kinds})"
            findings.append(Finding(folder, 1, 1, "drafts", "UNNAMED_DOCUMENT", reason))
    return findings


def _tracked_drafts(settings: Settings, report: CheckReport) -> list[Finding]:
    try:
        names = tracked_files(settings.root)
    except GitUnavailable as exc:
        report.problems.append(Problem(str(settings.root), f"raw drafts not checked: {exc}"))
        return []
    if names is None:
        report.notes.append("Not a git repository: no raw drafts can be tracked (not checked).")
        return []
    reports_dir = settings.reports_dir
    if reports_dir.is_absolute():
        reports_dir = reports_dir.relative_to(settings.root)
    findings = []
    for name in names:
        reason = draft_reason(name, reports_dir.as_posix())
        if reason:
            # A reviewer's file name often names the family ("Kayden Marsh LCSPR v3.docx"):
            # the finding names the folder and shows the file name masked.
            draft = PurePosixPath(name)
            where = f"file {mask(draft.stem)}{draft.suffix}"
            folder = str(draft.parent)
            findings.append(Finding(folder, 1, 1, "drafts", "RAW_DRAFT", reason, "", where))
    return findings
