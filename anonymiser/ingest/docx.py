"""Read a Word (.docx) draft: its body as Markdown, and everything else as hidden parts.

A .docx is a zip of XML parts. Before anything is decompressed or handed to pandoc we check that
it is one: not an encrypted or old binary Word file (those are OLE2 compound files), not a damaged
zip, not a zip bomb, not carrying macros.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from anonymiser.errors import InputError
from anonymiser.ingest import Document, check_document_file, clean_hidden
from anonymiser.ingest.docx_internals import read_internals
from anonymiser.ingest.docx_markdown import docx_to_markdown
from anonymiser.ingest.docx_slim import slim_docx
from anonymiser.text import clean

# The parts of a review document (text and pictures) are far below this once decompressed; a
# zip that claims more is a zip bomb or not a review document.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream name an encrypted OOXML file keeps its content in, as written in the OLE2
# directory (UTF-16LE); some tools also write it in ASCII elsewhere in the file.
ENCRYPTED_PACKAGE_NAMES = ("EncryptedPackage".encode("utf-16-le"), b"EncryptedPackage")
RESAVE_ADVICE = "Open it in Word and save it again as .docx."


def read_docx(path: Path) -> Document:
    check_document_file(path)
    with path.open("rb") as file:
        start = file.read(len(OLE2_SIGNATURE))
    if start == OLE2_SIGNATURE:
        raise _ole2_error(path)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise InputError(
            path, "is not a valid Word document (it may be damaged).", RESAVE_ADVICE
        ) from error
    with archive:
        check_package(path, archive)
        # pandoc reads a slimmed copy from its stdin (see docx_slim): same text, less to parse.
        # pandoc keeps Word's optional hyphen (<w:softHyphen/>) as U+00AD and its non-breaking
        # hyphen as U+2011: clean makes them nothing and "-".
        body = clean(docx_to_markdown(path, slim_docx(archive)))
        hidden = clean_hidden(read_internals(archive, path, body))
    if not body.strip():
        raise InputError(
            path,
            "is empty: it has no text to publish.",
            "If its pages are pictures (scans), it needs OCR or a text version of the document.",
        )
    return Document(path=path, body=body, hidden=hidden)


def _ole2_error(path: Path) -> InputError:
    data = path.read_bytes()
    if any(name in data for name in ENCRYPTED_PACKAGE_NAMES):
        return InputError(
            path,
            "is password-protected, so the anonymiser cannot read it.",
            "Open it in Word, remove the password (File > Info > Protect Document > Encrypt with "
            "Password, then clear it), save it and try again.",
        )
    return InputError(
        path,
        "is an old-format Word document (.doc) with a .docx name.",
        "Open it in Word and use Save As > Word Document (.docx).",
    )


def check_package(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs, damaged zips and macros before decompressing anything."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise InputError(
            path,
            f"holds {len(members)} files inside, far more than a Word document has.",
            "It is not a normal Word document: " + RESAVE_ADVICE,
        )
    # The sizes in the zip directory are what each part claims to decompress to; Python's zip
    # reader stops at the claimed size, so a lying entry cannot make us read more.
    claimed = sum(member.file_size for member in members)
    if claimed > MAX_UNCOMPRESSED_BYTES:
        raise InputError(
            path,
            f"would unpack to {claimed // 1024 // 1024} MB, more than the "
            f"{MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB a Word document can safely have "
            "(it may be a zip bomb).",
            "Check that it is the right file. If it is, remove large embedded files, then open "
            "it in Word and save it again as .docx.",
        )
    names = {member.filename for member in members}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise InputError(
            path,
            "contains macros, which the anonymiser does not open.",
            "Open it in Word and save it as a Word Document (.docx) without macros.",
        )
    if "[Content_Types].xml" not in names:
        raise InputError(path, "is not a valid Word document (it may be damaged).", RESAVE_ADVICE)
    try:
        damaged = archive.testzip()  # reads every part and checks its checksum
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise InputError(
            path, "is not a valid Word document (it may be damaged).", RESAVE_ADVICE
        ) from error
    if damaged is not None:
        raise InputError(
            path,
            f"is not a valid Word document (it may be damaged): its part {damaged} is corrupt.",
            RESAVE_ADVICE,
        )
