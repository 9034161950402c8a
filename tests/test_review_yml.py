"""review.yml problems PyYAML lets through (a date that does not exist, a key given twice) are
errors naming the file, the key and the line: in the loader, the site build, `apply` and
`check`. None of them is a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_site import make_project, mkdocs_build

from anonymiser.cli import main
from site_plugins.reviews.review_file import ReviewYamlError, load_review_yaml

GOOD = "title: Child Q\nstatus: draft\npublished: 2026-02-28\n"
IMPOSSIBLE_DATE = "title: Child Q\nstatus: published\npublished: 2026-02-30\n"
DUPLICATE_STATUS = "title: Child Q\nstatus: draft\nsummary: x\nstatus: published\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            IMPOSSIBLE_DATE, ["'published' (line 3)", "not a date that exists"], id="feb-30"
        ),
        pytest.param(
            "published: 2026-13-01\n", ["'published' (line 1)", "not a date"], id="month-13"
        ),
        pytest.param(
            "sign_off:\n  by: Team\n  date: 2025-04-31\n",
            ["'sign_off.date' (line 3)", "not a date that exists"],
            id="nested-date",
        ),
        pytest.param(
            DUPLICATE_STATUS, ["'status' is given twice (lines 2 and 4)"], id="duplicate-status"
        ),
        pytest.param(
            "documents:\n  - file: overview.md\n    file: briefing.md\n",
            ["'documents[0].file' is given twice (lines 2 and 3)"],
            id="duplicate-in-a-list",
        ),
        pytest.param("title: [Child Q\n", ["not valid YAML", "line 2"], id="syntax"),
        pytest.param("a: &x 1\nb: *x\n", ["alias (*x) is not allowed"], id="alias"),
        pytest.param("- title\n", ["must be a mapping of keys"], id="a-list"),
    ],
)
def test_a_broken_review_yml_is_refused_naming_key_and_line(text: str, expected: list[str]):
    with pytest.raises(ReviewYamlError) as raised:
        load_review_yaml(text)
    for fragment in expected:
        assert fragment in str(raised.value)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Brannagh Tulliver: 1\nBrannagh Tulliver: 2\n", id="duplicate"),
        pytest.param("Brannagh Tulliver: 2026-02-30\n", id="date"),
    ],
)
def test_a_key_review_yml_does_not_have_is_not_quoted(text: str):
    # A mistyped key may be a name: the message shows its line, never the key itself.
    with pytest.raises(ReviewYamlError) as raised:
        load_review_yaml(text)
    assert "Brannagh" not in str(raised.value) and "line" in str(raised.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD, {"title": "Child Q", "status": "draft", "published": "2026-02-28"}),
        ("published: 2024-02-29\n", {"published": "2024-02-29"}),
        (
            "documents:\n  - file: a.md\n  - file: b.md\n",
            {"documents": [{"file": "a.md"}, {"file": "b.md"}]},
        ),
    ],
)
def test_a_good_review_yml_reads_as_before(text: str, expected: dict):
    data = load_review_yaml(text)
    shown = {k: (str(v) if k == "published" else v) for k, v in data.items()}
    assert shown == expected


# --- through the site build and the command line ---------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            lambda text: text.replace("published: 2026-02-10", "published: 2026-02-30"),
            "'published' (line 4) is not a date that exists",
            id="feb-30",
        ),
        pytest.param(
            lambda text: text.replace("status: published", "status: draft\nstatus: published"),
            "'status' is given twice (lines 3 and 4)",
            id="duplicate-status",
        ),
    ],
)
def test_the_site_build_names_the_file_and_key(tmp_path: Path, change, expected: str):
    project = make_project(tmp_path)
    review_yml = project / "reports" / "child-h" / "review.yml"
    review_yml.write_text(change(review_yml.read_text("utf-8")), "utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"reports/child-h/review.yml: {expected}" in result.stderr
    assert "Traceback" not in result.stderr


def broken_review(project: Path, text: str) -> Path:
    folder = project / "reports" / "child-q"
    folder.mkdir(parents=True)
    (folder / "review.yml").write_text(text, "utf-8")
    (folder / "overview.md").write_text("# Overview report\n\nThe review of Child Q.\n", "utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(IMPOSSIBLE_DATE, "'published' (line 3) is not a date that exists", id="date"),
        pytest.param(DUPLICATE_STATUS, "'status' is given twice", id="duplicate"),
    ],
)
def test_apply_and_check_name_the_file_and_key(project: Path, text: str, expected: str):
    folder = broken_review(project, text)
    runner = CliRunner()
    applied = runner.invoke(main, ["apply", "--by", "Comms team", str(folder)])
    assert applied.exit_code == 2, applied.output
    assert f"{folder / 'review.yml'}: {expected}" in applied.output
    assert applied.exception is None or isinstance(applied.exception, SystemExit)

    checked = runner.invoke(main, ["check", str(folder)])
    assert checked.exit_code == 2, checked.output
    assert expected in checked.output and "review.yml" in checked.output
    assert "Traceback" not in checked.output


@pytest.mark.slow
def test_check_passes_a_good_review_yml(project: Path):
    folder = broken_review(project, GOOD)
    checked = CliRunner().invoke(main, ["check", str(folder)])
    assert "review.yml" not in checked.output, checked.output


def test_deep_nesting_is_read_without_a_recursion_error():
    # libyaml allows 999 levels, more than Python's recursion limit allows a recursive walk.
    data = load_review_yaml("themes: " + "[" * 999 + "]" * 999 + "\n")
    assert isinstance(data["themes"], list)
