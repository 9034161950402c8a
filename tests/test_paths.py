"""Where the drafts are: exactly `<reports_dir>/<slug>/source`, a folder or a link, and nowhere
else. The drafts folder is skipped by the leak check, ignored by git and refused by the guard;
a folder called `source` anywhere else is published content, so it is checked; a review cannot
be called `source`; a source folder that is a link is refused by scan.

The old rule skipped any path with a segment called `source`: the rows marked "old rule
skipped" below are the files it let through unchecked.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_site import make_project, mkdocs_build

from anonymiser.check.drafts import draft_reason, where_draft_is
from anonymiser.check.surfaces import in_drafts_folder, published_files
from anonymiser.cli import main
from anonymiser.errors import InputError
from anonymiser.review_folder import ReviewFolder

REPO = Path(__file__).resolve().parents[1]
GUARD = REPO / "scripts" / "guard_drafts.py"
NEEDS_GIT = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
# Fictional: a leak the pattern detector finds without the spaCy model.
PHONE = "Call 07700 900123 after six.\n"


def write(path: Path, text: str = PHONE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the leak check: which files are published ------------------------------------------------

# (file under the project, is it checked?)
LAYOUTS = [
    ("reports/child-x/overview.md", True),
    ("reports/child-x/source/overview.md", False),
    ("reports/child-x/source/notes/interview.md", False),
    ("reports/child-x/redactions.yml", False),
    ("reports/source/overview.md", True),  # old rule skipped: a review called source
    ("reports/child-x/appendix/source/overview.md", True),  # old rule skipped
    ("reports/source-review/overview.md", True),
    ("site/reviews/child-x/source/index.html", True),  # old rule skipped: a page source.md
    ("site/source/index.html", True),  # old rule skipped
    ("docs/source/guide.md", True),  # old rule skipped
]


@pytest.mark.parametrize(("name", "checked"), LAYOUTS)
def test_only_a_reviews_own_source_folder_is_skipped(tmp_path, name, checked):
    path = write(tmp_path / name)
    roots = [tmp_path / "reports", tmp_path / "site", tmp_path / "docs"]
    found = published_files([root for root in roots if root.exists()], tmp_path / "reports")
    assert (path in found) is checked


@pytest.mark.parametrize(("name", "checked"), LAYOUTS)
def test_a_file_given_by_name_is_skipped_only_in_a_drafts_folder(tmp_path, name, checked):
    path = write(tmp_path / name)
    assert (published_files([path], tmp_path / "reports") == [path]) is checked


@pytest.mark.parametrize(
    ("name", "drafts"),
    [
        ("content/reviews/child-x/source/overview.md", True),
        ("content/reviews/child-x/overview.md", False),
        ("reports/child-x/source/overview.md", False),  # not the configured reports_dir
    ],
)
def test_the_drafts_folder_follows_reports_dir(tmp_path, name, drafts):
    assert in_drafts_folder(tmp_path / name, tmp_path / "content" / "reviews") is drafts


def test_the_drafts_folder_itself_and_a_linked_one_are_skipped(tmp_path):
    reports = tmp_path / "reports"
    write(reports / "child-x" / "source" / "overview.md")
    write(tmp_path / "elsewhere" / "overview.md")
    (reports / "child-y").mkdir()
    (reports / "child-y" / "source").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert published_files([reports / "child-x" / "source"], reports) == []
    assert published_files([reports], reports) == []
    assert published_files([reports / "child-y" / "source" / "overview.md"], reports) == []


def test_a_published_link_into_source_is_still_checked(tmp_path):
    reports = tmp_path / "reports"
    write(reports / "child-x" / "source" / "overview.md")
    published = reports / "child-x" / "overview.md"
    published.symlink_to(Path("source") / "overview.md")
    assert published_files([reports], reports) == [published]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "exit_code"),
    [
        ("reports/child-x/overview.md", 1),
        ("reports/child-x/appendix/source/overview.md", 1),
        ("reports/source/overview.md", 1),
        ("reports/child-x/source/overview.md", 0),
    ],
)
def test_check_finds_a_leak_beside_any_folder_called_source(project, name, exit_code):
    write(project / name, "Kayden Marsh rang 07700 900123.\n")
    result = CliRunner().invoke(main, ["check", "reports"])
    assert result.exit_code == exit_code, result.output
    assert "900123" not in result.output


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("reports/child-x/Tobias Quennell LCSPR v3.md", True),
        ("reports/child-x/notes/tobias_quennell-notes.md", True),
        ("reports/child-x/TobiasQuennell.md", True),
        ("reports/child-x/overview.md", False),
        ("reports/child-x/appendix-2.md", False),
    ],
)
def test_a_published_file_named_after_someone_redacted_is_reported(project, name, found):
    from anonymiser.decisions.schema import EntityDecision, ReviewDecisions
    from anonymiser.decisions.store import save_decisions
    from anonymiser.fingerprints import load_key

    key = load_key(project / ".anonymiser" / "key")
    person = EntityDecision(
        id="person-aaaaaa",
        type="PERSON",
        decision="redact",
        label="Father",
        fingerprints=[key.fingerprint("Tobias Quennell")],
    )
    decisions = ReviewDecisions(review="child-x", key_id=key.key_id, entities=[person])
    save_decisions(decisions, write(project / "reports/child-x/redactions.yml", ""))
    write(project / name, "The review's text.\n")
    result = CliRunner().invoke(main, ["check", "reports", "--require-key"])
    assert ("FILE_NAME" in result.output) is found, result.output
    assert "Quennell" not in result.output
    assert result.exit_code == (1 if found else 0), result.output


@pytest.mark.parametrize(
    ("name", "unnamed"),
    [
        ("reports/child-x/Tobias Quennell LCSPR v3.md", True),
        ("reports/child-x/overview.md", False),
        ("reports/child-x/notes/Tobias Quennell.md", False),  # not a document of the review
    ],
)
def test_without_the_key_a_document_not_named_by_its_kind_is_reported(project, name, unnamed):
    (project / ".anonymiser" / "key").unlink()
    write(project / name, "The review's text.\n")
    result = CliRunner().invoke(main, ["check", "reports"])
    assert ("UNNAMED_DOCUMENT" in result.output) is unnamed, result.output
    assert "Quennell" not in result.output


# --- the drafts rule: the guard and tracked files ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "reports_dir", "draft"),
    [
        ("reports/child-x/source", "reports", True),  # the folder itself: a link git tracks
        ("reports/child-x/source/overview.md", "reports", True),
        ("reports/child-x/Source/overview.md", "reports", True),  # one folder on a Mac
        ("reports/child-x/overview.md", "reports", False),
        ("reports/source/overview.md", "reports", False),
        ("reports/source-review/overview.md", "reports", False),
        ("reports/child-x/appendix/source/overview.md", "reports", False),
        ("reports/source", "reports", False),
        ("content/reviews/child-x/source", "content/reviews", True),
        ("content/reviews/child-x/source/overview.md", "content/reviews", True),
        ("content/reviews/child-x/overview.md", "content/reviews", False),
    ],
)
def test_the_drafts_rule_takes_exactly_the_source_folder(name, reports_dir, draft):
    assert bool(draft_reason(name, reports_dir)) is draft


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (
            "reports/child-h/source/Kayden Marsh LCSPR FINAL v3.docx",
            "reports/child-h/source/ (a .docx file whose name starts 'Ka…')",
        ),
        (
            "reports/child-h/source/Kayden Marsh/interview.md",
            "reports/child-h/source/ (a .md file whose name starts 'in…')",
        ),
        ("docs/Kayden notes.pdf", "docs/ (a .pdf file whose name starts 'Ka…')"),
        ("docs/KM.pdf", "docs/ (a .pdf file)"),  # a short name may be initials
        ("reports/child-h/source", "reports/child-h/source (the review's drafts folder itself"),
    ],
)
def test_a_draft_is_shown_by_its_folder_and_kind_never_its_name(name, shown):
    assert where_draft_is(name).startswith(shown)


def guard(*names: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(GUARD), *names], cwd=cwd, capture_output=True, text=True
    )


def test_the_guard_never_prints_a_drafts_file_name():
    refused = guard(
        "reports/child-h/source/Kayden Marsh LCSPR FINAL v3.docx", "minutes/Dean Whitlock.pdf"
    )
    assert refused.returncode == 1
    assert "reports/child-h/source/" in refused.stdout and "minutes/" in refused.stdout
    assert ".docx" in refused.stdout and ".pdf" in refused.stdout
    for secret in ("Kayden", "Marsh", "Whitlock"):
        assert secret not in refused.stdout + refused.stderr


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)


@pytest.fixture
def partnership_repo(tmp_path: Path) -> Path:
    """A git repository with this project's .gitignore, a linked source folder (leading to
    drafts kept elsewhere) and an ordinary one."""
    repo = tmp_path / "partnership"
    repo.mkdir()
    assert git(repo, "init", "-q").returncode == 0
    shutil.copy(REPO / ".gitignore", repo / ".gitignore")
    write(tmp_path / "share" / "overview.md", "Kayden Marsh was seen.\n")
    (repo / "reports" / "child-x").mkdir(parents=True)
    (repo / "reports" / "child-x" / "source").symlink_to(tmp_path / "share")
    write(repo / "reports" / "child-y" / "source" / "overview.md", "Kayden Marsh was seen.\n")
    write(repo / "reports" / "child-y" / "overview.md", "Person A was seen.\n")
    write(repo / "reports" / "source-review" / "overview.md", "Person A was seen.\n")
    return repo


@NEEDS_GIT
@pytest.mark.parametrize(
    ("name", "ignored"),
    [
        ("reports/child-x/source", True),  # a link: the old 'source/' pattern missed it
        ("reports/child-y/source/overview.md", True),
        ("reports/child-y/overview.md", False),
        ("reports/source-review/overview.md", False),
    ],
)
def test_git_ignores_a_source_folder_or_link(partnership_repo, name, ignored):
    result = git(partnership_repo, "check-ignore", "--quiet", "--no-index", name)
    assert result.returncode == (0 if ignored else 1), result.stderr


@NEEDS_GIT
def test_a_linked_source_forced_into_a_commit_is_refused_by_the_guard(partnership_repo):
    assert git(partnership_repo, "add", "-f", "reports/child-x/source").returncode == 0
    staged = git(partnership_repo, "diff", "--cached", "--name-only").stdout.split()
    assert staged == ["reports/child-x/source"]
    refused = guard(*staged, cwd=partnership_repo)
    assert refused.returncode == 1
    assert "reports/child-x/source (the review's drafts folder itself" in refused.stdout
    assert "share" not in refused.stdout  # where the link leads is not shown


@NEEDS_GIT
@pytest.mark.slow
def test_check_reports_a_tracked_source_link(project):
    write(project / "elsewhere" / "overview.md", "Kayden Marsh was seen.\n")
    (project / "reports" / "child-x").mkdir()
    (project / "reports" / "child-x" / "source").symlink_to(project / "elsewhere")
    git(project, "init", "-q")
    assert git(project, "add", "-f", "reports/child-x/source").returncode == 0
    result = CliRunner().invoke(main, ["check", "reports"])
    assert result.exit_code == 1, result.output
    assert "RAW_DRAFT" in result.output and "Kayden" not in result.output


# --- the review called source, and a linked source folder ---------------------------------------


@pytest.mark.parametrize(("slug", "refused"), [("source", True), ("source-review", False)])
def test_a_review_cannot_be_called_source(project, slug, refused):
    folder = project / "reports" / slug
    try:
        ReviewFolder.inside(folder, project / "reports")
    except InputError as error:
        assert refused and "cannot be a review" in str(error)
    else:
        assert not refused


@pytest.mark.parametrize("command", [["new", "source"], ["scan", "reports/source"],
                                     ["review", "reports/source", "--list"],
                                     ["apply", "reports/source"]])  # fmt: skip
def test_every_command_refuses_a_review_called_source(project, command):
    write(project / "reports" / "source" / "source" / "overview.md", "Kayden Marsh was seen.\n")
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2, result.output
    assert "cannot be a review" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in (project / "reports" / "source").iterdir()) == ["source"]


def test_scan_refuses_a_source_folder_that_is_a_link(project, tmp_path):
    share = tmp_path / "Kayden Marsh share"
    write(share / "overview.md", "Kayden Marsh was seen.\n")
    review = project / "reports" / "child-x"
    review.mkdir()
    (review / "source").symlink_to(share, target_is_directory=True)
    result = CliRunner().invoke(main, ["scan", "reports/child-x"])
    assert result.exit_code == 2, result.output
    assert "reports/child-x/source: is a link to another folder" in result.output
    assert "Kayden" not in result.output
    assert sorted(p.name for p in review.iterdir()) == ["source"]


def test_the_site_refuses_a_review_called_source(tmp_path):
    project = make_project(tmp_path)
    (project / "reports" / "child-h").rename(project / "reports" / "source")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "reports/source/review.yml" in result.stderr
    assert "taken by the folder that holds a review's drafts" in result.stderr
