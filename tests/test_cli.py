"""The `anonymiser` command, as a comms officer and CI use it: exit codes and messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from ingest_fixtures import DocxBuilder, ReviewPdf

from anonymiser.cli import main

pytestmark = pytest.mark.slow

NAMES = ["Kayden Marsh", "Zofia Wójcik", "Gemma Ashcroft", "Alison Penrose", "Rebecca Thornley"]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def make_mixed_drafts(folder: Path) -> Path:
    """A review with one draft of each supported kind, sharing its identifiers."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "overview.md").write_text(
        "# Overview\n\nKayden Marsh was born on 14 March 2019 at home. His mother, "
        "Zofia Wójcik, called 07700 900123.\n",
        encoding="utf-8",
    )
    (folder / "executive-summary.txt").write_text(
        "Kayden lived with Zofia\nWójcik at 14 Larkspur Close, Kelbridge KE4 7PQ.\n",
        encoding="utf-8",
    )
    (
        DocxBuilder()
        .header("Draft v3 - prepared by Alison Penrose")
        .heading("Learning briefing")
        .commented_paragraph(
            "The social worker ",
            "visited twice",
            " before Christmas.",
            comment="Rebecca Thornley says three times - check.",
            author="Alison Penrose",
            initials="AP",
        )
        .paragraph("Gemma Ashcroft, the social worker, saw Kayden at Brookside Primary School.")
        .save(folder / "briefing.docx")
    )
    pdf = ReviewPdf()
    pdf.add_page()
    pdf.heading("Partnership response")
    pdf.paragraph("The partnership thanks the family of Kayden Marsh and Gemma Ashcroft.")
    pdf.output(str(folder / "board-response.pdf"))
    return folder


def test_redact_auto_handles_every_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    drafts = make_mixed_drafts(tmp_path / "drafts")
    result = run("redact", "--auto", str(drafts), str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["board-response.md", "briefing.md", "executive-summary.md", "overview.md"]
    published = "\n".join(p.read_text() for p in (tmp_path / "out").iterdir())
    for name in NAMES + ["Wójcik", "Kayden", "07700 900123", "KE4 7PQ", "Larkspur", "Brookside"]:
        assert name not in published, name
    assert "Person A" in published and "[phone number]" in published
    assert "in March 2019" not in published  # a date of birth is removed, not shortened
    assert "[date of birth]" in published
    # A whole postal address is one placeholder, town and postcode included.
    assert "at [address]." in published


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("overview.docx", b"this is not a zip", "not a valid Word document"),
        ("overview.md", b"", "is empty"),
        ("overview.md", b"\x00\x01\x02binary\x00junk" * 20, "not a text file"),
        ("overview.rtf", b"{\\rtf1 hello}", "anonymiser can read"),
    ],
)
def test_redact_refuses_bad_input_and_writes_nothing(tmp_path, monkeypatch, name, content, message):
    monkeypatch.chdir(tmp_path)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "briefing.md").write_text("Kayden Marsh was seen.", encoding="utf-8")
    (drafts / name).write_bytes(content)
    result = CliRunner().invoke(main, ["redact", "--auto", str(drafts), str(tmp_path / "out")])
    assert result.exit_code == 2
    assert name in result.output and message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_scan_review_apply_flow(project):
    assert run("new", "child-x").exit_code == 0
    make_mixed_drafts(project / "reports" / "child-x" / "source")

    scanned = run("scan", "reports/child-x")
    assert scanned.exit_code == 0, scanned.output
    assert "pending" in scanned.output
    decisions_text = (project / "reports/child-x/redactions.yml").read_text(encoding="utf-8")
    for name in NAMES + ["Kayden", "Wójcik", "07700 900123"]:
        assert name.casefold() not in decisions_text.casefold(), name

    refused = CliRunner().invoke(main, ["apply", "reports/child-x"])
    assert refused.exit_code == 2 and "still need a decision" in refused.output

    listing = run("review", "reports/child-x", "--list")
    kayden = next(line.split()[0] for line in listing.output.splitlines() if "Kayden" in line)
    assert run("review", "reports/child-x", "--label", f"{kayden}=Child X").exit_code == 0
    assert run("review", "reports/child-x", "--accept-all").exit_code == 0
    applied = run("apply", "reports/child-x", "--by", "Comms officer")
    assert applied.exit_code == 0, applied.output

    overview = (project / "reports/child-x/overview.md").read_text(encoding="utf-8")
    assert "Child X was born on [date of birth]" in overview
    briefing = (project / "reports/child-x/briefing.md").read_text(encoding="utf-8")
    assert "saw Child X at [school]" in briefing
    review = yaml.safe_load((project / "reports/child-x/review.yml").read_text())
    assert review["sign_off"]["by"] == "Comms officer"
    assert [d["file"] for d in review["documents"]] == [
        "overview.md",
        "executive-summary.md",
        "briefing.md",
        "board-response.md",
    ]

    # A rescan after the drafts change keeps every decision and adds the new name as pending.
    draft = project / "reports/child-x/source/overview.md"
    draft.write_text(draft.read_text() + "\nDean Whitlock moved in.\n", encoding="utf-8")
    rescanned = run("scan", "reports/child-x")
    assert "1 new" in rescanned.output, rescanned.output
    assert "Child X" in (project / "reports/child-x/redactions.yml").read_text()
    refused = CliRunner().invoke(main, ["apply", "reports/child-x"])
    assert refused.exit_code == 2


