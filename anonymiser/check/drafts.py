"""Raw drafts in git: the one rule shared by the leak check (files git tracks) and the
pre-commit guard (files staged for a commit, scripts/guard_drafts.py).

A raw draft is a review's drafts folder, `<reports_dir>/<slug>/source`, and anything under it
(the folder may be a link: git then tracks the link itself, at that path), or an office document
or PDF outside `examples/`, `tests/` and `bench/unseen/` (whose drafts are fictional). Only that
exact place is a drafts folder: a folder called `source` anywhere else is ordinary content.

A draft's file name often names the family ("<child's name> LCSPR FINAL v3.docx"), so nothing
here ever prints one: `unnamed_file` says what kind of file it is instead.

This module uses only the standard library, so that the pre-commit hook can run it without the
project's dependencies.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

DRAFT_SUFFIXES = frozenset({".docx", ".doc", ".docm", ".dotx", ".odt", ".rtf", ".pdf"})
FICTIONAL_FOLDERS = (("examples",), ("tests",), ("bench", "unseen"))
SOURCE_DIR = "source"
# How much of a file name a message may show: enough to tell "overveiw.docx" from a name.
SHOWN_CHARACTERS = 2


def review_of_drafts(name: str, reports_dir: str = "reports") -> str:
    """The slug whose drafts folder `name` is or is in (`reports/<slug>/source[/...]`), else "".

    The comparison ignores case: on a Mac or Windows, `Source` is the same folder as `source`,
    and refusing too much here only stops a commit."""
    parts = PurePosixPath(name).parts
    reports = PurePosixPath(reports_dir).parts
    depth = len(reports)
    if (
        parts[:depth] == reports
        and len(parts) >= depth + 2
        and parts[depth + 1].casefold() == SOURCE_DIR
    ):
        return parts[depth]
    return ""


def draft_reason(name: str, reports_dir: str = "reports") -> str:
    """Why a repository path is a raw draft, or "" if it is not one."""
    path = PurePosixPath(name)
    slug = review_of_drafts(name, reports_dir)
    if slug:
        return f"a raw draft of review '{slug}' (its source folder is never committed)"
    fictional = any(path.parts[: len(folder)] == folder for folder in FICTIONAL_FOLDERS)
    if path.suffix.lower() in DRAFT_SUFFIXES and not fictional:
        return f"an office or PDF file ({path.suffix.lower()}), which may be a raw draft"
    return ""


def unnamed_file(name: str) -> str:
    """ "a .docx file whose name starts 'Ka…'": a file described without its name. A short name
    is not even started (two letters of it may be a child's initials)."""
    path = PurePosixPath(name)
    kind = f"a {path.suffix.lower()} file" if path.suffix else "a file without an extension"
    if len(path.stem) <= 2 * SHOWN_CHARACTERS:
        return kind
    return f"{kind} whose name starts '{path.stem[:SHOWN_CHARACTERS]}…'"


def where_draft_is(name: str, reports_dir: str = "reports") -> str:
    """A raw draft as a message may show it: its folder and the kind of file, never its name.
    Inside a drafts folder only the drafts folder is shown (a subfolder may be named after the
    family too); the drafts folder itself (a link, say) is shown as it is."""
    path = PurePosixPath(name)
    slug = review_of_drafts(name, reports_dir)
    if slug:
        source = PurePosixPath(*path.parts[: len(PurePosixPath(reports_dir).parts) + 2])
        if path == source:
            return f"{source} (the review's drafts folder itself: a link or a file)"
        return f"{source}/ ({unnamed_file(name)})"
    return f"{path.parent}/ ({unnamed_file(name)})"


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
