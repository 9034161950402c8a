"""Pagefind's index, metadata and filter files: gzip-compressed CBOR whose text strings are the
indexed words (stemmed, lower-case), page hashes and filter values.

Only the text strings matter here, and in CBOR every item starts with a header that says how
long it is, so one pass over the headers, without rebuilding arrays and maps, visits every
string in order.
"""

from __future__ import annotations

from pathlib import Path

from anonymiser.check.surfaces import Surface, SurfaceBuilder
from anonymiser.errors import InputError

# Index words are written one per line with a bar between them, so that no pattern (a phone
# number, a postcode) is read across two words that only happen to be neighbours in the index.
_SEPARATOR = "\n|\n"


def cbor_surface(path: Path, data: bytes, start: int) -> Surface:
    builder = SurfaceBuilder()
    for offset, text in cbor_strings(path, data, start):
        builder.add(text, offset)
        builder.add(_SEPARATOR, offset)
    surface = builder.build(path, data, prose=False)
    surface.parts.insert(0, (0, 0, "decompressed"))
    return surface


def cbor_strings(path: Path, data: bytes, start: int = 0) -> list[tuple[int, str]]:
    """(offset, text) of every CBOR text string in `data` from `start` on."""
    found: list[tuple[int, str]] = []
    at, end = start, len(data)
    while at < end:
        initial = data[at]
        major, info = initial >> 5, initial & 0x1F
        at += 1
        if info < 24:
            argument = info
        elif info <= 27:
            size = 1 << (info - 24)
            if at + size > end:
                raise InputError(path, "ends in the middle of an item (a truncated index?).")
            argument = int.from_bytes(data[at : at + size], "big")
            at += size
        elif info == 31:
            continue  # an indefinite-length container or string: its items follow, then a break
        else:
            raise InputError(path, f"is not valid CBOR (reserved header at byte {at - 1}).")
        if major in (2, 3):  # byte string, text string
            if at + argument > end:
                raise InputError(path, "ends in the middle of a string (a truncated index?).")
            if major == 3:
                try:
                    found.append((at, data[at : at + argument].decode("utf-8")))
                except UnicodeDecodeError:
                    raise InputError(
                        path, f"has a text string that is not UTF-8 at byte {at}."
                    ) from None
            at += argument
        # Integers, containers' headers, tags and simple values carry no text: their argument
        # (already skipped) is all there is to them, and a container's items follow in turn.
    return found
