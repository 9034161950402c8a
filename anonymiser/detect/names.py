"""Deciding which NER spans are people's names.

The small spaCy model often labels a person's name as an organisation or a facility
("Kayden Marsh" as ORG). A span that is shaped like a name (one to three capitalised words, no
word that organisations and services are named with) is taken as a person.
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from anonymiser.detect.gazetteer import is_given_name, is_name, is_surname
from anonymiser.text import normalise

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
        "fellowship",
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

PARTICLES = frozenset(
    "de da di du del della der den van von le la y bin ibn al el ter ten st".split()
)
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


def is_name_token(token: str) -> bool:
    """A capitalised word in any alphabet ("Wójcik", "McLaughlin", "O'Neal", "Jean-Luc"), a
    word in capitals ("KAYDEN") or an initial ("F.")."""
    core = token.strip('.,"“”')
    if not core or not core[0].isupper():
        return False
    return all(ch.isalpha() or ch in "'’-" for ch in core)


def is_not_name_word(token: str) -> bool:
    word = token.casefold().strip(".,")
    return word in NOT_NAME_WORDS or (word.endswith("s") and word[:-1] in NOT_NAME_WORDS)


def looks_like_name(text: str) -> bool:
    """One to five capitalised words (particles like "de" or "von" between them allowed), none
    of them an organisation or calendar word."""
    tokens = text.replace("’s", "").replace("'s", "").split()
    if not 1 <= len(tokens) <= 5:
        return False
    if any(is_not_name_word(token) for token in tokens):
        return False
    inner = tokens[1:-1]
    if not (is_name_token(tokens[0]) and is_name_token(tokens[-1])):
        return False
    if not all(is_name_token(t) or t.casefold() in PARTICLES for t in inner):
        return False
    # A lone initial or a short acronym is not a name we can act on.
    return not (len(tokens) == 1 and len(tokens[0].strip(".")) <= 3 and tokens[0].isupper())


# After a name: initials, a particle and a capitalised word, or a generational suffix.
_NAME_TAIL = re.compile(
    r"(?:\s+(?:[A-Z]\.|(?:de|da|di|du|del|della|der|den|van|von|le|la|y|bin|ibn|al|el)\s+"
    r"[^\W\d_][\w'’-]*|Jr\.?|Sr\.?|I{1,3}|IV|VI{0,3})(?![\w]))+"
    # A nickname in quotation marks before the surname: Harold "Junior" Theriault.
    r"|\s+[\"“][A-Z][\w'’-]*[\"”]\s+[A-Z][\w'’-]+"
)
# Before a name: a given name and middle initials ("George F. " before "Hauser").
_CLOSE_NICKNAME = re.compile(r"[\"”]\s+[A-Z][\w'’-]+")
_INITIALS_BEFORE = re.compile(r"(?:\b[A-Z]\.\s+)+$")
# A given name (and middle name) with a quoted nickname before the surname we were given.
_NICKNAME_BEFORE = re.compile(
    r"\b([A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)?\s+[\"“][^\"”\n]{1,20}[\"”]\s+$"
)
_WORD_BEFORE = re.compile(r"\b([^\W\d_][\w'’-]*)\s+$")


def expand_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a name over what belongs to it: "George F. Hauser Jr." from "Hauser", "Henrique
    Lopes de Mendonça" from "Henrique Lopes"."""
    tail = _NAME_TAIL.match(text, end)
    if tail:
        end = tail.end()
    if sum(text.count(quote, start, end) for quote in '"“”') % 2:
        # Cut inside a quoted nickname (William "Buckshot): take its close and the surname.
        close = _CLOSE_NICKNAME.match(text, end)
        end = close.end() if close else end
    initials = _INITIALS_BEFORE.search(text, max(0, start - 12), start)
    if initials:
        start = initials.start()
    nickname = _NICKNAME_BEFORE.search(text, max(0, start - 60), start)
    if nickname and is_given_name(nickname.group(1)):
        start = nickname.start(1)
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    word = before.group(1) if before else ""
    if word and is_name_token(word) and is_given_name(word) and not is_common_word(word):
        start = before.start(1)
    return start, end


