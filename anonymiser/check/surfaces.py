"""Published files as text, with a way back from a position in that text to the file.

A `Surface` is what a reader of one published file can see, as one string: the text of a
Markdown file, the visible text and attributes of an HTML page, the strings of a JSON file or of
a Pagefind index, the pages and metadata of a PDF. It is made of pieces, each remembering where
in the file (or in its decompressed content) it came from, so a finding can name a line and a
column without the check ever printing the text itself.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from anonymiser.check.drafts import SOURCE_DIR
from anonymiser.decisions.schema import DECISIONS_NAME
from anonymiser.errors import InputError
from anonymiser.text import IGNORABLE
from site_plugins.reviews.common_words import HIDDEN_WORD, reveal_common_words

# What each kind of published file is read as. Anything not listed and not skipped below is
# read as UTF-8 text, so that a new kind of file is checked rather than silently passed over.
MARKUP_SUFFIXES = {".html", ".htm", ".xhtml", ".svg"}
XML_SUFFIXES = {".xml", ".atom", ".rss"}
JSON_SUFFIXES = {".json", ".webmanifest"}
YAML_SUFFIXES = {".yml", ".yaml"}
PAGEFIND_FRAGMENT = ".pf_fragment"
PAGEFIND_BINARY = {".pf_index", ".pf_meta", ".pf_filter"}
PDF_SUFFIX = ".pdf"
# Program code, styles and pictures: no reader sees them as text. (Picture metadata is not
# checked: the site's pictures are its own icons, not photographs from a review.)
SKIPPED_SUFFIXES = {
    ".js", ".mjs", ".css", ".map", ".pagefind", ".wasm",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".avif",
    ".woff", ".woff2", ".ttf", ".otf", ".eot",
}  # fmt: skip
# Office files cannot be checked here; the site publishes reviews as web pages and PDFs.
OFFICE_SUFFIXES = {".docx", ".doc", ".odt", ".rtf", ".xlsx", ".xls", ".pptx", ".ppt"}
# A compressed file this large after decompression is not a page of a review library.
MAX_DECOMPRESSED_BYTES = 200 * 1024 * 1024
PAGEFIND_SIGNATURE = b"pagefind_dcd"
# Unicode's tag characters (U+E0020 to U+E007E) are invisible mirrors of printable ASCII: text
# written in them anywhere is read as the letters it mirrors, so nothing can hide in them. One
# character for one, so positions in the text stay those of the file.
TAG_MIRRORS = {0xE0000 + code: code for code in range(0x20, 0x7F)}
_TAG_CHARACTER = re.compile("[\U000e0020-\U000e007e]")
_WORD_CHARACTER = re.compile(r"\w")
# A variation selector after a digit is an emoji keycap ("1\ufe0f\u20e3"), not a disguise.
_VARIATION_SELECTORS = frozenset(map(chr, range(0xFE00, 0xFE10)))


@dataclass
class Surface:
    path: Path
    text: str
    # Piece i starts at text offset starts[i] and came from offset origins[i] of `raw`.
    starts: list[int]
    origins: list[int]
    raw: str | bytes
    # (text offset, raw offset, label) of each labelled part: "page 2", "metadata (Author)".
    parts: list[tuple[int, int, str]] = field(default_factory=list)
    # False for word lists (a search index): there is no prose for the names detector to read.
    prose: bool = True
    # (start, end, first character) of each run of invisible characters inside or at the edge
    # of a word, found before tag characters are read as the letters they mirror.
    invisible: list[tuple[int, int, str]] = field(default_factory=list)
    _line_starts: list[int] | None = None

    def __post_init__(self) -> None:
        if not self.text.isascii():
            self.invisible = invisible_runs(self.text)
        if _TAG_CHARACTER.search(self.text):
            self.text = self.text.translate(TAG_MIRRORS)
        if HIDDEN_WORD.search(self.text):
            self._reveal_common_words()

    def _reveal_common_words(self) -> None:
        """The site's search index writes each of the commonest words ("the") as one character
        (site_plugins/reviews/common_words.py); they are read as the words, so that a name with
        one in it ("Church of the Holy Cross") reads as it does on the page. Each word becomes a
        piece of its own, so every position still leads back to its place in the file."""
        builder = SurfaceBuilder()
        moved: list[tuple[int, int]] = []  # (old offset, new offset) where each piece starts
        ends = [*self.starts[1:], len(self.text)]
        for start, end, origin in zip(self.starts, ends, self.origins, strict=True):
            at = start
            for hidden in HIDDEN_WORD.finditer(self.text, start, end):
                moved.append((at, builder.length))
                builder.add(self.text[at : hidden.start()], origin + at - start)
                moved.append((hidden.start(), builder.length))
                builder.add(reveal_common_words(hidden[0]), origin + hidden.start() - start)
                at = hidden.end()
            moved.append((at, builder.length))
            builder.add(self.text[at:end], origin + at - start)
        olds = [old for old, _ in moved]

        def new_offset(old: int) -> int:
            index = max(0, bisect_right(olds, old) - 1)
            return moved[index][1] + old - moved[index][0] if moved else old

        self.text = "".join(builder.pieces)
        self.starts, self.origins = builder.starts, builder.origins
        self.parts = [(new_offset(at), raw, label) for at, raw, label in self.parts]
        self.invisible = [(new_offset(a), new_offset(b), c) for a, b, c in self.invisible]

    def locate(self, offset: int) -> tuple[int, int, str]:
        """(line, column, part) in the file of a position in `text`; lines count from the
        start of the part (a PDF's page), columns are 1-based."""
        piece = max(0, bisect_right(self.starts, offset) - 1)
        raw_offset = self.origins[piece] + offset - self.starts[piece] if self.starts else 0
        label, part_raw = "", 0
        if self.parts:
            index = bisect_right([start for start, _, _ in self.parts], offset) - 1
            if index >= 0:
                _, part_raw, label = self.parts[index]
        lines = self._lines()
        line = bisect_right(lines, raw_offset)
        first = bisect_right(lines, part_raw)
        return line - first + 1, raw_offset - lines[line - 1] + 1, label

    def _lines(self) -> list[int]:
        # Only computed for a file with a finding: most files have none.
        if self._line_starts is None:
            newline = b"\n" if isinstance(self.raw, bytes) else "\n"
            starts, at = [0], self.raw.find(newline)
            while at != -1:
                starts.append(at + 1)
                at = self.raw.find(newline, at + 1)
            self._line_starts = starts
        return self._line_starts


class SurfaceBuilder:
    """Collects the pieces of a surface in order."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.parts: list[tuple[int, int, str]] = []
        self.length = 0

    def add(self, text: str, origin: int) -> None:
        if text:
            self.pieces.append(text)
            self.starts.append(self.length)
            self.origins.append(origin)
            self.length += len(text)

    def part(self, label: str, origin: int) -> None:
        self.parts.append((self.length, origin, label))

    def build(self, path: Path, raw: str | bytes, prose: bool = True) -> Surface:
        text = "".join(self.pieces)
        return Surface(path, text, self.starts, self.origins, raw, self.parts, prose)


def invisible_runs(text: str) -> list[tuple[int, int, str]]:
    """Runs of default-ignorable characters (soft hyphen, zero-width joiner...) touching a
    word: a reader sees "Kay\u00adleigh" as "Kayleigh", but it is two words to a search."""
    runs = []
    for match in IGNORABLE.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if _VARIATION_SELECTORS.issuperset(match.group()):
            touches = before.isalpha() or after.isalpha()
        else:
            touches = bool(_WORD_CHARACTER.match(before) or _WORD_CHARACTER.match(after))
        if touches:
            runs.append((start, end, match.group()[0]))
    return runs


def plain_surface(path: Path, text: str) -> Surface:
    return Surface(path, text, [0], [0], text)


def read_surface(path: Path) -> Surface | None:
    """The surface of one published file; None for a file no reader sees as text (code,
    pictures). Raises InputError for a file that cannot be read, which the check reports."""
    suffix = path.suffix.lower()
    if suffix in SKIPPED_SUFFIXES:
        return None
    if suffix in OFFICE_SUFFIXES:
        raise InputError(
            path,
            "is an office document, which the leak check cannot read.",
            "Publish reviews as pages (and PDFs), not as office files.",
        )
    if suffix == PDF_SUFFIX:
        from anonymiser.check.pdf import pdf_surface

        return pdf_surface(path)
    data = _read_bytes(path)
    if suffix == ".gz":
        inner = _decompress(path, data)
        return _surface_of(path, Path(path.stem).suffix.lower(), inner, "decompressed")
    if suffix == PAGEFIND_FRAGMENT or suffix in PAGEFIND_BINARY:
        inner = _decompress(path, data)
        if not inner.startswith(PAGEFIND_SIGNATURE):
            raise InputError(path, "is not a Pagefind file (its signature is missing).")
        if suffix == PAGEFIND_FRAGMENT:
            # The signature is not inside any JSON string, so the JSON reader passes over it
            # and columns count from the start of the decompressed file.
            surface = _surface_of(path, ".json", inner, "decompressed")
            # A fragment's text is its page's text, which the names detector reads in the page
            # (where headings and table cells are still apart: the fragment runs them into one
            # line). Fingerprints and patterns still read the fragment itself.
            surface.prose = False
            return surface
        from anonymiser.check.packed import cbor_surface

        return cbor_surface(path, inner, len(PAGEFIND_SIGNATURE))
    return _surface_of(path, suffix, data, "")


def _surface_of(path: Path, suffix: str, data: bytes, part: str) -> Surface:
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text, so it could not be checked.") from None
    if suffix in MARKUP_SUFFIXES or suffix in XML_SUFFIXES:
        from anonymiser.check.markup import markup_surface

        surface = markup_surface(path, raw, xml=suffix in XML_SUFFIXES)
    elif suffix in JSON_SUFFIXES:
        surface = json_surface(path, raw)
    elif suffix in YAML_SUFFIXES:
        surface = yaml_surface(path, raw)
    else:
        surface = plain_surface(path, raw)
    if part:
        surface.parts.insert(0, (0, 0, part))
    return surface


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"could not be read ({exc.strerror}).") from None


def _decompress(path: Path, data: bytes) -> bytes:
    # Read in bounded steps so that a decompression bomb stops at the limit instead of
    # exhausting memory.
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, MAX_DECOMPRESSED_BYTES + 1)
    except zlib.error as exc:
        raise InputError(path, f"is not valid gzip data ({exc}).") from None
    if len(out) > MAX_DECOMPRESSED_BYTES or decompressor.unconsumed_tail:
        raise InputError(path, "decompresses to more than 200 MB; it was not checked.")
    if not decompressor.eof:
        raise InputError(path, "is a truncated gzip file.")
    return out


# --- JSON and YAML ------------------------------------------------------------------------------

_JSON_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"', re.DOTALL)


def json_strings(builder: SurfaceBuilder, raw: str, base: int = 0) -> None:
    """Every string literal of a JSON text (keys too: a key can be a name), each on a line of
    its own. The literals are found by a pattern rather than by parsing, so that a file that is
    not quite JSON is still read whole."""
    for match in _JSON_STRING.finditer(raw):
        value = match.group(1)
        if "\\" in value:
            value = _decoded(match.group(0), value)
        builder.add(value, base + match.start(1))
        builder.add("\n", base + match.end())


def _decoded(literal: str, written: str) -> str:
    try:
        return json.loads(literal)
    except json.JSONDecodeError:
        return written  # an invalid escape: the literal is checked as it is written


def json_surface(path: Path, raw: str) -> Surface:
    builder = SurfaceBuilder()
    json_strings(builder, raw)
    return builder.build(path, raw)


# libyaml's parser when PyYAML has it: the pure-Python one is slow on a library of reviews.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# review.yml keys whose values never reach the site: who signed the review off, and when.
UNPUBLISHED_YAML_KEYS = {"sign_off"}


def yaml_surface(path: Path, raw: str) -> Surface:
    """A review.yml as written, less the blocks the site never publishes (the sign-off, whose
    name is a member of staff's, not a review's). The decisions file is never a surface."""
    if path.name == DECISIONS_NAME:
        return plain_surface(path, "")
    try:
        root = yaml.compose(raw, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        # Only the problem and where: PyYAML's full message quotes the line, which may hold
        # an identifier, and the check's output must never show one.
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "a syntax error"
        raise InputError(path, f"is not valid YAML ({problem}{where}).") from None
    text = raw
    published = [root]
    if isinstance(root, yaml.MappingNode):
        published = []
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value in UNPUBLISHED_YAML_KEYS:
                start, end = key.start_mark.index, value.end_mark.index
                blank = re.sub(r"[^\n]", " ", text[start:end])
                text = text[:start] + blank + text[end:]
            else:
                published += [key, value]
    # A double-quoted value is published as YAML decodes its escapes ("K\\x61yleigh",
    # "Kay\\u00adleigh", a line break escaped inside a word): it is read decoded, at its place.
    escaped = [
        node
        for node in _scalars(published)
        if node.style == '"' and "\\" in text[node.start_mark.index : node.end_mark.index]
    ]
    escaped.sort(key=lambda node: node.start_mark.index)
    if not escaped:
        return Surface(path, text, [0], [0], raw)
    builder = SurfaceBuilder()
    at = 0
    for node in escaped:
        builder.add(text[at : node.start_mark.index], at)
        builder.add(node.value, node.start_mark.index)
        at = node.end_mark.index
    builder.add(text[at:], at)
    return builder.build(path, raw)


def _scalars(nodes: list) -> list[yaml.ScalarNode]:
    found, stack = [], list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            found.append(node)
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return found


# --- which files ----------------------------------------------------------------------------


def published_files(paths: list[Path], reports: Path) -> list[Path]:
    """Every file under `paths`, less raw drafts (reported by the drafts detector when git
    tracks them), decision files and hidden folders.

    A raw draft is what is in a review's drafts folder, `<reports>/<slug>/source`, and only
    there: a folder called `source` anywhere else (a page of the site, a folder inside a
    review) is published like any other, so it is checked."""
    files: list[Path] = []
    for path in paths:
        if in_drafts_folder(path, reports):
            continue
        if path.is_file():
            if path.name != DECISIONS_NAME:
                files.append(path)
            continue
        if not path.is_dir():
            raise InputError(path, "does not exist.", "Build the site first, or name another path.")
        for found in sorted(path.rglob("*")):
            relative = found.relative_to(path).parts
            if any(part.startswith(".") for part in relative[:-1]):
                continue
            if in_drafts_folder(found, reports):
                continue
            if found.is_file() and found.name != DECISIONS_NAME:
                files.append(found)
    return files


def in_drafts_folder(path: Path, reports: Path) -> bool:
    """Whether `path` is a review's drafts folder `<reports>/<slug>/source` or is in it.

    Compared as written (made absolute, links not followed): a link in a review that leads into
    source/ is a published file, and is checked; a source folder that is a link is still the
    drafts folder."""
    where = Path(os.path.abspath(path))
    base = Path(os.path.abspath(reports))
    if not where.is_relative_to(base):
        return False
    relative = where.relative_to(base).parts
    return len(relative) >= 2 and relative[1] == SOURCE_DIR
