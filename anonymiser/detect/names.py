"""Deciding which NER spans are people's names.

The small spaCy model often labels a person's name as an organisation or a facility
("Kayden Marsh" as ORG). A span that is shaped like a name (one to three capitalised words, no
word that organisations and services are named with) is taken as a person.
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from anonymiser.detect.gazetteer import is_name

# Words that organisations, services, places and documents are named with, never people.
NOT_NAME_WORDS = frozenset(
    [
        "act",
        "acts",
        "agency",
        "alliance",
        "ambulance",
        "association",
        "authority",
        "board",
        "borough",
        "bureau",
        "care",
        "centre",
        "charity",
        "children",
        "clinic",
        "college",
        "commission",
        "committee",
        "community",
        "conference",
        "constabulary",
        "council",
        "county",
        "court",
        "department",
        "district",
        "education",
        "emergency",
        "england",
        "estate",
        "faculty",
        "family",
        "foundation",
        "group",
        "health",
        "home",
        "hospital",
        "house",
        "housing",
        "hub",
        "institute",
        "meeting",
        "ministry",
        "network",
        "nhs",
        "nursery",
        "office",
        "panel",
        "partnership",
        "plan",
        "police",
        "practice",
        "primary",
        "programme",
        "project",
        "report",
        "review",
        "safeguarding",
        "school",
        "service",
        "services",
        "social",
        "society",
        "street",
        "support",
        "surgery",
        "team",
        "trust",
        "unit",
        "university",
        "ward",
        "and",
        "of",
        "the",
        "for",
        "report",
        "summary",
        "briefing",
        "response",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "national",
        "insurance",
        "number",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# A lone capitalised word this common ("Status", "Complete") is a word, unless it is a name.
COMMON_WORD_ZIPF = 4.0

NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zà-ÿ'’-]*|[A-Z]{2,}|[A-Z]\.?)$")


def looks_like_name(text: str) -> bool:
    """One to four capitalised words, none of them an organisation or calendar word."""
    tokens = text.replace("’s", "").replace("'s", "").split()
    if not 1 <= len(tokens) <= 4:
        return False
    if any(token.casefold().strip(".,") in NOT_NAME_WORDS for token in tokens):
        return False
    if not all(NAME_TOKEN.match(token.strip(".,")) for token in tokens):
        return False
    # A lone initial or a lone two-letter acronym is not a name we can act on.
    return not (len(tokens) == 1 and len(tokens[0].strip(".")) <= 3 and tokens[0].isupper())


def is_common_word(text: str) -> bool:
    """A single word that is common English and in no list of names ("Status", "Target")."""
    word = text.strip().casefold()
    if " " in word or is_name(word):
        return False
    return zipf_frequency(word, "en") >= COMMON_WORD_ZIPF
