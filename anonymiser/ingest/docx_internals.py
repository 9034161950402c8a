"""What a reader of a Word file can see besides its body: comments, tracked deletions, headers...

Everything is read straight from the .docx zip with defusedxml (a Word file is untrusted input:
no entity expansion, no external references). Parts are found through the package's
relationships, as Word finds them, not by their usual names.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from anonymiser.errors import InputError
from anonymiser.ingest import HiddenPart

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
V = "{urn:schemas-microsoft-com:vml}"
OFFICE = "{urn:schemas-microsoft-com:office:office}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CORE_NAMESPACES = (
    "{http://purl.org/dc/elements/1.1/}",
    "{http://purl.org/dc/terms/}",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}",
)
APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"

# Core properties by their XML name -> the name Word shows in File > Info, and whether the
# value is a person's name.
CORE_PROPERTIES = {
    "title": ("title", None),
    "subject": ("subject", None),
    "creator": ("author", "PERSON"),
    "lastModifiedBy": ("last modified by", "PERSON"),
    "description": ("comments", None),
    "keywords": ("tags", None),
    "category": ("categories", None),
    "contentStatus": ("status", None),
    "identifier": ("identifier", None),
}
APP_PROPERTIES = {
    "Company": ("company", None),
    "Manager": ("manager", "PERSON"),
    "HyperlinkBase": ("hyperlink base", None),
}
# Elements whose w:author is the person who made a tracked change (of text, of formatting).
CHANGES = ("ins", "del", "moveFrom", "moveTo", "cellIns", "cellDel", "cellMerge", "numberingChange")
FORMAT_CHANGES = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tblGridChange")
CELL_FORMAT_CHANGES = ("trPrChange", "tcPrChange")
TRACKED_CHANGE_TAGS = {W + name for name in CHANGES + FORMAT_CHANGES + CELL_FORMAT_CHANGES}
BREAK_TAGS = {W + "tab", W + "br", W + "cr", W + "ptab"}
BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


class WordPackage:
    """The parts of an open .docx, parsed safely and found through their relationships."""

    def __init__(self, archive: zipfile.ZipFile, path: Path) -> None:
        self.archive = archive
        self.path = path
        self.names = set(archive.namelist())

    def xml(self, name: str) -> Element | None:
        if name not in self.names:
            return None
        try:
            return fromstring(self.archive.read(name))
        except (ParseError, DefusedXmlException) as error:
            raise InputError(
                self.path,
                f"is not a valid Word document (it may be damaged): its part {name} is not "
                "readable XML.",
                "Open it in Word and save it again as .docx.",
            ) from error

    def relationships(self, part: str) -> list[tuple[str, str, str]]:
        """(type, target, id) of each relationship of `part` ("" for the package itself)."""
        folder, file = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", file + ".rels"))
        if rels is None:
            return []
        found = []
        for rel in rels.iter(PACKAGE_RELS + "Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External" and target:
                # Internal targets are relative to the part's folder, or absolute with a "/".
                target = posixpath.normpath(
                    target[1:] if target.startswith("/") else posixpath.join(folder, target)
                )
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            found.append((kind, target, rel.get("Id", "")))
        return found

    def main_document(self) -> str | None:
        for kind, target, _id in self.relationships(""):
            if kind == "officeDocument":
                return target
        return None


def read_internals(archive: zipfile.ZipFile, path: Path, body: str) -> tuple[HiddenPart, ...]:
    package = WordPackage(archive, path)
    main = package.main_document() or "word/document.xml"
    document = package.xml(main)
    if document is None:
        raise InputError(
            path,
            "is not a valid Word document (it may be damaged): it has no main document part.",
            "Open it in Word and save it again as .docx.",
        )
    related = package.relationships(main)
    parts_by_kind: dict[str, list[str]] = {}
    for kind, target, _id in related:
        parts_by_kind.setdefault(kind, []).append(target)
    story_parts = [
        (name, package.xml(name))
        for kind in ("header", "footer", "footnotes", "endnotes", "comments")
        for name in parts_by_kind.get(kind, [])
    ]
    stories = [document] + [root for _name, root in story_parts if root is not None]

    hidden: list[HiddenPart] = []
    hidden += headers_and_footers(package, document, related)
    for name in parts_by_kind.get("comments", []):
        hidden += comments(package.xml(name))
    for name in parts_by_kind.get("people", []):
        hidden += people(package.xml(name))
    for story in stories:
        hidden += tracked_deletions(story)
        hidden += tracked_change_authors(story)
        hidden += alt_texts(story)
        hidden += field_codes(story)
    hidden += text_boxes_missing_from_body(document, body)
    hidden += charts_and_diagrams(package)
    hidden += properties(package)
    hidden += settings(package, parts_by_kind.get("settings", []))
    return tuple(dict.fromkeys(part for part in hidden if part.text.strip()))


# --- text of WordprocessingML ------------------------------------------------------------------


def paragraph_text(paragraph: Element) -> str:
    """The visible text of one paragraph, without the paragraphs of text boxes inside it."""
    pieces = [text for kind, text in _paragraph_events(paragraph) if kind == "visible"]
    return " ".join("".join(pieces).split())


def _paragraph_events(element: Element) -> Iterator[tuple[str, str]]:
    """("visible", text) and ("deleted", text) pieces of a paragraph, in reading order."""
    for child in element:
        if child.tag in (W + "p", MC_FALLBACK, W + "moveFrom"):
            # A nested paragraph (text box) is read on its own; a fallback repeats its choice;
            # moved-away text reappears where it was moved to.
            continue
        if child.tag == W + "t":
            yield "visible", child.text or ""
        elif child.tag == W + "delText":
            yield "deleted", child.text or ""
        elif child.tag in BREAK_TAGS:
            yield "visible", " "
        elif child.tag == W + "noBreakHyphen":
            yield "visible", "-"
        else:
            yield from _paragraph_events(child)


def iter_visible(root: Element, tag: str) -> Iterator[Element]:
    """Every `tag` element in document order, except copies kept as markup fallbacks."""
    for child in root:
        if child.tag == MC_FALLBACK:
            continue
        if child.tag == tag:
            yield child
        yield from iter_visible(child, tag)


def story_text(root: Element) -> str:
    texts = (paragraph_text(paragraph) for paragraph in iter_visible(root, W + "p"))
    return "\n".join(text for text in texts if text)


# --- the parts ---------------------------------------------------------------------------------


def headers_and_footers(
    package: WordPackage, document: Element, related: list[tuple[str, str, str]]
) -> list[HiddenPart]:
    targets = {rel_id: target for kind, target, rel_id in related if kind in ("header", "footer")}
    hidden: list[HiddenPart] = []
    seen: set[str] = set()
    # A tracked change of section properties keeps the old ones in a nested sectPr: not a section.
    old = {id(child) for change in document.iter(W + "sectPrChange") for child in change}
    sections = [element for element in document.iter(W + "sectPr") if id(element) not in old]
    for section, properties in enumerate(sections, start=1):
        for reference in properties:
            kind = reference.tag.removeprefix(W).removesuffix("Reference")
            target = targets.get(reference.get(R + "id", ""))
            if kind not in ("header", "footer") or target is None or target in seen:
                continue
            seen.add(target)
            which = {"first": ", first page", "even": ", even pages"}.get(
                reference.get(W + "type", ""), ""
            )
            root = package.xml(target)
            if root is not None:
                hidden.append(HiddenPart(f"{kind} (section {section}{which})", story_text(root)))
    for kind, target, _id in related:  # parts no section points at are still in the file
        if kind in ("header", "footer") and target not in seen:
            root = package.xml(target)
            if root is not None:
                hidden.append(HiddenPart(kind, story_text(root)))
    return hidden


def comments(root: Element | None) -> list[HiddenPart]:
    if root is None:
        return []
    hidden: list[HiddenPart] = []
    people: list[HiddenPart] = []
    for number, comment in enumerate(root.iter(W + "comment"), start=1):
        hidden.append(HiddenPart(f"comment {number}", story_text(comment)))
        people.append(HiddenPart("comment author", comment.get(W + "author", ""), "PERSON"))
        initials = comment.get(W + "initials", "")
        people.append(HiddenPart("comment author initials", initials, "PERSON"))
    return hidden + people


def people(root: Element | None) -> list[HiddenPart]:
    """word/people.xml: the accounts of the people who commented (names, e-mail addresses)."""
    if root is None:
        return []
    hidden = []
    for person in root.iter(W15 + "person"):
        hidden.append(HiddenPart("comment author", person.get(W15 + "author", ""), "PERSON"))
        for presence in person.iter(W15 + "presenceInfo"):
            hidden.append(HiddenPart("comment author account", presence.get(W15 + "userId", "")))
    return hidden


def tracked_deletions(root: Element) -> list[HiddenPart]:
    """Deleted text, one part per stretch of deletions, so a name deleted in pieces stays whole."""
    hidden = []
    for paragraph in iter_visible(root, W + "p"):
        pending: list[str] = []
        for kind, text in _paragraph_events(paragraph):
            if kind == "deleted":
                pending.append(text)
            elif text.strip() and pending:
                hidden.append(HiddenPart("tracked deletion", "".join(pending)))
                pending = []
        if pending:
            hidden.append(HiddenPart("tracked deletion", "".join(pending)))
    return hidden


def tracked_change_authors(root: Element) -> list[HiddenPart]:
    return [
        HiddenPart("tracked change author", element.get(W + "author", ""), "PERSON")
        for element in root.iter()
        if element.tag in TRACKED_CHANGE_TAGS
    ]


def alt_texts(root: Element) -> list[HiddenPart]:
    """Alt text and titles of pictures, shapes and charts (DrawingML and the older VML)."""
    hidden = []
    for element in root.iter():
        if element.tag == WP + "docPr":
            values = [element.get("descr", ""), element.get("title", "")]
        elif element.tag.startswith(V):
            values = [element.get("alt", ""), element.get(OFFICE + "title", "")]
        else:
            continue
        hidden += [HiddenPart("alt text", value) for value in values]
    return hidden


def field_codes(root: Element) -> list[HiddenPart]:
    """Field instructions (seen with Alt+F9), e.g. a HYPERLINK field's e-mail address."""
    hidden = []
    for paragraph in iter_visible(root, W + "p"):
        code = "".join(text.text or "" for text in paragraph.iter(W + "instrText"))
        hidden.append(HiddenPart("field code", " ".join(code.split())))
    return hidden


