"""The README is the user guide: every setting and every command must be documented there."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from anonymiser.cli import main
from anonymiser.config import Settings
from site_plugins.reviews.config import ReviewsConfig
from site_plugins.reviews.markdown_pool import WORKERS_ENV
from site_plugins.reviews.pdf import SKIP_ENV

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "setting", [f.name for f in dataclasses.fields(Settings) if f.name != "root"]
)
def test_every_setting_is_documented(setting):
    assert f"| `{setting}` |" in README


# `enabled` is MkDocs' usual switch for a plugin, not a setting of the site.
@pytest.mark.parametrize("option", [name for name, _ in ReviewsConfig._schema if name != "enabled"])
def test_every_site_plugin_option_is_documented(option):
    plugin_options = README.split("| option | default | what it does |", 1)[1].split("\n\n", 1)[0]
    assert f"`{option}`" in plugin_options


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(command):
    assert f"anonymiser {command}" in README


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make serve" in first_block and "make test" in first_block


@pytest.mark.parametrize("variable", [SKIP_ENV, WORKERS_ENV])
def test_every_environment_variable_of_the_site_plugin_is_documented(variable):
    assert f"`{variable}" in README
