"""One honest path through the whole flow: a Word draft with a comment and a header naming
people -> scan -> decide -> apply -> mkdocs build -> the built pages hold the labels and no
identifier from the draft, not even those that were only in the comment or the header."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from ingest_fixtures import DocxBuilder

from anonymiser.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
COMMENT = "Ask Rebecca Thornley whether the visit on 9 May happened."
HEADER = "Draft v2 - prepared by Alison Penrose"
IDENTIFIERS = [
    "Kayden Marsh",
    "Kayden",
    "Marsh",
    "Zofia Wójcik",
    "Zofia",
    "Rebecca Thornley",
    "Thornley",
    "Alison Penrose",
    "Penrose",
    "Brookside Primary School",
    "14 Larkspur Close",
    "KE4 7PQ",
    "07700 900418",
]


def write_draft(path: Path) -> None:
    (
        DocxBuilder()
        .header(HEADER)
        .properties(author="Alison Penrose")
        .heading("Overview report")
        .heading("Background", level=2)
        .paragraph(
            "Kayden Marsh was born on 9 November 2022. He lived with his mother, Zofia Wójcik, "
            "at 14 Larkspur Close, Kelbridge KE4 7PQ."
        )
        .commented_paragraph(
            "The social worker ",
            "visited the family",
            " twice before Christmas.",
            comment=COMMENT,
            author="Alison Penrose",
            initials="AP",
        )
        .heading("What happened", level=2)
        .paragraph(
            "On 6 February 2023 Kayden's sister told staff at Brookside Primary School that "
            'Mother had texted "call me on 07700 900418, kayden is crying".'
        )
        .paragraph("Rebecca Thornley was not available to the review.")
        .save(path)
    )


def test_word_draft_to_published_site(tmp_path, monkeypatch):
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    for name in ("mkdocs.yml", "anonymiser.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "demo-partnership.key", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    assert runner.invoke(main, ["new", "child-e"]).exit_code == 0
    write_draft(tmp_path / "reports/child-e/source/overview.docx")
    assert runner.invoke(main, ["scan", "reports/child-e"]).exit_code == 0
    listing = runner.invoke(main, ["review", "reports/child-e", "--list"]).output
    kayden = next(line.split()[0] for line in listing.splitlines() if "Kayden Marsh" in line)
    zofia = next(line.split()[0] for line in listing.splitlines() if "Zofia" in line)
    decided = runner.invoke(
        main,
        [
            "review",
            "reports/child-e",
            "--label",
            f"{kayden}=Child E",
            "--label",
            f"{zofia}=Mother",
            "--accept-all",
        ],
    )
    assert decided.exit_code == 0, decided.output
    applied = runner.invoke(main, ["apply", "reports/child-e", "--by", "Comms"])
    assert applied.exit_code == 0, applied.output

    review_file = tmp_path / "reports/child-e/review.yml"
    review = yaml.safe_load(review_file.read_text())
    review.update(
        status="published",
        type="lcspr",
        published="2024-01-10",
        summary="A review about a baby.",
        themes=["neglect"],
        age_group="under-1",
    )
    review_file.write_text(yaml.safe_dump(review, sort_keys=False))
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr

    document = (tmp_path / "site/reviews/child-e/overview/index.html").read_text("utf-8")
    assert "Child E was born on [date of birth]" in document
    # "his mother, Zofia Wójcik, at" with Zofia labelled "Mother" reads "his mother at".
    assert "his mother at [address]" in document  # the whole postal address, town and postcode
    assert "In February 2023 Child E&#39;s sister" in document or (
        "In February 2023 Child E's sister" in document
    )
    assert "[phone number]" in document and "[school]" in document

    site_text = "\n".join(
        p.read_text("utf-8", errors="replace").casefold()
        for p in (tmp_path / "site").rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json", ".js", ".txt")
    )
    for identifier in IDENTIFIERS:
        assert identifier.casefold() not in site_text, identifier
    assert COMMENT.casefold() not in site_text and "draft v2" not in site_text

    check = runner.invoke(main, ["check", "reports", "site", "--require-key"])
    assert check.exit_code == 0, check.output
