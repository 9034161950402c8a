"""Identifiers in disguise: what a reader sees as a name, but a search reads as something else.

Two things are reported on their own, wherever they are published, because no published text
of ours has them: a word with an invisible (default-ignorable) character in it ("Kay\\u00adleigh",
shown as "Kayleigh"), and a word mixing scripts ("Kаyleigh" with a Cyrillic "а"). The finding
names the character by its code point, never the word.

And the fingerprint detector also reads each surface unmasked (`unmasked`): invisible characters
removed, HTML character references ("&#75;ayleigh") and percent-encoding ("%61") decoded,
Markdown backslash escapes, emphasis markers, inline HTML tags and comments removed
("Kay\\_leigh", "Kay**leigh**", "Kay<b>leigh</b>", "Kay<!-- -->leigh"),
words joined by "_", written in camelCase or run into digits split apart
("kayleigh_brackenridge", "KayleighBrackenridge"). Only text
that has one of these is rewritten, and the fast scanner remembers the unchanged chunks, so the
second reading costs little more than the words that needed it. A third reading joins a word
split by a hyphen, full stop, middle dot or underscore ("Kay-leigh", "Kay.leigh", "Kay_leigh"),
and only the runs of words through such a join are scanned in it.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote

from confusable_homoglyphs import categories

from anonymiser.check import Finding
from anonymiser.check.surfaces import Surface
from anonymiser.text import IGNORABLE as _IGNORABLE
from anonymiser.text import describe, scripts

INVISIBLE = "INVISIBLE_CHARACTER"
MIXED_SCRIPT = "MIXED_SCRIPT"

_WORD = re.compile(r"\w+")
# A word with a letter that is not ASCII: only these can mix scripts.
_NON_ASCII_WORD = re.compile(r"\w*[^\W\x00-\x7f]\w*")
# What `unmasked` rewrites. The camelCase and letter-digit boundaries are empty matches.
_MASKS = (
    # A Markdown backslash escape ("Kay\\_leigh", "\\*Kayleigh\\*"): the reader sees no backslash.
    r"(?P<escape>\\(?=[!-/:-@\[-`{-~]))"
    r"|(?P<reference>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<percent>(?:%[0-9A-Fa-f]{2})+)"
    r"|(?P<emphasis>[*~]+|<[A-Za-z/][^<>\n]{0,200}>|<!--[^\n]{0,200}?-->)"
)
_MASK = re.compile(
    _MASKS + r"|(?P<join>_+)"
    r"|(?P<boundary>(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z]))"
)
# The joined reading: a hyphen, full stop, middle dot or underscore between two letters (after
# a backslash escape, perhaps) is taken out, so "Kay-leigh", "Kay.leigh", "Kay\u00b7leigh" and
# "Kay_leigh" read "Kayleigh", as a reader reads a name split by a mark.
_SPLITTING_MARK = r"[-._\u00b7\u2010\u2011\u2027]"
_LETTER = r"[^\W\d_]"
# (The letter before the mark is looked at by `unmasked`: a look-behind first would slow the
# whole pattern, which could no longer skip to the characters its matches start with.)
_JOINED_MASK = re.compile(_MASKS + rf"|(?P<join>{_SPLITTING_MARK}(?={_LETTER}))")
_LETTER_BEFORE = re.compile(rf"{_LETTER}\\?\Z")
_SPLIT_NAME = re.compile(rf"{_LETTER}\\?{_SPLITTING_MARK}{_LETTER}")
# Text `unmasked` would leave as it is: ASCII without any of its triggers.
_NOTHING_TO_UNMASK = re.compile(r"[^&%*~_<\\]*")
_CAMEL_OR_DIGIT_JOIN = re.compile(r"[a-z][A-Z]|[A-Za-z][0-9]|[0-9][A-Za-z]")


class DisguiseDetector:
    name = "disguises"

    def find(self, surface: Surface, review: str) -> list[Finding]:
        findings = [
            self._finding(surface, start, INVISIBLE, char) for start, _, char in surface.invisible
        ]
        if surface.text.isascii():
            return findings
        for match in _NON_ASCII_WORD.finditer(surface.text):
            # An invisible letter (the Hangul filler) is reported as invisible, above.
            odd = odd_letter(_IGNORABLE.sub("", match.group()))
            if odd:
                findings.append(self._finding(surface, match.start(), MIXED_SCRIPT, odd))
        return findings

    def _finding(self, surface: Surface, start: int, kind: str, char: str) -> Finding:
        # The preview is the character, never the word it is in.
        line, column, part = surface.locate(start)
        return Finding(str(surface.path), line, column, self.name, kind, describe(char), "", part)


def odd_letter(word: str) -> str:
    """The first letter of `word` that is not of its main script, when the word mixes Latin
    letters with another script's ("Kаyleigh" -> the Cyrillic "а"); "" when it does not. A
    word of other scripts only is no disguise of a Latin name (Japanese mixes three)."""
    found = scripts(word)
    if len(found) < 2 or "LATIN" not in found:
        return ""
    letters = [(char, categories.alias(char)) for char in word if char.isalpha()]
    main = Counter(script for _, script in letters if script in found).most_common(1)[0][0]
    return next(char for char, script in letters if script in found and script != main)


@dataclass(frozen=True)
class Unmasked:
    """A surface's text with its disguises taken off, and the way back to the text's offsets."""

    text: str
    # Piece i starts at offset starts[i] of `text`; it is text[origins[i]:ends[i]] of the
    # surface, as written (verbatim[i]) or rewritten.
    starts: list[int]
    origins: list[int]
    ends: list[int]
    verbatim: list[bool]
    # Offsets in `text` where a mark splitting a name was taken out (the joined reading).
    joins: list[int] = field(default_factory=list)

    def around_joins(self, reach: int) -> list[tuple[int, int]]:
        """Spans of `text` from `reach` words before each join to `reach` words after it,
        overlapping ones merged: every run of up to reach + 1 words through a join is inside
        one, and only such runs are new in the joined reading."""
        spans = [match.span() for match in _WORD.finditer(self.text)]
        word_ends = [end for _, end in spans]
        found: list[tuple[int, int]] = []
        for at in self.joins:
            word = bisect_left(word_ends, at)
            if word >= len(spans):
                continue
            start = spans[max(0, word - reach)][0]
            end = spans[min(len(spans) - 1, word + reach)][1]
            if found and start <= found[-1][1]:
                found[-1] = (found[-1][0], max(end, found[-1][1]))
            else:
                found.append((start, end))
        return found

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The surface's span behind text[start:end] (a rewritten piece maps to all of it)."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, end - 1) - 1
        a = self.origins[first] + (start - self.starts[first] if self.verbatim[first] else 0)
        b = self.origins[last] + end - self.starts[last] if self.verbatim[last] else self.ends[last]
        return a, b


def needs_unmasking(surface: Surface) -> bool:
    text = surface.text
    if surface.invisible or not text.isascii():
        return True
    return _NOTHING_TO_UNMASK.fullmatch(text) is None or bool(_CAMEL_OR_DIGIT_JOIN.search(text))


def unmasked(surface: Surface, joined: bool = False) -> Unmasked | None:
    """The surface's text unmasked (see the module's docstring); None when nothing changes.

    `joined` is the second reading of a name split by a mark: "Kay-leigh" and "Kay_leigh" read
    "Kayleigh" (where the first reading has "kayleigh_brackenridge" as two words)."""
    if joined:
        if not _SPLIT_NAME.search(surface.text):
            return None
    elif not needs_unmasking(surface):
        return None
    text = surface.text
    edits: list[tuple[int, int, str]] = [(a, b, "") for a, b, _ in surface.invisible]
    join_starts: set[int] = set()
    for match in (_JOINED_MASK if joined else _MASK).finditer(text):
        kind = match.lastgroup
        written = match.group()
        if joined and kind == "join":
            if not _LETTER_BEFORE.search(text, max(0, match.start() - 2), match.start()):
                continue
            join_starts.add(match.start())
        if kind == "reference":
            new = _IGNORABLE.sub("", html.unescape(written))  # "&shy;" hides nothing either
        elif kind == "percent":
            new = _IGNORABLE.sub("", unquote(written, errors="replace"))
        elif kind in ("emphasis", "escape") or joined:
            new = ""
        else:  # a join or a camelCase or letter-digit boundary: the words apart
            new = " "
        if new != written:
            edits.append((match.start(), match.end(), new))
    if not edits:
        return None
    edits.sort()
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    ends: list[int] = []
    verbatim: list[bool] = []
    joins: list[int] = []
    length = at = 0

    def add(piece: str, origin: int, end: int, as_written: bool) -> None:
        nonlocal length
        pieces.append(piece)
        starts.append(length)
        origins.append(origin)
        ends.append(end)
        verbatim.append(as_written)
        length += len(piece)

    decoded_to = -1
    for start, end, new in edits:
        if start < at or (start == end == decoded_to):
            # Inside an edit already made (an invisible run inside a reference), or a
            # boundary only seen in the escape just decoded ("%61" then "y").
            continue
        if text[start : start + 1] in "&%" and start < end:
            decoded_to = end
        if start > at:
            add(text[at:start], at, start, True)
        if start in join_starts:
            joins.append(length)
        add(new, start, end, False)
        at = end
    add(text[at:], at, len(text), True)
    return Unmasked("".join(pieces), starts, origins, ends, verbatim, joins)
