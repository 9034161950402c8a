"""Build the name lists in anonymiser/data/names/ from the names-dataset package.

names-dataset (MIT licence, https://github.com/philipperemy/name-dataset) holds first and last
names from 105 countries with their popularity rank in each. We keep every name that ranks in
the top GIVEN_RANK (first names) or SURNAME_RANK (last names) of at least one country: about
100,000 given names and 190,000 surnames, compressed to about 1 MB. Loading the whole dataset
needs about 2 GB of memory and ten seconds, which is why the product ships this extract
instead of loading the package at run time.

Run after upgrading names-dataset:  .venv/bin/pip install names-dataset && \
    .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

GIVEN_RANK = 2000
SURNAME_RANK = 3000
OUT = Path(__file__).resolve().parents[1] / "anonymiser" / "data" / "names"
# One word of letters, with inner apostrophes or hyphens ("O'Neil", "Jean-Luc").
WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def popular(names: dict, max_rank: int) -> list[str]:
    kept = set()
    for name, info in names.items():
        ranks = info.get("rank") or {}
        if ranks and min(ranks.values()) <= max_rank and WORD.match(name):
            kept.add(name.casefold())
    return sorted(kept)


def write(path: Path, names: list[str]) -> None:
    # mtime=0: the same input always gives the same bytes, so git sees no spurious change.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(("\n".join(names) + "\n").encode("utf-8"))


def main() -> None:
    from names_dataset import NameDataset

    dataset = NameDataset()
    OUT.mkdir(parents=True, exist_ok=True)
    given = popular(dataset.first_names, GIVEN_RANK)
    surnames = popular(dataset.last_names, SURNAME_RANK)
    write(OUT / "given.txt.gz", given)
    write(OUT / "surnames.txt.gz", surnames)
    print(f"{len(given)} given names, {len(surnames)} surnames written to {OUT}")


if __name__ == "__main__":
    main()
