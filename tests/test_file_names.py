"""A draft's file name is data: it may be a child's name ("Kayden Marsh LCSPR FINAL v3.docx").

Drafts are named by their kind (overview, executive-summary, briefing, board-response), and
that is checked before scan, review or apply reads or writes anything; the refusal describes the
file without its name. redactions.yml counts mentions by kind. apply plans every file and passes
every check before it writes any, then writes them together.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from anonymiser.cli import main
from anonymiser.commands.apply import write_together
from anonymiser.decisions.store import load_decisions
from anonymiser.errors import ConfigError, InputError
from anonymiser.review_folder import ReviewFolder
from site_plugins.reviews.model import DOCUMENT_KINDS

REPO = Path(__file__).resolve().parents[1]
NAME = "Kayden Marsh"  # fictional
SEEN = f"{NAME} was seen by the health visitor.\n"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def write(path: Path, text: str = SEEN) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a review folder (drafts included) and its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- which names are drafts ------------------------------------------------------------------

NAMES = [
    ("overview.docx", True),
    ("executive-summary.pdf", True),
    ("briefing.md", True),
    ("board-response.txt", True),
    ("Kayden Marsh LCSPR FINAL v3.docx", False),
    ("Overview.docx", False),
    ("overview (1).docx", False),
    ("source.md", False),
    ("notes.txt", False),
    ("overview.docx.pdf", False),
]


@pytest.mark.parametrize(("name", "accepted"), NAMES)
def test_a_draft_must_be_named_by_its_kind(tmp_path, name, accepted):
    folder = ReviewFolder(tmp_path / "child-h")
    write(folder.source / "briefing.md")
    draft = write(folder.source / name)
    try:
        drafts = folder.drafts()
    except InputError as error:
        assert not accepted
        message = str(error).removeprefix(f"{folder.source}: ")
        assert message.startswith("a draft is not named by its kind (a ")
        assert ", ".join(DOCUMENT_KINDS) in message
        assert draft.stem not in message and name not in message
    else:
        assert accepted and draft in drafts


@pytest.mark.parametrize("name", [".DS_Store", "~$yden Marsh LCSPR.docx", ".~lock.overview#"])
def test_hidden_and_lock_files_are_not_drafts(tmp_path, name):
    folder = ReviewFolder(tmp_path / "child-h")
    write(folder.source / "overview.md")
    write(folder.source / name, "lock")
    assert [path.name for path in folder.drafts()] == ["overview.md"]


def test_a_misnamed_draft_is_refused_before_its_type_or_link_is_described(tmp_path):
    """The other refusals name the file: the name check comes first, so they never see one."""
    folder = ReviewFolder(tmp_path / "child-h")
    write(folder.source / "Kayden Marsh chronology.xlsx")
    (folder.source / "Kayden Marsh.docx").symlink_to(write(tmp_path / "elsewhere.docx"))
    with pytest.raises(InputError) as refused:
        folder.drafts()
    assert "Kayden" not in str(refused.value) and "not named by its kind" in str(refused.value)


# --- scan, review and apply refuse before reading or writing ----------------------------------

MISNAMED = "Kayden Marsh LCSPR FINAL v3.md"


def test_a_first_scan_refuses_a_misnamed_draft_and_writes_nothing(project):
    folder = project / "reports" / "child-h"
    write(folder / "source" / "overview.md")
    write(folder / "source" / MISNAMED)
    result = invoke("scan", "reports/child-h")
    assert result.exit_code == 2, result.output
    assert "reports/child-h/source: a draft is not named by its kind" in result.output
    assert "Kayden" not in result.output and "Marsh" not in result.output
    assert sorted(path.name for path in folder.iterdir()) == ["source"]


@pytest.fixture
def decided(project) -> Path:
    """A review scanned and decided (everything redacted), not yet applied."""
    folder = project / "reports" / "child-h"
    write(folder / "source" / "overview.md")
    assert invoke("scan", "reports/child-h").exit_code == 0
    assert invoke("review", "reports/child-h", "--accept-all").exit_code == 0
    return folder


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["scan", "reports/child-h"],
        ["review", "reports/child-h", "--list"],
        ["apply", "reports/child-h"],
    ],
)
def test_every_command_refuses_a_misnamed_draft_and_writes_nothing(decided, command):
    """The attacker's case: a decided review gains a draft named after the child. Nothing is
    written: no "<child's name> ....md", no name in redactions.yml or review.yml."""
    folder = decided
    write(folder / "source" / MISNAMED)
    before = snapshot(folder)
    result = invoke(*command)
    assert result.exit_code == 2, result.output
    assert "reports/child-h/source: a draft is not named by its kind" in result.output
    assert "rename it to one of overview, executive-summary, briefing, board-response" in (
        result.output.replace("Rename", "rename")
    )
    assert "Kayden" not in result.output and "Marsh" not in result.output
    assert "Traceback" not in result.output
    assert snapshot(folder) == before
    assert not list(folder.glob("Kayden*"))


# --- redactions.yml counts mentions by kind ---------------------------------------------------


@pytest.mark.slow
def test_redactions_count_mentions_by_kind(project):
    folder = project / "reports" / "child-h"
    write(folder / "source" / "overview.md")
    write(folder / "source" / "briefing.txt", f"The briefing names {NAME} once.\n")
    assert invoke("scan", "reports/child-h").exit_code == 0
    raw = yaml.safe_load((folder / "redactions.yml").read_text(encoding="utf-8"))
    keys = {doc for entity in raw["entities"] for doc in entity.get("mentions", {})}
    assert keys == {"overview", "briefing"}


def redactions_with_mentions(mentions: dict[str, int]) -> str:
    entity = {
        "id": "person-3f2a9c",
        "type": "PERSON",
        "decision": "pending",
        "label": "Person A",
        "fingerprints": ["0" * 32],
        "mentions": mentions,
    }
    return yaml.safe_dump(
        {"version": 1, "review": "child-h", "key_id": "a" * 12, "entities": [entity]}
    )


@pytest.mark.parametrize(
    ("mentions", "loads"),
    [
        ({"overview": 2, "board-response": 1}, True),
        ({}, True),
        ({"Kayden Marsh LCSPR FINAL v3": 2}, False),
        ({"overview": 1, "Kayden Marsh": 1}, False),
        ({"Kayden Marsh": "many"}, False),  # the key is refused before its count is read
    ],
)
def test_redactions_refuse_mentions_keyed_by_anything_but_a_kind(tmp_path, mentions, loads):
    path = write(tmp_path / "redactions.yml", redactions_with_mentions(mentions))
    try:
        decisions = load_decisions(path, None)
    except ConfigError as error:
        assert not loads
        assert "entity person-3f2a9c, field 'mentions': counts documents other than by" in str(
            error
        )
        assert "Kayden" not in str(error)
    else:
        assert loads and decisions.entities[0].mentions == mentions


@pytest.mark.parametrize("path", sorted((REPO / "reports").glob("*/redactions.yml")))
def test_the_example_redactions_load_and_count_by_kind(path):
    decisions = load_decisions(path, None)
    assert decisions is not None and decisions.entities
    assert {doc for entity in decisions.entities for doc in entity.mentions} <= set(DOCUMENT_KINDS)


# --- apply: plan, check, then write -----------------------------------------------------------


@pytest.fixture
def applied(project) -> Path:
    """A review scanned, decided and applied once: four published documents and review.yml."""
    folder = project / "reports" / "child-h"
    for kind in DOCUMENT_KINDS:
        write(folder / "source" / f"{kind}.md", f"The {kind} says that {NAME} was seen.\n")
    assert invoke("scan", "reports/child-h").exit_code == 0
    assert invoke("review", "reports/child-h", "--accept-all").exit_code == 0
    assert invoke("apply", "reports/child-h", "--by", "Comms officer").exit_code == 0
    return folder


def relabel(folder: Path, label: str) -> None:
    """A new decision that changes every published document."""
    listing = invoke("review", "reports/child-h", "--list")
    person = next(line.split()[0] for line in listing.output.splitlines() if "Kayden" in line)
    assert invoke("review", "reports/child-h", "--label", f"{person}={label}").exit_code == 0


def folder_in_place_of_last_document(folder: Path) -> None:
    # The documents are planned in the drafts' order: overview.md is the last.
    (folder / "overview.md").unlink()
    (folder / "overview.md").mkdir()


def review_file_not_a_mapping(folder: Path) -> None:
    (folder / "review.yml").write_text("- a list, not the review's settings\n", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (folder_in_place_of_last_document, "overview.md: is a link or a folder, not a file"),
        (review_file_not_a_mapping, "review.yml: must be a mapping"),
    ],
)
def test_a_failure_found_while_planning_leaves_the_review_folder_as_it_was(applied, spoil, message):
    relabel(applied, "Child H")
    spoil(applied)
    before = snapshot(applied)
    result = invoke("apply", "reports/child-h", "--by", "Comms officer")
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert snapshot(applied) == before
    assert not [path for path in applied.iterdir() if path.name.endswith(".tmp")]


@pytest.mark.slow
def test_apply_writes_every_document_and_review_yml_when_all_is_planned(applied):
    relabel(applied, "Child H")
    result = invoke("apply", "reports/child-h", "--by", "Comms officer")
    assert result.exit_code == 0, result.output
    for kind in DOCUMENT_KINDS:
        assert "that Child H was seen" in (applied / f"{kind}.md").read_text(encoding="utf-8")
    listed = yaml.safe_load((applied / "review.yml").read_text(encoding="utf-8"))["documents"]
    assert [document["file"] for document in listed] == [f"{kind}.md" for kind in DOCUMENT_KINDS]


def test_files_written_together_are_all_unchanged_when_one_cannot_be_written(tmp_path):
    first = write(tmp_path / "briefing.md", "old briefing\n")
    second = write(tmp_path / "overview.md", "old overview\n")
    files = {
        first: "new briefing\n",
        second: "new overview\n",
        tmp_path / "review.yml": "title: \ud800\n",  # a lone surrogate: UTF-8 cannot encode it
    }
    with pytest.raises(UnicodeEncodeError):
        write_together(files)
    assert first.read_text() == "old briefing\n" and second.read_text() == "old overview\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["briefing.md", "overview.md"]


def test_files_written_together(tmp_path):
    first = write(tmp_path / "briefing.md", "old briefing\n")
    write_together({first: "new briefing\n", tmp_path / "overview.md": "new overview\n"})
    assert first.read_text() == "new briefing\n"
    assert (tmp_path / "overview.md").read_text() == "new overview\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["briefing.md", "overview.md"]
