"""Terms a review makes public itself, found in its own text: the pseudonyms it declares, the
acronyms it defines, and the name of its independent reviewer.

Each is a label or a public fact, not an identifier of the family:
- "referred to in this report as 'Jaden'", "the name has been changed to Beth", "known as Adam
  in this report": the review's pseudonym, which must stay as written;
- "Harrowdale Safeguarding Children Partnership (HSCP)": an acronym that the text defines for a
  capitalised name stays wherever the review uses it (an acronym is not a person's initials);
- "Author: Paul Hennessy, Independent Reviewer", "The independent reviewer, Dr Jo Reid, ...":
  statutory guidance expects the reviewer's name to be published.
"""

from __future__ import annotations

import re

from anonymiser.detect.gazetteer import is_given_name, is_surname
from anonymiser.detect.names import holds_a_name, is_common_word, looks_like_name
from anonymiser.detect.public_people import public_people
from anonymiser.detect.recognizers.defined_acronym import is_private_institution_acronym

# One to three capitalised words on one line.
_NAME = r"[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}"
# A whole name (never cut inside a word), in quotation marks or not.
_QUOTED_NAME = rf"[\"'‘“]?({_NAME})(?!\w)[\"'’”]?"

_IN_THIS = (
    r"(?:in|within|throughout|for)\s+(?:this|the)\s+(?:report|review|summary|briefing|document)"
)
# Declared pseudonyms, stated as such. The pseudonym is group 1.
DECLARATIONS = [
    # "referred to as Stephen throughout this review", "referred to in this report as 'Jaden'"
    # (but "referred to as 'Daz' by his friends" is a nickname).
    re.compile(rf"\breferred\s+to\s+(?:{_IN_THIS}\s+)?as\s+{_QUOTED_NAME}(?![\"'’”]?\s+by\b)"),
    # "known as 'Joan' for the review", "known in this report as Adam"
    re.compile(rf"\b(?:known|called|described)\s+{_IN_THIS}\s+as\s+{_QUOTED_NAME}"),
    re.compile(
        rf"\b(?:known|called|named)\s+as\s+{_QUOTED_NAME}\s+(?:{_IN_THIS}|for\s+(?:the|this)\s+"
        rf"(?:review|report|purposes))"
    ),
    re.compile(rf"\b(?:the|a)\s+pseudonym\s+(?:of\s+)?{_QUOTED_NAME}"),
    # "the name has been changed to Beth", "This name of the individual subject to this review
    # has been altered to William to protect their identity"
    re.compile(
        rf"\bnames?\b[^.\n]{{0,60}}?\b(?:changed|altered|amended|anonymised)\s+to\s+{_QUOTED_NAME}"
    ),
    # A label with a letter and, in quotation marks, the name the report gives it: "Child L
    # 'Franklyn' LCSPR report". Not in brackets: "Baby A (Oliwia)" is the key to a real name;
    # not after "called": 'Mother called Baby A "Oliwka"' is a nickname.
    re.compile(
        r"(?<!called )(?<!calls )(?<!call )"
        r"\b(?:Child|Baby|Adult|Young\s+Person|Case|Family|Mr|Mrs|Ms)\s+[A-Z]\s+[\"'‘“]([A-Z][a-z]+)[\"'’”]"
    ),
    # "The name Peter is used as a pseudonym", "the pseudonym 'Beth' has been used"
    re.compile(
        rf"\b(?:name|pseudonym)\s+(?:of\s+)?{_QUOTED_NAME}\s+(?:is|was|has\s+been)\s+"
        rf"(?:used|chosen|given|agreed)"
    ),
    re.compile(rf"{_QUOTED_NAME}\s+(?:is|was|has\s+been)\s+(?:used\s+as\s+)?(?:a|the)\s+pseudonym"),
    re.compile(rf"{_QUOTED_NAME}\s*\((?:a\s+)?pseudonym\)"),
    re.compile(rf"{_QUOTED_NAME}\s*\(not\s+(?:his|her|their)\s+real\s+name\)"),
]
_REVIEW_KIND = (
    r"(?:Safeguarding\s+Adults?\s+Review|SAR|Domestic\s+(?:Homicide|Abuse\s+Related\s+Death)\s+"
    r"Review|DHR|DARDR|(?:Local\s+)?Child\s+Safeguarding\s+Practice\s+Review|L?CSPR|Serious\s+"
    r"Case\s+Review|SCR|(?:Multi-[Aa]gency\s+)?(?:Learning|Practice|Rapid|Case)\s+Review|Review)"
)
# A review's title that names its subject by one given name: "Safeguarding Adults Review:
# Brian", "Domestic Homicide Review into the death of 'Alina'", "'Barry' | published ...".
# Group 1 is the name; it counts only if the text never gives it a surname (see below).
TITLES = [
    # "Safeguarding Adults Review in relation to Clare (February 2024)", "Safeguarding Adult
    # Review Report for Sasha".
    re.compile(
        rf"(?m)^[\s#*]*{_REVIEW_KIND}(?:\s+Report)?(?:\s+(?:into\s+the\s+death\s+of|concerning|"
        rf"regarding|in\s+relation\s+to|about|of|for))?\s*[:–—-]?\s*[\"'‘“]?([A-Z][a-z]+)[\"'’”]?"
        rf"(?:[ \t]*\([^()\n]{{1,30}}\))?[\s*]*$"
    ),
    # "'Cyril' | published 4 March 2022", "Louise | published February 2024".
    re.compile(r"(?m)^[\s#*]*[\"'‘“]([A-Z][a-z]+)[\"'’”]\s*[|–—-]\s*[Pp]ublished\b"),
    re.compile(r"(?m)^[\s#*]*([A-Z][a-z]+)[ \t]*\|[ \t]*[Pp]ublished\b"),
    # The national collection's list, where the area is withheld: "2019 – Anonymous – Katie".
    re.compile(
        r"(?m)^[\s#*]*(?:19|20)\d{2}[ \t]*[–—-][ \t]*Anonymous[ \t]*[–—-][ \t]*([A-Z][a-z]+)[ \t]*$"
    ),
    # A review's report by the name in quotation marks: "the DHR report ‘(Louise)’".
    re.compile(r"\b(?:[Rr]eport|[Rr]eview)[ \t]+[\"'‘“]\(?([A-Z][a-z]+)\)?[\"'’”]"),
    # A briefing's link by its subject's name: '"Jenny" (PDF, 224 Kb)'.
    re.compile(r"(?m)^[\s#*•-]*[\"'‘“]([A-Z][a-z]+)[\"'’”][ \t]*\((?:PDF|Word|DOCX?)\b"),
    # A published review in a sentence: "has published the overview report ... for the
    # domestic homicide review conducted into the death of Charlotte". (A draft's "This review
    # into the death of Jayden" is no title: the draft is not published.)
    re.compile(
        r"\bpublished\b[^.\n]{0,120}?\b(?:[Rr]eview|DHR|SAR|DARDR)[ \t]+(?:(?:conducted|carried"
        r"[ \t]+out)[ \t]+)?into[ \t]+the[ \t]+death[ \t]+of[ \t]+[\"'‘“]?([A-Z][a-z]+)\b[\"'’”]?"
        r"(?![ \t]+[A-Z])"
    ),
    # The name first: "Clive Discretionary SAR (2024)", "Franklyn: Local Child Safeguarding
    # Practice Review", "LSCPR Jason".
    re.compile(
        rf"(?m)^[\s#*-]*[\"'‘“]?([A-Z][a-z]+)[\"'’”]?\s*[:–—-]?\s*(?:(?:Discretionary|Thematic|"
        rf"Joint)\s+)?{_REVIEW_KIND}\b"
    ),
    re.compile(
        r"(?m)^[\s#*-]*(?:SAR|DHR|SCR|L?S?CSPR|LSCPR|DARDR)\s+[\"'‘“]?([A-Z][a-z]+)[\"'’”]?\s*$"
    ),
    # A domestic homicide review's case name: "Case Diana", "DHR Case Leanne".
    re.compile(r"\bCase[ \t]+([A-Z][a-z]+)\b(?![ \t]+[A-Z][a-z])"),
]
_LABELLED = re.compile(r"(?:Child|Baby|Adult|Young\s+Person|Case)\s+([A-Z][a-z]+)")
_WITH_SURNAME = r"\b{name}[ \t]+(?:[A-Z]\.?[ \t]+)?[A-Z][a-z]+"
# "Full Name Of A Body (FNOAB)": the acronym in brackets right after at least two capitalised
# words. Group 1 is the acronym.
DEFINED_ACRONYM = re.compile(
    r"(?:\b[A-Z][\w'’&-]*\s+(?:(?:of|and|for|the|in|&|on)\s+)*){2,}\(([A-Z][A-Za-z&]{1,9})\)"
)
# The acronym of a body is in capitals, perhaps with lower-case letters inside ("DoLS", "LeDeR").
_ACRONYM_SHAPE = re.compile(r"[A-Z](?:[A-Za-z&]*[A-Z])?[a-z]?")

