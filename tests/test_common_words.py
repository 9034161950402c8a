"""The common words the search index leaves out (site_plugins/reviews/common_words.py): how they
are hidden from Pagefind, that they come back as letters, and what is never touched."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anonymiser.check.surfaces import TAG_MIRRORS, plain_surface
from site_plugins.reviews.common_words import (
    COMMON_WORDS,
    COMMON_WORDS_IN_ORDER,
    FIRST_CODE,
    LAST_CODE,
    hidden_form,
    hide_common_words,
    reveal_common_words,
)


def tags(word: str) -> str:
    """How a common word is written for Pagefind: one character."""
    hidden = hidden_form(word)
    assert hidden is not None and len(hidden) == 1, word
    return hidden


@pytest.mark.parametrize(
    ("html", "hidden"),
    [
        # Each keeps its place among the words: white space and punctuation stay as they were.
        ("Father was invisible", f"Father {tags('was')} invisible"),
        ("The  Father", f"{tags('The')}  Father"),
        ("it\nwas", f"{tags('it')}\n{tags('was')}"),
        ("ALL OF THEM", f"{tags('ALL')} {tags('OF')} {tags('THEM')}"),
        ("A I a i", f"{tags('A')} {tags('I')} {tags('a')} {tags('i')}"),
        # In mixed case it is not the common word: it stays.
        ("tHe wAS", "tHe wAS"),
        ("said a, then", f"said {tags('a')}, {tags('then')}"),
        ("<p>So.</p>", f"<p>{tags('So')}.</p>"),
        ("<em>the</em> mother", f"<em>{tags('the')}</em> mother"),
        ("(in care)", f"({tags('in')} care)"),
        # Part of a longer, hyphenated or shortened word, or an entity: not a word of its own.
        ("another theme atone", "another theme atone"),
        ("mother-in-law", "mother-in-law"),
        ("don't it's", "don't it's"),
        ("&not; &amp;", "&not; &amp;"),
        ("Case No.5 a1", f"Case {tags('No')}.5 a1"),
        # Tags and their attributes are never changed.
        ('<a href="/the/" title="all of it">x</a>', '<a href="/the/" title="all of it">x</a>'),
        # Words not in the list stay, "may" (a month) among them.
        ("May 2019 police", "May 2019 police"),
    ],
)
def test_common_words_are_hidden(html: str, hidden: str) -> None:
    assert hide_common_words(html) == hidden


@pytest.mark.parametrize(
    "kept",
    [
        '<span data-pagefind-filter="theme">Child in need</span>',
        '<span data-pagefind-meta="details">Published on the 3rd</span>',
        "<nav data-pagefind-ignore><div>the <div>a</div> of</div> it</nav>",
        '<div hidden data-pagefind-ignore="all"><span>it is</span></div>',
    ],
)
def test_what_pagefind_reads_as_a_value_or_not_at_all_is_kept(kept: str) -> None:
    html = f"<p>the start</p>{kept}<p>and the end</p>"
    assert hide_common_words(html) == (
        f"<p>{tags('the')} start</p>{kept}<p>{tags('and')} {tags('the')} end</p>"
    )


def test_an_element_never_closed_keeps_the_rest_as_it_is() -> None:
    html = "<p>at first</p><div data-pagefind-ignore><p>the rest of it</p>"
    assert hide_common_words(html) == f"<p>{tags('at')} first</p>" + html[len("<p>at first</p>") :]


def test_a_kept_element_with_no_content_keeps_only_itself() -> None:
    html = '<img data-pagefind-meta="image[src]" src="x.png"> of the'
    assert hide_common_words(html) == html.replace(" of the", f" {tags('of')} {tags('the')}")


WORDS = sorted(COMMON_WORDS) + ["Father", "invisible", "police", "Kayden", "2019", "co-sleeping"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(WORDS),
            st.sampled_from(["", "upper", "title"]),
            st.sampled_from([" ", ", ", ". ", " <em>", "</em> ", "<br>"]),
        ),
        max_size=30,
    )
)
def test_revealed_text_is_the_text_again(words) -> None:
    text = "".join(
        (w.upper() if case == "upper" else w.title() if case == "title" else w) + after
        for w, case, after in words
    )
    hidden = hide_common_words(text)
    assert reveal_common_words(hidden) == text
    # Word for word: a hidden word keeps its place among the words.
    assert len(re.sub(r"<[^>]*>", " ", hidden).split()) == len(
        re.sub(r"<[^>]*>", " ", text).split()
    )
    # What Pagefind indexes (letters and digits of each white-space-separated word) holds no
    # common word standing alone.
    for word in re.sub(r"<[^>]*>", " ", hidden).split():
        assert "".join(c for c in word if c.isalnum()).lower() not in COMMON_WORDS


def test_every_form_of_every_word_has_a_character_of_its_own() -> None:
    forms = {
        form for word in COMMON_WORDS_IN_ORDER for form in (word, word.capitalize(), word.upper())
    }
    codes = {hidden_form(form) for form in forms}
    assert len(codes) == len(forms)
    assert {ord(code) for code in codes} <= set(range(FIRST_CODE, LAST_CODE + 1))
    assert all(reveal_common_words(hidden_form(form)) == form for form in forms)


def test_a_page_with_such_characters_already_is_given_as_it_is() -> None:
    html = f"<p>the {chr(FIRST_CODE + 7)} symbol</p>"
    assert hide_common_words(html) == html


def test_the_leak_check_reads_hidden_words_and_tag_characters_as_written() -> None:
    the, of, tag_k = tags("the"), tags("of"), chr(0xE0000 + ord("K"))
    raw = f"ab {the} Church {of} {the} Holy Cross {tag_k}ayden"
    surface = plain_surface(__file__, raw)  # type: ignore[arg-type]
    assert surface.text == "ab the Church of the Holy Cross Kayden"
    # Every position still leads back to its place in the file (line, column).
    for word, column in [
        ("Church", raw.index("Church") + 1),
        ("Holy", raw.index("Holy") + 1),
        ("Kayden", raw.index(tag_k) + 1),
        ("the Holy", raw.index(the, raw.index(of)) + 1),
    ]:
        assert surface.locate(surface.text.index(word))[:2] == (1, column), word
    assert "".join(map(chr, TAG_MIRRORS)).translate(TAG_MIRRORS) == "".join(
        chr(code) for code in range(0x20, 0x7F)
    )
