"""Counting a document's words (site_plugins/reviews/documents.py).

count_words counts without running its word pattern over every character (which took seconds
on a large library); these tests hold it to exactly what that pattern finds.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_plugins.reviews.documents import count_words

# The definition: every match of this pattern, once link targets and tags are left out.
_REFERENCE_WORD = re.compile(r"\w+(?:['’]\w+)*")
_REFERENCE_NOT_WORDS = re.compile(r"\]\([^)]*\)|<[^>]+>")


def reference_count(markdown: str) -> int:
    return len(_REFERENCE_WORD.findall(_REFERENCE_NOT_WORDS.sub(" ", markdown)))


COUNTS = {
    "plain words": ("The family moved in 2019.", 5),
    "apostrophes join": ("don't rock'n'roll Child A1's", 4),
    "curly apostrophe joins": ("Child A’s mother’s", 3),
    "two apostrophes do not": ("a''b", 2),
    "apostrophes at the edges": ("'quoted' words'", 2),
    "dashes split": ("mother-in-law x—y a – b", 7),
    "accented letters": ("Zoë naïve café's Ærø", 4),
    "no-break space splits": ("10\u00a0000 people", 3),
    "underscores are word characters": ("_x_ snake_case", 2),
    "digits of other scripts": ("١٢٣ ab", 2),
    "punctuation only": ("— … * | #", 0),
    "link target left out": ("[the guidance](https://example.org/a-long-path) here", 3),
    "tags left out": ("<span class='x y z'>bold</span> text", 2),
    "empty": ("", 0),
    "apostrophe at the start and end": ("'", 0),
    "line and paragraph separators": ("a\u2028b\u2029c", 3),
}


@pytest.mark.parametrize(("text", "expected"), COUNTS.values(), ids=COUNTS.keys())
def test_count_words(text: str, expected: int) -> None:
    assert count_words(text) == expected
    assert reference_count(text) == expected


_CHARACTERS = st.sampled_from(
    list("ab Z09_ '’-—.,;:!?()[]<>*#|\n\t\u00a0\u2028éæ١€😀") + ["](x)", "<b>", "'s", "’s"]
)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(_CHARACTERS, max_size=60))
def test_count_words_equals_the_word_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert count_words(text) == reference_count(text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_count_words_equals_the_word_pattern_on_any_text(text: str) -> None:
    assert count_words(text) == reference_count(text)