# A chair alone may chair anything (a case conference); the review's is independent.
_REVIEWER_ROLE = (
    r"(?:(?:(?:[Ll]ead|[Ii]ndependent)\s+)?(?:[Rr]eviewer|[Aa]uthor)|[Oo]verview\s+[Aa]uthor|"
    r"[Ii]ndependent\s+[Cc]hair(?:\s+and\s+[Aa]uthor)?|[Cc]hair\s+and\s+[Aa]uthor)"
)
_TITLE = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss)\.?\s+)?"
# The review's author. Group 1 is the name.
REVIEWER = [
    # A title block's or front matter's field: "Independent Chair and Author: ...", "author:
    # ...", "Reviewers: Dr A Person and B Person".
    re.compile(
        rf"(?m)^[\s*#|-]*(?i:(?:Independent\s+)?(?:Lead\s+)?(?:Reviewer|Author|Independent\s+Chair|"
        rf"Overview\s+author|Report\s+author|Written\s+by|Prepared\s+by)s?"
        rf"(?:\s+and\s+(?:Lead\s+)?(?:Reviewer|Author)s?)?)\s*[:|]\s*[*_]*"
        rf"{_TITLE}({_NAME})(?:[ \t]+and[ \t]+{_TITLE}({_NAME}))?"
    ),
    re.compile(rf"\b{_TITLE}({_NAME}),\s+(?:the\s+|an\s+|our\s+)?{_REVIEWER_ROLE}\b"),
    re.compile(
        rf"\b(?:[Tt]he|[Oo]ur|[Aa]n)\s+{_REVIEWER_ROLE}\s*(?:,|was|is|:)\s*{_TITLE}({_NAME})"
    ),
    re.compile(
        rf"\b(?:written|authored|led|chaired)\s+by\s+{_TITLE}({_NAME}),?\s+(?:an?\s+)?"
        rf"(?:independent|the\s+independent)"
    ),
]


