"""The one text normalisation (anonymiser/text.py): no name hides in characters nobody sees."""

import unicodedata
from pathlib import Path

import pytest
from confusable_homoglyphs import categories, confusables

from anonymiser.check.disguises import DisguiseDetector
from anonymiser.check.surfaces import plain_surface
from anonymiser.text import (
    IGNORABLE,
    clean,
    describe,
    invisible_characters,
    mixed_script,
    normalise,
)


@pytest.mark.parametrize(
    ("written", "published"),
    [
        ("Rowan\u00adna Pell", "Rowanna Pell"),  # soft hyphen (Word's optional hyphen)
        ("Row\u200danna", "Rowanna"),  # zero-width joiner
        ("Row\u200banna", "Rowanna"),  # zero-width space
        ("Row\u2060anna", "Rowanna"),  # word joiner
        ("\ufeffRowanna", "Rowanna"),  # byte order mark
        ("Rowanna\U000e0041", "Rowanna"),  # tag character
        ("Rowanna\ufe0f", "Rowanna"),  # variation selector
        ("R\u043ewanna", "Rowanna"),  # Cyrillic o inside a Latin word
        ("R\u03bfwanna", "Rowanna"),  # Greek omicron inside a Latin word
        ("\uff32\uff4f\uff57\uff41\uff4e\uff4e\uff41", "Rowanna"),  # fullwidth letters
        ("\U0001d411owanna", "Rowanna"),  # mathematical bold capital R
        ("Pell\u2011Hart", "Pell-Hart"),  # Word's non-breaking hyphen
    ],
)
def test_clean_removes_every_disguise(written, published):
    assert clean(written) == published
    assert normalise(written) == normalise(published)


@pytest.mark.parametrize(
    "kept",
    ["Zofia Wójcik", "Łukasz", "Ørsted café", "½ of pupils, 10 m²", "Москва", "Αθήνα", "plain"],
)
def test_clean_leaves_real_letters_and_symbols_alone(kept):
    assert clean(kept) == kept


def test_invisible_characters_are_named_by_code_point():
    assert invisible_characters("Ro\u00adwan\u200dna") == [
        "U+00AD SOFT HYPHEN",
        "U+200D ZERO WIDTH JOINER",
    ]
    assert invisible_characters("Rowanna") == []


@pytest.mark.parametrize(
    ("word", "mixed"),
    [
        ("R\u043ewanna", True),
        ("Rowanna", False),
        ("Москва", False),
        ("Wójcik", False),
        ("B12", False),
    ],
)
def test_mixed_script(word, mixed):
    assert mixed_script(word) is mixed


# --- every code point of the two sets issue 15 names ---------------------------------------------
#
# Unicode's Default_Ignorable_Code_Point set is read from the `regex` module's Unicode data: the
# very property `anonymiser.text.IGNORABLE` matches (the standard library's unicodedata does not
# carry it). The look-alikes are read from the confusables data `anonymiser.text` folds with
# (confusable_homoglyphs, Unicode TS #39). Each code point goes inside an invented name.


