"""The body of a Word document as Markdown that MkDocs (Python-Markdown) renders as Word showed it.

Pandoc reads the .docx (tracked changes accepted) into its JSON syntax tree, which we reshape
before pandoc writes Markdown:

- Python-Markdown is close to the original Markdown.pl, so we write `markdown_strict` (its
  escaping is exactly Markdown.pl's set, which Python-Markdown understands; gfm would write `\\<`,
  which Python-Markdown shows literally) plus the two extensions MkDocs enables here: pipe tables
  and footnotes. `four_space_rule` indents nested list content by four spaces, as Python-Markdown
  requires.
- Hard line breaks become spaces, so a name split over a line break reads "Kayden Marsh".
- Pictures are dropped (their alt text is read from the XML as hidden parts). Underline, small
  caps, super/subscript and styled spans keep their text and lose the formatting Python-Markdown
  cannot show; links to bookmarks inside the document (a table of contents) keep their text only.
- Tables become simple grids, because a merged cell or a cell with two paragraphs would make
  pandoc fall back to an HTML table, which is hard to read and to scan.
- Adjacent lists are merged (pandoc would separate them with an HTML comment), and lists whose
  items are single paragraphs are written tight, as they look in Word.
- Title, subtitle, author, date and abstract paragraphs, which pandoc moves to metadata, are put
  back at the top: they are visible text of the document.
"""

from __future__ import annotations

import json
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

import pypandoc

from anonymiser.errors import InputError

MARKDOWN_FLAVOUR = "markdown_strict+pipe_tables+footnotes+four_space_rule+intraword_underscores"
# --sandbox: pandoc may not read or fetch anything but the file it is given. -M caps its memory,
# as pandoc's manual advises for untrusted input (a part whose zip entry lies about its size).
LIMITS = ["--sandbox", "+RTS", "-M1024m", "-RTS"]
READ_ARGS = ["--track-changes=accept", *LIMITS]
WRITE_ARGS = ["--wrap=none", *LIMITS]

Node = dict[str, Any]
SPACE: Node = {"t": "Space"}
NO_ATTR: list[Any] = ["", [], []]

# Inline wrappers whose formatting Python-Markdown cannot show: keep the text, drop the wrapper.
UNWRAPPED_INLINES = {"Underline", "SmallCaps", "Superscript", "Subscript", "Strikeout"}
LIST_BLOCKS = {"BulletList", "OrderedList"}
LIST_SEPARATOR: Node = {"t": "RawBlock", "c": ["html", "<!-- -->"]}


def docx_to_markdown(path: Path, package: bytes) -> str:
    """Convert `package`, the Word file at `path` (already checked to be safe), to Markdown."""
    try:
        tree = json.loads(_pandoc(["--from=docx", "--to=json", *READ_ARGS], stdin=package))
    except subprocess.CalledProcessError as error:
        raise InputError(
            path,
            "is not a valid Word document (it may be damaged): it could not be converted.",
            "Open it in Word and save it again as .docx.",
        ) from error
    tree["blocks"] = reshape_blocks(metadata_blocks(tree.get("meta", {})) + tree["blocks"])
    tree["meta"] = {}
    markdown = _pandoc(
        ["--from=json", f"--to={MARKDOWN_FLAVOUR}", *WRITE_ARGS], stdin=json.dumps(tree).encode()
    )
    return "\n".join(line.rstrip() for line in markdown.strip().splitlines()) + "\n"


@lru_cache(maxsize=1)
def _pandoc_binary() -> str:
    # The pandoc that pypandoc-binary ships. We run it ourselves: pypandoc would start pandoc
    # twice more per conversion only to list the formats it knows.
    return pypandoc.get_pandoc_path()