def text_boxes_missing_from_body(document: Element, body: str) -> list[HiddenPart]:
    """Text boxes pandoc leaves out (it reads DrawingML ones, not older VML-only ones)."""
    published = _comparable(html.unescape(BACKSLASH_ESCAPE.sub(r"\1", body)))
    hidden = []
    for box in iter_visible(document, W + "txbxContent"):
        text = story_text(box)
        if _comparable(text) not in published:
            hidden.append(HiddenPart("text box", text))
    return hidden


def _comparable(text: str) -> str:
    return " ".join(text.split())


def charts_and_diagrams(package: WordPackage) -> list[HiddenPart]:
    """Titles, labels and values of charts, and SmartArt text: drawn, never in pandoc's body."""
    hidden = []
    for name in sorted(package.names):
        if re.fullmatch(r"word/charts/chart\d*\.xml", name):
            where, tags = "chart", (A + "t", C + "v")
        elif re.fullmatch(r"word/diagrams/data\d*\.xml", name):
            where, tags = "diagram", (A + "t",)
        else:
            continue
        root = package.xml(name)
        texts = (
            [e.text for e in root.iter() if e.tag in tags and e.text] if root is not None else []
        )
        hidden.append(HiddenPart(where, _lines(texts)))
    return hidden


def _lines(texts: list[str]) -> str:
    return "\n".join(text.strip() for text in texts if text.strip())


