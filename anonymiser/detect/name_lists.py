"""Names in a list: "Max Carey, Kiki Cuyler, Rabbit Maranville, and Pie Traynor".

When most items of a comma-separated list of capitalised two- or three-word items are names
the detector already found, the others are names too, whatever the name lists say about
"Rabbit" or "Pie". Reviews list people this way (the practitioners who took part, a household).
"""

from __future__ import annotations

import re

ITEM = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}"
NAME_LIST = re.compile(
    rf"{ITEM}(?:\s*,\s*(?:and\s+|or\s+)?{ITEM})+(?:\s*,?\s+(?:and|or)\s+{ITEM})?"
)
_ITEM = re.compile(ITEM)


def complete_name_lists(text: str, people: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Extents of list items that are not yet among `people` but whose list is mostly names."""
    found: list[tuple[int, int]] = []
    for listing in NAME_LIST.finditer(text):
        items = [m.span() for m in _ITEM.finditer(listing.group())]
        items = [(listing.start() + a, listing.start() + b) for a, b in items]
        known = [i for i in items if any(s < i[1] and i[0] < e for s, e in people)]
        if len(items) >= 3 and len(known) * 2 > len(items):
            # Every item, also those found only in part ("Traynor" of "Pie Traynor").
            found += [i for i in items if (i[0], i[1]) not in people]
    return found
