"""The README is the user guide: every setting and every command must be documented there."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from anonymiser.cli import main
from anonymiser.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "setting", [f.name for f in dataclasses.fields(Settings) if f.name != "root"]
)
def test_every_setting_is_documented(setting):
    assert f"| `{setting}` |" in README


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(command):
    assert f"anonymiser {command}" in README


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make serve" in first_block and "make test" in first_block
