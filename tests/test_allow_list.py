"""The allow-list vetoes detections, so it must never veto a person: a shipped term that is also
a given name ("Shona", "Christian", "Jamaica") protects the word only where the text uses it as
a language, a people or a country; a partnership can remove a shipped term; and the review page,
`redact --auto` and `check` all read the word the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from anonymiser.cli import main
from anonymiser.config import load_settings
from anonymiser.detect.allow_list import AllowList
from anonymiser.errors import ConfigError


def allowed_words(allow_list: AllowList, text: str) -> list[str]:
    return [text[a:b] for a, b in allow_list.allowed_ranges(text)]


@pytest.mark.parametrize(
    ("text", "word", "allowed"),
    [
        # Used as a language, a people, a faith or a country: allowed.
        ("The family speaks Shona at home.", "Shona", True),
        ("A Shona interpreter attended the meeting.", "Shona", True),
        ("Father is a Shona-speaking man.", "Shona", True),
        ("The letter was translated into Tamil for her.", "Tamil", True),
        ("They are a practising Christian family.", "Christian", True),
        ("Mother moved to Jamaica in 2019.", "Jamaica", True),
        ("The children were born in Ghana.", "Ghana", True),
        ("A French interpreter was booked.", "French", True),
        # Standing where a person stands: not allowed, so a detection of it stands.
        ("Shona telephoned the school on Monday.", "Shona", False),
        ("The health visitor spoke to Shona about feeding.", "Shona", False),
        ("Christian told his teacher he was hungry.", "Christian", False),
        ("Jamaica said she would call back.", "Jamaica", False),
        ("Shona's mother attended the conference.", "Shona", False),
    ],
)
def test_a_name_like_shipped_term_is_allowed_only_in_context(text, word, allowed):
    allow_list = AllowList.build([])
    assert (word in allowed_words(allow_list, text)) is allowed
    assert not allow_list.allows(word), "alone, a name-like term vetoes nothing"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The Children Act 1989 applies.", "Children Act 1989"),
        ("Ofsted inspected the service.", "Ofsted"),
        ("The family are Polish.", "Polish"),
        ("She spoke Romanian with her sister.", "Romanian"),
    ],
)
def test_other_shipped_terms_are_allowed_anywhere(text, word):
    allow_list = AllowList.build([])
    assert word in allowed_words(allow_list, text)
    assert allow_list.allows(word)


def test_a_partnership_term_is_trusted_anywhere():
    allow_list = AllowList.build(["Shona"])
    assert allow_list.allows("Shona")
    assert "Shona" in allowed_words(allow_list, "Shona telephoned the school.")


def test_a_removed_shipped_term_protects_nothing():
    allow_list = AllowList.build([], removed=["Polish", "shona"])
    assert not allow_list.allows("Polish")
    assert allowed_words(allow_list, "The family are Polish and speak Shona.") == []


def write_settings(root: Path, **settings) -> None:
    base = {"partnership": "Test Partnership", "key_file": ".anonymiser/key"}
    (root / "anonymiser.yml").write_text(yaml.safe_dump(base | settings), encoding="utf-8")


def test_allow_list_remove_is_read_from_settings(tmp_path):
    write_settings(tmp_path, allow_list_remove=["Shona", "Polish"])
    assert load_settings(tmp_path).allow_list_remove == ("Shona", "Polish")


def test_allow_list_remove_refuses_a_term_that_is_not_shipped(tmp_path):
    write_settings(tmp_path, allow_list_remove=["Shonna"])
    with pytest.raises(ConfigError, match=r"allow_list_remove.*Shonna.*Check the spelling"):
        load_settings(tmp_path)


# -- the whole flow: review page (add), redact --auto, check -------------------------------

DRAFT = (
    "# Overview report\n\n"
    "Child S lived with her mother and her aunt. Shona telephoned the school on Monday to say "
    "that Child S was unwell. The family speaks Shona at home.\n"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.slow
def test_redact_auto_removes_a_name_that_is_also_a_language(tmp_path):
    source = tmp_path / "drafts"
    source.mkdir()
    (source / "overview.md").write_text(DRAFT, encoding="utf-8")
    result = run("redact", "--auto", str(source), str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    published = (tmp_path / "out" / "overview.md").read_text(encoding="utf-8")
    assert "Shona telephoned" not in published
    assert "speaks Shona at home" in published


@pytest.mark.slow
def test_check_reports_a_redacted_name_that_is_also_a_language(project):
    review = project / "reports" / "child-s"
    (review / "source").mkdir(parents=True)
    (review / "source" / "overview.md").write_text(DRAFT, encoding="utf-8")
    assert run("scan", str(review)).exit_code == 0
    assert run("review", str(review), "--accept-all", "--by", "Tester").exit_code == 0
    assert run("apply", str(review), "--by", "Tester").exit_code == 0
    published = review / "overview.md"
    text = published.read_text(encoding="utf-8")
    assert "Shona telephoned" not in text
    assert run("check", "reports").exit_code == 0
    # Someone types the name back in: the fingerprint of the redacted name is found, and the
    # shipped language term does not excuse it.
    published.write_text(text + "\nShona telephoned again in June.\n", encoding="utf-8")
    result = run("check", "reports")
    assert result.exit_code == 1, result.output
    assert "Shona" not in result.output


@pytest.mark.slow
def test_the_review_page_adds_a_name_that_is_also_a_language(project):
    """The comms officer knows the aunt is called Shona: selecting the word adds it (the
    shipped term once refused it)."""
    from anonymiser.decisions.store import load_decisions
    from anonymiser.fingerprints import load_key
    from anonymiser.review.edits import Edit, Reviewer, apply_edit

    review = project / "reports" / "child-s"
    (review / "source").mkdir(parents=True)
    (review / "source" / "overview.md").write_text(
        "# Overview report\n\nChild S and her aunt speak Shona at home.\n",
        encoding="utf-8",
    )
    assert run("scan", str(review)).exit_code == 0
    settings = load_settings(project)
    key = load_key(settings.key_path)
    decisions = load_decisions(review / "redactions.yml", None)
    added = [e for e in decisions.entities if e.origin == "added"]
    apply_edit(
        decisions,
        Edit(kind="add", text="Shona"),
        Reviewer("Tester", "2026-12-07"),
        key,
        settings,
        AllowList.build([]),
    )
    assert len([e for e in decisions.entities if e.origin == "added"]) == len(added) + 1


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        ("the Corrowdale SCP's first annual report", "Corrowdale SCP"),
        ("Members of the Corrowdale SAB agreed the plan.", "Corrowdale SAB"),
        ("The Corrowdale Community Safety Partnership commissioned it.", "Corrowdale"),
    ],
)
def test_a_partnership_by_its_acronym_is_a_public_body(text, allowed):
    from anonymiser.detect.allow_list import AllowList

    allow = AllowList.build([], []).with_terms_of([text])
    start = text.index(allowed)
    assert allow.allowed_ranges(text).covers(start, start + len(allowed))


def test_a_setting_given_twice_in_anonymiser_yml_is_an_error(tmp_path):
    from anonymiser.config import load_settings
    from anonymiser.errors import ConfigError

    (tmp_path / "anonymiser.yml").write_text("reports_dir: reports\nreports_dir: elsewhere\n")
    with pytest.raises(ConfigError, match="'reports_dir' is given twice"):
        load_settings(tmp_path)
