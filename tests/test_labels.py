"""Issue 16: labels that read like a review. The label a review itself gives a person, with the
real name in brackets as its key ("Child T1 (Andrei Popescu)"), is that person's label."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from anonymiser.cli import main


def redact(tmp_path, text: str) -> str:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "overview.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["redact", "--auto", str(drafts), str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    return (tmp_path / "out" / "overview.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "The children, Child T1 (Andrei Popescu) and Baby A (Oliwia Nowak), were seen.\n\n"
            "Andrei Popescu was seven. Oliwia Nowak was born in May.\n",
            "The children, Child T1 and Baby A, were seen.\n\n"
            "Child T1 was seven. Baby A was born in May.\n",
        ),
        (
            "Sibling 2 (Maja Wójcik) told her teacher. Maja Wójcik was nine.\n",
            "Sibling 2 told her teacher. Sibling 2 was nine.\n",
        ),
        # No key in brackets: the next default label.
        (
            "Kayden Marsh was seen by Child T1's teacher.\n",
            "Person A was seen by Child T1's teacher.\n",
        ),
        # Brackets that are no key: a label without its letter, a name after other words.
        (
            "The child (Kayden Marsh) and Child T1 (aged 7, Andrei Popescu) were seen.\n",
            "The child (Person A) and Child T1 (aged 7, Person B) were seen.\n",
        ),
    ],
)
def test_the_review_s_own_label_for_a_person(tmp_path, text, published):
    assert redact(tmp_path, text) == published
