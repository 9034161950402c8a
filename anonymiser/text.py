"""One text normalisation for every reader: ingest, detection, fingerprints, labels and the check.

A name must not be able to hide from us in characters a reader never sees or cannot tell apart:
a soft hyphen or zero-width joiner inside "Kayleigh", a Cyrillic "а" in place of a Latin "a",
mathematical bold letters. Every module that reads text a person wrote goes through here, so
what detection saw, what was fingerprinted and what the leak check compares are the same word.

- `clean` is for text we keep and publish: invisible (default-ignorable) characters removed,
  Word's non-breaking hyphen made a hyphen, letters in compatibility forms (fullwidth,
  ligatures, mathematical alphabets) folded by NFKC, and look-alike letters inside a word that
  mixes scripts folded to Latin. Symbols ("½", "²") are left as written.
- `normalise` is the form an identifier is compared and fingerprinted in: `clean`, full NFKC,
  every look-alike folded to its Latin skeleton (Unicode TS #39 confusables, from the
  maintained `confusable_homoglyphs` data), case folded, punctuation dropped.
- `invisible_characters` and `mixed_script` let the check and the input checks refuse text
  that carries a disguise.

This module imports nothing from the package: it sits below detection and fingerprints.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex
from confusable_homoglyphs import categories, confusables

# Unicode's Default_Ignorable_Code_Point property: soft hyphen, zero-width space/joiner/non-joiner,
# word joiner, BOM, variation selectors, tag characters, Hangul fillers and the rest.
IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}+")
# Hyphens that look like "-" but are other characters (Word's non-breaking hyphen is U+2011).
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
_WORD = re.compile(r"\w+")
# Scripts that do not make a word "mixed": digits, punctuation, combining marks.
_NEUTRAL_SCRIPTS = frozenset({"COMMON", "INHERITED"})


@lru_cache(maxsize=1)
def _latin_skeleton() -> dict[int, str]:
    """Each non-Latin character Unicode lists as confusable with one ASCII letter -> the letter."""
    table: dict[int, str] = {}
    for char, homoglyphs in confusables.confusables_data.items():
        if len(char) != 1 or char.isascii() or categories.alias(char) == "LATIN":
            continue
        for glyph in homoglyphs:
            look_alike = glyph["c"]
            if len(look_alike) == 1 and look_alike.isascii() and look_alike.isalpha():
                table[ord(char)] = look_alike
                break
    return table


def invisible_characters(text: str) -> list[str]:
    """The default-ignorable characters in `text`, in order ("U+00AD SOFT HYPHEN" form)."""
    found = []
    for match in IGNORABLE.finditer(text):
        for char in match.group():
            found.append(describe(char))
    return found


def describe(char: str) -> str:
    """A character by code point and name, safe to print in an error message."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')}"


def scripts(word: str) -> set[str]:
    """The scripts of the letters of `word` (LATIN, CYRILLIC, GREEK…), neutral ones left out."""
    return {categories.alias(char) for char in word if char.isalpha()} - _NEUTRAL_SCRIPTS


def mixed_script(word: str) -> bool:
    """True when one word mixes letters of two scripts, as a disguised name does ("Kаyleigh")."""
    return len(scripts(word)) > 1


def skeleton(text: str) -> str:
    """`text` with every look-alike of a Latin letter replaced by that letter."""
    return text.translate(_latin_skeleton())


def _fold_letters(text: str) -> str:
    if text.isascii():
        return text
    look_alikes = _latin_skeleton()
    folded = []
    for char in text:
        if char.isalpha() and not char.isascii():
            compatible = unicodedata.normalize("NFKC", char)
            # The Greek lunate sigma symbol "ϲ" looks like "c"; its compatibility form, the
            # final sigma "ς", does not: a look-alike is kept for its word's Latin fold.
            latin = look_alikes.get(ord(char))
            keep = latin is not None and skeleton(compatible).casefold() != latin.casefold()
            folded.append(compatible if compatible.isalpha() and not keep else char)
        else:
            folded.append(char)
    return unicodedata.normalize("NFC", "".join(folded))


def _fold_mixed_words(text: str) -> str:
    def fold(match: re.Match[str]) -> str:
        word = match.group()
        return skeleton(word) if mixed_script(word) else word

    return _WORD.sub(fold, text)


def clean(text: str) -> str:
    """`text` as we keep and publish it: nothing invisible, no letter disguised.

    Offsets change (characters are removed), so readers clean a text before anything records
    a position in it.
    """
    if text.isascii():
        return text
    text = IGNORABLE.sub("", text).translate(_HYPHENS)
    return _fold_mixed_words(_fold_letters(text))


def normalise(text: str) -> str:
    """The form an identifier is compared and fingerprinted in.

    "Kayden  MARSH", "kayden marsh", "Kayden-Marsh" and "Kаyden Marsh" (Cyrillic "а") all become
    "kayden marsh"; a possessive "'s" is a word of its own, so "Kayden's" still contains "kayden".
    """
    if not text.isascii():
        # Folded before NFKC too: NFKC turns some look-alikes ("ϲ") into letters that are not.
        text = skeleton(unicodedata.normalize("NFKC", skeleton(IGNORABLE.sub("", text))))
    return " ".join(_WORD.findall(text.casefold()))
