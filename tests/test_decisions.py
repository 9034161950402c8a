"""redactions.yml: its schema and errors, a layout that diffs and merges cleanly in git, the
file lock, the partnership key, and the committed example files (no identifier in them).
Rescans are tested in test_rescans.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
import yaml
from review_example import REPO, gold_identifiers, occurs

from anonymiser.config import Settings
from anonymiser.decisions.labels import new_id, next_label, person_label, type_prefix
from anonymiser.decisions.merge import fingerprints_of
from anonymiser.decisions.plan import outcome_for
from anonymiser.decisions.schema import EntityDecision, ReviewDecisions
from anonymiser.decisions.store import (
    decisions_lock,
    load_decisions,
    render_decisions,
    save_decisions,
)
from anonymiser.detect.types import PERSON
from anonymiser.errors import ConfigError, DecisionsError, KeyProblem
from anonymiser.fingerprints import PartnershipKey, new_key

KEY = PartnershipKey(bytes(range(32)))
FP = [KEY.fingerprint(f"name {i}") for i in range(6)]


def entity(entity_id: str, fps: list[str], **fields) -> EntityDecision:
    fields.setdefault("type", PERSON)
    fields.setdefault("decision", "pending")
    return EntityDecision(id=entity_id, fingerprints=fps, **fields)


def write_file(path: Path, entities: list[dict]) -> Path:
    document = {"version": 1, "review": "child-x", "key_id": KEY.key_id, "entities": entities}
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def block(entity_id="person-aaaaaa", **fields) -> dict:
    return {"id": entity_id, "type": PERSON, "decision": "redact", "fingerprints": [FP[0]]} | fields


# -- schema -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"decision": "maybe"}, "field 'decision': Input should be 'redact', 'keep' or 'pending'"),
        ({"type": "SHOE_SIZE"}, "field 'type': unknown type; known: ADDRESS"),
        ({"fingerprints": ["kayden"]}, "field 'fingerprints.0': String should match pattern"),
        ({"fingerprints": []}, "field 'fingerprints': List should have at least 1 item"),
        ({"lable": "Mother"}, "field '(an unknown key)': is not a field of a redactions file"),
        ({"mentions": {"overview": -1}}, "field 'mentions.overview': Input should be greater"),
        ({"decided_on": "last week"}, "field 'decided_on': String should match pattern"),
    ],
)
def test_schema_errors_name_the_file_the_entity_and_the_field(tmp_path, fields, expected):
    path = write_file(tmp_path / "redactions.yml", [block("person-aaaaaa", **fields)])
    with pytest.raises(ConfigError) as error:
        load_decisions(path, None)
    message = str(error.value)
    assert message.startswith(f"{path}: entity person-aaaaaa, ")
    assert expected in message


def test_a_missing_field_is_named(tmp_path):
    broken = block()
    del broken["fingerprints"]
    path = write_file(tmp_path / "redactions.yml", [broken])
    with pytest.raises(ConfigError, match="entity person-aaaaaa, field 'fingerprints': is missing"):
        load_decisions(path, None)


@pytest.mark.parametrize("decision", ["redact", "pending"])
def test_only_a_kept_entity_may_carry_its_text_and_the_error_does_not_repeat_it(tmp_path, decision):
    path = write_file(tmp_path / "r.yml", [block(decision=decision, text="Kayden Marsh")])
    with pytest.raises(ConfigError, match="field 'text': only a kept entity") as error:
        load_decisions(path, None)
    assert "Kayden" not in str(error.value)
    write_file(path, [block(decision="keep", text="Kelbridge")])
    assert load_decisions(path, None).entities[0].text == "Kelbridge"


def test_a_fingerprint_with_two_owners_is_an_error(tmp_path):
    path = write_file(
        tmp_path / "r.yml",
        [block("person-aaaaaa"), block("person-bbbbbb", fingerprints=[FP[1], FP[0]])],
    )
    with pytest.raises(ConfigError, match="entity person-bbbbbb.*also belongs to.*person-aaaaaa"):
        load_decisions(path, None)


def test_an_id_twice_is_an_error(tmp_path):
    path = write_file(
        tmp_path / "r.yml", [block("person-aaaaaa"), block("person-aaaaaa", fingerprints=[FP[1]])]
    )
    with pytest.raises(ConfigError, match="entity person-aaaaaa, field 'id': appears twice"):
        load_decisions(path, None)


def test_another_key_is_a_clear_error(tmp_path):
    path = write_file(tmp_path / "r.yml", [block()])
    with pytest.raises(KeyProblem, match="was made with partnership key"):
        load_decisions(path, new_key().key_id)


def test_the_committed_example_files_are_valid_and_in_their_stable_layout():
    for path in sorted((REPO / "reports").glob("*/redactions.yml")):
        decisions = load_decisions(path, None)
        assert decisions is not None and decisions.entities
        rendered = render_decisions(decisions)
        assert load_decisions_text(rendered) == decisions


def load_decisions_text(text: str) -> ReviewDecisions:
    return ReviewDecisions.model_validate(yaml.safe_load(text))


# -- layout -----------------------------------------------------------------------------------


def sample() -> ReviewDecisions:
    return ReviewDecisions(
        review="child-x",
        key_id=KEY.key_id,
        entities=[
            entity("date-cccccc", [FP[2]], type="DATE", label="[date]"),
            entity("school-dddddd", [FP[3]], type="SCHOOL", label="[school]"),
            entity(
                "person-bbbbbb",
                [FP[4], FP[1]],
                label="Person B",
                mentions={"overview": 1, "briefing": 2},
            ),
            entity("person-aaaaaa", [FP[0]], label="Person A"),
        ],
    )


def test_layout_is_sorted_with_a_blank_line_between_blocks():
    text = render_decisions(sample())
    ids = re.findall(r"^- id: (\S+)$", text, re.MULTILINE)
    assert ids == ["person-aaaaaa", "person-bbbbbb", "school-dddddd", "date-cccccc"]
    assert "\n\n- id: person-bbbbbb\n" in text
    assert sorted([FP[4], FP[1]]) == re.findall(r"  - ([0-9a-f]{32})", text.split("bbbbbb")[1])[:2]
    assert "    briefing: 2\n    overview: 1\n" in text
    assert render_decisions(load_decisions_text(text)) == text


def test_a_decision_changes_only_its_own_lines():
    before = render_decisions(sample())
    changed = sample()
    changed.by_id()["person-bbbbbb"].decide("redact", "Comms officer", "2026-03-01", "Mother")
    after = render_decisions(changed)
    before_blocks, after_blocks = before.split("\n\n"), after.split("\n\n")
    assert len(before_blocks) == len(after_blocks)
    differing = [b for b, a in zip(before_blocks, after_blocks, strict=True) if a != b]
    assert len(differing) == 1 and "- id: person-bbbbbb" in differing[0]
    block_after = next(a for a in after_blocks if "- id: person-bbbbbb" in a)
    assert "  decided_by: Comms officer\n  decided_on: '2026-03-01'" in block_after


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_two_branches_deciding_neighbouring_entities_merge_without_conflict(tmp_path):
    base, ours, theirs = sample(), sample(), sample()
    ours.by_id()["person-aaaaaa"].decide("redact", "Ann", "2026-03-01", "Mother")
    theirs.by_id()["person-bbbbbb"].decide("keep", "Bo", "2026-03-02")
    files = {}
    for name, decisions in (("base", base), ("ours", ours), ("theirs", theirs)):
        files[name] = tmp_path / f"{name}.yml"
        files[name].write_text(render_decisions(decisions), encoding="utf-8")
    merged = subprocess.run(
        ["git", "merge-file", "-p", files["ours"], files["base"], files["theirs"]],
        capture_output=True,
        text=True,
        check=False,
    )
    assert merged.returncode == 0, merged.stdout
    result = load_decisions_text(merged.stdout).by_id()
    assert result["person-aaaaaa"].label == "Mother"
    assert result["person-bbbbbb"].decision == "keep"


# -- lock and atomic writes -------------------------------------------------------------------


def test_a_second_writer_waits_for_the_lock_and_then_gives_up_clearly(tmp_path):
    path = tmp_path / "redactions.yml"
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with decisions_lock(path):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    try:
        with (
            pytest.raises(DecisionsError, match="another anonymiser command"),
            decisions_lock(path, timeout=0.2),
        ):
            pass
    finally:
        release.set()
        holder.join()
    with decisions_lock(path, timeout=1):
        pass  # free again


def test_saving_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "redactions.yml"
    save_decisions(sample(), path)
    save_decisions(sample(), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["redactions.yml"]


# -- the committed example files --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "slug", sorted(p.parent.name for p in (REPO / "reports").glob("*/redactions.yml"))
)
def test_committed_redactions_hold_no_identifier_of_the_example_drafts(slug, detector):
    """Every identifier of the example drafts: the gold annotations, and every variant of every
    entity the detector finds there that the committed decisions redact."""
    from anonymiser.fingerprints import parse_key
    from anonymiser.pipeline import analyse, read_drafts

    text = (REPO / "reports" / slug / "redactions.yml").read_text(encoding="utf-8")
    decisions = load_decisions(REPO / "reports" / slug / "redactions.yml", None)
    key_file = REPO / "examples" / "demo-partnership.key"
    key = parse_key(key_file.read_text(encoding="ascii"), str(key_file))
    assert key.key_id == decisions.key_id
    review = analyse(read_drafts(REPO / "examples" / "reviews" / slug / "source"), detector)
    redacted = {fp for e in decisions.entities if e.decision == "redact" for fp in e.fingerprints}
    found = [
        mention.text
        for entity_ in review.entities
        if fingerprints_of(entity_, key) & redacted
        for mention in entity_.mentions
    ]
    for identifier in gold_identifiers(slug) + found:
        assert not occurs(identifier, text), f"{slug}/redactions.yml names an identifier"


# -- the partnership key ----------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_init_makes_a_private_key_that_git_ignores(tmp_path, monkeypatch):
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    from anonymiser.commands.init import ignore_key_file, init_key

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    settings_ = Settings(root=tmp_path)
    key, created = init_key(settings_)
    assert created and settings_.key_path.stat().st_mode & 0o777 == 0o600
    assert ignore_key_file(settings_) == tmp_path / ".gitignore"
    assert ignore_key_file(settings_) is None  # ignored now: nothing more to do
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".anonymiser" not in status and ".gitignore" in status
    assert init_key(settings_) == (key, False)  # never replaced


@pytest.mark.parametrize(
    ("repeated", "shown"),
    [
        # A second `decision:` would silently turn the redaction into a keep.
        ("  decision: keep\n", "'entities[0].decision' is given twice"),
        # A key the file does not have is shown by its line only: it may be a name.
        ("  Tobias Quennell: 1\n  Tobias Quennell: 2\n", "'entities[0].?' is given twice"),
    ],
)
def test_a_key_given_twice_is_an_error_that_names_no_value(tmp_path, repeated, shown):
    path = write_file(tmp_path / "redactions.yml", [block("person-aaaaaa")])
    lines = path.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("decision:")) + 1
    path.write_text("".join(lines[:at] + [repeated] + lines[at:]), "utf-8")
    with pytest.raises(ConfigError) as error:
        load_decisions(path, None)
    assert shown in str(error.value)
    assert "Quennell" not in str(error.value) and "keep" not in str(error.value)


# -- accepting every suggestion, ids and default labels ---------------------------------------


@pytest.mark.parametrize(
    ("decision", "stale", "label", "after"),
    [
        ("pending", False, "Person C", ("redact", "Person C", False)),
        ("pending", True, "[school]", ("redact", "[school]", False)),
        ("redact", True, "Stepfather", ("redact", "Stepfather", False)),
        ("redact", False, "Stepfather", ("redact", "Stepfather", False)),
        ("keep", True, "", ("keep", "", False)),
        ("keep", False, "", ("keep", "", False)),
    ],
)
def test_accept_all_redacts_pending_and_confirms_stale(decision, stale, label, after):
    fields = {"keep_reason": "a public official"} if decision == "keep" else {}
    one = entity("person-aaaaaa", [FP[0]], decision=decision, stale=stale, label=label, **fields)
    decisions = ReviewDecisions(review="child-x", key_id=KEY.key_id, entities=[one])

    changed = decisions.accept_all("Comms officer", "2026-03-02")

    assert (one.decision, one.label, one.stale) == after
    assert changed == int(decision == "pending" or stale)
    assert one.decided_by == ("Comms officer" if changed else "")


@pytest.mark.parametrize(
    ("index", "label"), [(0, "Person A"), (25, "Person Z"), (26, "Person AA"), (27, "Person AB")]
)
def test_people_are_labelled_in_letters(index, label):
    assert person_label(index) == label


@pytest.mark.parametrize(
    ("entity_type", "taken", "label"),
    [
        (PERSON, set(), "Person A"),
        (PERSON, {"Person A", "Mother"}, "Person B"),
        (PERSON, {"Person A", "Person B", "Person D"}, "Person C"),
        ("SCHOOL", {"[school]"}, "[school]"),
        ("NURSERY", set(), "[early years setting]"),
        ("DATE_OF_BIRTH", set(), "[date of birth]"),
    ],
)
def test_the_next_default_label_skips_the_people_labels_taken(entity_type, taken, label):
    settings = Settings(root=Path("."), labels={"NURSERY": "[early years setting]"})
    assert next_label(entity_type, settings, taken) == label


@pytest.mark.parametrize(
    ("prefix", "taken", "expected"),
    [
        ("person", set(), "person-3f2a9c"),
        ("date-of-birth", {"person-3f2a9c"}, "date-of-birth-3f2a9c"),
        ("person", {"person-3f2a9c"}, "person-3f2a9c0"),
        ("checked", {"checked-3f2a9c", "checked-3f2a9c0"}, "checked-3f2a9c0d"),
    ],
)
def test_an_id_takes_more_digits_only_when_two_would_clash(prefix, taken, expected):
    assert new_id(prefix, "3f2a9c0d" + "1" * 24, taken) == expected


@pytest.mark.parametrize(
    ("entity_type", "prefix"),
    [(PERSON, "person"), ("DATE_OF_BIRTH", "date-of-birth"), ("GP_PRACTICE", "gp-practice")],
)
def test_an_id_starts_with_its_type(entity_type, prefix):
    assert type_prefix(entity_type) == prefix


@pytest.mark.parametrize(
    ("entity_type", "decision", "label", "dates", "outcome"),
    [
        (PERSON, "redact", "Mother", "month-year", (True, "Mother", False)),
        (PERSON, "keep", "", "month-year", (False, "", False)),
        ("DATE", "redact", "[date]", "month-year", (True, "", True)),
        (
            "DATE",
            "redact",
            "the day of the move",
            "month-year",
            (True, "the day of the move", False),
        ),
        ("DATE", "redact", "[date]", "keep", (False, "", False)),
        ("DATE", "redact", "[date]", "remove", (True, "[date]", False)),
        ("DATE_OF_BIRTH", "redact", "[date of birth]", "keep", (True, "[date of birth]", False)),
    ],
)
def test_a_decision_becomes_a_replacement_by_the_date_policy(
    entity_type, decision, label, dates, outcome
):
    fields = {"keep_reason": "a public official"} if decision == "keep" else {}
    one = entity("x-aaaaaa", [FP[0]], type=entity_type, decision=decision, label=label, **fields)
    planned = outcome_for(one, Settings(root=Path("."), dates=dates))
    assert (planned.redact, planned.label, planned.month_year) == outcome


@pytest.mark.parametrize(
    ("mentions", "written"),
    [
        ({"overview": 2, "briefing": 1}, True),
        ({"board-response": 1}, True),
        ({}, True),
        ({"Kayden Marsh LCSPR final": 1}, False),
        ({"overview": 1, "notes": 1}, False),
    ],
)
def test_only_counts_by_document_kind_are_written(tmp_path, mentions, written):
    one = entity("person-aaaaaa", [FP[0]])
    one.mentions = mentions  # as a one-shot run counts documents of any name
    decisions = ReviewDecisions(review="child-x", key_id=KEY.key_id, entities=[one])
    path = tmp_path / "redactions.yml"
    if written:
        save_decisions(decisions, path)
        assert load_decisions(path, KEY.key_id).entities[0].mentions == mentions
        return
    with pytest.raises(DecisionsError, match="counts documents other than by their kinds") as error:
        save_decisions(decisions, path)
    assert "Kayden" not in str(error.value) and "notes" not in str(error.value)
    assert not path.exists()
