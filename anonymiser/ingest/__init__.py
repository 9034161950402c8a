"""Read review drafts into text: the part that will be published, and the parts that never are.

Every reader returns a `Document`. `body` is the Markdown that will be published once the
identifiers in it are replaced. `hidden` holds everything else a reader of the original file
could see (Word comments and their authors, tracked deletions, headers and footers, document
properties, PDF metadata and annotations, Markdown front matter and HTML comments). Hidden parts
are scanned for identifiers, which are then removed from the body of every document of the
review, but hidden text itself is never written out.

Every reader passes the text through `anonymiser.text.clean` before anything records a position
in it: a soft hyphen or zero-width joiner inside a name ("Kay\u00adleigh") would otherwise hide
the name from detection and reach the published page, where a browser shows it whole.

A reader that cannot read a file completely raises `InputError`: a part we could not read is a
part whose identifiers we could not find (fail closed).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from anonymiser.check.drafts import unnamed_file
from anonymiser.errors import InputError
from anonymiser.text import clean


@dataclass(frozen=True)
class HiddenPart:
    """Text from a document's internals. It is scanned, never published.

    `where` says where a person would see it ("comment 2", "header (section 1)",
    "property: author", "page 3 annotation"). `entity_type` is set when the whole text is known
    to be one identifier, e.g. "PERSON" for a comment's author or the document's last editor.
    """

    where: str
    text: str
    entity_type: str | None = None


@dataclass(frozen=True)
class Document:
    """One review document as text."""

    path: Path
    body: str
    hidden: tuple[HiddenPart, ...] = field(default_factory=tuple)

    @property
    def stem(self) -> str:
        return self.path.stem


def clean_hidden(parts: Iterable[HiddenPart]) -> tuple[HiddenPart, ...]:
    """Hidden parts as `anonymiser.text.clean` leaves them (no invisible characters, no
    look-alike letters), so that detection reads the same word a person sees; parts that clean
    to the same text are kept once."""
    cleaned = (HiddenPart(part.where, clean(part.text), part.entity_type) for part in parts)
    return tuple(dict.fromkeys(part for part in cleaned if part.text.strip()))


SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".docx", ".pdf")

# A review document is text and a few pictures: a file this large is almost certainly the wrong
# file (or a video or scan dump), and reading it would take more memory than a laptop spares.
MEGABYTE = 1024 * 1024
MAX_DOCUMENT_BYTES = 50 * MEGABYTE


def check_document_file(path: Path) -> int:
    """Refuse a missing, oversized or zero-byte file before any reader opens it; return its size."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as error:
        raise InputError(path, "does not exist.", "Check the file name and folder.") from error
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(
            path,
            f"is {size / MEGABYTE:.0f} MB, more than the {MAX_DOCUMENT_BYTES // MEGABYTE} MB the "
            "anonymiser reads.",
            "Check it is the right file. Remove large pictures or embedded files, or split the "
            "document, and try again.",
        )
    if size == 0:
        raise InputError(
            path, "is empty (0 bytes).", "Save the document again with its text and replace it."
        )
    return size


def read_document(path: Path) -> Document:
    """Read one draft, choosing the reader by file type."""
    # Imported here so that reading a text file never pays for loading the PDF or Word readers.
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        from anonymiser.ingest.markdown import read_markdown

        return read_markdown(path)
    if suffix == ".txt":
        from anonymiser.ingest.text import read_text

        return read_text(path)
    if suffix == ".docx":
        from anonymiser.ingest.docx import read_docx

        return read_docx(path)
    if suffix == ".pdf":
        from anonymiser.ingest.pdf import read_pdf

        return read_pdf(path)
    raise InputError(
        path,
        f"is a {suffix or 'file without an extension'}, which the anonymiser cannot read.",
        "Save it as Word (.docx), PDF (with text), Markdown (.md) or plain text (.txt).",
    )


def list_drafts(folder: Path, kinds: Collection[str] = ()) -> list[Path]:
    """The documents in a folder, in a stable order. Anything unreadable is an error.

    With `kinds` (a review's drafts, see ReviewFolder.drafts), every document must be named by
    one of them, and that is checked first, before anything else is said about any file: a
    draft named after the family would otherwise have its name printed, written into the
    published file's name and into redactions.yml. The error describes the file, never names it.
    """
    if not folder.is_dir():
        raise InputError(folder, "is not a folder.", "Give the folder that holds the drafts.")
    candidates = [
        path
        for path in sorted(folder.iterdir())
        # Editor lock files and hidden files are not documents; nor is a folder.
        if not path.name.startswith((".", "~$")) and not path.is_dir()
    ]
    if kinds:
        for path in candidates:
            if path.stem not in kinds:
                raise InputError(
                    folder,
                    f"a draft is not named by its kind ({unnamed_file(path.name)}).",
                    f"Rename it to one of {', '.join(kinds)}, keeping its extension, or move it "
                    "out of the folder.",
                )
    for path in candidates:
        if path.is_symlink() and path.resolve().parent != folder.resolve():
            raise InputError(
                path,
                # Not where it leads: a folder elsewhere may be named after the family.
                f"is a link to a file outside {folder}.",
                "Copy the document itself into the folder instead of linking to it.",
            )
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise InputError(
                path,
                "is not a document type the anonymiser can read.",
                "Remove it from the folder, or save it as .docx, .pdf, .md or .txt.",
            )
    if not candidates:
        raise InputError(folder, "holds no documents.", "Put the review's drafts in it first.")
    return candidates
