"""A published PDF: its metadata, bookmarks, every page's text layer and its annotations.

The product's PDF reader (anonymiser.ingest.pdf) is reused for what it already knows: a page
with no readable text layer is an error (its text could not be checked), and annotations and
bookmarks are read as a PDF viewer shows them. Findings name the part: "page 3" (with the line
on that page), "metadata (Author)", "page 3 annotation", "bookmark".
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from anonymiser.check.surfaces import Surface, SurfaceBuilder
from anonymiser.errors import InputError
from anonymiser.ingest import check_document_file
from anonymiser.ingest.pdf import LINE_END_HYPHENS, annotations, bookmarks, page_lines

# PDFium marks a word hyphenated across a line end; the word is read whole ("Kay-den" is
# "Kayden"), as a reader would read it.
_UNHYPHENATE = str.maketrans(dict.fromkeys(LINE_END_HYPHENS, ""))


def pdf_surface(path: Path) -> Surface:
    check_document_file(path)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        raise InputError(
            path, "could not be opened as a PDF (damaged or password-protected)."
        ) from error
    builder = SurfaceBuilder()
    try:
        for key, value in pdf.get_metadata_dict(skip_empty=True).items():
            _add_part(builder, f"metadata ({key})", value)
        for part in bookmarks(pdf):
            _add_part(builder, part.where, part.text)
        for number, page in enumerate(pdf, start=1):
            try:
                lines = page_lines(path, page, number)
                _add_part(builder, f"page {number}", "\n".join(line.text for line in lines))
                for part in annotations(page, number):
                    _add_part(builder, part.where, part.text)
            finally:
                page.close()
    finally:
        pdf.close()
    surface = builder.build(path, "")
    # There is no text file behind a PDF: positions are in the extracted text, counted per part.
    surface.raw = surface.text
    surface.origins = list(surface.starts)
    surface.parts = [(start, start, label) for start, _, label in surface.parts]
    return surface


def _add_part(builder: SurfaceBuilder, label: str, text: str) -> None:
    if text.strip():
        builder.part(label, builder.length)
        builder.add(text.translate(_UNHYPHENATE), builder.length)
        builder.add("\n", builder.length)
