"""People a text names in a public capacity, beyond its reviewer and office holders
(review_terms.py): what a published page says about its authors and the public figures it
cites. Each rule needs a signal that a draft's family members never carry:

- an academic thanked by title, or an author's note: "grateful to Professor Marian Brandon",
  "Dr Peter Sidebotham is ... Emeritus Professor";
- an "Authors" heading, or a byline that starts its line: "By Bruno Ornelas, Head of Service",
  "Guest blog by Frank Mullane, CEO of AAFDA";
- a public role beside the name, after a comma, a dash or in brackets: "Simon Hart -
  Independent Chair", "Edward Timpson (Chair of the Panel)", "Richard Potter, Independent
  Researcher"; or before it: "Review Panel Member, Prof Peter Sidebotham";
- academic degrees after the name, as an author signs: "Simon Kerss, MA, BA (Hons.)";
- staff thanked from a government department or the national panel: "Jenny Gray ... from the
  Department for Education"; a doctor thanked from a university;
- an honour on a report's author: "Sir Alan Wood's report";
- the subjects of a national review, named with their surnames: "the national review into the
  murders of Arthur Labinjo-Hughes and Star Hobson".

A clinician named with a clinical role ("Dr Joanna Reid, Consultant Paediatrician") or a
practitioner ("Jo Bloggs, Head of Service" mid-sentence) is none of these: in a draft, a
practitioner is redacted like anyone else. Only full names (a given name and a surname) are
returned, with the title forms of the surname ("Professor Brandon"): never a surname or a given
name alone, which a family member may share.
"""

from __future__ import annotations

import re

from anonymiser.detect.gazetteer import is_given_name
from anonymiser.detect.names import is_common_word

# One to three capitalised words on one line (a hyphen inside: "Preston-Shoot").
_NAME = r"[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}"
_TITLE = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss)\.?\s+)?"
_TITLES = ("Dr", "Prof", "Professor", "Mr", "Mrs", "Ms", "Miss", "Sir", "Dame")

# An academic thanked: "We are grateful to Professor Jane Roe", "thank Prof Ann Lee for her
# advice". (A professor named alone may be a child's treating clinician.)
ACADEMIC = re.compile(
    rf"\b(?i:grateful\s+to|thanks?(?:\s+(?:are\s+)?(?:also\s+)?due)?(?:\s+to)?|thanking)\s+"
    rf"(?:(?:[A-Z][\w'’-]+[ \t]+){{1,3}}and\s+)?(?:Emeritus\s+)?(?:Professor|Prof\.?)[ \t]+"
    rf"({_NAME})"
)
# An author's note, in the present tense: "Michael Preston-Shoot is Professor Emeritus of
# Social Work", "Dr Peter Sidebotham is a retired Consultant Paediatrician and Emeritus
# Professor". Not "was" (a victim's past work) nor a professor at work (a clinician).
IS_ACADEMIC = re.compile(
    rf"\b{_TITLE}({_NAME})[ \t]+is[ \t]+[^.\n]{{0,60}}?\b(?:Emeritus[ \t]+Professor|Professor"
    rf"[ \t]+Emeritus)\b"
)
# A line that is the heading of the authors' notes: "Authors", "About the authors:".
AUTHORS_HEADING = re.compile(r"(?im)^[\s#*]*(?:about[ \t]+the[ \t]+)?authors?[ \t]*:?[ \t]*$")
AUTHORS_WINDOW = 600
_TITLED_NAME = re.compile(rf"{_TITLE}({_NAME})")
# An author's affiliation: "are members of the Centre for Research ... University of Anglia".
AFFILIATION = re.compile(
    r"\b(?:University|Institute|Centre|Faculty|School[ \t]+of|Department|College|members?[ \t]+"
    r"of)\b"
)
# A byline at the start of its line: "By Bruno Ornelas, Head of Service, VOICES", "Guest blog
# by Frank Mullane, CEO", "This blog was written by Annie Hudson, Chair of ...".
BYLINE = re.compile(
    rf"(?m)^[\s*_]*(?:(?:Guest[ \t]+|This[ \t]+)?(?:blog|article|foreword|briefing)[ \t]+"
    rf"(?:was[ \t]+)?(?:written[ \t]+)?)?[Bb]y[ \t]+{_TITLE}({_NAME})[ \t]*,"
)
# Public and governance roles. Not casework, clinical or research jobs, nor a company's
# officers or a church's minister: a family member may hold one.
_PUBLIC_ROLE = (
    r"(?:Independent[ \t]+(?:Scrutineer|Chair|Reviewer|Researcher|Author|Consultant|"
    r"Safeguarding[ \t]+Consultant)|Chair[ \t]+of[ \t]+the|Cabinet[ \t]+Member|Lead[ \t]+Member|"
    r"Secretary[ \t]+of[ \t]+State|Minister[ \t]+(?:for|of[ \t]+State)|Member[ \t]+of[ \t]+"
    r"Parliament|Children['’]s[ \t]+Commissioner|Domestic[ \t]+Abuse[ \t]+Commissioner|"
    r"(?:Clinical|Emeritus)[ \t]+Professor)"
)
# "Simon Hart - Independent Chair", "Edward Timpson (Chair of the Panel)", "Karen Rees – an
# Independent Safeguarding Consultant".
WITH_ROLE = re.compile(
    rf"\b{_TITLE}({_NAME})[ \t]*(?:,|[-–—]|\()[ \t]*(?:an?[ \t]+|the[ \t]+)?{_PUBLIC_ROLE}\b"
)
# The role first: "Child Safeguarding Practice Review Panel Member, Prof Peter Sidebotham said".
ROLE_BEFORE = re.compile(
    rf"\b(?:Review[ \t]+Panel[ \t]+Member|Independent[ \t]+(?:Chair|Scrutineer|Reviewer)),?[ \t]+"
    rf"{_TITLE}({_NAME})"
)
# A name with academic degrees, as an author signs: "Simon Kerss, MA, BA (Hons.)".
DEGREES = re.compile(
    rf"\b{_TITLE}({_NAME}),[ \t]+(?:BA|BSc|MA|MSc|MPhil|DPhil|PhD|LLB|LLM|MBA|MRes)\b"
)
# Staff of a government department or of the national panel, thanked or cited: "Jenny Gray,
# Isabella Craig and Nigel Gee from the Department for Education", "John Leppard from the
# Panel secretariat". Names may wrap onto the next line. Not "of" or "at" a body, nor a
# ministry or a university without a title: a parent may serve in the forces or study.
_WRAPPED_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}"
_NAME_LIST = rf"(?:{_TITLE}{_WRAPPED_NAME}(?:,\s*|\s+and\s+|\s*&\s*))*{_TITLE}{_WRAPPED_NAME}"
NATIONAL_STAFF = re.compile(
    rf"({_NAME_LIST})\s+from\s+the\s+(?:Department\s+(?:for|of)|Home\s+Office|Cabinet\s+Office|"
    rf"Child\s+Safeguarding\s+Practice\s+Review\s+Panel|Panel\s+secretariat)"
)
# Thanks to a doctor from a university: "Thanks are also due to Dr Peter Sidebotham from
# Warwick University for his comments".
UNIVERSITY_DOCTOR = re.compile(
    rf"\b(?i:grateful|thanks?|thanking)\b[^.]{{0,40}}?\bDr\.?\s+({_WRAPPED_NAME})\s+from\s+"
    rf"(?:the\s+)?(?:University\s+of|[A-Z][a-z]+\s+University\b)"
)
_LISTED = re.compile(rf"{_TITLE}({_WRAPPED_NAME})")
# A report by its author's name and honour: "Sir Alan Wood's report", "Dame Jane Roe's review".
HONOUR = re.compile(
    rf"\b(?:Sir|Dame|Baroness|Baron|Lord)[ \t]+({_NAME})['’]s?[ \t]+(?:[A-Z]?[a-z]+[ \t]+)?"
    rf"(?:report|review|inquiry|recommendations)\b"
)
# "the national review into the murders of Arthur Labinjo-Hughes and Star Hobson".
NATIONAL_REVIEW = re.compile(
    rf"\b(?:[Nn]ational|Panel['’]s)[ \t]+review[ \t]+into[ \t]+the[ \t]+(?:murders?|deaths?)"
    rf"[ \t]+of[ \t]+({_NAME})(?:[ \t]+and[ \t]+({_NAME}))?"
)


