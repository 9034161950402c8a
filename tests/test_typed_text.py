"""Every text a person types into a review's decisions (labels, notes, reasons for keeping, kept
texts) goes through the detector and the disguise rules: on the command line, on apply, and in
the leak check, which reads every redactions.yml. Errors name the entity and the field, never
the text, and never quote a line of redactions.yml. (The review page: test_review_page.py.)

All names, numbers and addresses here are invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from anonymiser.cli import main
from anonymiser.commands.apply import apply_review
from anonymiser.config import load_settings
from anonymiser.decisions.schema import EntityDecision, ReviewDecisions
from anonymiser.decisions.store import load_decisions, save_decisions
from anonymiser.errors import ConfigError, DecisionsError
from anonymiser.fingerprints import PartnershipKey, load_key
from anonymiser.review_folder import ReviewFolder
from anonymiser.typed_text import TypedTextRules

pytestmark = pytest.mark.slow

KEY = PartnershipKey(bytes(range(32)))
REDACTED = "Kayleigh Brackenridge"
SECRETS = ("kayleigh", "brackenridge", "pemberton", "07700", "bramble")
PARTNERSHIP_LABELS = [
    "Child H",
    "Mother",
    "Social Worker 1",
    "[school]",
    "Person A",
    "Baby T",
    "Maternal Grandmother",
    "the health visitor",
]
DISGUISED = [
    "Kayleigh_Brackenridge",
    "KayleighBrackenridge",
    "kayleighbrackenridge",
    "Kay\u00adleigh",  # soft hyphen
    "Kay\u200bleigh Brackenridge",  # zero-width space
    "K\u0430yleigh",  # Cyrillic a
    "Ｋａｙｌｅｉｇｈ",  # fullwidth
    "Kay leigh",
    "Brackenridge's aunt",
    "checked with Priya Pemberton on 07700 900123",  # a name never redacted, and a phone
    "kayleigh.b@example.org",
    "14 Bramble Close",
    "NHS 943 476 5919",
    # Published in Markdown, a label is read as the leak check reads published text.
    "&#75;ayleigh",
    "Kay<b>leigh</b>",
    "Kay\\_leigh",
    "Kay-leigh",
    "Kay.leigh's school",
    "Kayleighs school",
    "k%61yleigh",
]


def person(entity_id: str, names: list[str], **fields) -> EntityDecision:
    fields.setdefault("decision", "redact")
    fps = sorted({KEY.fingerprint(name) for name in names})
    return EntityDecision(id=entity_id, type="PERSON", fingerprints=fps, **fields)


def decisions(*entities: EntityDecision, key: PartnershipKey = KEY) -> ReviewDecisions:
    return ReviewDecisions(review="child-x", key_id=key.key_id, entities=list(entities))


@pytest.fixture(scope="module")
def rules(detector) -> TypedTextRules:
    review = decisions(
        person("person-aaaaaa", [REDACTED, "Kayleigh", "Brackenridge"], label="Mother")
    )
    return TypedTextRules(review, KEY, detector)


@pytest.mark.parametrize(
    "text",
    PARTNERSHIP_LABELS
    + ["Mother's GP", "checked on 3 March 2026", "the co-ordinator, e.g. of self-referrals"],
)
def test_labels_and_notes_a_partnership_writes_pass(rules, text):
    assert rules.problem(text) is None


@pytest.mark.parametrize("text", DISGUISED)
def test_a_name_or_number_however_disguised_is_refused_without_repeating_it(rules, text):
    problem = rules.problem(text)
    assert problem is not None
    assert not any(secret in problem.casefold() for secret in SECRETS)


@pytest.mark.parametrize(
    ("text", "refused"),
    [("Child H", False), ("Kay\u00adleigh", True), ("K\u0430yleigh", True), ("Jo Pemberton", True)],
)
def test_without_the_key_disguises_and_detected_names_are_still_refused(detector, text, refused):
    review = decisions(person("person-aaaaaa", [REDACTED]))
    assert (TypedTextRules(review, None, detector).problem(text) is not None) is refused


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        ("Councillor Ruth Hargreave", True),  # exactly the kept identifier
        ("Councillor Ruth Hargreave (checked with her office)", False),
        ("Ruth", False),
        ("agreed with the comms team", False),
    ],
)
def test_a_kept_text_is_only_the_kept_identifier(rules, text, allowed):
    kept = person(
        "person-bbbbbb",
        ["Councillor Ruth Hargreave"],
        decision="keep",
        text=text,
        keep_reason="a public official",
    )
    assert (rules.kept_text_problem(kept) is None) is allowed


# -- the command line -------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def review(project) -> Path:
    """reports/child-x with two redacted people and no drafts (deciding needs none)."""
    key = load_key(project / ".anonymiser" / "key")
    folder = project / "reports" / "child-x"
    folder.mkdir()
    people = [
        EntityDecision(
            id="person-aaaaaa",
            type="PERSON",
            decision="redact",
            label="Mother",
            fingerprints=sorted({key.fingerprint(n) for n in (REDACTED, "Kayleigh")}),
        ),
        EntityDecision(
            id="person-bbbbbb",
            type="PERSON",
            decision="redact",
            label="Person B",
            fingerprints=[key.fingerprint("Ruth Hargreave")],
        ),
    ]
    save_decisions(decisions(*people, key=key), folder / "redactions.yml")
    ReviewFolder(folder).ensure_review_file()
    return folder


@pytest.mark.parametrize(
    ("label", "ok"),
    [(label, True) for label in PARTNERSHIP_LABELS] + [(label, False) for label in DISGUISED[:6]],
)
def test_review_label_is_checked(review, label, ok):
    before = (review / "redactions.yml").read_text("utf-8")
    result = run("review", str(review), "--label", f"person-bbbbbb={label}", "--by", "Tester")
    if ok:
        assert result.exit_code == 0, result.output
        assert (
            load_decisions(review / "redactions.yml", None).by_id()["person-bbbbbb"].label == label
        )
        return
    assert result.exit_code == 2
    assert "entity person-bbbbbb, field 'label'" in result.output
    assert not any(secret in result.output.casefold() for secret in SECRETS)
    assert "Traceback" not in result.output
    assert (review / "redactions.yml").read_text("utf-8") == before


def test_keeping_on_the_command_line_needs_a_reason(review):
    result = run("review", str(review), "--keep", "person-bbbbbb", "--by", "Tester")
    assert result.exit_code == 2 and "reason" in result.output
    named = "agreed with Priya Pemberton"
    result = run("review", str(review), "--keep", "person-bbbbbb", "--reason", named)
    assert result.exit_code == 2 and "Pemberton" not in result.output
    result = run(
        "review", str(review), "--keep", "person-bbbbbb", "--reason", "a public official",
        "--by", "Tester",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    kept = load_decisions(review / "redactions.yml", None).by_id()["person-bbbbbb"]
    assert (kept.decision, kept.keep_reason) == ("keep", "a public official")
    assert "keep_reason: a public official" in (review / "redactions.yml").read_text("utf-8")
    # Redacting it again drops the reason: it belongs to the keep.
    assert run("review", str(review), "--redact", "person-bbbbbb", "--by", "T").exit_code == 0
    assert (
        load_decisions(review / "redactions.yml", None).by_id()["person-bbbbbb"].keep_reason == ""
    )


def test_a_reason_without_a_keep_is_refused(review):
    result = run("review", str(review), "--redact", "person-bbbbbb", "--reason", "why not")
    assert result.exit_code == 2 and "--reason" in result.output


def test_apply_refuses_a_hand_edited_label_that_names_someone(review, project):
    path = review / "redactions.yml"
    path.write_text(path.read_text("utf-8").replace("label: Mother", f"label: {REDACTED}"))
    settings = load_settings(project)
    with pytest.raises(DecisionsError) as raised:
        apply_review(ReviewFolder.inside(review, settings.reports_path), settings, "Tester")
    assert "entity person-aaaaaa, field 'label'" in str(raised.value)
    assert "Kayleigh" not in str(raised.value)


def test_apply_refuses_a_keep_without_a_reason(review, project):
    path = review / "redactions.yml"
    path.write_text(path.read_text("utf-8").replace("decision: redact", "decision: keep", 1))
    settings = load_settings(project)
    with pytest.raises(DecisionsError, match="kept without a reason.*person-aaaaaa"):
        apply_review(ReviewFolder.inside(review, settings.reports_path), settings, "Tester")


# -- errors about redactions.yml --------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "where"),
    [
        ("  label: Mother\n  note: [checked with Kayleigh Brackenridge\n", "line "),
        ("  label: 'Kayleigh Brackenridge\n", "line "),
        ("  label: Mother\n note: Kayleigh Brackenridge: 07700 900123\n", "line "),
    ],
)
def test_a_yaml_error_says_where_and_never_quotes_the_line(review, broken, where):
    path = review / "redactions.yml"
    text = path.read_text("utf-8").replace("  label: Mother\n", broken, 1)
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as raised:
        load_decisions(path, None)
    message = str(raised.value)
    assert message.startswith(f"{path}: line ") and ", column " in message
    assert not any(secret in message.casefold() for secret in SECRETS)
    result = run("check", str(path))
    assert result.exit_code == 2
    assert not any(secret in result.output.casefold() for secret in SECRETS)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("type: PERSON", "type: Kayleigh Brackenridge"),
        ("label: Mother", "lable: Kayleigh Brackenridge"),
        ("id: person-aaaaaa\n  type: PERSON", "id: kayleigh-brackenridge\n  type: SHOE"),
        ("decision: redact", "decision: Kayleigh"),
    ],
)
def test_a_schema_error_names_the_key_never_the_value(review, old, new):
    path = review / "redactions.yml"
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    with pytest.raises(ConfigError) as raised:
        load_decisions(path, None)
    assert not any(secret in str(raised.value).casefold() for secret in SECRETS)
    assert "field '" in str(raised.value)


# -- the leak check reads every redactions.yml --------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("label: Mother", "label: Mother\n  note: rang Priya Pemberton on 07700 900123", "note"),
        ("label: Mother", "label: Kayleigh_Brackenridge", "label"),
        ("label: Mother", "label: Mo\u00adther", "label"),
        (
            "decision: redact\n  label: Person B",
            "decision: keep\n  text: Ruth Hargreave, see 14 Bramble Close\n"
            "  keep_reason: a public official",
            "text",
        ),
        ("decision: redact\n  label: Person B", "decision: keep", "keep_reason"),
    ],
)
def test_check_finds_a_name_in_a_hand_edited_redactions_file(review, old, new, field):
    path = review / "redactions.yml"
    assert run("check", str(path), "--require-key").exit_code == 0
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    for output in ("text", "json", "github"):
        result = run("check", str(path), "--require-key", "--format", output)
        assert result.exit_code == 1, result.output
        assert f"field '{field}'" in result.output.replace("%27", "'")
        assert "person-" in result.output and "redactions.yml" in result.output
        assert not any(secret in result.output.casefold() for secret in SECRETS)


def test_check_finds_a_reports_redactions_file_it_was_not_given(review, project):
    """`check site` (or any other path) still reads the decisions of every review."""
    path = review / "redactions.yml"
    path.write_text(path.read_text("utf-8").replace("label: Mother", "label: Kayleigh"), "utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<p>Reviews</p>", "utf-8")
    result = run("check", "site", "--require-key")
    assert result.exit_code == 1 and "field 'label'" in result.output


def test_the_pre_commit_leak_check_covers_redactions_files():
    import re

    import yaml

    config = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-config.yaml").read_text())
    hook = next(h for r in config["repos"] for h in r["hooks"] if h["id"] == "leak-check")
    staged = "reports/child-d/redactions.yml"
    assert re.search(hook["files"], staged)
    assert not re.search(hook.get("exclude", "^$"), staged)
    drafts = "reports/child-d/source/overview.md"
    assert not re.search(hook["files"], drafts) or re.search(hook.get("exclude", "^$"), drafts)
