"""Shared fixtures: the spaCy model, the browser and the built site are made once per test
session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from anonymiser.config import Settings, load_settings
from anonymiser.fingerprints import new_key, save_key

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_settings() -> Settings:
    """The settings of this repository (the example partnership)."""
    return load_settings(ROOT)


@pytest.fixture(scope="session")
def detector(repo_settings):
    from anonymiser.pipeline import make_detector

    return make_detector(repo_settings)


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A fresh partnership repository: anonymiser.yml, a new key, an empty reports/."""
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)
    shutil.copy(ROOT / "anonymiser.yml", tmp_path / "anonymiser.yml")
    text = (tmp_path / "anonymiser.yml").read_text()
    text = text.replace("key_file: examples/demo-partnership.key", "key_file: .anonymiser/key")
    (tmp_path / "anonymiser.yml").write_text(text)
    save_key(new_key(), tmp_path / ".anonymiser" / "key")
    (tmp_path / "reports").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for every browser test: Playwright's sync API cannot run
    twice at once in one process, so browser test modules share this one."""
    from browser import launch_chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The repository's own site, built once for the browser tests (test_browser.py,
    test_phone_browser.py): `mkdocs build --strict` with its PDFs and search index."""
    from browser import build_site

    return build_site(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def site_origin(site_dir) -> Iterator[str]:
    from browser import serve

    with serve(site_dir) as origin:
        yield origin


@pytest.fixture(scope="session")
def site_paths(site_dir) -> list[str]:
    """Every page of the built site, as the path a reader would visit."""
    return sorted(
        "/" + "".join(part + "/" for part in page.relative_to(site_dir).parent.parts)
        for page in site_dir.rglob("index.html")
    )


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()