# A front page's name line over its role line: "Professor Jane Roe\n\nIndependent Overview
# Report Writer".
REVIEWER_OVER_ROLE = re.compile(
    rf"(?m)^[ \t]*{_TITLE}({_NAME})[ \t]*\n\s*(?:Independent\s+)?(?:Lead\s+)?(?:Reviewer|Author|"
    rf"Overview\s+(?:Report\s+)?(?:Writer|Author)|Chair\s+and\s+Author)[ \t]*$"
)
# A report's front page: "... Regulations 2006 Author Hayley Frame". The name ends its line, so
# all of it is the name (a surname may be a common word: "Frame").
REVIEWER_ENDING_LINE = re.compile(
    rf"\b(?:Author|Lead\s+Reviewer|Independent\s+Reviewer)\s+{_TITLE}({_NAME})[ \t]*$", re.M
)


def _short_for_what_precedes(text: str, name: str, start: int) -> bool:
    """ "Brightwater Community Care Ltd (referred to in this report as Brightwater)": a short
    name for the organisation just named, not a person's pseudonym."""
    before = text[max(0, start - 120) : start]
    return re.search(rf"\b{re.escape(name)}[ \t]+[A-Z]", before) is not None


def _clean(name: str) -> str:
    """A name as captured, less a closing quote and what follows a name on its line: a
    degree ("MA"), a common word ("Presented to the board")."""
    words = re.sub(r"['’]s$", "", name).strip("'’").split()
    while len(words) > 1 and (
        (words[-1].isupper() and len(words[-1]) <= 4) or is_common_word(words[-1])
    ):
        # After a given name alone, a common word is the surname: "Author: Sheila Fish, ...".
        if len(words) == 2 and not words[-1].isupper() and is_given_name(words[0]):
            break
        words.pop()
    return " ".join(words).strip("'’")


