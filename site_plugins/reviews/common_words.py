"""The most common English words, kept out of the search index but not out of search results.

Why: Pagefind keeps every position of every word it indexes, and a browser downloads a word's
whole list of positions to search for it. Words such as "the", "a" and "was" are about two words
in five of a review, so their lists are the largest parts of the index; worse, Pagefind also
loads the part of its index that ends with a word that begins the word searched for, so the part
holding "a" (a quarter of a megabyte on a library of 500 reviews) came with every search for a
word in "a", and the part holding "do" with "domestic". Nobody searches for these words alone.

Pagefind has no setting for such words, so the plugin hides them from it: in the text Pagefind is
given, each is written as one character of Unicode's private use area (one of three for each
word: in lower case, with a capital, in capitals; see `hidden_form`). Pagefind indexes only
letters and digits, so it counts such a word (it keeps its place: the word after it is still two
words after the one before it) but does not index it, and keeps it in the page's text that it
shows in results, one character where the word had three or four. The search page turns these
characters back into the words (templates/assets/javascripts/search.js, given the words in this
order by its template), and so does the leak check (anonymiser/check/surfaces.py), so that it
reads the text as the page has it. A page that already has characters of that range (a symbol
font's, say) is given to Pagefind as it is.

The search page leaves the same words out of what it searches for (its template gives it this
list). A quoted phrase with a common word inside ("Father was invisible") is found by the
places of its other words: "invisible" two words after "Father", whichever common word is
between them.

The words are those of a usual English stop-word list, less "may" (a month) and "will" (a
document some reviews discuss).
"""

from __future__ import annotations

import functools
import re

COMMON_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why with would you your yours yourself
    yourselves""".split()
)

# The words in the order of their characters: the search page is given them in this order.
COMMON_WORDS_IN_ORDER = tuple(sorted(COMMON_WORDS))
FIRST_CODE = 0xE000
LAST_CODE = FIRST_CODE + 3 * len(COMMON_WORDS_IN_ORDER) - 1
HIDDEN_WORD = re.compile(f"[{chr(FIRST_CODE)}-{chr(LAST_CODE)}]")
_WORD_OF_CODE = {
    FIRST_CODE + 3 * index + case: form
    for index, word in enumerate(COMMON_WORDS_IN_ORDER)
    for case, form in enumerate((word, word.capitalize(), word.upper()))
}
# "A" and "I" are both capitalised and in capitals: their capitalised character is used.
_CODE_OF_WORD = {form: chr(code) for code, form in reversed(_WORD_OF_CODE.items())}


def hidden_form(word: str) -> str | None:
    """The character a common word is written as for Pagefind; None for a word that is not
    common or is in mixed case ("tHe"), which stays as it is."""
    return _CODE_OF_WORD.get(word)


# Elements whose text Pagefind reads as something other than the page's text (a filter's or a
# result's value) or not at all: their text is left exactly as it is.
_KEPT_ELEMENT = re.compile(
    r"<([A-Za-z][\w-]*)\b[^>]*\sdata-pagefind-(?:ignore|filter|meta|sort)\b[^>]*>"
)
_VOID_ELEMENTS = {
    "area",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}
# The text is cut into tags and runs of word characters: a run that is exactly a common word (in
# lower case, with a capital or in capitals) is hidden. Hyphens, apostrophes and the "&", "#" and
# ";" of entities belong to the run, so a part of a longer, hyphenated or shortened word
# ("mother-in-law", "don't") or of an entity ("&not;") is never a common word of its own. A
# dictionary lookup per run, done by map() in C, is about twice as fast as a regular expression
# of the words with a Python function called for each of them.
_TAG_OR_RUN = re.compile(r"(<[^>]*>|[\w\-'’&#;]+)")


def hide_common_words(html: str) -> str:
    """The page's HTML with every common word of its text (not of its tags, attributes or kept
    elements) written as its character; the HTML as it is if it has such characters already."""
    if HIDDEN_WORD.search(html):
        return html
    pieces = []
    position = 0
    for kept in _KEPT_ELEMENT.finditer(html):
        if kept.start() < position:
            continue  # inside an element kept whole already
        pieces.append(_hide_in_text(html[position : kept.start()]))
        position = _element_end(html, kept)
        pieces.append(html[kept.start() : position])
    pieces.append(_hide_in_text(html[position:]))
    return "".join(pieces)


def reveal_common_words(text: str) -> str:
    """The text with each common word's character written as the word again."""
    return text.translate(_WORD_OF_CODE)


def _hide_in_text(html: str) -> str:
    pieces = _TAG_OR_RUN.split(html)
    # A piece that is not a common word (a tag, white space, any other word) is its own default.
    return "".join(map(_CODE_OF_WORD.get, pieces, pieces))


def _element_end(html: str, start: re.Match[str]) -> int:
    """Where the element opened by `start` ends (after its closing tag), counting elements of
    the same name nested in it; the end of the opening tag for an element that has no content."""
    name = start.group(1).lower()
    if name in _VOID_ELEMENTS or start[0].endswith("/>"):
        return start.end()
    depth = 1
    for tag in _tags_named(name).finditer(html, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(html)  # never closed: the rest is kept as it is


@functools.cache
def _tags_named(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}\b[^>]*>", re.IGNORECASE)
