"""Published files as text, with a way back from a position to a line and column."""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from anonymiser.errors import InputError

PUBLISHED_SUFFIXES = (".md", ".html", ".htm", ".xml", ".txt", ".json")
# Blocks whose text a reader never sees as text; their code is not personal data.
_INVISIBLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_ATTRIBUTE = re.compile(
    r"""\b(?:alt|title|aria-label|content|placeholder|data-[\w-]+)\s*=\s*("[^"]*"|'[^']*')""",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Surface:
    path: Path
    text: str
    line_starts: list[int]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1


def read_surface(path: Path) -> Surface:
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text, so it could not be checked.") from None
    except OSError as exc:
        raise InputError(path, f"could not be read ({exc.strerror}).") from None
    text = _visible_text(raw) if path.suffix.lower() in (".html", ".htm", ".xml") else raw
    starts = [0] + [i + 1 for i, char in enumerate(raw) if char == "\n"]
    return Surface(path, text, starts)


def _visible_text(markup: str) -> str:
    """Tags blanked out with spaces so that offsets still point into the original file;
    attribute values a reader can see (alt, title, ...) are kept in place."""

    def blank(match: re.Match[str]) -> str:
        tag = match.group(0)
        kept = [" "] * len(tag)
        for attribute in _ATTRIBUTE.finditer(tag):
            value_start, value_end = attribute.span(1)
            value = html.unescape(tag[value_start + 1 : value_end - 1])
            if len(value) == value_end - value_start - 2:
                kept[value_start + 1 : value_end - 1] = value
        return "".join(kept)

    without_code = _INVISIBLE.sub(lambda m: " " * len(m.group(0)), markup)
    return _TAG.sub(blank, without_code)


def published_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_file():
            files.append(path)
            continue
        if not path.is_dir():
            raise InputError(path, "does not exist.", "Build the site first, or name another path.")
        for found in sorted(path.rglob("*")):
            if "source" in found.relative_to(path).parts:
                continue  # raw drafts are reported by the drafts detector, not read here
            if found.is_file() and found.suffix.lower() in PUBLISHED_SUFFIXES:
                if found.name in ("redactions.yml",):
                    continue
                files.append(found)
    return files
