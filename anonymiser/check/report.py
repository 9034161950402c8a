"""The leak check's report in four formats: text for people, GitHub workflow annotations,
SARIF for code scanning, and JSON. Every format carries only what a Finding holds: file, line,
column, detector, type, entity id and a masked preview, never the identifier itself.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import quote

from anonymiser import __version__
from anonymiser.check import Finding
from anonymiser.check.run import CheckReport

FORMATS = ("text", "github", "sarif", "json")

RULES = {
    "fingerprints": (
        "A redacted identifier is published",
        "Text whose keyed fingerprint is that of an identifier a review redacted. Replace it "
        "(run `anonymiser apply` again, or edit the text), or, if it is not identifying here, "
        "record a `keep` decision in the review's redactions.yml or add the phrase to the "
        "partnership's allow_list in anonymiser.yml.",
    ),
    "patterns": (
        "An identifier is published",
        "A phone number, email address, postcode, NHS or National Insurance number, street "
        "address, or a date of birth or death. Remove it; if it is the partnership's own "
        "public contact detail, add it to allow_list in anonymiser.yml.",
    ),
    "names": (
        "A person's name nobody decided about",
        "A name that no decision covers. Scan and review the review again so that it gets a "
        "decision; a name that may stay (a public official) gets a `keep` decision, or goes "
        "into the partnership's allow_list in anonymiser.yml.",
    ),
    "disguises": (
        "A word in disguise",
        "A word with an invisible character in it (a soft hyphen, a zero-width joiner...) or "
        "with letters of two scripts (a Cyrillic 'a' among Latin letters): a reader sees a word "
        "that a search cannot find. Retype the word; if it is a name, run `anonymiser scan` and "
        "`anonymiser apply` again so that it is redacted.",
    ),
    "decisions": (
        "A decisions file names someone",
        "A label, note, reason for keeping or kept text in a review's redactions.yml holds an "
        "identifier or a disguise (invisible characters, mixed alphabets), or a kept entity "
        "has no reason. Edit it with `anonymiser review` (labels and notes are published or "
        "committed: write roles, not names).",
    ),
    "unredactions": (
        "An identifier is no longer redacted",
        "An entity that was redacted at the base commit is now kept, pending or gone. A person "
        "must approve this: check the reason, then run the check with --approve-unredactions "
        "(in CI: the approved run), or redact it again.",
    ),
    "drafts": (
        "A raw draft is committed",
        "A review's source/ folder or an office or PDF file is tracked by git. Remove it from "
        "the repository (git rm --cached) and from its history, and tell the partnership's "
        "information governance lead: once pushed, the draft itself is the leak.",
    ),
}


def location(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}:{finding.column}"
    return f"{where} [{finding.part}]" if finding.part else where


def describe(finding: Finding) -> str:
    text = f"{finding.entity_type} {finding.preview}"
    return f"{text} ({finding.entity_id})" if finding.entity_id else text


def summary(report: CheckReport) -> str:
    checked = "fingerprints, patterns" if report.fingerprints_checked else "patterns"
    text = (
        f"{len(report.findings)} possible leaks in {report.files} files ({report.words} words; "
        f"checked: {checked}, disguises, names, drafts)"
    )
    if report.problems:
        text += f"; {len(report.problems)} could not be checked"
    return text


def as_text(report: CheckReport) -> str:
    lines = [f"{location(f)}: {f.detector}: {describe(f)}" for f in report.findings]
    lines += [f"error: {p.path}: {p.message}" for p in report.problems]
    lines.append(summary(report))
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(report: CheckReport) -> str:
    """Workflow commands: each finding becomes an error annotation on its file and line."""
    lines = []
    for f in report.findings:
        properties = ",".join(
            [
                f"file={_escape_property(f.path)}",
                f"line={f.line}",
                f"col={f.column}",
                f"title={_escape_property('Leak check: ' + f.detector)}",
            ]
        )
        message = describe(f) + (f" [{f.part}]" if f.part else "")
        lines.append(f"::error {properties}::{_escape_data(message)}")
    for problem in report.problems:
        file = _escape_property(problem.path)
        lines.append(f"::error file={file},title=Leak check::{_escape_data(problem.message)}")
    for note in report.notes:
        lines.append(f"::warning title=Leak check::{_escape_data(note)}")
    lines.append(summary(report))
    return "\n".join(lines)


def as_json(report: CheckReport) -> str:
    return json.dumps(
        {
            "findings": [f.__dict__ for f in report.findings],
            "problems": [p.__dict__ for p in report.problems],
            "files": report.files,
            "words": report.words,
            "fingerprints_checked": report.fingerprints_checked,
            "notes": report.notes,
            "exit_code": report.exit_code,
        },
        indent=2,
    )


def as_sarif(report: CheckReport) -> str:
    rules = [
        {
            "id": rule,
            "name": rule,
            "shortDescription": {"text": short},
            "fullDescription": {"text": full},
            "help": {"text": full},
            "defaultConfiguration": {"level": "error"},
        }
        for rule, (short, full) in RULES.items()
    ]
    results = [
        {
            "ruleId": f.detector,
            "level": "error",
            "message": {"text": describe(f) + (f" [{f.part}]" if f.part else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(f.path), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
            # Stable across runs, so code scanning follows one leak rather than a new one each
            # time; made from the masked finding only.
            "partialFingerprints": {"leakCheck/v1": _stable_id(f)},
        }
        for f in report.findings
    ]
    notifications = [
        {"level": "error", "message": {"text": f"{p.path}: {p.message}"}} for p in report.problems
    ] + [{"level": "warning", "message": {"text": note}} for note in report.notes]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "anonymiser check",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not report.problems,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2)


def _stable_id(finding: Finding) -> str:
    parts = [finding.path, finding.part, finding.detector, finding.entity_type]
    parts += [finding.entity_id, finding.preview, str(finding.line)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def render(report: CheckReport, output: str) -> str:
    return {"text": as_text, "github": as_github, "sarif": as_sarif, "json": as_json}[output](
        report
    )
