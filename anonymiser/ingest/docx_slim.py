"""A lighter copy of a .docx for pandoc: the same text and structure, without the style ballast.

Pandoc parses every style a Word file defines, and most files define hundreds they never use
(templates carry the whole of Word's gallery: a styles.xml of 350 KB beside a 20 KB body is
common). Parsing them took more than half of pandoc's time on our drafts. So pandoc is given a
copy of the package, made in memory, in which:

- styles.xml keeps only the styles some part of the document uses, the defaults, and every style
  these are based on or linked to;
- the parts pandoc never reads (Word 2010's stylesWithEffects.xml, the preview thumbnail) are left
  out.

Nothing that carries text is touched: the body, notes, comments, headers and properties are
copied byte for byte, and tests/test_ingest_docx_slim.py checks that pandoc's output is identical
with and without slimming on every Word file of the repository. The styles are edited as text, not
re-serialised, because pandoc finds elements by the `w:` prefix the file declares. A file that
binds Word's namespace to another prefix is passed on unchanged (slower, never different).
"""

from __future__ import annotations

import io
import re
import zipfile

MAIN_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_PREFIX_DECLARATION = f'xmlns:w="{MAIN_NAMESPACE}"'
STYLES_PART = "word/styles.xml"
UNREAD_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "docProps/thumbnail.wmf")

# w:style elements do not nest, so each is one match (self-closing or with a body).
STYLE_ELEMENT = re.compile(r"<w:style\b[^>]*?(?:/>|>.*?</w:style>)", re.DOTALL)
STYLE_ID = re.compile(r'\bw:styleId="([^"]*)"')
DEFAULT_STYLE = re.compile(r'\bw:default="(?:1|true|on)"')
# Where a part names a style: paragraphs, runs, tables, and numbering definitions.
STYLE_REFERENCE = re.compile(
    r'<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink)\b[^>]*?\bw:val="([^"]*)"'
)
# Where a style names another: what it is based on, its linked character/paragraph style, the
# style of the next paragraph.
STYLE_LINK = re.compile(r'<w:(?:basedOn|link|next)\b[^>]*?\bw:val="([^"]*)"')


def slim_docx(archive: zipfile.ZipFile) -> bytes:
    """The package as a new .docx (stored, not compressed: it only travels to pandoc's stdin)."""
    parts = {name: archive.read(name) for name in archive.namelist() if name not in UNREAD_PARTS}
    if STYLES_PART in parts and _uses_w_prefix(parts):
        parts[STYLES_PART] = prune_styles(
            parts[STYLES_PART].decode("utf-8"), used_styles(parts)
        ).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as copy:
        for name, data in parts.items():
            copy.writestr(name, data)
    return buffer.getvalue()


def used_styles(parts: dict[str, bytes]) -> set[str]:
    """The style ids named anywhere in the document's XML parts other than the styles."""
    used: set[str] = set()
    for name, data in parts.items():
        if name.startswith("word/") and name.endswith(".xml") and name != STYLES_PART:
            used.update(STYLE_REFERENCE.findall(data.decode("utf-8")))
    return used


def prune_styles(styles_xml: str, used: set[str]) -> str:
    """styles.xml without the styles nothing uses (directly, or as a base or link of one used)."""
    elements = {
        _style_id(match.group()): match.group() for match in STYLE_ELEMENT.finditer(styles_xml)
    }
    keep = set(used) | {sid for sid, element in elements.items() if DEFAULT_STYLE.search(element)}
    pending = list(keep)
    while pending:
        element = elements.get(pending.pop())
        for linked in STYLE_LINK.findall(element or ""):
            if linked not in keep:
                keep.add(linked)
                pending.append(linked)
    return STYLE_ELEMENT.sub(lambda match: _kept(match.group(), keep), styles_xml)


def _kept(element: str, keep: set[str]) -> str:
    style_id = _style_id(element)
    return element if style_id is None or style_id in keep else ""


def _style_id(element: str) -> str | None:
    found = STYLE_ID.search(element[: element.find(">") + 1])
    return found.group(1) if found else None


def _uses_w_prefix(parts: dict[str, bytes]) -> bool:
    """Every Word XML part is UTF-8 and binds Word's namespace to `w:`, so our patterns see all."""
    for name, data in parts.items():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:  # UTF-16 XML is allowed, and rare: leave such a file whole
            return False
        if MAIN_NAMESPACE in text and W_PREFIX_DECLARATION not in text:
            return False
    return True
