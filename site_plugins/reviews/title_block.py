"""Which lines at the top of a document only restate what the page header already shows.

Documents converted from Word open with a title block, in many styles, for example:

    # Eastmoor Safeguarding Partnership
    ## Local Child Safeguarding Practice Review: Child D
    ### Overview report

or a heading in capitals followed by one-line paragraphs ("Partnership response and action
plan"). The page already has an <h1> ("Child D: Overview report") and a line giving the type
of review, so the title block repeats them: screen-reader users hear the title several times,
and the table of contents starts with it instead of the first section. Going down from the top:

- a heading followed by another heading (a heading-only line) is dropped if it is made only of
  the partnership's name, the review's title, its type, the document's title or kind, and small
  filler words (compared case-insensitively, punctuation ignored);
- a heading followed by its own text is dropped only if it names this document (the review's
  title or the document's title or kind): "## Executive summary" followed by a paragraph, at
  the top of an overview report, is a real section and stays;
- a paragraph of one plain line made only of those phrases ("Eastmoor Safeguarding Partnership
  – Local Child Safeguarding Practice Review") is dropped;
- the document's only level-one heading, if it is reached this way and followed by another
  heading, is the document's own title whatever it says: dropped.

The first line that is none of these ends the title block, so nothing below it is ever dropped,
and no paragraph of more than one line, list, table or text with other words (a date such as
"March 2025", "Published by ...") is dropped at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Words that join the phrases of a title: "Response *of the* Eastmoor Safeguarding Partnership
# *and* action plan". Kept short, so that a real heading such as "About Adult R" is not taken for
# a restatement.
FILLER = frozenset({"the", "a", "an", "of", "and", "for", "by", "into", "on", "to", "in"})

# How documents name their own kind, besides its label in model.DOCUMENT_KINDS.
KIND_WORDINGS = {
    "overview": ("overview report", "overview", "final report"),
    "executive-summary": ("executive summary",),
    "briefing": ("learning briefing", "briefing", "7 minute", "seven minute"),
    "board-response": ("partnership response", "response", "action plan"),
}

_WORD = re.compile(r"[^\W_]+")
_ATTR_LIST = re.compile(r"\{[^}]*\}\s*$")

Phrase = tuple[str, ...]


def words(text: str) -> Phrase:
    """The lower-case words of a line, without markup or punctuation ("7-MINUTE" -> 7, minute)."""
    text = _ATTR_LIST.sub("", unicodedata.normalize("NFKC", text))
    return tuple(_WORD.findall(text.casefold()))


def _phrases(texts: Iterable[str | None]) -> tuple[Phrase, ...]:
    return tuple(dict.fromkeys(words(text) for text in texts if text and words(text)))


@dataclass(frozen=True)
class Block:
    """A block at the top of a document, by line numbers (end: the line after it)."""

    kind: str  # "heading", "line" (a paragraph of one plain line) or "content"
    start: int
    end: int
    text: str = ""
    level: int = 0  # of a heading


@dataclass(frozen=True)
class Restatements:
    """What the page header already shows, as phrases of words.

    own: phrases that name this document (review title, document title and kind);
    context: phrases a title block puts around them (partnership name, type of review).
    """

    own: tuple[Phrase, ...] = ()
    context: tuple[Phrase, ...] = ()

    @classmethod
    def of(
        cls,
        *,
        review_title: str,
        document_title: str,
        kind: str,
        kind_label: str,
        type_key: str,
        type_label: str,
        partnership: str | None,
    ) -> Restatements:
        own = [review_title, document_title, kind_label, *KIND_WORDINGS.get(kind, ())]
        return cls(own=_phrases(own), context=_phrases([type_label, type_key, partnership]))

    def covers(self, text: str) -> bool:
        """True if text is nothing but phrases of the page header and filler words."""
        found = words(text)
        phrases = self.own + self.context
        # reachable[i]: the first i words read as phrases and filler words.
        reachable = [True] + [False] * len(found)
        for i, word in enumerate(found):
            if not reachable[i]:
                continue
            if word in FILLER:
                reachable[i + 1] = True
            for phrase in phrases:
                if found[i : i + len(phrase)] == phrase:
                    reachable[i + len(phrase)] = True
        return reachable[-1] and any(word not in FILLER for word in found)

    def names_document(self, text: str) -> bool:
        """True if text restates this document's title: covered, with one of its own phrases."""
        found = words(text)
        return self.covers(text) and any(
            found[i : i + len(phrase)] == phrase
            for phrase in self.own
            for i in range(len(found) - len(phrase) + 1)
        )


def lines_to_drop(blocks: list[Block], restated: Restatements, lone_title: bool) -> set[int]:
    """Line numbers of the title block, from the blocks at the top of a document.

    lone_title: the document has a single level-one heading (a title if it comes first).
    """
    drop: set[int] = set()
    for position, block in enumerate(blocks):
        if block.kind == "line":
            dropped = restated.covers(block.text)
        elif block.kind == "heading":
            # Restating lines between a heading and what follows do not count as its text.
            after = next(
                (
                    later
                    for later in blocks[position + 1 :]
                    if not (later.kind == "line" and restated.covers(later.text))
                ),
                None,
            )
            if after is None or after.kind == "heading":
                title = lone_title and block.level == 1
                dropped = title or restated.covers(block.text)
            else:
                dropped = restated.names_document(block.text)
        else:
            dropped = False
        if not dropped:
            break
        drop.update(range(block.start, block.end))
    return drop
