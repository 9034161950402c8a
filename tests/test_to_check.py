"""The to-check list: words and phrases that could identify someone but that the scan neither
found nor can explain. Table tests of what is listed and what is explained (no spaCy model),
then the terminal flow: `review --list --json`, `--add`, `--not-identifying`, and `apply`
refusing while an item is undecided."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from anonymiser.cli import main
from anonymiser.detect.allow_list import AllowList
from anonymiser.to_check import to_check

ALLOW = AllowList.build(["Northfold Safeguarding Children Partnership", "Northfold"])


def listed(text: str, covered: list[tuple[str]] = ()) -> list[str]:
    spans = []
    for phrase in covered:
        start = text.index(phrase)
        spans.append((start, start + len(phrase)))
    return [item.text for item in to_check([text], [spans], ALLOW.with_terms_of([text]))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A capitalised name of something outside a sentence start.
        ("She went to Bramblewick Cottage every day.", ["Bramblewick Cottage"]),
        ("The boy played at Larkhill Rec with friends.", ["Larkhill"]),
        # Letters mixed with digits, handles, a quoted word.
        ("The log shows QX 4471902 as the record.", ["QX 4471902"]),
        ("He used the name blaze_rider9 online.", ["blaze_rider9"]),
        ("Her aunt, whom she called 'Tibby', came.", ["Tibby"]),
        ("He messaged from ellz.b.x that night.", ["ellz.b.x"]),
        # Ordinary words that name a place one can find.
        ("She was minded at Sunflower Cottage on weekdays.", ["Sunflower Cottage"]),
        ("They drank at the Rising Sun Inn until late.", ["Rising Sun Inn"]),
        ("She worked behind the bar at The Hare and Lantern on Fridays.", ["Hare and Lantern"]),
        # Lower-case words in a chat message that English hardly uses.
        ("[03/02/2023, 21:40] Mo: tobzy outside again", ["tobzy"]),
        ("> **Mo:** quennie said come", ["quennie"]),
        # The acronym a text defines for an unexplained name goes on the list with it.
        (
            "A flat let by Corvane Moor Homes (CMH). CMH staff visited.",
            ["Corvane Moor Homes", "CMH"],
        ),
    ],
)
def test_unexplained_words_are_listed(text, expected):
    found = listed(text)
    for item in expected:
        assert any(item in f or f in item for f in found), (item, found)


def test_an_acronym_that_stands_for_another_name_is_not_listed_with_it():
    assert "ABC" not in listed("A flat let by Corvane Homes (ABC) last year.")


@pytest.mark.parametrize(
    "text",
    [
        "Northfold Safeguarding Children Partnership commissioned the review.",
        "The family moved to Preston in March 2021.",
        "On Sunday the health visitor called. In June she moved.",
        "The MASH and CSC shared the GBH report with the ICB.",
        "Child D and Mother were seen; Sibling 2 was at school.",
        "Key Findings\n\nThe Review found that practice was good.",
        "She said she felt 'fine' and 'clingy' that week.",
        "The plan was reviewed at 10am in Year 7 under KS2 and s.47 (4.2.1).",
        "Mother's partner and the Panel's view were recorded.",
        # Measures, doses and shorthand.
        "She weighed 3.2kg at birth, 4.6kg at 6 weeks; he was 14y, seen x2 a week.",
        "Growth fell from the 9th to the 0.4th centile.",
        # Capitalised terms that are words, not names, though not written in lower case here.
        "The Tenant was served notice by the Probation team.",
        "Tiredness and Disengagement were recorded as themes.",
        # At a sentence start "The" is capitalised anyway: no sign of a proper name.
        "The Health and Wellbeing Board met. The Care and Support Statutory Guidance applies.",
        "THE BOARD'S RESPONSE",
        # Chat words English uses often, and words outside messages.
        "[03/02/2023, 21:40] Mo: babe ur mates r outside lol",
        "The tobzy was a word the family used for the sofa.",
        # An acronym defined for a public body stays (the body is on the allow-list).
        "Northfold Safeguarding Children Partnership (NSCP) met. NSCP agreed.",
    ],
)
def test_explained_words_are_not_listed(text):
    assert listed(text) == []


def test_what_an_entity_covers_is_not_listed():
    text = "She went to Bramblewick Cottage every day."
    assert listed(text, ["Bramblewick Cottage"]) == []


def test_each_item_is_listed_once_with_its_count():
    text = "She went to Bramblewick Cottage. Later she left Bramblewick Cottage again."
    items = to_check([text], [[]], ALLOW)
    assert [(i.text, i.count) for i in items] == [("Bramblewick Cottage", 2)]


# -- the terminal flow -------------------------------------------------------------------

DRAFT = (
    "# Overview report\n\n"
    "Child S lived with Mother in Northfold. Her nursery record, QX 4471902, showed that she "
    "attended three days a week.\n"
)
ITEM = "QX 4471902"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def review(project):
    folder = project / "reports" / "child-s"
    (folder / "source").mkdir(parents=True)
    (folder / "source" / "overview.md").write_text(DRAFT, encoding="utf-8")
    assert run("scan", str(folder)).exit_code == 0
    assert run("review", str(folder), "--accept-all", "--by", "Tester").exit_code == 0
    return folder


@pytest.mark.slow
def test_list_json_shows_entities_and_the_to_check_list(review):
    result = run("review", str(review), "--list", "--json")
    assert result.exit_code == 0, result.output
    listing = json.loads(result.output)
    assert set(listing) == {"entities", "to_check"}
    assert {"text": ITEM, "count": 1} in listing["to_check"]
    for entity in listing["entities"]:
        assert set(entity) == {"id", "type", "decision", "label", "forms", "mentions"}


@pytest.mark.slow
def test_apply_refuses_while_an_item_is_to_check_and_never_names_it(review):
    result = run("apply", str(review), "--by", "Tester")
    assert result.exit_code != 0
    assert "1 words or phrases" in result.output and "still to check" in result.output
    assert "4471902" not in result.output
    assert not (review / "overview.md").exists()


@pytest.mark.slow
def test_an_added_item_is_redacted_everywhere(review):
    result = run(
        "review", str(review), "--add", ITEM, "--type", "REFERENCE",
        "--label", "[nursery record]", "--by", "Tester",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(run("review", str(review), "--list", "--json").output)["to_check"] == []
    assert run("apply", str(review), "--by", "Tester").exit_code == 0
    published = (review / "overview.md").read_text(encoding="utf-8")
    assert "4471902" not in published
    assert "[nursery record]" in published


@pytest.mark.slow
def test_an_item_marked_not_identifying_stays(review):
    result = run("review", str(review), "--not-identifying", ITEM, "--by", "Tester")
    assert result.exit_code == 0, result.output
    assert run("apply", str(review), "--by", "Tester").exit_code == 0
    assert ITEM in (review / "overview.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_label_without_an_add_is_refused(review):
    result = CliRunner().invoke(main, ["review", str(review), "--label", "Mother"])
    assert result.exit_code == 2
    assert "belongs to an --add" in result.output