def is_common_word(text: str) -> bool:
    """A single word that is common English and in no list of names ("Status", "Target")."""
    word = text.strip().casefold()
    if " " in word or is_name(word):
        return False
    return zipf_frequency(word, "en") >= COMMON_WORD_ZIPF


_PLACE_PREPOSITION = re.compile(r"\b(?:in|near|from|at|around|outside|village\s+of)\s+$", re.I)


# Before a place a person is not: "moved to", "born in", "returned from".
_TRAVEL_PREPOSITION = re.compile(
    r"\b(?:in|near|from|around|outside|village\s+of|(?:moved|returned|travelled|went|back|"
    r"relocated|fled|came|flew)\s+(?:back\s+)?to|born\s+in)\s+$",
    re.I,
)


def reads_as_place(text: str, start: int, end: int, any_word: bool = False) -> bool:
    """A lone capitalised word after "in", "near" or "from" that no list knows as a given name
    ("lived in Holmsby") is a place: it is still removed, but labelled as a place. With
    `any_word`, a given name or several words after such a preposition count too."""
    word = text[start:end]
    if not any_word and (" " in word or is_given_name(word)):
        return False
    before = _TRAVEL_PREPOSITION if any_word else _PLACE_PREPOSITION
    return before.search(text, max(0, start - 16), start) is not None


# A word this rare is no ordinary word: "Responder" (2.8) is one, "Kairo" is not.
ORDINARY_WORD_ZIPF = 2.5


def only_ordinary_words(text: str) -> bool:
    """Every word of `text` is an English word ("Missing People", "Appreciative Inquiry")."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return bool(words) and all(zipf_frequency(w, "en") >= ORDINARY_WORD_ZIPF for w in words)


def holds_a_name(text: str) -> bool:
    """Some word of `text` is a given name or surname that is not also a common English word.

    NER alone also takes headings, table headers and sentence starts for names ("Refusal",
    "Action Lead", "Case reviews ..."); a name we must not miss almost always has a part the
    name lists know ("Jolene Brackenridge")."""
    for word in normalise(text).split():
        known = is_given_name(word) or is_surname(word)
        if known and zipf_frequency(word, "en") < COMMON_WORD_ZIPF:
            return True
    return False


# A name right before one of these nouns is the name of a method, a tool or a body of guidance
# ("Fraser guidelines", "SafeLives guidance", "the Brook traffic light tool" is found by its
# first word): a person of the review is never written directly before "guidelines".
_METHOD_NOUN = re.compile(
    r"[^\S\n]+(?:guidance|guidelines?|criteria|principles|toolkit|tool|model|framework|"
    r"protocol|programme|training|methodology|scale|checklist|competence|ruling|judgment|"
    r"judgement|inquiry|curriculum)\b"
)


# ... unless a verb that takes a person and a thing stands before it: "gave Kayden guidance".
_GIVEN_TO = re.compile(
    r"\b(?:give|gives|gave|given|giving|offer|offers|offered|offering|provide|provides|provided|"
    r"providing|show|showed|shown|send|sent|owe|owed|get|got)[^\S\n]+$",
    re.IGNORECASE,
)


def names_a_method(text: str, start: int, end: int) -> bool:
    """Whether the name at `start`-`end` of `text` names a method, a tool or guidance."""
    if _GIVEN_TO.search(text, max(0, start - 12), start):
        return False
    return _METHOD_NOUN.match(text, end) is not None


_GIVEN_AND_SURNAME = re.compile(r"([A-Z][a-z'’-]+)\s+[A-Z]")


def given_name_and_surname_at(text: str, start: int, end: int) -> bool:
    """Whether a given name and a surname start at `start`: a common word before them is a
    label or a role, not part of the name ("Evidence Review Lead Beverley Heatman"; "Camera
    Shanahan" has no given name)."""
    found = _GIVEN_AND_SURNAME.match(text, start, end)
    return bool(found) and is_given_name(found.group(1)) and not is_common_word(found.group(1))