# Public office holders named in their office: "Jane Doe OBE", "Jane Doe, Independent
# Scrutineer". Not "Cllr Jane Doe": a ward councillor who wrote about a family places it in the
# ward. Group 1 is the name.
OFFICIALS = [
    re.compile(rf"\b{_TITLE}({_NAME}),?\s+(?:OBE|MBE|CBE|QC|KC|MP)\b"),
    re.compile(
        rf"\b{_TITLE}({_NAME}),\s+(?:the\s+|our\s+)?(?:Independent\s+(?:Scrutineer|Chair)|"
        rf"Chair\s+of\s+the|Director\s+of|Chief\s+(?:Executive|Constable|Nurse|Officer)|"
        rf"Executive\s+Director|Cabinet\s+Member|Lead\s+Member)\b"
    ),
    re.compile(
        rf"\b(?:Independent\s+(?:Scrutineer|Chair)|Chief\s+Executive|Chief\s+Constable|"
        rf"Director\s+of\s+[A-Z][\w']+(?:\s+[A-Z][\w']+)*),?\s+{_TITLE}({_NAME})"
    ),
]


def official_names(text: str) -> set[str]:
    return {_clean(m.group(1)) for pattern in OFFICIALS for m in pattern.finditer(text)}


def declared_pseudonyms(text: str) -> set[str]:
    declared = {
        _clean(m.group(1))
        for pattern in DECLARATIONS
        for m in pattern.finditer(text)
        if not _short_for_what_precedes(text, _clean(m.group(1)), m.start())
    }
    titled = {
        m.group(1)
        for pattern in TITLES
        for m in pattern.finditer(text)
        if is_given_name(m.group(1))
    }
    # A pseudonym has no surname; a draft whose title uses a real given name also gives the
    # surname somewhere ("Joan Whitaker"), and then the title's name is no pseudonym.
    found = declared | {name for name in titled if not _has_surname(name, text)}
    # "Child Jody" is also "Jody" in the review's text, and "Case Diana" is "Diana"'s label.
    found |= {m.group(1) for name in found if (m := _LABELLED.fullmatch(name))}
    return found | {
        label.group(0)
        for name in found
        for label in re.finditer(
            rf"\b(?:Child|Baby|Adult|Young\s+Person|Case)\s+{re.escape(name)}\b", text
        )
    }


def _has_surname(name: str, text: str) -> bool:
    """Whether the text writes `name` with a surname after it ("Joan Whitaker"); the words of a
    review's title ("Clive Discretionary SAR") and common words are no surname."""
    for match in re.finditer(_WITH_SURNAME.format(name=re.escape(name)), text):
        after = text[match.start() + len(name) :].lstrip(" \t")
        word = re.match(r"[A-Za-z.]+", after).group()
        if is_common_word(word) or re.match(
            rf"(?:(?:Discretionary|Thematic|Joint)\s+)?{_REVIEW_KIND}\b", after
        ):
            continue
        return True
    return False