def properties(package: WordPackage) -> list[HiddenPart]:
    """Core, extended (app) and custom document properties, and custom XML data."""
    hidden = []
    for kind, target, _id in package.relationships(""):
        if kind not in ("core-properties", "extended-properties", "custom-properties"):
            continue  # the main document, a thumbnail picture...
        root = package.xml(target)
        if root is None:
            continue
        if kind == "core-properties":
            for element in root:
                name = element.tag
                for namespace in CORE_NAMESPACES:
                    name = name.removeprefix(namespace)
                if name in CORE_PROPERTIES and element.text:
                    label, entity_type = CORE_PROPERTIES[name]
                    hidden.append(HiddenPart(f"property: {label}", element.text, entity_type))
        elif kind == "extended-properties":
            for name, (label, entity_type) in APP_PROPERTIES.items():
                element = root.find(APP + name)
                if element is not None and element.text:
                    hidden.append(HiddenPart(f"property: {label}", element.text, entity_type))
        elif kind == "custom-properties":
            for element in root.iter(CUSTOM + "property"):
                value = " ".join(text.strip() for text in element.itertext() if text.strip())
                hidden.append(HiddenPart(f"property: {element.get('name', '')}", value))
    for name in sorted(package.names):
        if re.fullmatch(r"customXml/item\d+\.xml", name):
            root = package.xml(name)
            texts = list(root.itertext()) if root is not None else []
            hidden.append(HiddenPart("custom XML data", _lines(texts)))
    return hidden


def settings(package: WordPackage, settings_parts: list[str]) -> list[HiddenPart]:
    """Document variables, and the path of the attached template (it often holds a user name)."""
    hidden = []
    for name in settings_parts:
        root = package.xml(name)
        if root is not None:
            for variable in root.iter(W + "docVar"):
                label = f"document variable: {variable.get(W + 'name', '')}"
                hidden.append(HiddenPart(label, variable.get(W + "val", "")))
        for kind, target, _id in package.relationships(name):
            if kind == "attachedTemplate":
                hidden.append(HiddenPart("attached template", target))
    return hidden