def _code_point_ranges(code_points: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in code_points:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def _default_ignorable() -> list[int]:
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    return [ord(char) for run in IGNORABLE.findall(every) for char in run]


DEFAULT_IGNORABLE = _default_ignorable()
IGNORABLE_RANGES = _code_point_ranges(DEFAULT_IGNORABLE)


def _range_id(span: tuple[int, int]) -> str:
    first, last = span
    return f"U+{first:04X}" if first == last else f"U+{first:04X}..U+{last:04X}"


def published(text: str) -> list[str]:
    """What the leak check's disguise detector reports in a published note holding `text`,
    with the column it points at."""
    surface = plain_surface(Path("note.md"), f"Met {text} at home.")
    return [f"{f.column} {f.entity_type} {f.preview}" for f in DisguiseDetector().find(surface, "")]


def test_the_default_ignorable_set_is_unicodes_whole_set():
    # Unicode 15 lists 4,174 code points (most of them the unassigned tag block, E0000..E0FFF).
    assert len(DEFAULT_IGNORABLE) >= 4174
    for code in (0x00AD, 0x034F, 0x115F, 0x180E, 0x200B, 0x2064, 0x3164, 0xFE0F, 0xFEFF):
        assert code in DEFAULT_IGNORABLE, hex(code)
    assert (0xE0000, 0xE0FFF) in IGNORABLE_RANGES


@pytest.mark.parametrize("span", IGNORABLE_RANGES, ids=[_range_id(s) for s in IGNORABLE_RANGES])
def test_every_invisible_character_is_removed_and_reported_inside_a_name(span):
    wrong = []
    for code in range(span[0], span[1] + 1):
        char = chr(code)
        if clean(f"Rowan{char}na Pell") != "Rowanna Pell":
            wrong.append(f"{describe(char)}: not removed by clean")
        if normalise(f"Rowan{char}na") != "rowanna":
            wrong.append(f"{describe(char)}: not removed by normalise")
        # "Met Rowan" is 9 characters: the finding points at the invisible character.
        if published(f"Rowan{char}na") != [f"10 INVISIBLE_CHARACTER {describe(char)}"]:
            wrong.append(f"{describe(char)}: reported {published(f'Rowan{char}na')}")
    assert not wrong, wrong


def _look_alikes() -> dict[str, set[str]]:
    """Each Cyrillic or Greek code point the confusables data maps to a Latin letter, or to a
    string of Latin letters and marks -> those Latin forms."""
    found: dict[str, set[str]] = {}
    for char, homoglyphs in confusables.confusables_data.items():
        if len(char) != 1 or categories.alias(char) not in ("CYRILLIC", "GREEK"):
            continue
        forms = {
            glyph["c"]
            for glyph in homoglyphs
            if any(c.isalpha() for c in glyph["c"])
            and all(categories.alias(c) == "LATIN" for c in glyph["c"] if c.isalpha())
        }
        if forms:
            found[char] = forms
    return found


LOOK_ALIKES = _look_alikes()
# Look-alikes of one basic Latin letter ("а" of "a", "Κ" of "K"): clean folds each to it.
OF_A_LATIN_LETTER = {
    char: sorted(form for form in forms if len(form) == 1 and form.isascii())
    for char, forms in LOOK_ALIKES.items()
    if char.isalpha() and any(len(form) == 1 and form.isascii() for form in forms)
}
# Look-alikes of other Latin forms only: a small capital ("н" of "ʜ"), a turned or barred letter
# ("Λ" of "Ʌ", "ө" of "o" with a stroke), two letters ("Ы" of "bl"). No letter of a name
# is written so, so there is nothing to fold them to and clean leaves them as written; the
# leak check reports each inside a Latin word (letters of two scripts in one word).
OF_ANOTHER_LATIN_FORM = sorted(
    char for char in LOOK_ALIKES if char not in OF_A_LATIN_LETTER and char.isalpha()
)
# Not letters at all: Greek musical notation symbols (U+1D200..U+1D24F) and the Greek nomisma
# sign (U+1018E), category So. Clean leaves symbols as written ("½", "²"), and a symbol is not
# part of a word, so "Rowan𝈍na" is the words "Rowan" and "na" to every reader of the check:
# no rule can tell such a symbol inside a name from one beside it. They are named here so
# that a new one in the data is noticed.
NOT_LETTERS = {"\U0001d20d", "\U0001d213", "\U0001d216", "\U0001d217", "\U0001d21a"}
NOT_LETTERS |= {"\U0001d221", "\U0001d22a", "\U0001d230", "\U0001018e"}


def test_the_look_alikes_of_latin_letters_are_all_accounted_for():
    assert len(OF_A_LATIN_LETTER) >= 70 and "\u0430" in OF_A_LATIN_LETTER
    assert "\u03f2" in OF_A_LATIN_LETTER  # the lunate sigma, whose NFKC form looks like no "c"
    assert {char for char in LOOK_ALIKES if not char.isalpha()} == NOT_LETTERS
    assert all(unicodedata.category(char) == "So" for char in NOT_LETTERS)


@pytest.mark.parametrize(
    "char", sorted(OF_A_LATIN_LETTER), ids=[describe(c) for c in sorted(OF_A_LATIN_LETTER)]
)
def test_a_look_alike_of_a_latin_letter_is_folded_and_reported_inside_a_name(char):
    latin = OF_A_LATIN_LETTER[char]
    written = f"Rowan{char}na"
    folded = clean(written)
    assert folded[:5] == "Rowan" and folded[6:] == "na" and folded[5] in latin, folded
    assert normalise(written) == normalise(folded)
    assert published(written) == [f"5 MIXED_SCRIPT {describe(char)}"]


@pytest.mark.parametrize("char", OF_ANOTHER_LATIN_FORM, ids=map(describe, OF_ANOTHER_LATIN_FORM))
def test_a_look_alike_of_another_latin_form_is_reported_inside_a_name(char):
    assert published(f"Rowan{char}na") == [f"5 MIXED_SCRIPT {describe(char)}"]
    assert mixed_script(clean(f"Rowan{char}na"))
