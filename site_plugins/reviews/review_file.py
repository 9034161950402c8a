"""Reading and checking one reports/<slug>/review.yml.

Every error names the file, the key and what is allowed, so that a comms officer can fix
review.yml from the build log alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .documents import DocumentReadError, read_document
from .model import DOCUMENT_KINDS, STATUSES, Document, RelatedLink, Review, Vocabularies

log = logging.getLogger("mkdocs.plugins.reviews")

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A document is a bare Markdown file name next to review.yml: never a path, so that nothing
# under source/ (raw drafts) can be listed for publication.
_DOCUMENT_FILE = re.compile(r"^[a-z0-9][a-z0-9_-]*\.md$")
KNOWN_KEYS = (
    "title",
    "type",
    "status",
    "published",
    "publish_on",
    "summary",
    "themes",
    "age_group",
    "documents",
    "related",
    "sign_off",
)


class ReviewFileError(Exception):
    """review.yml (or a document it lists) is malformed or breaks the data contract."""


def _allowed(values: Mapping[str, object] | tuple[str, ...]) -> str:
    return ", ".join(values) if values else "(none configured)"


class _Checker:
    """Checks the keys of one review.yml; `where` is the file as shown in messages."""

    def __init__(self, where: str, data: dict) -> None:
        self.where = where
        self.data = data

    def fail(self, key: str, problem: str) -> ReviewFileError:
        return ReviewFileError(f"{self.where}: '{key}' {problem}")

    def text(self, key: str, value: object, *, plain_title: bool = False) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"must be non-empty text, got {value!r}")
        # Titles become page titles, which the theme prints without escaping in places;
        # refusing angle brackets keeps markup out of them altogether.
        if plain_title and ("<" in value or ">" in value):
            raise self.fail(key, f"must be plain text without '<' or '>', got {value!r}")
        return value.strip()

    def required(self, key: str) -> object:
        if self.data.get(key) is None:
            raise self.fail(key, "is required")
        return self.data[key]

    def date(self, key: str) -> date:
        value = self.data.get(key)
        if value is None:
            raise self.fail(key, "is required: a date written like 2026-03-14")
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(key, f"must be a date written like 2026-03-14, got {value!r}")

    def choice(self, key: str, value: object, allowed: Mapping[str, object] | tuple) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise self.fail(key, f"has unknown value {value!r}; allowed: {_allowed(allowed)}")
        return value

    def mappings(self, key: str) -> list[dict]:
        value = self.data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(key, "must be a list of entries, each with its own keys")
        return value


# libyaml's parser when PyYAML has it (its wheels do): the pure-Python one takes seconds to read
# the review files of a library of hundreds of reviews.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# Keys review.yml and its entries may have: only these are named in messages. Any other key is
# shown by its line alone, because a mistyped key may be a name (`check` prints no identifier).
_NAMEABLE_KEYS = frozenset(KNOWN_KEYS) | {"file", "kind", "title", "url", "by", "date"}


def _refuse_aliases(text: str, what: str) -> None:
    """Our files need no aliases, and nine nested aliases ("billion laughs") make a value that
    takes forever to print or check: they are refused before anything is built from the file."""
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                f"an alias (*{event.anchor}) is not allowed in {what}; write the value out",
                event.start_mark,
            )


def _shown_key(path: str, key: object, nameable: frozenset[str]) -> str:
    name = key if isinstance(key, str) and key in nameable else "?"
    return f"{path}.{name}" if path else name


def _quoted(path: str, line: int) -> str:
    """A key as messages show it: 'documents[0].file' (line 9); '?' stands for a key that
    review.yml does not have, which is not shown."""
    return f"'{path}' (line {line})" if path else f"the value on line {line}"


def _check_nodes(loader, root: yaml.Node, nameable: frozenset[str]) -> None:
    """What PyYAML lets through: a key given twice (the last one silently wins, so a later
    `status: published` hides under an earlier `status: draft`), and a date that does not exist
    (2026-02-30), which PyYAML reports as a bare ValueError naming no file, key or line.
    A loop, not recursion: libyaml allows nesting deeper than Python's recursion limit."""
    pending: list[tuple[yaml.Node, str]] = [(root, "")]
    while pending:
        node, path = pending.pop()
        if isinstance(node, yaml.MappingNode):
            lines: dict[object, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                shown = _shown_key(path, key, nameable)
                line = key_node.start_mark.line + 1
                if key is not None and key in lines:
                    raise ReviewYamlError(
                        f"'{shown}' is given twice (lines {lines[key]} and {line}); the last "
                        "one would silently win: delete the one that is wrong",
                        line,
                    )
                lines[key] = line
                pending.append((value_node, shown))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend((item, f"{path}[{index}]") for index, item in enumerate(node.value))
        elif isinstance(node, yaml.ScalarNode) and node.tag == _TIMESTAMP:
            try:
                loader.construct_yaml_timestamp(node)
            except ValueError as error:
                line = node.start_mark.line + 1
                raise ReviewYamlError(
                    f"{_quoted(path, line)} is not a date that exists ({error}); write a real "
                    "date like 2026-03-14",
                    line,
                ) from None


class ReviewYamlError(ValueError):
    """review.yml cannot be read as a mapping of keys. The message names the key (if it is one
    review.yml may have) and the line, and never quotes the file's text."""

    def __init__(self, problem: str, line: int | None = None, syntax: str = "") -> None:
        self.problem = problem
        self.line = line
        # For a syntax error, "line 7, column 3: could not find expected ':'" alone.
        self.syntax = syntax
        super().__init__(problem)


def load_strict_yaml(text: str, nameable: frozenset[str], what: str) -> object:
    """Safe YAML with no aliases, no key given twice and no impossible date: the way the files
    a person edits by hand are read (review.yml here; redactions.yml by the anonymiser).
    Messages name a key only if it is in `nameable`, and the line; never the file's text."""
    try:
        _refuse_aliases(text, what)
        loader = _LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_nodes(loader, node, nameable)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        # Only the problem and where: PyYAML's full message quotes the line, which may hold
        # an identifier.
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "a syntax error"
        if mark is None:
            raise ReviewYamlError(f"not valid YAML: {problem}", syntax=problem) from None
        where = f"line {mark.line + 1}, column {mark.column + 1}"
        raise ReviewYamlError(
            f"not valid YAML ({where}): {problem}", mark.line + 1, syntax=f"{where}: {problem}"
        ) from None


def load_review_yaml(text: str) -> dict:
    """The one way review.yml is read, by the site build and by the anonymiser alike: strict
    YAML (load_strict_yaml) with a mapping at the top."""
    data = load_strict_yaml(text, _NAMEABLE_KEYS, "review.yml")
    if not isinstance(data, dict):
        raise ReviewYamlError(f"must be a mapping of keys ({', '.join(KNOWN_KEYS)})")
    return data


def parse_review_yaml(path: Path, where: str) -> dict:
    try:
        return load_review_yaml(path.read_text(encoding="utf-8-sig"))
    except ReviewYamlError as error:
        raise ReviewFileError(f"{where}: {error.problem}") from error
    except UnicodeDecodeError as error:
        raise ReviewFileError(f"{where}: not UTF-8 text ({error.reason})") from error


def is_hidden(data: dict, where: str, today: date) -> bool:
    """True for a draft or an embargoed review: the site must hold no trace of it.

    Only `status` and the dates are checked here; a draft may be incomplete. A review is
    embargoed while `publish_on` is after today, and also while `published` is: a publication
    date in the future is an embargo that someone forgot to write as `publish_on`, and
    publishing early is the mistake that cannot be undone.
    """
    check = _Checker(where, data)
    status = check.choice("status", check.required("status"), STATUSES)
    if status == "draft":
        return True
    dates = [check.date(key) for key in ("publish_on", "published") if data.get(key) is not None]
    return any(day > today for day in dates)


def _documents(check: _Checker, folder: Path, read_files: bool) -> tuple[Document, ...]:
    check.required("documents")
    documents: list[Document] = []
    seen: set[str] = set()
    for index, entry in enumerate(check.mappings("documents")):
        key = f"documents[{index}]"
        file = entry.get("file")
        if not isinstance(file, str) or not _DOCUMENT_FILE.match(file) or file == "index.md":
            raise check.fail(
                f"{key}.file",
                f"must be the name of a Markdown file next to review.yml (lowercase letters, "
                f"digits, '-' or '_', ending in .md, not index.md), got {file!r}",
            )
        if file in seen:
            raise check.fail(f"{key}.file", f"lists {file!r} a second time")
        seen.add(file)
        kind = check.choice(f"{key}.kind", entry.get("kind"), tuple(DOCUMENT_KINDS))
        title = entry.get("title")
        if title is None:
            title = DOCUMENT_KINDS[kind]
        else:
            title = check.text(f"{key}.title", title, plain_title=True)
        markdown = None
        if read_files:
            path = folder / file
            # resolve() follows symlinks: a link pointing into source/ or elsewhere is refused.
            if not path.is_file() or path.resolve().parent != folder.resolve():
                raise check.fail(
                    f"{key}.file",
                    f"names {file!r}, which is not a file in {folder.name}/ (a link to a file "
                    "elsewhere, such as a draft in source/, is refused)",
                )
            try:
                markdown = read_document(path)
            except DocumentReadError as error:
                raise check.fail(f"{key}.file", f"names {file!r}, which {error}") from error
        documents.append(
            Document(
                file=file,
                kind=kind,
                title=title,
                markdown=markdown,
            )
        )
    return tuple(documents)


def _related(check: _Checker) -> tuple[RelatedLink, ...]:
    links = []
    for index, entry in enumerate(check.mappings("related")):
        title = check.text(f"related[{index}].title", entry.get("title"))
        url = check.text(f"related[{index}].url", entry.get("url"))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise check.fail(f"related[{index}].url", f"must be an http(s) address, got {url!r}")
        links.append(RelatedLink(title=title, url=url))
    return tuple(links)


def _summary_paragraphs(summary: str) -> tuple[str, ...]:
    """Paragraphs of a plain-text summary.

    A literal block (`|`) separates paragraphs by blank lines; a folded block (`>-`) turns a
    blank line into a single newline, so without blank lines every newline starts a paragraph.
    """
    blocks = (
        re.split(r"\n\s*\n", summary) if re.search(r"\n\s*\n", summary) else summary.split("\n")
    )
    return tuple(" ".join(block.split()) for block in blocks if block.strip())


def build_review(folder: Path, data: dict, where: str, vocabularies: Vocabularies) -> Review:
    """Check a review that is to be built and read its documents (if they are published)."""
    check = _Checker(where, data)
    for key in data:
        if key not in KNOWN_KEYS:
            log.warning(
                f"{where}: unknown key '{key}' is ignored; known keys: {_allowed(KNOWN_KEYS)}"
            )
    status = check.choice("status", data.get("status"), STATUSES)
    themes = data.get("themes") or []
    if not isinstance(themes, list):
        raise check.fail("themes", f"must be a list of theme keys, got {themes!r}")
    age_group = data.get("age_group")
    return Review(
        slug=folder.name,
        title=check.text("title", check.required("title"), plain_title=True),
        type=check.choice("type", check.required("type"), vocabularies.types),
        status=status,
        published=check.date("published"),
        summary=_summary_paragraphs(check.text("summary", check.required("summary"))),
        themes=tuple(
            dict.fromkeys(check.choice("themes", theme, vocabularies.themes) for theme in themes)
        ),
        age_group=None
        if age_group is None
        else check.choice("age_group", age_group, vocabularies.age_groups),
        documents=_documents(check, folder, read_files=status == "published"),
        related=_related(check),
    )