def _full_name(name: str) -> str | None:
    """The name as a given name and a surname; None for anything else (a lone word, a heading
    such as "Key Points")."""
    words = re.sub(r"['’]s$", "", name).split()
    # Less a common word or a post-nominal after the name: "Gaynor Pryce OBE".
    while len(words) > 2 and (is_common_word(words[-1]) or words[-1].isupper()):
        words.pop()
    if len(words) < 2 or not is_given_name(words[0]) or is_common_word(words[0]):
        return None
    return " ".join(words)


def _with_title_forms(names: set[str]) -> set[str]:
    found = set(names)
    for name in names:
        surname = name.split()[-1]
        found |= {f"{title} {surname}" for title in _TITLES}
        found |= {f"{title} {name}" for title in _TITLES}
    return found


def _authors_under_heading(text: str) -> set[str]:
    """The names in the paragraphs under an "Authors" heading that say where the authors
    work; the first paragraph that does not ends the notes (the report's text follows)."""
    names = set()
    for heading in AUTHORS_HEADING.finditer(text):
        window = text[heading.end() : heading.end() + AUTHORS_WINDOW]
        for paragraph in re.split(r"\n[ \t]*\n", window.strip("\n")):
            if not AFFILIATION.search(paragraph):
                break
            names |= {m.group(1) for m in _TITLED_NAME.finditer(paragraph)}
    return names


def public_people(text: str) -> set[str]:
    """The full names of the people `text` names in a public capacity (see the module's
    docstring), with the title forms of their surnames."""
    patterns = (ACADEMIC, IS_ACADEMIC, BYLINE, WITH_ROLE, ROLE_BEFORE, DEGREES, HONOUR)
    raw = {m.group(1) for pattern in patterns for m in pattern.finditer(text)}
    for staff in NATIONAL_STAFF.finditer(text):
        raw |= {" ".join(m.group(1).split()) for m in _LISTED.finditer(staff.group(1))}
    raw |= {" ".join(m.group(1).split()) for m in UNIVERSITY_DOCTOR.finditer(text)}
    raw |= _authors_under_heading(text)
    for match in NATIONAL_REVIEW.finditer(text):
        raw |= {name for name in match.groups() if name}
    names = {full for name in raw if (full := _full_name(name))}
    return _with_title_forms(names)
