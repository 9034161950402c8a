"""Keyed fingerprints: how a review file can name an identifier without containing it.

A fingerprint is HMAC-SHA256 of the identifier's normalised text under the partnership key,
cut to 128 bits. Without the key nobody can test a guess ("is Kayden in this file?"), so the
file is safe to commit and to review in a pull request. With the key, the anonymiser and the
leak check can recognise the identifier anywhere, in any case and spacing.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from anonymiser.errors import KeyProblem
from anonymiser.text import normalise

KEY_ENV = "ANONYMISER_KEY"
KEY_BYTES = 32
FINGERPRINT_HEX = 32
# A redacted identifier is at most this many words long ("Flat 3, 14 Bramble Close" is 5).
MAX_NGRAM = 8

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Word:
    """A word of a text with its position, for searching fingerprints in published text."""

    start: int
    end: int
    norm: str


def words(text: str) -> list[Word]:
    """The words of `text` with their positions, each folded as `normalise` folds it."""
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        norm = word.casefold() if word.isascii() else normalise(word)
        found.append(Word(match.start(), match.end(), norm))
    return found


# Words that say what kind of place it is, not which: a part made only of these (and common
# English words) names no place ("Primary School", "St Mary").
_GENERIC_WORDS = frozenset(
    """academy and c ce centre center church children childrens clinic college community day
    e england federation foundation group health high home hospital house infant infants
    junior juniors lodge medical nhs nursery of practice pre preschool primary rc residential
    s saint school secondary st surgery the trust unit""".split()
)
# A word rarer than this in English is distinctive (anonymiser.entities.RARE_WORD_ZIPF).
_DISTINCTIVE_ZIPF = 3.5


def distinctive_parts(norm: str) -> set[str]:
    """The runs of words of a normalised place name that still identify the place: those with
    a distinctive word in them, neither the whole name nor starting or ending with a linking
    word. "oakfield primary school" -> {"oakfield primary", "oakfield"}."""
    from wordfreq import zipf_frequency

    names = norm.split()
    distinctive = [
        word not in _GENERIC_WORDS
        and not word.isdigit()
        and zipf_frequency(word, "en") < _DISTINCTIVE_ZIPF
        for word in names
    ]
    parts = set()
    for start in range(len(names)):
        for end in range(start + 1, len(names) + 1):
            run = names[start:end]
            if len(run) == len(names) or run[0] in _LINKING or run[-1] in _LINKING:
                continue
            if any(distinctive[start:end]):
                parts.add(" ".join(run))
    return parts


_LINKING = frozenset({"and", "of", "the", "s"})


def possessive_stem(word: bytes) -> bytes | None:
    """A normalised word less a final "s" that may be a possessive without its apostrophe
    ("kayleighs" -> "kayleigh"); None for a word too short to be a name with an "s"."""
    return word[:-1] if len(word) > 3 and word.endswith(b"s") else None


@dataclass(frozen=True)
class PartnershipKey:
    """The secret that fingerprints are made with. `key_id` identifies it without revealing it."""

    secret: bytes

    @property
    def key_id(self) -> str:
        return hmac.new(self.secret, b"anonymiser key id", hashlib.sha256).hexdigest()[:12]

    def fingerprint(self, text: str) -> str:
        """Fingerprint of an identifier as written anywhere (it is normalised first)."""
        return self.fingerprint_normalised(normalise(text))

    def fingerprint_normalised(self, norm: str) -> str:
        digest = hmac.new(self.secret, norm.encode("utf-8"), hashlib.sha256).hexdigest()
        return digest[:FINGERPRINT_HEX]

    def find(self, text: str, fingerprints: set[str]) -> Iterator[tuple[int, int, str]]:
        """Every run of 1..MAX_NGRAM words of `text` whose fingerprint is in `fingerprints`.

        Yields (start, end, fingerprint); the longest run wins where runs start at one word. A
        possessive written without its apostrophe ("Kayleighs mother") matches without the "s".
        """
        ws = words(text)
        i = 0
        while i < len(ws):
            match = None
            for n in range(min(MAX_NGRAM, len(ws) - i), 0, -1):
                norms = [w.norm for w in ws[i : i + n]]
                fp = self.fingerprint_normalised(" ".join(norms))
                stem = possessive_stem(norms[-1].encode("utf-8"))
                if fp not in fingerprints and stem is not None:
                    norms[-1] = stem.decode("utf-8")
                    fp = self.fingerprint_normalised(" ".join(norms))
                if fp in fingerprints:
                    match = (ws[i].start, ws[i + n - 1].end, fp, n)
                    break
            if match:
                yield match[:3]
                i += match[3]
            else:
                i += 1


def new_key() -> PartnershipKey:
    return PartnershipKey(secrets.token_bytes(KEY_BYTES))


def parse_key(text: str, source: str) -> PartnershipKey:
    value = text.strip()
    try:
        secret = bytes.fromhex(value)
    except ValueError:
        raise KeyProblem(
            f"The partnership key in {source} is not valid (expected 64 hexadecimal characters)."
        ) from None
    if len(secret) != KEY_BYTES:
        raise KeyProblem(
            f"The partnership key in {source} has {len(secret)} bytes; it must have {KEY_BYTES}."
        )
    return PartnershipKey(secret)


def load_key(key_file: Path) -> PartnershipKey:
    """The key from $ANONYMISER_KEY (CI) or from the key file (a comms officer's machine)."""
    from_env = os.environ.get(KEY_ENV)
    if from_env:
        return parse_key(from_env, f"${KEY_ENV}")
    if not key_file.is_file():
        raise KeyProblem(
            f"No partnership key: {key_file} does not exist and ${KEY_ENV} is not set. "
            "Run 'anonymiser init' once to create the key (or restore it from your backup)."
        )
    return parse_key(key_file.read_text(encoding="ascii", errors="replace"), str(key_file))


def save_key(key: PartnershipKey, key_file: Path) -> None:
    key_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.secret.hex() + "\n")
