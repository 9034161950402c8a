"""Finding redacted identifiers in published text by their fingerprints, fast.

The check knows the redacted identifiers only as fingerprints (anonymiser.fingerprints), so it
must fingerprint every run of 1..MAX_NGRAM words of every published file and look each one up:
eight HMAC-SHA256s a word. Three things make that affordable on a whole site:

- HMAC's two keyed hash states are computed once and copied for each run of words, and the
  runs that start at one word extend one inner hash word by word (HMAC's inner hash reads the
  message from the left, so "kayden", "kayden marsh", ... share it);
- a site publishes most of its text several times (the page, its search fragment, its PDF, the
  summary on the library and theme pages, the navigation on every page). The words are cut into
  chunks at words chosen by their own content (not by position), so the same text cuts into the
  same chunks wherever it appears; a chunk, together with the words after it that its runs can
  reach, is fingerprinted once and remembered as clean;
- the positions of words in the file are only worked out for a file with a match.

The result is exactly that of `PartnershipKey.find`: at each word the longest matching run
wins (a run whose last word ends in a possessive "s" without its apostrophe also matches
without the "s"), and the search goes on after it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from anonymiser.fingerprints import FINGERPRINT_HEX, MAX_NGRAM, PartnershipKey, possessive_stem
from anonymiser.text import normalise

_WORD = re.compile(r"\w+")
_BLOCK = 64  # SHA-256's block size
_DIGEST_BYTES = FINGERPRINT_HEX // 2
# A word whose hash is 0 modulo this ends a chunk: chunks of about 8 words on average. Small
# chunks keep most of a repeated text remembered where one copy of it differs in a word or two
# (a heading's anchor, a link's address): measured on a built site, 8 fingerprints 30 % fewer
# runs of words than 32, and 4 little fewer than 8 for twice the chunks to remember.
_CHUNK_MODULUS = 8
# A chunk never grows past this many words, so a text without a cutting word stays cheap to
# remember (the cut is then by position, which repeated text still reproduces).
_MAX_CHUNK = 64


def tokens(text: str) -> list[str]:
    """The words of `text`, each folded as `normalise` folds it (as PartnershipKey.find does)."""
    found = _WORD.findall(text)
    joined = " ".join(found)
    if joined.isascii():
        return joined.lower().split(" ") if joined else []
    return [w.casefold() if w.isascii() else normalise(w) for w in found]


class FingerprintScanner:
    def __init__(self, key: PartnershipKey, fingerprints: Iterable[str]) -> None:
        secret = key.secret
        if len(secret) > _BLOCK:
            secret = hashlib.sha256(secret).digest()
        padded = secret.ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded))
        self._targets = {bytes.fromhex(fp): fp for fp in fingerprints}
        self._clean_chunks: set[str] = set()
        self.words = 0

    def find(self, text: str, count: bool = True) -> list[tuple[int, int, str]]:
        """(start, end, fingerprint) of every match in `text`, as PartnershipKey.find.
        `count=False` for a second reading of a text (unmasked), whose words were counted."""
        words = tokens(text)
        if count:
            self.words += len(words)
        if not self._targets or not words:
            return []
        hits = self._hits(words)
        if not hits:
            return []
        spans = [m.span() for m in _WORD.finditer(text)]
        found = []
        i = 0
        while i < len(words):
            if i in hits:
                n, fp = hits[i]
                found.append((spans[i][0], spans[i + n - 1][1], fp))
                i += n
            else:
                i += 1
        return found

    def _hits(self, words: list[str]) -> dict[int, tuple[int, str]]:
        """Word index -> (length, fingerprint) of the longest matching run starting there."""
        count = len(words)
        hits: dict[int, tuple[int, str]] = {}
        for start, end in _chunks(words):
            reach = min(end + MAX_NGRAM - 1, count)
            key = " ".join(words[start:reach])
            if key in self._clean_chunks:
                continue
            found = self._scan(words, start, end, reach)
            if found:
                hits.update(found)
            else:
                self._clean_chunks.add(key)
        return hits

    def _scan(self, words: list[str], start: int, end: int, reach: int):
        targets, inner, outer = self._targets, self._inner, self._outer
        encoded = [word.encode("utf-8") for word in words[start:reach]]
        spaced = [b" " + word for word in encoded]
        stems = [possessive_stem(word) for word in encoded]
        found: dict[int, tuple[int, str]] = {}
        for i in range(end - start):
            h = inner.copy()
            last = min(i + MAX_NGRAM, reach - start)
            j = i
            while True:
                stem = stems[j]
                if stem is not None:
                    # The run with its last word's possessive "s" dropped ("Kayleighs").
                    s = h.copy()
                    s.update(stem if j == i else b" " + stem)
                    o = outer.copy()
                    o.update(s.digest())
                    fp = targets.get(o.digest()[:_DIGEST_BYTES])
                    if fp is not None:
                        found[start + i] = (j - i + 1, fp)
                h.update(encoded[i] if j == i else spaced[j])
                o = outer.copy()
                o.update(h.digest())
                fp = targets.get(o.digest()[:_DIGEST_BYTES])
                if fp is not None:
                    found[start + i] = (j - i + 1, fp)  # longer runs overwrite shorter ones
                j += 1
                if j >= last:
                    break
        return found


def _chunks(words: list[str]) -> list[tuple[int, int]]:
    """[start, end) word ranges, cut after each word whose hash is 0 modulo _CHUNK_MODULUS."""
    cuts = [i + 1 for i, word in enumerate(words) if hash(word) % _CHUNK_MODULUS == 0]
    chunks = []
    start = 0
    for cut in [*cuts, len(words)]:
        while cut - start > _MAX_CHUNK:
            chunks.append((start, start + _MAX_CHUNK))
            start += _MAX_CHUNK
        if cut > start:
            chunks.append((start, cut))
            start = cut
    return chunks
