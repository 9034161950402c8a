"""Given names and surnames from many countries, to tell a name from an ordinary word.

The lists come from Faker's person providers (a maintained package: about 31,000 given names
and 28,000 surnames across 80+ locales, Polish, Romanian, Somali, Nigerian and Bangladeshi
included). They are read once, from the installed package; nothing is downloaded.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from anonymiser.fingerprints import normalise

_GIVEN_ATTRIBUTES = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
)


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
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
    # Only Latin-script names: the reviews are in English.
    return {normalise(str(v)) for v in values if str(v)[:1].isascii() or str(v)[:1].isalpha()}


def is_given_name(word: str) -> bool:
    return normalise(word) in _names()[0]


def is_surname(word: str) -> bool:
    return normalise(word) in _names()[1]


def is_name(word: str) -> bool:
    return is_given_name(word) or is_surname(word)