def test_apply_refuses_a_draft_with_an_undecided_identifier(project):
    folder = project / "reports" / "child-y"
    (folder / "source").mkdir(parents=True)
    (folder / "source" / "overview.md").write_text("Kayden Marsh was seen.\n")
    run("scan", "reports/child-y")
    run("review", "reports/child-y", "--accept-all")
    (folder / "source" / "overview.md").write_text("Kayden Marsh met Dean Whitlock.\n")
    result = CliRunner().invoke(main, ["apply", "reports/child-y"])
    assert result.exit_code == 2
    assert "has no decision for" in result.output
    assert not (folder / "overview.md").exists()


def test_a_different_key_is_refused_not_rescanned(project, monkeypatch):
    folder = project / "reports" / "child-z"
    (folder / "source").mkdir(parents=True)
    (folder / "source" / "overview.md").write_text("Kayden Marsh was seen.\n")
    run("scan", "reports/child-z")
    before = (folder / "redactions.yml").read_text()
    monkeypatch.setenv("ANONYMISER_KEY", "ab" * 32)
    result = CliRunner().invoke(main, ["scan", "reports/child-z"])
    assert result.exit_code == 2 and "partnership key" in result.output
    assert (folder / "redactions.yml").read_text() == before


def test_init_creates_the_key_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    first = run("init")
    assert first.exit_code == 0 and "Created the partnership key" in first.output
    assert "ANONYMISER_KEY" in first.output
    key = (tmp_path / ".anonymiser" / "key").read_text()
    second = run("init")
    assert "already exists" in second.output
    assert (tmp_path / ".anonymiser" / "key").read_text() == key


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_check_finds_a_leak_without_printing_it(project, output_format):
    folder = project / "reports" / "child-w"
    (folder / "source").mkdir(parents=True)
    (folder / "source" / "overview.md").write_text("Kayden Marsh was seen.\n")
    run("scan", "reports/child-w")
    run("review", "reports/child-w", "--accept-all")
    run("apply", "reports/child-w")
    clean = CliRunner().invoke(main, ["check", "reports"])
    assert clean.exit_code == 0, clean.output
    (folder / "overview.md").write_text("Later KAYDEN marsh rang 07700 900123.\n")
    result = CliRunner().invoke(main, ["check", "reports", "--format", output_format])
    assert result.exit_code == 1
    assert "fingerprints" in result.output and "patterns" in result.output
    for secret in ("kayden", "marsh", "900123"):
        assert secret not in result.output.casefold()


def test_check_without_key_warns_or_fails(project, monkeypatch):
    (project / ".anonymiser" / "key").unlink()
    warned = CliRunner().invoke(main, ["check", "reports"])
    assert warned.exit_code == 0 and "NOT checked" in warned.output
    required = CliRunner().invoke(main, ["check", "reports", "--require-key"])
    assert required.exit_code == 2
