"""Read a PDF draft with PDFium: the text layer as Markdown paragraphs, metadata and notes hidden.

A PDF has no paragraphs, only positioned lines. We rebuild paragraphs from the layout: a larger
gap than usual between lines, a change of font size, a list bullet, or a short line ending a
sentence starts a new paragraph; other lines are joined with a space (a word hyphenated at the
end of a line is joined back when the document spells it whole elsewhere). A line that is the
top-most (or bottom-most) line of every page, page numbers aside, is a running header (footer):
it is kept once as a hidden part instead of being published on every page.

A page without a text layer is an error, never a silent gap: its identifiers could not be found.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from anonymiser.errors import InputError
from anonymiser.ingest import Document, HiddenPart, check_document_file, clean_hidden
from anonymiser.ingest.text import escape_inline, escape_paragraph
from anonymiser.text import clean

METADATA_KEYS = {
    "Title": None,
    "Author": "PERSON",
    "Subject": None,
    "Keywords": None,
    "Creator": None,
    "Producer": None,
}
# Annotation entries a reader sees in the notes panel; "T" is the note's author.
ANNOTATION_KEYS = {"Contents": None, "Subj": None, "V": None, "T": "PERSON"}
# Share of characters whose font gives no Unicode mapping above which a page's text is garbage.
MAX_UNMAPPED_SHARE = 0.1
BULLETS = "•●▪◦‣∙·-–*\uf0b7\uf0a7"
BULLET_ITEM = re.compile(rf"[{re.escape(BULLETS)}]\s+(?=\S)")
NUMBERED_ITEM = re.compile(r"(?:\d{1,3}[.)]|[a-z]\)|\([a-z0-9]{1,4}\))\s+\S")
SENTENCE_END = tuple('.!?:;"”’)')
# PDFium joins a word hyphenated at a line end itself, marking the hyphen with U+0002 or U+FFFE,
# whether it was a soft hyphen (Kay-den) or a real one (well-kept).
LINE_END_HYPHENS = ("\x02", "\ufffe", "\xad")
LINE_END_HYPHEN = re.compile(r"(\w*)[\x02\ufffe](\w*)")
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})
REEXPORT_ADVICE = "Export the PDF again from the original document, or provide the Word version."


@dataclass
class Line:
    text: str
    left: float
    right: float
    top: float
    bottom: float
    size: float  # font size in points

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


@dataclass
class Paragraph:
    lines: list[Line]
    heading_level: int = 0

    @property
    def size(self) -> float:
        return self.lines[0].size

    def is_list_item(self) -> bool:
        first = self.lines[0].text
        return bool(BULLET_ITEM.match(first) or NUMBERED_ITEM.match(first))


def read_pdf(path: Path) -> Document:
    check_document_file(path)
    pdf = _open(path)
    try:
        hidden = metadata(pdf) + bookmarks(pdf)
        pages: list[list[Line]] = []
        for number, page in enumerate(pdf, start=1):
            try:
                pages.append(page_lines(path, page, number))
                hidden += annotations(page, number)
            finally:
                page.close()  # a long report would otherwise keep every page in memory
    finally:
        pdf.close()
    hidden += remove_running_lines(pages)
    body = clean(lines_to_markdown(pages))
    if not body.strip():
        raise InputError(
            path, "is empty: its pages have no text.", "Check that it is the right file."
        )
    return Document(path=path, body=body, hidden=clean_hidden(hidden))


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(
                path,
                "is password-protected, so the anonymiser cannot read it.",
                "Save a copy without the password (in Acrobat: File > Properties > Security > "
                "No Security), or provide the Word version.",
            ) from error
        if error.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError(
                path, "uses a kind of protection the anonymiser cannot open.", REEXPORT_ADVICE
            ) from error
        raise InputError(
            path, "is not a valid PDF (it may be damaged).", REEXPORT_ADVICE
        ) from error


# --- text layer --------------------------------------------------------------------------------


def page_lines(path: Path, page: pdfium.PdfPage, number: int) -> list[Line]:
    textpage = page.get_textpage()
    try:
        return _page_lines(path, page, textpage, number)
    finally:
        textpage.close()


def _page_lines(
    path: Path, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, number: int
) -> list[Line]:
    count = textpage.count_chars()
    chars = [chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index)) for index in range(count)]
    visible = [index for index, char in enumerate(chars) if not char.isspace()]
    if not visible:
        if pdfium_c.FPDFPage_CountObjects(page.raw) > 0:
            raise InputError(
                path,
                f"page {number} has no text layer (it is probably a scan): it needs OCR or a "
                "text version of the document.",
                "Run OCR on the PDF (e.g. in Acrobat: Scan & OCR > Recognize text) or provide "
                "the Word version.",
            )
        return []  # a blank page: nothing to read, nothing missed
    unmapped = sum(pdfium_c.FPDFText_HasUnicodeMapError(textpage.raw, i) == 1 for i in visible)
    if unmapped > MAX_UNMAPPED_SHARE * len(visible):
        raise InputError(
            path,
            f"page {number} has text that cannot be read: its fonts do not say which letters "
            "they show.",
            REEXPORT_ADVICE,
        )
    lines: list[Line] = []
    start = 0
    for end in [i for i, char in enumerate(chars) if char == "\n"] + [count]:
        line = _line(textpage, chars, start, end)
        if line is not None:
            lines.append(line)
        start = end + 1
    return lines


def _line(textpage: pdfium.PdfTextPage, chars: list[str], start: int, end: int) -> Line | None:
    indices = [i for i in range(start, end) if not chars[i].isspace()]
    if not indices:
        return None
    # The first, middle and last characters give the line's extent and size; measuring every
    # character would cost a call into PDFium each.
    samples = sorted({indices[0], indices[len(indices) // 2], indices[-1]})
    boxes = [textpage.get_charbox(i, loose=True) for i in samples]
    sizes = [pdfium_c.FPDFText_GetFontSize(textpage.raw, i) for i in samples]
    text = "".join(chars[start:end]).replace("\r", "").translate(LIGATURES).strip()
    return Line(
        text=text,
        left=boxes[0][0],
        right=boxes[-1][2],
        top=max(box[3] for box in boxes),
        bottom=min(box[1] for box in boxes),
        size=round(statistics.median(sizes), 1),
    )


def remove_running_lines(pages: list[list[Line]]) -> list[HiddenPart]:
    """Take out lines repeated at the top (bottom) of every page: running headers (footers).

    A running line stands apart from the text (a gap of most of a line), is no larger than the
    body text and reads the same on every page, except for a number that counts the pages.
    Anything else at the top of every page (a "Section 2" heading, the last line of a
    paragraph) stays in the body: published twice is better than never.
    """
    filled = [(number, page) for number, page in enumerate(pages, start=1) if page]
    if len(filled) < 2:
        return []
    body_size = _body_size(pages)
    hidden: list[HiddenPart] = []
    for where, at_top in (("running header", True), ("running footer", False)):
        for _attempt in range(3):  # a header may have a few lines
            picked = [(number, page, _edge_line(page, at_top)) for number, page in filled if page]
            if len(picked) < len(filled) or not _is_running(picked, body_size, at_top):
                break
            hidden.append(HiddenPart(where, picked[0][2].text))
            for _number, page, line in picked:
                page.remove(line)
    return hidden


def _edge_line(page: list[Line], at_top: bool) -> Line:
    if at_top:
        return max(page, key=lambda line: line.top)
    return min(page, key=lambda line: line.bottom)


def _is_running(picked: list[tuple[int, list[Line], Line]], body_size: float, at_top: bool) -> bool:
    for _number, page, line in picked:
        others = [other for other in page if other is not line]
        if line.size > body_size:
            return False
        if others:
            if at_top:
                gap = line.bottom - max(other.top for other in others)
            else:
                gap = min(other.bottom for other in others) - line.top
            if gap < 0.8 * line.height:
                return False
    texts = [line.text for _number, _page, line in picked]
    if len(set(texts)) == 1:
        return True
    if len({re.sub(r"\d+", "#", text) for text in texts}) != 1:
        return False
    # Texts differ only in numbers: a running line if its last number follows the page number.
    offsets = {int(re.findall(r"\d+", line.text)[-1]) - number for number, _page, line in picked}
    return len(offsets) == 1


def _body_size(pages: list[list[Line]]) -> float:
    """The font size most of the text is set in."""
    return statistics.mode(line.size for page in pages for line in page for _char in line.text)


# --- paragraphs --------------------------------------------------------------------------------


def lines_to_markdown(pages: list[list[Line]]) -> str:
    all_lines = [line for page in pages for line in page]
    if not all_lines:
        return ""
    body_size = _body_size(pages)
    gaps = [
        above.bottom - below.top
        for page in pages
        for above, below in zip(page, page[1:], strict=False)
        if above.size == below.size == body_size and below.top <= above.bottom + above.height
    ]
    usual_gap = statistics.quantiles(gaps, n=4)[0] if len(gaps) >= 2 else 0.0
    words = {word.lower() for line in all_lines for word in re.findall(r"\w+", line.text)}
    paragraphs: list[Paragraph] = []
    for page in pages:
        page_paragraphs = split_paragraphs(page, usual_gap)
        if paragraphs and page_paragraphs and _continues(paragraphs[-1], page_paragraphs[0]):
            paragraphs[-1].lines += page_paragraphs.pop(0).lines
        paragraphs += page_paragraphs
    mark_headings(paragraphs, body_size)
    return "\n\n".join(paragraph_markdown(p, words) for p in paragraphs) + "\n"


def split_paragraphs(lines: list[Line], usual_gap: float) -> list[Paragraph]:
    if not lines:
        return []
    left = min(line.left for line in lines)
    right = max(line.right for line in lines)
    short_line = right - 0.15 * (right - left)
    paragraphs = [Paragraph([lines[0]])]
    for above, below in zip(lines, lines[1:], strict=False):
        gap = above.bottom - below.top
        new_paragraph = (
            abs(above.size - below.size) > 0.1 * above.size
            or gap > usual_gap + 0.5 * min(above.height, below.height)
            or below.top > above.top  # the next line is higher up: another column or box
            or BULLET_ITEM.match(below.text)
            or NUMBERED_ITEM.match(below.text)
            or (above.text.endswith(SENTENCE_END) and above.right < short_line)
        )
        if new_paragraph:
            paragraphs.append(Paragraph([below]))
        else:
            paragraphs[-1].lines.append(below)
    return paragraphs


def _continues(last: Paragraph, first: Paragraph) -> bool:
    """Whether a page's first paragraph is the rest of the previous page's last one."""
    return (
        abs(last.size - first.size) <= 0.1 * last.size
        and not last.lines[-1].text.endswith(SENTENCE_END)
        and not first.is_list_item()
        # List items often end without a full stop: only a lower-case start continues one.
        and (not last.is_list_item() or first.lines[0].text[:1].islower())
    )


def mark_headings(paragraphs: list[Paragraph], body_size: float) -> None:
    """Short paragraphs set clearly larger than the body text are headings, largest first."""
    candidates = [
        p
        for p in paragraphs
        if p.size >= 1.15 * body_size and sum(len(line.text) for line in p.lines) <= 150
    ]
    sizes = sorted({p.size for p in candidates}, reverse=True)
    for paragraph in candidates:
        paragraph.heading_level = min(sizes.index(paragraph.size) + 1, 3)


def paragraph_markdown(paragraph: Paragraph, words: set[str]) -> str:
    text = join_lines([line.text for line in paragraph.lines], words)
    if paragraph.heading_level:
        return "#" * paragraph.heading_level + " " + escape_inline(text)
    bullet = BULLET_ITEM.match(text)
    if bullet:
        return "- " + escape_inline(text[bullet.end() :])
    return escape_paragraph(text)


def join_lines(lines: list[str], words: set[str]) -> str:
    """Lines of one paragraph as one line; hyphenated words rejoined only when clearly split."""
    text = lines[0]
    for line in lines[1:]:
        if text.endswith(("-", *LINE_END_HYPHENS)):
            text = text[:-1] + "\x02" + line  # marked like the hyphens PDFium joined itself
        else:
            text = text + " " + line
    return LINE_END_HYPHEN.sub(lambda match: _rejoin(match, words), text).replace("\xad", "")


def _rejoin(match: re.Match[str], words: set[str]) -> str:
    """ "Kay-" + "den" is "Kayden" when the document spells it so; "well-" + "kept" stays."""
    head, tail = match.group(1), match.group(2)
    if tail[:1].islower() and (head + tail).lower() in words:
        return head + tail
    return head + "-" + tail


# --- metadata and annotations ------------------------------------------------------------------


def metadata(pdf: pdfium.PdfDocument) -> list[HiddenPart]:
    values = pdf.get_metadata_dict(skip_empty=True)
    return [
        HiddenPart(f"metadata: {key.lower()}", values[key], entity_type)
        for key, entity_type in METADATA_KEYS.items()
        if key in values
    ]


def bookmarks(pdf: pdfium.PdfDocument) -> list[HiddenPart]:
    """Bookmark titles, shown in a PDF reader's side panel."""
    return [HiddenPart("bookmark", bookmark.get_title()) for bookmark in pdf.get_toc()]


def annotations(page: pdfium.PdfPage, number: int) -> list[HiddenPart]:
    hidden = []
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
        if not annotation:
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annotation) == pdfium_c.FPDF_ANNOT_POPUP:
                continue  # a pop-up only shows the text of the note it belongs to
            for key, entity_type in ANNOTATION_KEYS.items():
                where = f"page {number} annotation" + (" author" if key == "T" else "")
                hidden.append(HiddenPart(where, _annotation_string(annotation, key), entity_type))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annotation)
    return hidden


def _annotation_string(annotation, key: str) -> str:
    name = key.encode("ascii")
    size = pdfium_c.FPDFAnnot_GetStringValue(annotation, name, None, 0)
    if size <= 2:  # just the UTF-16 terminator: the entry is absent or empty
        return ""
    buffer = ctypes.create_string_buffer(size)
    wide = ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
    pdfium_c.FPDFAnnot_GetStringValue(annotation, name, wide, size)
    return buffer.raw[: size - 2].decode("utf-16-le")
