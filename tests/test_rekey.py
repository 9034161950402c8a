"""`anonymiser rekey`: every review re-fingerprinted under a new key, every decision kept; all
reviews or none. End to end with the command line on fictional reviews."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from anonymiser.cli import main
from anonymiser.decisions.store import load_decisions, save_decisions
from anonymiser.fingerprints import parse_key

pytestmark = pytest.mark.slow

OVERVIEW = """# Overview report

Tamsin Oakridge lived with her mother, Carys Oakridge, at 12 Fennel Row, Kelbridge KE7 2LP.
Tam was quiet at nursery. Her grandmother, Ruth Pellow, visited every week.
Bumble stayed over on most weekends. The health visitor, Imogen Sallow, saw Tamsin on
3 May 2024 and again in June 2024. Carys told Imogen Sallow that Bumble had left.
The Wrenfield Panel met twice.
"""
BRIEFING = """# Learning briefing

Practitioners did not ask who Bumble was. Ruth Pellow was not invited to meetings.
Declan Morrow, a neighbour, raised the alarm.
"""
LEAK = "A sentence that slipped through: Tamsin Oakridge and Bumble, with Ruth Pellow.\n"


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def decided_review(project: Path, slug: str, drafts: dict[str, str]) -> Path:
    """A review with every kind of human decision: labels, an added identifier, a
    not-identifying item, a kept entity, a merge and a note."""
    assert run("new", slug).exit_code == 0
    folder = project / "reports" / slug
    for name, text in drafts.items():
        (folder / "source" / name).write_text(text, encoding="utf-8")
    assert run("scan", str(folder)).exit_code == 0
    added = run(
        "review", str(folder), "--add", "Bumble", "--type", "PERSON", "--label", "Person G",
        "--not-identifying", "Wrenfield Panel", "--by", "Tester",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    decisions = load_decisions(folder / "redactions.yml", None)
    by_text = {e.label: e for e in decisions.entities}
    assert "Person A" in by_text and "Person D" in by_text, sorted(by_text)
    # A merge ("Tam" is Tamsin) and a note, as the review page records them.
    tam, tamsin = by_text["Person D"], by_text["Person A"]
    tamsin.fingerprints = sorted(set(tamsin.fingerprints) | set(tam.fingerprints))
    tamsin.merged_from = [tam.id]
    tamsin.note = "Checked with the lead reviewer"
    decisions.entities.remove(tam)
    save_decisions(decisions, folder / "redactions.yml")
    date = next(e for e in decisions.entities if e.type == "DATE")
    decided = run(
        "review", str(folder), "--keep", date.id, "--reason", "a date the report gives",
        "--label", f"{tamsin.id}=Child Q",
        "--by", "Tester",
    )  # fmt: skip
    assert decided.exit_code == 0, decided.output
    assert run("review", str(folder), "--accept-all", "--by", "Tester").exit_code == 0
    assert run("scan", str(folder)).exit_code == 0
    return folder


def comparable(path: Path) -> list[tuple]:
    """Every decision of a redactions.yml, less what rekey changes (fingerprints and ids)."""
    decisions = load_decisions(path, None)
    return sorted(
        (e.type, e.decision, e.label, e.text, e.stale, e.origin, len(e.merged_from),
         len(e.fingerprints), tuple(sorted(e.mentions.items())), e.decided_by, e.decided_on,
         e.note)
        for e in decisions.entities
    )  # fmt: skip


def without_ids(output: str) -> str:
    return re.sub(r"\(([a-z]+(?:-[a-z]+)*)-[0-9a-f]{6,}\)", r"(\1)", output)


def use_key(project: Path, key_file: Path) -> None:
    (project / ".anonymiser" / "key").unlink()
    key_file.rename(project / ".anonymiser" / "key")


def test_rekey_keeps_every_decision_and_apply_and_check_agree(project: Path):
    folders = [
        decided_review(project, "child-q", {"overview.md": OVERVIEW}),
        decided_review(project, "child-r", {"overview.md": OVERVIEW, "briefing.md": BRIEFING}),
    ]
    for folder in folders:
        assert run("apply", "--by", "Comms", str(folder)).exit_code == 0
    published = {p: p.read_bytes() for f in folders for p in sorted(f.glob("*.md"))}
    before = {f: f.joinpath("redactions.yml").read_text("utf-8") for f in folders}
    old_fingerprints = {
        fp for f in folders for e in load_decisions(f / "redactions.yml", None).entities
        for fp in e.fingerprints
    }  # fmt: skip
    leak = folders[0] / "leak.md"
    leak.write_text(LEAK, encoding="utf-8")
    found_before = run("check", str(leak), "--require-key")
    assert found_before.exit_code == 1, found_before.output

    new_key_file = project / ".anonymiser" / "new-key"
    rekeyed = run("rekey", "--new-key-file", str(new_key_file))
    assert rekeyed.exit_code == 0, rekeyed.output
    assert "Re-fingerprinted 2 reviews" in rekeyed.output
    new_key = parse_key(new_key_file.read_text("ascii"), "test")
    assert oct(new_key_file.stat().st_mode & 0o777) == "0o600"

    for folder in folders:
        decisions = load_decisions(folder / "redactions.yml", None)
        assert decisions.key_id == new_key.key_id
        assert not {fp for e in decisions.entities for fp in e.fingerprints} & old_fingerprints
        # The ids were made from old fingerprints: none is left.
        old_ids = set(before[folder].split()) & {e.id for e in decisions.entities}
        assert not old_ids
        merged = [e for e in decisions.entities if e.merged_from]
        assert len(merged) == 1 and merged[0].merged_from[0] not in before[folder]
        text = folder.joinpath("redactions.yml").read_text("utf-8")
        assert "Tamsin" not in text and "Bumble" not in text

    use_key(project, new_key_file)
    for folder in folders:
        applied = run("apply", "--by", "Comms", str(folder))
        assert applied.exit_code == 0, applied.output
    assert {p: p.read_bytes() for f in folders for p in sorted(f.glob("*.md"))} == {
        **published,
        leak: LEAK.encode(),
    }
    found_after = run("check", str(leak), "--require-key")
    assert found_after.exit_code == 1
    # The same findings, at the same places; only the entity ids are new.
    assert without_ids(found_after.output) == without_ids(found_before.output)
    assert found_after.output.count("fingerprints: PERSON") == 3
    leak.unlink()
    assert run("check", str(folders[0]), "--require-key").exit_code == 0


def test_decisions_other_than_fingerprints_and_ids_are_unchanged(project: Path):
    folder = decided_review(project, "child-q", {"overview.md": OVERVIEW})
    before = comparable(folder / "redactions.yml")
    result = run("rekey", "--new-key-file", str(project / "new-key"))
    assert result.exit_code == 0, result.output
    assert comparable(folder / "redactions.yml") == before


@pytest.mark.parametrize(
    ("break_review", "expected"),
    [
        pytest.param(
            lambda folder: [p.unlink() for p in (folder / "source").iterdir()],
            "reports/child-r: its drafts are not in",
            id="drafts-missing",
        ),
        pytest.param(
            lambda folder: (folder / "source" / "briefing.md").unlink(),
            "match nothing in the drafts",
            id="a-draft-changed-since",
        ),
    ],
)
def test_a_review_that_cannot_be_rekeyed_stops_everything(project: Path, break_review, expected):
    good = decided_review(project, "child-q", {"overview.md": OVERVIEW})
    broken = decided_review(project, "child-r", {"overview.md": OVERVIEW, "briefing.md": BRIEFING})
    # Declan Morrow is only in the briefing: without it, his fingerprints match nothing.
    before = {f: (f / "redactions.yml").read_bytes() for f in (good, broken)}
    break_review(broken)
    result = run("rekey", "--new-key-file", str(project / "new-key"))
    assert result.exit_code == 2, result.output
    assert expected in result.output and "Nothing was changed" in result.output
    assert "Traceback" not in result.output
    for word in ("Tamsin", "Bumble", "Pellow"):
        assert word not in result.output
    assert {f: (f / "redactions.yml").read_bytes() for f in (good, broken)} == before
    assert not (project / "new-key").exists()


def test_the_key_in_use_is_not_a_new_key(project: Path):
    decided = project / "reports"
    assert decided.is_dir()
    result = run("rekey", "--new-key-file", str(project / ".anonymiser" / "key"))
    assert result.exit_code == 2 and "holds the key in use" in result.output


def test_rekey_without_the_old_key_stops(project: Path, monkeypatch):
    (project / ".anonymiser" / "key").unlink()
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    result = run("rekey", "--new-key-file", str(project / "new-key"))
    assert result.exit_code == 2 and "No partnership key" in result.output
    assert not (project / "new-key").exists()
