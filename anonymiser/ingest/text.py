"""Read a plain-text draft (.txt) as Markdown, and decode text files safely (also for .md).

Plain text is hard-wrapped: a sentence, or a name, may run over two lines. Lines of one paragraph
are joined with one space so the body reads as the sentence it is ("Kayden Marsh", never
"Kayden\\nMarsh"). Lines that look like list items or table rows keep their own line, and so
does a line the writer ended where the next word would still have fitted (a title block, a
contents page, an address): it becomes a paragraph of its own. Characters that Markdown
would read as markup at the start of a paragraph are escaped, so the published page shows the
text as it was written.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from anonymiser.errors import InputError
from anonymiser.ingest import Document, check_document_file
from anonymiser.text import clean

# Byte order marks, longest first: a UTF-32 LE mark begins with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
# Real text has almost no control characters; binary data decoded as text has many.
MAX_CONTROL_SHARE = 0.01
# Windows-1252 is a guess for text that is not UTF-8: accept it only for text that is mostly
# ASCII, as English documents are, so that other encodings are refused rather than garbled.
MAX_NON_ASCII_SHARE_FOR_1252 = 0.2
SAVE_AS_UTF8 = "Open it in a text editor and save it as UTF-8 text."

MARKDOWN_LIST_ITEM = re.compile(r"(?:[-*•‣◦▪]|\d{1,3}\.)\s+\S")
OTHER_LIST_ITEM = re.compile(r"(?:\d{1,3}\)|[a-z]\)|\((?:[a-z]|[ivx]{1,4}|\d{1,3})\))\s+\S")
TABLE_SEPARATOR = re.compile(r"\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*")
RULE_LINE = re.compile(r"([-=_*])\1{2,}")
# At the start of a paragraph Markdown reads these as a heading, quote, list or link definition.
LINE_START_MARKUP = re.compile(r"#|>|\+\s|\[[^\]]*\]:")
# "<" followed by a letter, "/", "!" or "?" would start an HTML tag or comment.
TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def read_text(path: Path) -> Document:
    return Document(path=path, body=text_to_markdown(decode_text_file(path)))


def decode_text_file(path: Path) -> str:
    """The file's text with newlines normalised to "\\n", cleaned (anonymiser.text.clean);
    never a silently garbled guess."""
    check_document_file(path)
    text = clean(decode_bytes(path, path.read_bytes()))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "is empty: it has no text.", "Check that it is the right file.")
    return text


def decode_bytes(path: Path, data: bytes) -> str:
    for mark, encoding, name in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(
                    path,
                    f"starts like {name} text but is not valid {name} (at byte {error.start}).",
                    SAVE_AS_UTF8,
                ) from error
            return _require_text(path, text.removeprefix("\ufeff"))
    try:
        return _require_text(path, data.decode("utf-8"))
    except UnicodeDecodeError:
        pass  # not UTF-8: the one other encoding we accept is tried next, and checked strictly
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise _not_text(path) from error
    non_ascii = sum(1 for char in text if ord(char) > 127)
    if non_ascii > MAX_NON_ASCII_SHARE_FOR_1252 * len(text):
        raise _not_text(path)
    return _require_text(path, text)


def _require_text(path: Path, text: str) -> str:
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS
    )
    if "\x00" in text or controls > MAX_CONTROL_SHARE * len(text):
        raise _not_text(path)
    return text


def _not_text(path: Path) -> InputError:
    return InputError(
        path,
        "is not a text file: it contains binary data or an encoding the anonymiser cannot read.",
        "If it is a Word or PDF document, give it its proper extension (.docx or .pdf); "
        "otherwise open it in a text editor and save it as UTF-8 text.",
    )


# --- plain text -> Markdown --------------------------------------------------------------------


def text_to_markdown(text: str) -> str:
    blocks: list[str] = []
    for lines in _paragraph_blocks(text):
        blocks.extend(_block_to_markdown(lines))
    return "\n\n".join(blocks) + "\n"


def _paragraph_blocks(text: str) -> list[list[str]]:
    """Groups of non-blank lines; blank lines and page breaks separate them."""
    blocks: list[list[str]] = [[]]
    for line in text.replace("\f", "\n\n").split("\n"):
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _block_to_markdown(lines: list[str]) -> list[str]:
    """One group of lines as Markdown blocks (paragraphs, a list, a table, a heading)."""
    if len(lines) == 1 and _is_caps_heading(lines[0].strip()):
        # Inside a heading "1." is no list marker, so a numbered heading keeps its number.
        return ["## " + escape_inline(lines[0].strip())]
    if len(lines) == 2 and RULE_LINE.fullmatch(lines[1].strip()) and lines[1].strip()[0] in "=-":
        level = "##" if lines[1].strip()[0] == "=" else "###"
        return [f"{level} {escape_inline(lines[0].strip())}"]
    width = max(len(line.strip()) for line in lines)
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []  # lines of a Markdown list, one item each
    rows: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(escape_paragraph(" ".join(paragraph)))
            paragraph.clear()
        if items:
            out.append("\n".join(items))
            items.clear()
        if rows:
            out.extend(_table(rows))
            rows.clear()

    for raw in lines:
        line = raw.strip()
        if RULE_LINE.fullmatch(line):
            flush()
            out.append("---")
        elif line.startswith("|") or "\t" in line:
            if not rows:
                flush()
            rows.append(line)
        elif MARKDOWN_LIST_ITEM.match(line):
            if paragraph or rows:
                flush()
            items.append(_markdown_item(line))
        elif OTHER_LIST_ITEM.match(line):
            # "a) ..." is no list to Markdown: its own paragraph keeps it on its own line.
            flush()
            paragraph.append(line)
        elif items:
            items[-1] += " " + escape_inline(line)  # a wrapped list item continues
        else:
            if rows or (paragraph and not _wrapped(paragraph[-1], line, width)):
                flush()
            paragraph.append(line)
    flush()
    return out


def _wrapped(line: str, next_line: str, width: int) -> bool:
    """Whether the break after `line` is the wrapping of a paragraph rather than the writer's
    own (a contents page, a title block, an address). A line is never cut before a word in
    lower case. In a block wrapped at a usual width (`width`, its longest line) a wrapped line
    ends where the next word would not have fitted, give or take (editors do not all wrap
    alike); in a block of short lines, one that ends a sentence, a field or a number, or that
    holds a word or two, ends where its writer ended it."""
    if next_line[:1].islower():
        return True
    if width >= MIN_WRAP_WIDTH:
        first_word = next_line.split(maxsplit=1)[0]
        return len(line) + 1 + len(first_word) > width * FITTED_SHARE
    ends_a_unit = line.endswith((".", ":", ";", "!", "?")) or line[-1:].isdigit()
    fields = FIELD.match(line) or FIELD.match(next_line)
    return not (ends_a_unit or fields or len(line.split()) <= 2)


def _is_caps_heading(line: str) -> bool:
    """A short line in capitals on its own, numbered or not ("1. INTRODUCTION")."""
    numbered = NUMBERED_HEADING.match(line)
    if numbered:
        line = line[numbered.end() :]
    letters = [char for char in line if char.isalpha()]
    return (
        len(letters) >= 4
        and all(char.isupper() for char in letters)
        and len(line) <= 80
        and not MARKDOWN_LIST_ITEM.match(line)
        and not line.endswith((".", ",", ";"))
    )


# Text is wrapped at 60 to 80 characters; a block whose lines are all shorter than this was
# written line by line.
MIN_WRAP_WIDTH = 50
# A line ended by its writer leaves room for the next word: with it, the line would still take
# up no more than this share of the block's width.
FITTED_SHARE = 0.85
# A field of a title block or a form: "Author: Jo Reid", "Date of review: March 2024".
FIELD = re.compile(r"[A-Z][\w '’()-]{0,30}:\s")
NUMBERED_HEADING = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?\s+")


def _markdown_item(line: str) -> str:
    marker, rest = line.split(maxsplit=1)
    if not marker[0].isdigit():
        marker = "-"  # "•" and friends are bullets Markdown does not know
    return f"{marker} {escape_inline(rest)}"


def escape_paragraph(text: str) -> str:
    text = escape_inline(text)
    return "\\" + text if LINE_START_MARKUP.match(text) else text


def escape_inline(text: str) -> str:
    return TAG_START.sub("&lt;", text)


def _table(rows: list[str]) -> list[str]:
    """Rows typed with "|" or tabs as a pipe table; a lone row stays a paragraph."""
    if len(rows) < 2:
        return [escape_paragraph(" ".join(rows[0].replace("\t", " ").split()))]
    if all(row.startswith("|") for row in rows):
        header_cells = rows[0].strip().strip("|").split("|")
        if TABLE_SEPARATOR.fullmatch(rows[1]):
            return ["\n".join(rows)]  # already a Markdown table: keep it as typed
        return ["\n".join([rows[0], "|" + "---|" * len(header_cells), *rows[1:]])]
    cells = [
        [escape_inline(cell.strip().replace("|", "\\|")) for cell in re.split(r"\t+", row)]
        for row in rows
    ]
    width = max(len(row) for row in cells)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in cells]
    lines.insert(1, "|" + "---|" * width)
    return ["\n".join(lines)]