def _pandoc(arguments: list[str], stdin: bytes) -> str:
    done = subprocess.run(
        [_pandoc_binary(), *arguments], input=stdin, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def metadata_blocks(meta: dict[str, Node]) -> list[Node]:
    """The Title, Subtitle, Author, Date and Abstract paragraphs pandoc took out of the body."""
    blocks: list[Node] = []
    for key in ("title", "subtitle", "author", "date", "abstract"):
        if key not in meta:
            continue
        for value in _meta_values(meta[key]):
            if value["t"] == "MetaBlocks":
                blocks.extend(value["c"])
            elif value["t"] == "MetaInlines" and key == "title":
                blocks.append({"t": "Header", "c": [1, NO_ATTR, value["c"]]})
            elif value["t"] == "MetaInlines":
                blocks.append({"t": "Para", "c": value["c"]})
            elif value["t"] == "MetaString":
                blocks.append({"t": "Para", "c": [{"t": "Str", "c": value["c"]}]})
    return blocks


def _meta_values(value: Node) -> list[Node]:
    return value["c"] if value["t"] == "MetaList" else [value]


# --- blocks ------------------------------------------------------------------------------------


def reshape_blocks(blocks: list[Node]) -> list[Node]:
    reshaped: list[Node] = []
    for block in blocks:
        for new in reshape_block(block):
            previous = reshaped[-1] if reshaped else None
            if previous and new["t"] in LIST_BLOCKS and previous["t"] == new["t"]:
                _append_list_items(previous, new)
                continue
            if previous and new["t"] in LIST_BLOCKS and previous["t"] in LIST_BLOCKS:
                # Python-Markdown would continue a bulleted list with the numbered items
                # that follow it; an empty comment is the only thing that ends it.
                reshaped.append(LIST_SEPARATOR)
            reshaped.append(new)
    return reshaped


def reshape_block(block: Node) -> list[Node]:
    """The block rewritten for Python-Markdown; empty list if nothing visible is left."""
    kind = block["t"]
    if kind in ("Para", "Plain"):
        inlines = reshape_inlines(block["c"])
        return [{"t": kind, "c": inlines}] if _has_text(inlines) else []
    if kind == "Header":
        level, _attr, inlines = block["c"]
        inlines = reshape_inlines(inlines)
        return [{"t": "Header", "c": [level, NO_ATTR, inlines]}] if _has_text(inlines) else []
    if kind == "BlockQuote":
        inner = reshape_blocks(block["c"])
        return [{"t": "BlockQuote", "c": inner}] if inner else []
    if kind == "Div":
        return reshape_blocks(block["c"][1])
    if kind == "Figure":
        _attr, (_short, caption), content = block["c"]
        return reshape_blocks(content + caption)
    if kind == "BulletList":
        return _list(block, block["c"], lambda items: items)
    if kind == "OrderedList":
        attributes = block["c"][0]
        return _list(block, block["c"][1], lambda items: [attributes, items])
    if kind == "LineBlock":
        lines = [reshape_inlines(line) for line in block["c"]]
        return [{"t": "Para", "c": _join_with_spaces([line for line in lines if line])}]
    if kind == "Table":
        return simple_table(block)
    if kind == "DefinitionList":
        return [
            new
            for term, definitions in block["c"]
            for new in [{"t": "Para", "c": term}, *[b for d in definitions for b in d]]
            for new in reshape_block(new)
        ]
    return [block]  # CodeBlock, HorizontalRule, RawBlock: written as they are


def _list(block: Node, items: list[list[Node]], wrap) -> list[Node]:
    reshaped = [reshape_blocks(item) for item in items]
    reshaped = [item for item in reshaped if item]
    if not reshaped:
        return []
    if all(_is_simple_item(item) for item in reshaped):
        # Tight list: items of one paragraph (plus a nested list) look like this in Word.
        reshaped = [[{"t": "Plain", "c": item[0]["c"]}, *item[1:]] for item in reshaped]
    return [{"t": block["t"], "c": wrap(reshaped)}]


def _is_simple_item(item: list[Node]) -> bool:
    first, rest = item[0], item[1:]
    return first["t"] in ("Para", "Plain") and all(b["t"] in LIST_BLOCKS for b in rest)


def _append_list_items(target: Node, extra: Node) -> None:
    if target["t"] == "BulletList":
        target["c"].extend(extra["c"])
    else:
        target["c"][1].extend(extra["c"][1])


# --- tables ------------------------------------------------------------------------------------


def simple_table(table: Node) -> list[Node]:
    """A table as a plain grid of one-line cells, which pandoc writes as a pipe table.

    Merged cells keep their text in their first row and column; the cells they covered are left
    empty. Several paragraphs or a list in one cell are joined into one line. The caption becomes
    a paragraph above the table.
    """
    _attr, (_short, caption), colspecs, head, bodies, foot = table["c"]
    width = len(colspecs)
    head_rows = _grid(head[1], width)
    body_rows = _grid([row for body in bodies for row in body[2] + body[3]] + foot[1], width)
    if not head_rows and not body_rows:
        return reshape_blocks(caption)
    # Default widths: with widths set, pandoc writes a long cell as a multi-line (HTML) table.
    plain_specs = [[alignment, {"t": "ColWidthDefault"}] for alignment, _width in colspecs]
    grid = {
        "t": "Table",
        "c": [
            NO_ATTR,
            [None, []],
            plain_specs,
            [NO_ATTR, head_rows],
            [[NO_ATTR, 0, [], body_rows]],
            [NO_ATTR, []],
        ],
    }
    return reshape_blocks(caption) + [grid]


def _grid(rows: list[Node], width: int) -> list[Node]:
    """Rows of exactly `width` single-span cells, merged cells spread out as empty cells."""
    covered: dict[int, int] = {}  # column -> rows still covered by a cell merged from above
    grid_rows = []
    for _row_attr, cells in rows:
        slots: list[list[Node] | None] = [None] * width
        for column, remaining in list(covered.items()):
            slots[column] = []
            covered[column] = remaining - 1
            if covered[column] == 0:
                del covered[column]
        for _cell_attr, _align, row_span, col_span, blocks in cells:
            column = next((i for i, slot in enumerate(slots) if slot is None), None)
            if column is None:  # more cells than columns: keep the text in the last cell
                column = width - 1
                slots[column] = _join_with_spaces([slots[column] or [], cell_inlines(blocks)])
                continue
            slots[column] = cell_inlines(blocks)
            for extra in range(column + 1, min(column + col_span, width)):
                slots[extra] = []
            if row_span > 1:
                for spanned in range(column, min(column + col_span, width)):
                    covered[spanned] = row_span - 1
        grid_rows.append([NO_ATTR, [_cell(slot or []) for slot in slots]])
    return grid_rows


def _cell(inlines: list[Node]) -> list[Any]:
    blocks = [{"t": "Plain", "c": inlines}] if inlines else []
    return [NO_ATTR, {"t": "AlignDefault"}, 1, 1, blocks]


def cell_inlines(blocks: list[Node]) -> list[Node]:
    """Everything written in a table cell, on one line."""
    pieces: list[list[Node]] = []
    for block in reshape_blocks(blocks):
        kind = block["t"]
        if kind in ("Para", "Plain"):
            pieces.append(block["c"])
        elif kind == "Header":
            pieces.append(block["c"][2])
        elif kind in LIST_BLOCKS:
            items = block["c"] if kind == "BulletList" else block["c"][1]
            for number, item in enumerate(items, start=1):
                marker = "•" if kind == "BulletList" else f"{number}."
                pieces.append([{"t": "Str", "c": marker}, SPACE, *cell_inlines(item)])
        elif kind == "BlockQuote":
            pieces.append(cell_inlines(block["c"]))
        elif kind == "Table":
            _attr, _caption, _specs, head, bodies, _foot = block["c"]
            rows = head[1] + [row for body in bodies for row in body[3]]
            pieces.extend(cell_inlines(cell[4]) for row in rows for cell in row[1])
        elif kind == "CodeBlock":
            pieces.append([{"t": "Code", "c": [NO_ATTR, " ".join(block["c"][1].split())]}])
        # HorizontalRule and RawBlock hold no text a reader sees.
    return _join_with_spaces([piece for piece in pieces if piece])


# --- inlines -----------------------------------------------------------------------------------


def reshape_inlines(inlines: list[Node]) -> list[Node]:
    reshaped: list[Node] = []
    for inline in inlines:
        kind = inline["t"]
        if kind in ("LineBreak", "SoftBreak"):
            reshaped.append(SPACE)
        elif kind == "Image":
            continue  # alt text is collected from the XML as a hidden part
        elif kind in UNWRAPPED_INLINES:
            reshaped.extend(reshape_inlines(inline["c"]))
        elif kind == "Span":
            reshaped.extend(reshape_inlines(inline["c"][1]))
        elif kind == "Link" and inline["c"][2][0].startswith("#"):
            reshaped.extend(reshape_inlines(inline["c"][1]))  # bookmark inside the document
        elif kind == "Link":
            attr, text, target = inline["c"]
            reshaped.append({"t": "Link", "c": [NO_ATTR, reshape_inlines(text), target]})
        elif kind in ("Emph", "Strong"):
            inner = reshape_inlines(inline["c"])
            if _has_text(inner):
                reshaped.append({"t": kind, "c": inner})
        elif kind == "Note":
            reshaped.append({"t": "Note", "c": reshape_blocks(inline["c"])})
        elif kind == "Quoted":
            quote = "“”" if inline["c"][0]["t"] == "DoubleQuote" else "‘’"
            inner = reshape_inlines(inline["c"][1])
            reshaped.extend([{"t": "Str", "c": quote[0]}, *inner, {"t": "Str", "c": quote[1]}])
        else:
            reshaped.append(inline)
    return _collapse_spaces(reshaped)


def _collapse_spaces(inlines: list[Node]) -> list[Node]:
    """No leading, trailing or doubled spaces (a removed picture or line break leaves them)."""
    collapsed: list[Node] = []
    for inline in inlines:
        if inline["t"] == "Space" and (not collapsed or collapsed[-1]["t"] == "Space"):
            continue
        collapsed.append(inline)
    while collapsed and collapsed[-1]["t"] == "Space":
        collapsed.pop()
    return collapsed


def _join_with_spaces(pieces: list[list[Node]]) -> list[Node]:
    joined: list[Node] = []
    for piece in pieces:
        if joined:
            joined.append(SPACE)
        joined.extend(piece)
    return _collapse_spaces(joined)


def _has_text(inlines: list[Node]) -> bool:
    return any(inline["t"] not in ("Space", "SoftBreak", "LineBreak") for inline in inlines)
