"""Un-redaction is visible: `anonymiser check --base REF` lists every entity that was redacted
in a redactions.yml at REF and is not now (kept, pending, or gone), with file, id, type, label
and reason but never the identifier, and fails unless --approve-unredactions. A kept entity
needs a reason (test_typed_text.py covers the reason's own checks).

All names are invented.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from anonymiser.cli import main
from anonymiser.decisions.schema import EntityDecision, ReviewDecisions
from anonymiser.decisions.store import load_decisions, save_decisions
from anonymiser.fingerprints import load_key

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

NAMES = {"person-aaaaaa": "Tamsin Okereke", "person-bbbbbb": "Lorcan Abernethy"}
SECRETS = ("tamsin", "okereke", "lorcan", "abernethy")
PATH = "reports/child-x/redactions.yml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Tester", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(project) -> Path:
    """A partnership repository whose one review redacts two people, committed as `main`."""
    key = load_key(project / ".anonymiser" / "key")
    entities = [
        EntityDecision(
            id=entity_id,
            type="PERSON",
            decision="redact",
            label=label,
            fingerprints=[key.fingerprint(NAMES[entity_id])],
        )
        for entity_id, label in (("person-aaaaaa", "Mother"), ("person-bbbbbb", "Father"))
    ]
    decisions = ReviewDecisions(review="child-x", key_id=key.key_id, entities=entities)
    save_decisions(decisions, project / PATH)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", PATH)
    git(project, "commit", "-q", "-m", "decisions")
    return project


def edit(repo: Path, change) -> None:
    decisions = load_decisions(repo / PATH, None)
    change(decisions)
    save_decisions(decisions, repo / PATH)


def keep(decisions, entity_id="person-aaaaaa", reason="a public official named in the report"):
    decisions.by_id()[entity_id].decide("keep", "Tester", "2026-03-01", reason=reason)


def pending(decisions):
    decisions.by_id()["person-aaaaaa"].decision = "pending"


def removed(decisions):
    decisions.entities.remove(decisions.by_id()["person-aaaaaa"])


def moved_to_a_new_keep(decisions):
    """A hand edit that deletes the redacted block and adds a kept one with its fingerprints."""
    old = decisions.by_id()["person-aaaaaa"]
    decisions.entities.remove(old)
    decisions.entities.append(
        EntityDecision(
            id="person-cccccc",
            type="PERSON",
            decision="keep",
            keep_reason="not identifying",
            fingerprints=old.fingerprints,
        )
    )


def relabelled(decisions):
    decisions.by_id()["person-aaaaaa"].label = "Birth Mother"


def merged(decisions):
    """Merging a redacted entity into another redacted one keeps every fingerprint redacted."""
    a, b = decisions.by_id()["person-aaaaaa"], decisions.by_id()["person-bbbbbb"]
    b.fingerprints = sorted(set(a.fingerprints) | set(b.fingerprints))
    b.merged_from = [a.id]
    decisions.entities.remove(a)


@pytest.mark.parametrize(
    ("change", "listed", "how"),
    [
        (keep, "person-aaaaaa", "now kept; reason: 'a public official named in the report'"),
        (pending, "person-aaaaaa", "now pending"),
        (removed, "person-aaaaaa", "now gone"),
        (moved_to_a_new_keep, "person-cccccc", "now kept; reason: 'not identifying'"),
        (relabelled, None, ""),
        (merged, None, ""),
    ],
)
def test_every_unredaction_since_the_base_is_listed_and_fails(repo, change, listed, how):
    edit(repo, change)
    result = run("check", PATH, "--require-key", "--base", "main")
    assert not any(secret in result.output.casefold() for secret in SECRETS)
    if listed is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.output.splitlines() if "unredactions" in line]
    assert line.startswith(f"{PATH}:")
    assert f"({listed})" in line and "PERSON" in line and "as 'Mother'" in line and how in line


def test_an_approved_unredaction_passes_and_is_still_reported(repo):
    edit(repo, keep)
    result = run("check", PATH, "--require-key", "--base", "main", "--approve-unredactions")
    assert result.exit_code == 0, result.output
    assert "Approved un-redaction" in result.stderr and "person-aaaaaa" in result.stderr
    assert "reason: 'a public official named in the report'" in result.stderr


def test_the_json_report_lists_the_unredaction_without_the_identifier(repo):
    edit(repo, keep)
    result = run("check", PATH, "--require-key", "--base", "main", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["detector"], f["entity_id"]) for f in findings] == [
        ("unredactions", "person-aaaaaa")
    ]
    assert not any(secret in result.output.casefold() for secret in SECRETS)


def test_a_reason_or_label_that_names_someone_is_not_shown(repo):
    """The listing shows the label and reason only when they pass the typed-text rules; the
    reason that fails is a finding of its own."""
    edit(repo, lambda d: keep(d, reason="Lorcan Abernethy asked for it"))
    result = run("check", PATH, "--require-key", "--base", "main")
    assert result.exit_code == 1
    assert "reason not shown" in result.output and "field 'keep_reason'" in result.output
    assert not any(secret in result.output.casefold() for secret in SECRETS)


def test_a_new_review_has_nothing_to_compare(repo):
    """A redactions.yml that did not exist at the base has no un-redactions."""
    other = repo / "reports/child-y/redactions.yml"
    other.parent.mkdir()
    shutil.copy(repo / PATH, other)
    text = other.read_text("utf-8").replace("review: child-x", "review: child-y")
    other.write_text(text.replace("decision: redact", "decision: keep\n  keep_reason: ok", 1))
    result = run("check", str(other.relative_to(repo)), "--require-key", "--base", "main")
    assert result.exit_code == 0, result.output


def test_an_unknown_base_cannot_be_checked(repo):
    result = run("check", PATH, "--require-key", "--base", "no-such-branch")
    assert result.exit_code == 2 and "--base no-such-branch: no such commit" in result.output


def test_approval_goes_with_a_base(repo):
    result = run("check", PATH, "--approve-unredactions")
    assert result.exit_code == 2 and "--base" in result.output


def test_a_keep_without_a_reason_is_a_finding_even_without_a_base(repo):
    edit(repo, lambda d: keep(d, reason=""))
    text = (repo / PATH).read_text("utf-8")
    assert "keep_reason" not in text
    result = run("check", PATH, "--require-key")
    assert result.exit_code == 1 and "field 'keep_reason'" in result.output


def test_the_committed_example_keeps_have_reasons():
    for path in sorted((Path(__file__).parents[1] / "reports").glob("*/redactions.yml")):
        for entity in load_decisions(path, None).entities:
            if entity.decision == "keep":
                assert entity.keep_reason, (path, entity.id)
