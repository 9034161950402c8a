"""`anonymiser init`: create the partnership key, once, and say how to keep it safe."""

from __future__ import annotations

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
