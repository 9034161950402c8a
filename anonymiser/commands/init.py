"""`anonymiser init`: create the partnership key, once, and say how to keep it safe."""

from __future__ import annotations

import subprocess
from pathlib import Path

from anonymiser.config import Settings
from anonymiser.errors import KeyProblem
from anonymiser.fingerprints import PartnershipKey, load_key, new_key, save_key


def init_key(settings: Settings) -> tuple[PartnershipKey, bool]:
    """The key, and whether it was created now. An existing key is never replaced."""
    path: Path = settings.key_path
    if path.exists():
        return load_key(path), False
    try:
        existing = load_key(path)
    except KeyProblem:
        existing = None
    if existing is not None:
        return existing, False  # from $ANONYMISER_KEY
    key = new_key()
    save_key(key, path)
    return key, True


def ignore_key_file(settings: Settings) -> Path | None:
    """Make sure git ignores the key file: add it to the repository's .gitignore when git would
    otherwise commit it. Returns the .gitignore changed, or None when nothing was needed (the
    key is ignored already, lies outside the repository, or there is no git)."""
    path = settings.key_path
    try:
        ignored = subprocess.run(
            ["git", "check-ignore", "--quiet", "--no-index", str(path)],
            cwd=settings.root,
            capture_output=True,
            check=False,
        )
    except OSError:
        return None  # no git: nothing can be committed by accident
    # 0: ignored; 1: not ignored; 128: not in a git repository (or outside this one).
    if ignored.returncode != 1 or not path.is_relative_to(settings.root):
        return None
    gitignore = settings.root / ".gitignore"
    existing = gitignore.read_text(encoding="utf-8") if gitignore.is_file() else ""
    if existing and not existing.endswith("\n"):
        existing += "\n"
    entry = "/" + path.relative_to(settings.root).as_posix()
    gitignore.write_text(
        existing + "# The partnership key (anonymiser init): never commit it.\n" + entry + "\n",
        encoding="utf-8",
    )
    return gitignore
