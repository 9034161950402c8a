"""The one text normalisation (anonymiser/text.py): no name hides in characters nobody sees."""

import pytest

from anonymiser.text import clean, invisible_characters, mixed_script, normalise


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
