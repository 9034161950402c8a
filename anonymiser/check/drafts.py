"""Raw drafts in git: the one rule shared by the leak check (files git tracks) and the
pre-commit guard (files staged for a commit, scripts/guard_drafts.py).

A raw draft is anything under a review's `source/` folder, or an office document or PDF outside
`examples/`, `tests/` and `bench/unseen/` (whose drafts are fictional). This module uses only
the standard library, so that the pre-commit hook can run it without the project's
dependencies.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

DRAFT_SUFFIXES = frozenset({".docx", ".doc", ".docm", ".dotx", ".odt", ".rtf", ".pdf"})
FICTIONAL_FOLDERS = (("examples",), ("tests",), ("bench", "unseen"))


def draft_reason(name: str, reports_dir: str = "reports") -> str:
    """Why a repository path is a raw draft, or "" if it is not one."""
    path = PurePosixPath(name)
    parts = path.parts
    reports = PurePosixPath(reports_dir).parts
    depth = len(reports)
    if parts[:depth] == reports and len(parts) > depth + 2 and parts[depth + 1] == "source":
        return f"a raw draft of review '{parts[depth]}' (its source/ folder is never committed)"
    fictional = any(parts[: len(folder)] == folder for folder in FICTIONAL_FOLDERS)
    if path.suffix.lower() in DRAFT_SUFFIXES and not fictional:
        return f"an office or PDF file ({path.suffix.lower()}), which may be a raw draft"
    return ""


class GitUnavailable(Exception):
    """git could not list the repository's files."""


def tracked_files(root: Path) -> list[str] | None:
    """Paths git tracks under `root`, relative to `root`, or None when `root` is not inside a
    git repository."""
    try:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"], cwd=root, capture_output=True
        )
        if inside.returncode != 0:
            return None
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
        )
    except OSError as exc:
        raise GitUnavailable(f"git could not be run ({exc.strerror})") from exc
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode("utf-8", "replace").strip()
        raise GitUnavailable(f"git ls-files failed: {message}") from exc
    return [name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name]