def defined_acronyms(text: str) -> set[str]:
    """Acronyms defined for a body or a scheme. Not a person's initials ("Maureen Pryce (MP)")
    nor a name in capitals ("BABY B (OSCAR)")."""
    found = set()
    for match in DEFINED_ACRONYM.finditer(text):
        acronym = match.group(1)
        if not _ACRONYM_SHAPE.fullmatch(acronym) or sum(ch.isupper() for ch in acronym) < 2:
            continue
        in_capitals = acronym.isupper()
        if in_capitals and (is_given_name(acronym) or is_surname(acronym)):
            continue
        words = match.group(0)[: match.start(1) - match.start(0) - 1].split()
        named = " ".join(words[-len(acronym) :])
        if looks_like_name(named) and holds_a_name(named):
            continue
        # "Harrowdale Royal Infirmary (HRI)" names one hospital: its acronym identifies too.
        if is_private_institution_acronym(acronym, text, match.start(1) - 1):
            continue
        found.add(acronym)
    return found


_TITLES = ("Dr", "Mr", "Mrs", "Ms", "Miss", "Professor", "Prof")
# "carried out by Dr Fiona Marr, who is independent", "commissioned Marcus Ebden, an independent
# safeguarding consultant": the review's author, where "independent" stands near by.
_BY_WHOM = re.compile(
    rf"\b(?:carried\s+out|undertaken|conducted|led|written|authored|chaired|completed|"
    rf"prepared|commissioned|appointed)(?:\s+by)?\s+(?:the\s+)?(?:independent\s+(?:author|"
    rf"reviewer|chair|consultant)\s+)?{_TITLE}({_NAME})"
)
_INDEPENDENT = re.compile(r"\bindependent\b", re.IGNORECASE)
_INDEPENDENT_BY = re.compile(
    rf"\bby\s+{_TITLE}({_NAME}),?\s+(?:who\s+(?:is|was)\s+|an?\s+)independent\b"
)
# The reviewer's practice: "Dr Alison Threlfall of Threlfall Associates", "Ruth Cawthorne,
# Cawthorne Consulting".
_PRACTICE = rf"(?:[ \t]+(?:of|from|at),?[ \t]+|,[ \t]*)({_NAME})"


def reviewer_names(text: str) -> set[str]:
    """The reviewer's full name, and their surname after a title or an initial ("Dr Reid",
    "J. Reid"): never the surname alone, which a family member may share. Their practice
    ("Reid Associates") too, where the text names it after them."""
    names = {
        _clean(name)
        for pattern in REVIEWER
        for m in pattern.finditer(text)
        for name in m.groups()
        if name
    }
    names |= {m.group(1) for m in REVIEWER_ENDING_LINE.finditer(text)}
    names |= {_clean(m.group(1)) for m in REVIEWER_OVER_ROLE.finditer(text)}
    for m in _BY_WHOM.finditer(text):
        name = _clean(m.group(1))
        practice = re.match(_PRACTICE, text[m.end() :])
        own_practice = practice and name.split()[-1] in practice.group(1)
        if own_practice or _INDEPENDENT.search(text, max(0, m.start() - 80), m.end() + 80):
            names.add(name)
    names |= {_clean(m.group(1)) for m in _INDEPENDENT_BY.finditer(text)}
    names = {name for name in names if " " in name and not is_common_word(name.split()[0])}
    found = set(names)
    for name in names:
        first, surname = name.split()[0], name.split()[-1]
        found |= {f"{title} {surname}" for title in _TITLES}
        found |= {f"{first[0]}. {surname}", f"{first[0]} {surname}"}
        found |= {f"{title} {first[0]}. {surname}" for title in _TITLES}
        practice = re.search(re.escape(name) + _PRACTICE, text)
        if practice and surname in practice.group(1) and " " in practice.group(1):
            found.add(practice.group(1))
    return found


def review_terms(texts: list[str]) -> set[str]:
    """Every term the review's own text makes public (see the module's docstring)."""
    terms: set[str] = set()
    for text in texts:
        terms |= declared_pseudonyms(text) | defined_acronyms(text) | reviewer_names(text)
        terms |= official_names(text) | public_people(text)
    return terms
