"""Turn the office-text example drafts into Word (.docx) and PDF files.

Reads every ``examples/tools/office-text/<slug>/<stem>.md`` (format: OFFICE_TEXT_FORMAT.md next to
this script) and writes ``examples/reviews/<slug>/source/<stem>.docx`` or ``.pdf``. The output is
deterministic (fixed dates in the document properties, the PDF and the zip entries), so running
the script twice gives byte-identical files. PDF has no tracked changes: insertions are kept and
deletions dropped; Word comments apply to docx only, sticky-note annotations to PDF only.

Usage: python examples/tools/make_office_drafts.py [--out DIR] [--only SLUG]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fpdf import FPDF
from fpdf.errors import FPDFException
from lxml import etree

TOOLS = Path(__file__).resolve().parent
SOURCE_ROOT = TOOLS / "office-text"
DEFAULT_OUT = TOOLS.parent / "reviews"
FIXED_DATE = dt.datetime(2024, 5, 1, 9, 30, 0, tzinfo=dt.UTC)
FIXED_ZIP_DATE = (2024, 5, 1, 9, 30, 0)

# ---------------------------------------------------------------- parsing (format-neutral)

INLINE = re.compile(
    r"\{\+\+(?P<ins>.+?)\+\+\}|\{--(?P<del>.+?)--\}|\[\^(?P<fn>[^\]\s]+)\]"
    r"|\*\*(?P<b>.+?)\*\*|\*(?P<i>[^*\s][^*]*?)\*"
)


@dataclass
class Draft:
    """One office-text file: front matter plus body blocks and footnotes."""

    path: Path
    meta: dict
    blocks: list[tuple] = field(default_factory=list)  # (kind, payload)
    footnotes: dict[str, str] = field(default_factory=dict)

    @property
    def fmt(self) -> str:
        return str(self.meta.get("format", "docx")).lower()

    @property
    def props(self) -> dict:
        return self.meta.get("properties") or {}


def spans(text: str) -> list[tuple[str, str]]:
    """Split inline markup into (kind, text): kind is '', b, i, ins, del or fn."""
    out, pos = [], 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            out.append(("", text[pos : m.start()]))
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    if pos < len(text):
        out.append(("", text[pos:]))
    return out


def parse(path: Path) -> Draft:
    raw = path.read_text(encoding="utf-8")
    m = re.match(r"\A---\n(.*?)\n---\n", raw, re.S)
    if not m:
        raise SystemExit(f"{path}: missing YAML front matter")
    draft = Draft(path, yaml.safe_load(m.group(1)) or {})
    para: list[str] = []
    lines = raw[m.end() :].splitlines()

    def flush() -> None:
        if para:
            draft.blocks.append(("p", " ".join(para)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line or re.match(r"\[\^[^\]]+\]:|#{1,6}\s|[-*+]\s|\d+[.)]\s|\|", line):
            flush()
        if fn := re.match(r"\[\^([^\]]+)\]:\s*(.*)", line):
            draft.footnotes[fn.group(1)] = fn.group(2)
        elif h := re.match(r"(#{1,6})\s+(.*)", line):
            draft.blocks.append(("h", (len(h.group(1)), h.group(2))))
        elif b := re.match(r"[-*+]\s+(.*)", line):
            draft.blocks.append(("ul", b.group(1)))
        elif n := re.match(r"(\d+)[.)]\s+(.*)", line):
            draft.blocks.append(("ol", (n.group(1), n.group(2))))
        elif line.startswith("|"):
            rows = [line]
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(lines[i].strip())
                i += 1
            cells = [[c.strip() for c in r.strip("|").split("|")] for r in rows]
            cells = [r for r in cells if not all(re.fullmatch(r":?-+:?", c) for c in r)]
            draft.blocks.append(("table", cells))
        elif line:
            para.append(line)
    flush()
    return draft


# ---------------------------------------------------------------- Word


class DocxWriter:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.doc = Document()
        self.pending = list(draft.meta.get("comments") or [])
        self.fn_ids: dict[str, int] = {}
        self.rev_id = 100
        self.num_id = 0
        self.rev_author = draft.props.get("last_modified_by") or "Reviewer"

    def build(self) -> bytes:
        doc, meta = self.doc, self.draft.meta
        section = doc.sections[0]
        if meta.get("header"):
            section.header.paragraphs[0].text = meta["header"]
        if meta.get("footer"):
            section.footer.paragraphs[0].text = meta["footer"]
        previous = None
        for kind, payload in self.draft.blocks:
            if kind == "h":
                self.inline(doc.add_heading(level=min(payload[0], 9)), payload[1])
            elif kind == "p":
                self.inline(doc.add_paragraph(), payload)
            elif kind == "ul":
                self.inline(doc.add_paragraph(style="List Bullet"), payload)
            elif kind == "ol":
                paragraph = doc.add_paragraph(style="List Number")
                self.number(paragraph, restart=previous != "ol")
                self.inline(paragraph, payload[1])
            elif kind == "table":
                self.table(payload)
            previous = kind
        if self.pending:
            missing = ", ".join(repr(c["anchor"]) for c in self.pending)
            raise SystemExit(f"{self.draft.path}: comment anchor not found: {missing}")
        self.add_footnotes_part()
        self.set_properties()
        buf = io.BytesIO()
        doc.save(buf)
        return normalise_zip(buf.getvalue())

    def table(self, rows: list[list[str]]) -> None:
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                par = table.cell(r, c).paragraphs[0]
                self.inline(par, f"**{text}**" if r == 0 and "**" not in text else text)

    def inline(self, paragraph, text: str) -> None:
        for kind, chunk in spans(text):
            if kind == "fn":
                self.footnote_ref(paragraph, chunk)
            elif kind in ("ins", "del"):
                self.tracked(paragraph, kind, chunk)
            else:
                for piece, comment in self.split_on_anchors(chunk):
                    run = paragraph.add_run(piece)
                    if kind:
                        run.bold, run.italic = kind == "b" or None, kind == "i" or None
                    if comment:
                        author = str(comment.get("author", "Reviewer"))
                        initials = "".join(word[0] for word in author.split())
                        added = self.doc.add_comment(
                            run, text=comment["text"], author=author, initials=initials
                        )
                        added._comment_elm.date = FIXED_DATE

    def number(self, paragraph, restart: bool) -> None:
        """Give each numbered list its own w:num so that every list starts again at 1."""
        if restart:
            numbering = self.doc.part.numbering_part.element
            style_num = self.doc.styles["List Number"].element.pPr.numPr.numId.val
            abstract = numbering.num_having_numId(style_num).abstractNumId.val
            num = numbering.add_num(abstract)
            num.add_lvlOverride(ilvl=0).add_startOverride(1)
            self.num_id = num.numId
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = self.num_id

    def split_on_anchors(self, chunk: str) -> list[tuple[str, dict | None]]:
        for comment in self.pending:
            pos = chunk.find(comment["anchor"])
            if pos >= 0:
                self.pending.remove(comment)
                end = pos + len(comment["anchor"])
                return [
                    *self.split_on_anchors(chunk[:pos]),
                    (chunk[pos:end], comment),
                    *self.split_on_anchors(chunk[end:]),
                ]
        return [(chunk, None)] if chunk else []

    def tracked(self, paragraph, kind: str, text: str) -> None:
        self.rev_id += 1
        date = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
        change = w_el(kind, paragraph._p, id=self.rev_id, author=self.rev_author, date=date)
        w_el("delText" if kind == "del" else "t", w_el("r", change), text=text)

    def footnote_ref(self, paragraph, label: str) -> None:
        if label not in self.draft.footnotes:
            raise SystemExit(f"{self.draft.path}: footnote [^{label}] has no text")
        number = self.fn_ids.setdefault(label, len(self.fn_ids) + 1)
        run = superscript_run(paragraph._p)
        w_el("footnoteReference", run, id=number)

    def add_footnotes_part(self) -> None:
        """python-docx has no footnote API: write word/footnotes.xml and relate it ourselves."""
        if not self.fn_ids:
            return
        root = w_el("footnotes")
        for fid, kind in (("-1", "separator"), ("0", "continuationSeparator")):
            w_el(kind, w_el("r", w_el("p", w_el("footnote", root, type=kind, id=fid))))
        for label, number in self.fn_ids.items():
            p = w_el("p", w_el("footnote", root, id=number))
            w_el("footnoteRef", superscript_run(p))
            note = re.sub(r"\*+", "", self.draft.footnotes[label])
            w_el("t", w_el("r", p), text=f" {note}")
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        package = self.doc.part.package
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)

    def set_properties(self) -> None:
        core = self.doc.core_properties
        for key in ("title", "author", "last_modified_by", "subject", "keywords", "category"):
            setattr(core, key, str(self.draft.props.get(key, "")))
        core.comments = str(self.draft.props.get("comments", ""))
        core.created = core.modified = FIXED_DATE.replace(tzinfo=None)
        core.revision = int(self.draft.props.get("revision", 1))


def w_el(tag: str, parent=None, text: str | None = None, **attrs):
    """A new w:<tag> element (appended to parent if given) with w: attributes and text."""
    el = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    if text is not None:
        el.set(qn("xml:space"), "preserve")
        el.text = text
    if parent is not None:
        parent.append(el)
    return el


def superscript_run(parent):
    run = w_el("r", parent)
    w_el("vertAlign", w_el("rPr", run), val="superscript")
    return run


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with a fixed timestamp and fixed attributes on every entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- PDF


def pdf_markup(text: str, fn_numbers: dict[str, int]) -> str:
    """Inline markup -> fpdf2 markdown (**bold**, __italic__); tracked changes are accepted."""

    def esc(s: str) -> str:
        for marker in ("**", "__", "--", "~~"):
            s = s.replace(marker, "\\" + marker)
        return s

    out = []
    for kind, chunk in spans(text):
        if kind == "fn":
            out.append(f"[{fn_numbers.setdefault(chunk, len(fn_numbers) + 1)}]")
        elif kind == "b":
            out.append(f"**{esc(chunk)}**")
        elif kind == "i":
            out.append(f"__{esc(chunk)}__")
        elif kind != "del":
            out.append(esc(chunk))
    return "".join(out)


def build_pdf(draft: Draft) -> bytes:
    meta, props = draft.meta, draft.props

    class DraftPDF(FPDF):
        def header(self) -> None:
            if meta.get("header"):
                self.set_font("Helvetica", "I", 8)
                self.cell(0, 6, meta["header"], align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "I", 8)
            foot = f"{meta.get('footer', '')}   Page {self.page_no()}".strip()
            self.cell(0, 10, foot, align="C")

    pdf = DraftPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(str(props.get("title", "")))
    pdf.set_author(str(props.get("author", "")))
    pdf.set_subject(str(props.get("subject", "")))
    pdf.set_keywords(str(props.get("keywords", "")))
    pdf.set_creator("make_office_drafts.py")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    fn_numbers: dict[str, int] = {}
    body = {"new_x": "LMARGIN", "new_y": "NEXT", "markdown": True}
    for kind, payload in draft.blocks:
        if kind == "h":
            level, text = payload
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", {1: 17, 2: 14, 3: 12}.get(level, 11))
            pdf.multi_cell(0, 8, pdf_markup(text, fn_numbers), **body)
            pdf.ln(1)
            continue
        pdf.set_font("Helvetica", "", 10.5)
        if kind == "p":
            pdf.multi_cell(0, 5.5, pdf_markup(payload, fn_numbers), **body)
        elif kind in ("ul", "ol"):
            bullet, text = ("-", payload) if kind == "ul" else (f"{payload[0]}.", payload[1])
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(6, 5.5, bullet)
            pdf.multi_cell(pdf.epw - 10, 5.5, pdf_markup(text, fn_numbers), **body)
            pdf.ln(0.5)
            continue
        elif kind == "table":
            pdf.set_font("Helvetica", "", 9.5)
            with pdf.table(markdown=True, text_align="LEFT", line_height=5) as table:
                for row in payload:
                    cells = table.row()
                    for text in row:
                        cells.cell(pdf_markup(text, fn_numbers))
        pdf.ln(2.5)
    if fn_numbers:
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 7, "Notes", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        for label, number in sorted(fn_numbers.items(), key=lambda kv: kv[1]):
            note = pdf_markup(draft.footnotes.get(label, ""), fn_numbers)
            pdf.multi_cell(0, 4.8, f"[{number}] {note}", **body)
    last_page = pdf.page
    for note in meta.get("annotations") or []:
        pdf.page = min(max(int(note.get("page", 1)), 1), last_page)
        who = str(note.get("author", props.get("author", "")))
        pdf.text_annotation(pdf.w - 18, 30, str(note["text"]), title=who)
    pdf.page = last_page
    return bytes(pdf.output())


# ---------------------------------------------------------------- driver


def generate(
    out_root: Path, only: str | None = None, source_root: Path = SOURCE_ROOT
) -> list[Path]:
    written = []
    for src in sorted(source_root.glob("*/*.md")):
        slug = src.parent.name
        if only and slug != only:
            continue
        draft = parse(src)
        if draft.fmt not in ("docx", "pdf"):
            raise SystemExit(f"{src}: unknown format {draft.fmt!r} (docx or pdf)")
        try:
            data = DocxWriter(draft).build() if draft.fmt == "docx" else build_pdf(draft)
        except (FPDFException, ValueError, KeyError) as exc:
            raise SystemExit(f"{src}: {exc}") from exc
        target = out_root / slug / "source" / f"{src.stem}.{draft.fmt}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output root (reviews dir)")
    parser.add_argument("--only", help="generate one slug only")
    parser.add_argument(
        "--text",
        type=Path,
        default=SOURCE_ROOT,
        help="folder of <slug>/<stem>.md office-text sources (default: office-text/ here)",
    )
    args = parser.parse_args(argv)
    for path in generate(args.out, args.only, args.text):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
