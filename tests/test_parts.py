"""Where a long document is cut into parts (site_plugins/reviews/parts.py), and the print page
of a document in parts (whole_document.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_plugins.reviews.documents import count_words
from site_plugins.reviews.parts import split_document


def doc(*blocks: str) -> str:
    """Markdown of blocks separated by blank lines."""
    return "\n\n".join(blocks) + "\n"


def words(first: int, count: int) -> str:
    """A paragraph of `count` distinct words: w1 w2 ... (so that a test can tell them apart)."""
    return " ".join(f"w{number}" for number in range(first, first + count))


# id: (Markdown, words per page, the parts' running text). The budget is tiny so that the cuts
# are easy to follow; the rules do not depend on its size.
CUTS = {
    "top-level-heading-over-a-later-sub-heading": (
        doc("## A", words(1, 3), "### A1", words(4, 2), "## B", words(6, 2), "### B1", words(8, 3)),
        10,
        [
            doc("## A", words(1, 3), "### A1", words(4, 2)) + "\n",
            doc("## B", words(6, 2), "### B1", words(8, 3)),
        ],
    ),
    "next-level-when-the-top-level-is-out-of-reach": (
        doc("## A", words(1, 2), "### A1", words(3, 3), "### A2", words(6, 3), "## B", "end"),
        8,
        [
            doc("## A", words(1, 2), "### A1", words(3, 3)) + "\n",
            doc("### A2", words(6, 3), "## B", "end"),
        ],
    ),
    "paragraph-boundary-in-a-section-without-sub-headings": (
        doc("## A", words(1, 3), words(4, 3), words(7, 3), words(10, 3)),
        8,
        [doc("## A", words(1, 3), words(4, 3)) + "\n", doc(words(7, 3), words(10, 3))],
    ),
    "best-cut-in-the-later-half-only": (
        # "## B" comes after 2 of 10 words: too early; the cut is at the latest paragraph.
        doc("## A", "one", "## B", words(1, 3), words(4, 3), words(7, 3)),
        10,
        [doc("## A", "one", "## B", words(1, 3), words(4, 3)) + "\n", doc(words(7, 3))],
    ),
    "a-heading-stays-with-the-block-after-it": (
        doc(words(1, 4), "## A", words(5, 4)),
        6,
        [doc(words(1, 4)) + "\n", doc("## A", words(5, 4))],
    ),
    "fenced-code-with-a-heading-inside-is-one-block": (
        doc(
            "Intro words here.", "```\n## Not a heading\n\nline two\n```", "## Real", "More words."
        ),
        6,
        [
            doc("Intro words here.") + "\n",
            doc("```\n## Not a heading\n\nline two\n```") + "\n",
            doc("## Real", "More words."),
        ],
    ),
    "a-list-with-loose-items-and-continuations-is-one-block": (
        doc("## A", words(1, 4), "- one two\n- three", "    four five six", "- seven", "## B", "x"),
        8,
        [
            doc("## A", words(1, 4)) + "\n",
            doc("- one two\n- three", "    four five six", "- seven") + "\n",
            doc("## B", "x"),
        ],
    ),
    "a-table-across-the-budget-goes-whole-to-the-next-part": (
        doc(words(1, 5), "| a | b |\n| --- | --- |\n| c | d |", "tail"),
        8,
        [
            doc(words(1, 5)) + "\n",
            doc("| a | b |\n| --- | --- |\n| c | d |", "tail"),
        ],
    ),
    "a-table-longer-than-the-budget-stands-alone-with-its-heading": (
        doc(
            words(1, 3),
            "## Contacts",
            "| a |\n| --- |\n" + "\n".join(f"| r{n} |" for n in range(12)),
            words(4, 3),
        ),
        8,
        [
            doc(words(1, 3)) + "\n",
            doc("## Contacts", "| a |\n| --- |\n" + "\n".join(f"| r{n} |" for n in range(12)))
            + "\n",
            doc(words(4, 3)),
        ],
    ),
    "a-quote-over-blank-lines-is-one-block": (
        doc(words(1, 3), "> one two\n> three", "> four five", words(6, 3)),
        6,
        [
            doc(words(1, 3)) + "\n",
            doc("> one two\n> three", "> four five") + "\n",
            doc(words(6, 3)),
        ],
    ),
    "an-html-block-runs-to-its-closing-tag": (
        doc(words(1, 3), "<div>\none two\n\nthree four\n</div>", words(5, 3)),
        6,
        [
            doc(words(1, 3)) + "\n",
            doc("<div>\none two\n\nthree four\n</div>") + "\n",
            doc(words(5, 3)),
        ],
    ),
}


@pytest.mark.parametrize(("markdown", "budget", "expected"), CUTS.values(), ids=CUTS.keys())
def test_document_is_cut_where_expected(markdown: str, budget: int, expected: list[str]) -> None:
    parts = split_document(markdown, budget)
    assert [part.text for part in parts] == expected
    assert "".join(expected) == markdown, "the test's parts must re-join to its document"
    assert [part.number for part in parts] == list(range(1, len(parts) + 1))


def test_document_at_the_budget_is_one_part_unchanged() -> None:
    markdown = doc("## A", words(1, 3) + "[^n]", "## B", "w4 w5", "[^n]: a note")
    assert count_words(markdown) == 11
    [part] = split_document(markdown, 11)
    assert part.markdown == markdown and part.title == "A" and part.words == 11
    first, second = split_document(markdown, 10)
    assert first.markdown == doc("## A", words(1, 3) + "[^n]", "[^n]: a note")
    assert second.markdown == doc("## B", "w4 w5") + "\n"


def test_footnote_goes_to_every_part_that_refers_to_it() -> None:
    markdown = doc(
        "## A",
        words(1, 4) + "[^shared]",
        "[^shared]: The shared note.\n    Its second paragraph.",
        "[^once]: Only in B.",
        "## B",
        words(5, 4) + "[^shared][^once]",
        "## C",
        words(9, 4),
    )
    first, second, third = split_document(markdown, 12)
    assert first.text == doc("## A", words(1, 4) + "[^shared]") + "\n\n\n"
    assert first.markdown == doc(
        "## A", words(1, 4) + "[^shared]", "[^shared]: The shared note.\n    Its second paragraph."
    )
    assert second.markdown == doc(
        "## B",
        words(5, 4) + "[^shared][^once]",
        "[^shared]: The shared note.\n    Its second paragraph.",
        "[^once]: Only in B.",
    )
    assert third.markdown == third.text == doc("## C", words(9, 4))
    # A part's words are its text's and its notes'.
    assert second.words == count_words(second.markdown)


def test_link_definitions_are_copied_to_the_parts_that_use_them() -> None:
    markdown = doc(
        "## A", "See [the guidance][Guide].", "[guide]: https://example.org/g", "## B", "Text."
    )
    first, second = split_document(markdown, 4)
    assert first.markdown == doc(
        "## A", "See [the guidance][Guide].", "[guide]: https://example.org/g"
    )
    assert second.markdown == doc("## B", "Text.")


def test_a_definition_in_code_stays_in_the_code() -> None:
    code = "```\n[^n]: not a note\n```"
    parts = split_document(doc(words(1, 4), code, "## B", "x y"), 8)
    assert [part.markdown for part in parts] == [doc(words(1, 4), code) + "\n", doc("## B", "x y")]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("## *Emphasised* and __strong__ words", "Emphasised and strong words"),
        ("## A [linked](https://example.org) word", "A linked word"),
        (r"## Escaped \*stars\* and snake_case_name", "Escaped *stars* and snake_case_name"),
        ("## Child D &amp; Mother {: #family }", "Child D & Mother"),
        ("## A `code` heading[^1]", "A code heading"),
        ("Setext heading\n--------------", "Setext heading"),
    ],
)
def test_part_title_is_its_first_heading_as_plain_text(heading: str, title: str) -> None:
    markdown = doc(words(1, 4), heading, words(5, 4))
    parts = split_document(markdown, 5)
    assert [part.title for part in parts] == ["Part 1", title]


def test_a_part_opening_mid_section_is_named_after_that_section() -> None:
    markdown = doc("## A", words(1, 4), "### A1", words(5, 4), words(9, 4), words(13, 4))
    parts = split_document(markdown, 8)
    assert [part.title for part in parts] == ["A", "A1", "A1 (continued)"]


def test_budget_must_be_positive() -> None:
    with pytest.raises(ValueError, match="words_per_page"):
        split_document("text", 0)


# --- any document --------------------------------------------------------------------------

_WORD = st.sampled_from(["care", "plan", "visit", "Mother", "Child", "record", "school", "GP"])
_LINE = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)
_BLOCK = st.one_of(
    _LINE,
    st.lists(_LINE, min_size=2, max_size=4).map("\n".join),
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(2, 4), _LINE),
    st.lists(_LINE, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items)),
    _LINE.map(lambda text: "    " + text),
    st.lists(_LINE, min_size=1, max_size=3).map(lambda rows: "\n".join(f"| {r} |" for r in rows)),
    st.lists(_LINE, min_size=1, max_size=3).map(
        lambda lines: "```\n## " + "\n".join(lines) + "\n```"
    ),
    st.lists(_LINE, min_size=1, max_size=3).map(lambda lines: "> " + "\n> ".join(lines)),
    st.builds(lambda key, text: f"{text}[^{key}]", st.sampled_from("abc"), _LINE),
    st.builds(lambda key, text: f"[^{key}]: {text}", st.sampled_from("abc"), _LINE),
)


@settings(max_examples=300, deadline=None)
@given(blocks=st.lists(_BLOCK, min_size=1, max_size=40), budget=st.integers(5, 60))
def test_parts_rejoin_to_the_document_and_keep_to_the_budget(
    blocks: list[str], budget: int
) -> None:
    markdown = doc(*blocks)
    parts = split_document(markdown, budget)
    [whole] = split_document(markdown, 10**9)
    assert "".join(part.text for part in parts) == whole.text
    if len(parts) == 1:
        assert parts[0].markdown == markdown
    for part in parts:
        # Over the budget only when it cannot be cut: the same cut would give it back whole.
        if part.words > budget:
            assert len(split_document(part.markdown, budget)) == 1, part.markdown
        assert part.text.strip() or len(parts) == 1, "no part is empty"
        for key in set(re.findall(r"\[\^(\w)\](?!:)", part.text)):
            if f"[^{key}]:" in markdown:
                assert f"[^{key}]:" in part.markdown


# --- the print page of a document in parts -------------------------------------------------


def test_whole_document_has_every_parts_text_once_without_their_navigation(tmp_path: Path) -> None:
    from site_plugins.reviews.whole_document import TEXT_END, TEXT_START, whole_document_html

    def page(number: int, text: str) -> str:
        nav = '<nav class="reviews-parts" aria-label="Parts"><a href="../">Part 1</a></nav>'
        pager = '<nav class="reviews-part-pager" aria-label="Next"><a href="x">Next</a></nav>'
        return (
            f"<html><title>Part {number}</title><article><h1>Title {number}</h1>{nav}"
            f"{TEXT_START}{text}{TEXT_END}{pager}</article></html>"
        )

    files = ["doc/index.html", "doc/part-2/index.html"]
    texts = [
        '<h2 id="a">A</h2><p>One<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>',
        '<h2 id="a">A</h2><p>Two<a href="#fn:1">1</a> <a href="https://example.org/#x">x</a></p>',
    ]
    for number, (file, text) in enumerate(zip(files, texts, strict=True), 1):
        (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / file).write_text(page(number, text), "utf-8")
    whole = whole_document_html(tmp_path, files)
    assert whole == (
        "<html><title>Part 1</title><article><h1>Title 1</h1>"
        + texts[0]
        + '<h2 id="part-2-a">A</h2><p>Two<a href="#part-2-fn:1">1</a> '
        + '<a href="https://example.org/#x">x</a></p></article></html>'
    )


def test_pdf_cache_key_covers_every_part(tmp_path: Path) -> None:
    from datetime import date

    from site_plugins.reviews.pdf import PdfJob, _cache_key

    files = ["doc/index.html", "doc/part-2/index.html"]
    for file in files:
        (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / file).write_text(f"<p>{file}</p>", "utf-8")
    alone = PdfJob("doc/", "doc.pdf", "Child H: Overview", "LCSPR", date(2026, 2, 10))
    in_parts = PdfJob(
        "doc/", "doc.pdf", "Child H: Overview", "LCSPR", date(2026, 2, 10), parts=tuple(files)
    )
    # A document in one page keeps the key it had before documents had parts.
    assert repr(alone) == repr(in_parts)
    keys = {_cache_key(tmp_path, alone, "P"), _cache_key(tmp_path, in_parts, "P")}
    (tmp_path / files[1]).write_text("<p>changed</p>", "utf-8")
    keys.add(_cache_key(tmp_path, in_parts, "P"))
    assert len(keys) == 3
    assert _cache_key(tmp_path, alone, "P") in keys, "part 2 is no concern of a one-page document"
