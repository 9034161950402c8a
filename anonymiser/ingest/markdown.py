"""Read a Markdown draft (.md): the body is the file as written, minus what a page never shows.

YAML front matter and HTML comments are not shown on a rendered page, but they are in the file
and in the page's source, so they become hidden parts and leave the body. Everything else is kept
exactly as written (only newlines are normalised to "\\n").
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from anonymiser.errors import InputError
from anonymiser.ingest import Document, HiddenPart
from anonymiser.ingest.text import decode_text_file

# The front matter MkDocs recognises: "---" on the first line, closed by "---" or "...".
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def read_markdown(path: Path) -> Document:
    text = decode_text_file(path)
    hidden: list[HiddenPart] = []
    front_matter = split_front_matter(text)
    if front_matter is not None:
        yaml_text, text = front_matter
        hidden.append(HiddenPart("front matter", yaml_text.strip()))
    body, comments = remove_html_comments(path, text)
    hidden += [
        HiddenPart(f"html comment {number}", comment)
        for number, comment in enumerate(comments, start=1)
    ]
    if not body.strip():
        raise InputError(
            path,
            "has no text to publish: it holds only front matter or comments.",
            "Check that it is the right file.",
        )
    body = join_soft_line_breaks(body)
    return Document(path=path, body=body, hidden=tuple(part for part in hidden if part.text))


# A line that starts a block of its own: heading, quote, list item, table row, fence, indented
# code, HTML, footnote or link definition, horizontal rule.
BLOCK_START = re.compile(
    r"^(?:\s{0,3}(?:#{1,6}(?:\s|$)|>|[-*+]\s|\d{1,9}[.)]\s|\||```|~~~|<|\[[^\]]+\]:|"
    r"(?:[-*_]\s*){3,}$|={3,}\s*$)|\s{4}|\t)"
)
FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
RULE = re.compile(r"^\s{0,3}(?:(?:[-*_]\s*){3,}|=+\s*)$")


def join_soft_line_breaks(markdown: str) -> str:
    """Join the lines of a hard-wrapped paragraph with spaces, as Markdown renders them.

    A name, a phone number or a quoted message wrapped over two lines must reach the detector
    in one piece ("598\n747 1745" is an NHS number). Only plain continuation lines are joined:
    block syntax, fenced code and lines ending in a hard break ("  " or "\\") stay as written.
    """
    out: list[str] = []
    in_fence = False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        previous = out[-1] if out else ""
        joinable = (
            not in_fence
            and line.strip()
            and previous.strip()
            and not BLOCK_START.match(line)
            and not previous.endswith(("  ", "\\"))
            and not FENCE.match(previous)
            and not previous.lstrip().startswith(("|", "#", "<"))
            and not RULE.match(previous)
        )
        if joinable:
            out[-1] = previous.rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def split_front_matter(text: str) -> tuple[str, str] | None:
    """(the YAML, the rest), or None when the file does not start with front matter.

    As in MkDocs, a block that is not a YAML mapping is not front matter: MkDocs would render it
    as part of the page, so it stays in the body (where it is scanned like any other text).
    """
    match = FRONT_MATTER.match(text)
    if match is None:
        return None
    yaml_text = match.group(1) or ""
    try:
        data = yaml.safe_load(yaml_text)
    except (yaml.YAMLError, ValueError):
        # Not front matter by MkDocs' rule (see above), or a date that does not exist
        # ("date: 2026-02-30" is a ValueError): the text stays in the body, scanned.
        return None
    if data is not None and not isinstance(data, dict):
        return None
    return yaml_text, text[match.end() :]


def remove_html_comments(path: Path, text: str) -> tuple[str, list[str]]:
    """The text without `<!-- ... -->` comments, and the comments' text in order.

    A comment alone on its line(s) takes its line with it, so no stray blank line is left where
    it stood; a comment inside a line leaves the rest of the line as it was.
    """
    pieces: list[str] = []
    comments: list[str] = []
    position = 0
    for match in HTML_COMMENT.finditer(text):
        start, end = match.span()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        if not text[line_start:start].strip() and not text[end:line_end].strip():
            start, end = line_start, min(line_end + 1, len(text))
        pieces.append(text[position:start])
        comments.append(match.group(1).strip())
        position = end
    rest = text[position:]
    if "<!--" in rest:
        line = text.count("\n", 0, position + rest.index("<!--")) + 1
        raise InputError(
            path,
            f"has an HTML comment that is never closed (the '<!--' on line {line}).",
            "Close it with '-->' or delete it.",
        )
    pieces.append(rest)
    return "".join(pieces), comments
