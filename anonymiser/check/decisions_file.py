"""The leak check of the decisions files themselves, and of what changed in them.

A redactions.yml is committed, and labels in it are published: its typed fields (labels, notes,
reasons for keeping, kept texts) go through the rules of anonymiser/typed_text.py, and a kept
entity without a reason is a finding. With `--base REF`, every entity that was redacted in the
file at REF (`git show REF:path`) and is not now (kept, made pending, or gone) is listed, so
that an un-redaction, a one-line diff of fingerprints, is seen and approved by a person
(`--approve-unredactions`).

Findings name the file, the line, the entity id and the field; never the text of the field,
and never the identifier. A label or reason is shown in an un-redaction only when it passes
the same rules.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from anonymiser.check import Finding, Problem
from anonymiser.decisions.schema import (
    DECISIONS_NAME,
    EntityDecision,
    ReviewDecisions,
    safe_entity_id,
    unexplained_keeps,
)
from anonymiser.decisions.store import load_decisions, parse_decisions
from anonymiser.errors import AnonymiserError
from anonymiser.fingerprints import PartnershipKey
from anonymiser.typed_text import TypedTextRules

DETECTOR = "decisions"
UNREDACTIONS = "unredactions"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Unredaction:
    """An entity redacted at the base and not now. `how` is "kept", "pending" or "removed"."""

    path: str
    line: int
    entity_id: str
    entity_type: str
    how: str
    label: str  # "" when the label is not safe to show
    reason: str  # likewise

    def describe(self, base: str) -> str:
        text = f"redacted at {base}"
        if self.label:
            text += f" as '{self.label}'"
        text += {
            "kept": ", now kept",
            "pending": ", now pending (the check no longer looks for it)",
            "removed": ", now gone from the file (the check no longer looks for it)",
        }[self.how]
        if self.how == "kept":
            text += f"; reason: '{self.reason}'" if self.reason else "; reason not shown"
        return text


def decisions_files(paths: list[Path], reports: Path) -> list[Path]:
    """Every redactions.yml named in `paths`, under a folder of `paths`, or under reports/."""
    found: dict[Path, Path] = {}
    candidates = [p for p in paths if p.is_file() and p.name == DECISIONS_NAME]
    for path in paths:
        if path.is_dir():
            candidates += [
                f
                for f in sorted(path.rglob(DECISIONS_NAME))
                if not any(part.startswith(".") for part in f.relative_to(path).parts[:-1])
            ]
    candidates += sorted(reports.glob(f"*/{DECISIONS_NAME}"))
    for path in candidates:
        found.setdefault(path.resolve(), path)
    return sorted(found.values())


def check_decisions_files(
    files: list[Path],
    key: PartnershipKey | None,
    detector,
    redacted: set[str],
    base: str | None = None,
    root: Path | None = None,
) -> tuple[list[Finding], list[Problem], list[Unredaction]]:
    """Findings in the typed fields of `files`; problems (a file that cannot be read); and,
    with `base`, the entities redacted at `base` and not now."""
    findings: list[Finding] = []
    problems: list[Problem] = []
    unredacted: list[Unredaction] = []
    git = _Git(root or Path.cwd(), base) if base else None
    if git is not None and git.problem:
        problems.append(Problem(str(root), git.problem))
        git = None
    for path in files:
        try:
            decisions = load_decisions(path, key.key_id if key else None)
        except AnonymiserError as exc:
            problems.append(Problem(str(path), _without_path(str(exc), path)))
            continue
        if decisions is None:
            continue
        lines = _field_lines(path.read_text(encoding="utf-8"))
        rules = TypedTextRules(decisions, key, detector, redacted)
        findings += _typed_findings(path, decisions, rules, lines)
        if git is not None:
            try:
                before = git.decisions_at_base(path)
            except AnonymiserError as exc:
                problems.append(Problem(str(path), _without_path(str(exc), path)))
                continue
            if before is not None:
                unredacted += _unredactions(path, before, decisions, rules, lines)
    return findings, problems, unredacted


def _typed_findings(path, decisions, rules: TypedTextRules, lines) -> list[Finding]:
    findings = []
    for entity in unexplained_keeps(decisions):
        line = lines.get((entity.id, "decision"), 1)
        preview = "keep_reason: kept without a reason (keeping publishes the identifier)"
        findings.append(_finding(path, line, entity, preview, "field 'keep_reason'"))
    for problem in rules.problems(decisions):
        entity = decisions.by_id()[problem.entity_id]
        line = lines.get((entity.id, problem.field), 1)
        preview = f"{problem.field}: {problem.problem}"
        findings.append(_finding(path, line, entity, preview, f"field '{problem.field}'"))
    return findings


def _finding(path, line: int, entity: EntityDecision, preview: str, part: str) -> Finding:
    return Finding(
        str(path), line, 1, DETECTOR, entity.type, preview, safe_entity_id(entity.id), part
    )


def _unredactions(
    path: Path,
    before: ReviewDecisions,
    now: ReviewDecisions,
    rules: TypedTextRules,
    lines: dict,
) -> list[Unredaction]:
    """Each entity redacted in `before` whose fingerprints are not all redacted in `now`."""
    owner = now.by_fingerprint()
    found = []
    for old in before.entities:
        if old.decision != "redact":
            continue
        owners = [owner.get(fp) for fp in old.fingerprints]
        if all(o is not None and o.decision == "redact" for o in owners):
            continue
        kept = next((o for o in owners if o is not None and o.decision == "keep"), None)
        pending = next((o for o in owners if o is not None and o.decision == "pending"), None)
        current = kept or pending
        how = "kept" if kept else "pending" if pending else "removed"
        entity_id = current.id if current else old.id
        reason = kept.keep_reason if kept else ""
        found.append(
            Unredaction(
                str(path),
                lines.get((entity_id, "id"), 1),
                safe_entity_id(entity_id),
                old.type,
                how,
                _shown(old.label, rules),
                _shown(reason, rules),
            )
        )
    return found


def _shown(text: str, rules: TypedTextRules) -> str:
    return text if text and rules.problem(text) is None else ""


def unredaction_finding(item: Unredaction, base: str) -> Finding:
    return Finding(
        item.path,
        item.line,
        1,
        UNREDACTIONS,
        item.entity_type,
        item.describe(base),
        item.entity_id,
        "",
    )


def _without_path(message: str, path: Path) -> str:
    return message.removeprefix(f"{path}: ")


def _field_lines(text: str) -> dict[tuple[str, str], int]:
    """(entity id, field) -> line of the field in the file, for findings. A file PyYAML cannot
    compose was refused by load_decisions already."""
    lines: dict[tuple[str, str], int] = {}
    root = yaml.compose(text, Loader=_YAML_LOADER)
    if not isinstance(root, yaml.MappingNode):
        return lines
    entities = next(
        (v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "entities"),
        None,
    )
    if not isinstance(entities, yaml.SequenceNode):
        return lines
    for block in entities.value:
        if not isinstance(block, yaml.MappingNode):
            continue
        fields = {k.value: k for k, _ in block.value if isinstance(k, yaml.ScalarNode)}
        id_node = next((v for k, v in block.value if getattr(k, "value", None) == "id"), None)
        entity_id = getattr(id_node, "value", None)
        if not isinstance(entity_id, str):
            continue
        for name, key_node in fields.items():
            lines[(entity_id, name)] = key_node.start_mark.line + 1
    return lines


class _Git:
    """The decisions files as they were at a base commit."""

    def __init__(self, root: Path, base: str) -> None:
        self.base = base
        self.problem = ""
        self.top: Path | None = None
        try:
            verified = self._git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
            top = self._git(root, "rev-parse", "--show-toplevel")
        except (OSError, subprocess.SubprocessError) as exc:
            self.problem = f"--base: git could not run ({type(exc).__name__})."
            return
        if top.returncode != 0:
            self.problem = "--base: not a git repository, so there is nothing to compare with."
        elif verified.returncode != 0:
            self.problem = (
                f"--base {base}: no such commit here (in CI, fetch it first: "
                "actions/checkout with fetch-depth: 0)."
            )
        else:
            self.top = Path(top.stdout.strip())

    @staticmethod
    def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
        )

    def decisions_at_base(self, path: Path) -> ReviewDecisions | None:
        """The file at the base commit; None when it did not exist there (a new review)."""
        try:
            relative = path.resolve().relative_to(self.top.resolve()).as_posix()
        except ValueError:
            raise AnonymiserError(
                f"{path}: is outside the git repository, so it cannot be compared with {self.base}."
            ) from None
        spec = f"{self.base}:{relative}"
        if self._git(self.top, "cat-file", "-e", spec).returncode != 0:
            return None
        shown = self._git(self.top, "show", spec)
        if shown.returncode != 0:
            raise AnonymiserError(f"{path}: could not be read at {self.base} with git.")
        return parse_decisions(shown.stdout, f"{path} at {self.base}")
