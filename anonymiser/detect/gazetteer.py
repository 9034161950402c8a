"""Given names and surnames from many countries, to tell a name from an ordinary word.

Two sources, both read from installed files (nothing is downloaded):

- Faker's person providers (a maintained package): about 31,000 given names and 28,000
  surnames across 80+ locales, curated, so a name there is a name even when it is also a word
  ("Hope", "Will", "Bell").
- An extract of names-dataset shipped in anonymiser/data/names (see scripts/build_gazetteer.py):
  the popular names of 105 countries, about 100,000 given names and 190,000 surnames, which
  covers Somali, Nigerian, Punjabi or Bangladeshi names Faker lacks ("Hodan", "Funmilayo",
  "Harjit", "Nasrin"). It is collected from the web and holds noise ("The", "Target"), so a name
  found only there counts only when it is not a common English word.
"""

from __future__ import annotations

import gzip
import importlib
import pkgutil
from functools import lru_cache
from importlib import resources

from wordfreq import zipf_frequency

from anonymiser.text import normalise

_GIVEN_ATTRIBUTES = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
)
# Above this frequency a word found only in the web-collected lists is taken as a word.
WORD_ZIPF = 4.0


@lru_cache(maxsize=1)
def _curated() -> tuple[frozenset[str], frozenset[str]]:
    import faker.providers.person as people

    given: set[str] = set()
    surnames: set[str] = set()
    for module in pkgutil.iter_modules(people.__path__):
        provider = getattr(
            importlib.import_module(f"{people.__name__}.{module.name}"), "Provider", None
        )
        if provider is None:
            continue
        for attribute in _GIVEN_ATTRIBUTES:
            given.update(_as_names(provider.__dict__.get(attribute)))
        surnames.update(_as_names(provider.__dict__.get("last_names")))
    return frozenset(given), frozenset(surnames)


def _as_names(values) -> set[str]:
    if isinstance(values, dict):
        values = values.keys()
    if not isinstance(values, (list, tuple, set, frozenset, type({}.keys()))):
        return set()
    return {normalise(str(value)) for value in values if str(value)[:1].isalpha()}


@lru_cache(maxsize=2)
def _collected(name: str) -> frozenset[str]:
    data = resources.files("anonymiser.data").joinpath("names").joinpath(name).read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split())


def is_given_name(word: str) -> bool:
    norm = normalise(word)
    if norm in _curated()[0]:
        return True
    return norm in _collected("given.txt.gz") and zipf_frequency(norm, "en") < WORD_ZIPF


def is_surname(word: str) -> bool:
    norm = normalise(word)
    if norm in _curated()[1]:
        return True
    return norm in _collected("surnames.txt.gz") and zipf_frequency(norm, "en") < WORD_ZIPF


def is_name(word: str) -> bool:
    """Known as a name by the curated lists: used to decide that a common word is a name."""
    norm = normalise(word)
    return norm in _curated()[0] or norm in _curated()[1]
