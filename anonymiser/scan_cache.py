"""Remembering what a review's last scan saw, so an unchanged review is not scanned again.

The state of a review is a keyed digest (HMAC-SHA256 under the partnership key) of everything a
scan depends on: the anonymiser's own code and data, the settings that change detection, every
draft's bytes, and the review file as the last scan left it. It is kept in
.cache/anonymiser/scans/ (git-ignored). It holds no identifier, not even an unkeyed hash of a
draft, and a missing, corrupt or different state simply means "scan again": the cache is never
trusted for anything but skipping work that would give the same result.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache
from pathlib import Path

import anonymiser
from anonymiser.config import Settings
from anonymiser.decisions.store import write_atomic
from anonymiser.fingerprints import PartnershipKey
from anonymiser.review_folder import ReviewFolder

CACHE_DIR = Path(".cache") / "anonymiser" / "scans"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the anonymiser's code and data: a new detector means a new scan."""
    package = Path(anonymiser.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yml", ".gz"):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def review_state(folder: ReviewFolder, settings: Settings, key: PartnershipKey) -> str:
    state = hmac.new(key.secret, b"anonymiser scan state\n", hashlib.sha256)
    state.update(code_version().encode())
    detection_settings = (settings.model, settings.dates, settings.allow_list, settings.labels)
    state.update(repr(detection_settings).encode())
    for path in folder.drafts():
        state.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for path in (folder.decisions_file, folder.review_file):
        state.update(path.read_bytes() if path.is_file() else b"(none)")
    return state.hexdigest()


def _state_file(folder: ReviewFolder, settings: Settings) -> Path:
    return settings.root / CACHE_DIR / folder.slug


def is_unchanged(folder: ReviewFolder, settings: Settings, state: str) -> bool:
    try:
        return _state_file(folder, settings).read_text(encoding="ascii").strip() == state
    except (OSError, UnicodeDecodeError):
        return False  # no state, or an unreadable one: scan


def remember(folder: ReviewFolder, settings: Settings, key: PartnershipKey) -> None:
    write_atomic(_state_file(folder, settings), review_state(folder, settings, key) + "\n")
