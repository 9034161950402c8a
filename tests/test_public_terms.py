"""What a review makes public itself, and what identifies nobody: declared pseudonyms, defined
acronyms, the reviewer and public office holders (review_terms.py), large places
(public_places.py), role mailboxes, the dates of documents, courts and laws named after a
person. Each rule has positive and negative cases; the rules alone need no spaCy model."""

from __future__ import annotations

import pytest

from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.public_places import is_public_place
from anonymiser.detect.recognizers.dates import ExactDateRecognizer
from anonymiser.detect.recognizers.email import is_role_mailbox

TITLES = {"Dr", "Mr", "Mrs", "Ms", "Miss", "Prof", "Professor"}

from anonymiser.detect.review_terms import (  # noqa: E402
    declared_pseudonyms,
    defined_acronyms,
    official_names,
    reviewer_names,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The boy is referred to as Tomasz throughout this review.", {"Tomasz"}),
        ("She is referred to in this report as 'Bethan'.", {"Bethan"}),
        ("The name Warren is used as a pseudonym in this briefing.", {"Warren"}),
        ("an older woman, known as 'Edna' for the review, lived alone", {"Edna"}),
        ("The family chose the pseudonym 'Milo' for their son.", {"Milo"}),
        ("His name has been changed to Reuben.", {"Reuben"}),
        ("Harriet (not her real name) was 15.", {"Harriet"}),
        ("Safeguarding Adults Review: Desmond\n\nDesmond was 58.", {"Desmond"}),
        ("Domestic Homicide Review into the death of 'Rosalind'\n", {"Rosalind"}),
        ("'Cyril' | published 4 March 2022\n", {"Cyril"}),
        (
            "the death of Child Poppy was reviewed; it is referred to as Child Poppy",
            {"Child Poppy", "Poppy"},
        ),
        ("The name of the man has been altered to Ambrose to protect his identity.", {"Ambrose"}),
        ("Child T ‘Percival’ LCSPR report – March 2024", {"Percival"}),
        ("Ottilie Discretionary SAR (2023)\n\nOttilie lived alone.", {"Ottilie"}),
        ("- Barnaby: Local Child Safeguarding Practice Review\n", {"Barnaby"}),
        ("LSCPR Ignatius\n", {"Ignatius"}),
        (
            "DHR Case Marguerite\nDHR Case Philippa\n",
            {"Marguerite", "Philippa", "Case Marguerite", "Case Philippa"},
        ),
        # Not pseudonyms.
        ("Father, referred to as 'Gaz' by his friends, left.", set()),
        ("The Case Review Group met; the Case Management System was down.", set()),
        # A label's key to a real name, and a nickname, are no pseudonyms.
        ("Child E (Marisol) was born in May.", set()),
        ("Mother called Baby A “Mimi”, a family name.", set()),
        ("Ottilie Discretionary SAR (2023)\n\nOttilie Vane lived alone.", set()),
        ("Mother was known as Shaz to her friends.", set()),
        ("The panel is also referred to as the National Panel.", set()),
        # A title's name that the text also gives a surname is a real name, not a pseudonym.
        ("Safeguarding Adults Review: Desmond\n\nDesmond Arkwright was 58.", set()),
        ("Review into the death of Reports\n", set()),
    ],
)
def test_declared_pseudonyms(text, expected):
    assert declared_pseudonyms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Northfold Safeguarding Children Partnership (NSCP) met.", {"NSCP"}),
        ("a Public Protection Notice (PPN) was raised", {"PPN"}),
        ("under the Deprivation of Liberty Safeguards (DoLS) scheme", {"DoLS"}),
        ("the Independent Child Trafficking Guardian (ICTG) visited", {"ICTG"}),
        # A person's initials and a name in capitals are not acronyms of a body.
        ("The victim, Doreen Pask (DP), was 81.", set()),
        ("BABY C (FELIX) was seen", set()),
        ("He went to the shop (ASAP) later", set()),
    ],
)
def test_defined_acronyms(text, expected):
    assert defined_acronyms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Author: Dr Imogen Rusk, Independent Reviewer\n", {"Imogen Rusk"}),
        ("Lead Reviewer: Colm Dwyer\n", {"Colm Dwyer"}),
        (
            "The review was written by Hana Ostrowski, an independent social work consultant.",
            {"Hana Ostrowski"},
        ),
        ("Nell Garside, the Independent Chair and Author, met the family.", {"Nell Garside"}),
        # A front page: the name ends the line, a surname that is also a word ("Frame") included.
        ("Regulations 2006 Author Ysolde Frame\n", {"Ysolde Frame"}),
        # Anyone else in the chair is not the review's author.
        ("The Chair, Ivor Pennock, told the conference that the plan would end.", set()),
        ("The social worker, Abi Clegg, visited.", set()),
        ("The author Ysolde Frame wrote to the family about the plan.", set()),
        # Front matter and title blocks: a field in lower case, a combined role, two reviewers.
        ("---\nauthor: Tobias Wrenn\ndraft: 3\n---", {"Tobias Wrenn"}),
        ("Independent Chair and Author: Tobias Wrenn\n", {"Tobias Wrenn"}),
        (
            "Reviewers: Dr Anjali Varma and Cole Pryde, Pryde Associates\n",
            {"Anjali Varma", "Cole Pryde", "Pryde Associates"},
        ),
        # A field about someone else is not the author's.
        ("Victim: Tobias Wrenn\nauthored: no\n", set()),
    ],
)
def test_reviewer_names(text, expected):
    found = reviewer_names(text)
    full = {name for name in found if name.split()[0] not in TITLES and "." not in name}
    assert {name for name in full if len(name.split()[0]) > 1} == expected


def test_a_reviewer_is_also_kept_as_title_and_surname_but_never_the_surname_alone():
    names = reviewer_names("Author: Colm Dwyer\n")
    assert {"Colm Dwyer", "Dr Dwyer", "Mr Dwyer", "C. Dwyer", "Dr C. Dwyer"} <= names
    assert "Dwyer" not in names


def test_a_reviewer_s_own_practice_is_kept_too():
    text = "The review was carried out by Dr Enid Hollins of Hollins Associates for the board."
    names = reviewer_names(text)
    assert {"Enid Hollins", "Hollins Associates"} <= names
    assert "Hollins" not in names


@pytest.mark.parametrize(
    ("text", "practice"),
    [
        ("Author: Greta Fairlie, Fairlie Consulting\n", "Fairlie Consulting"),
        ("**Independent author: Greta Fairlie, Fairlie Associates**\n", "Fairlie Associates"),
        # A firm not named after the reviewer is not theirs to keep.
        ("Author: Greta Fairlie, Brightwater Care Ltd\n", None),
    ],
)
def test_a_practice_after_a_comma(text, practice):
    names = reviewer_names(text)
    assert "Greta Fairlie" in names
    if practice:
        assert practice in names
    else:
        assert not any("Brightwater" in name for name in names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moira Trant OBE opened the conference.", {"Moira Trant"}),
        ("Alun Pryde, Independent Scrutineer, wrote the foreword.", {"Alun Pryde"}),
        ("the Chief Executive, Dr Sunita Vail, agreed", {"Sunita Vail"}),
        # A councillor who writes about a family places it in a ward: not kept.
        ("Cllr Bernard Hoyle wrote to the Director.", set()),
        ("The health visitor, Gail Ambrose, visited.", set()),
    ],
)
def test_official_names(text, expected):
    assert official_names(text) == expected


@pytest.mark.parametrize(
    ("place", "public"),
    [
        ("Preston", True),
        ("Bradford", True),
        ("Cumbria", True),
        ("West Midlands", True),
        ("Poland", True),
        ("Western Australia", True),
        ("Bristol", True),
        # Villages, estates and invented places identify a family.
        ("Hollybank", False),
        ("Marlow Heath", False),
        ("Kelbridge", False),
        ("Penhale", False),
    ],
)
def test_public_places(place, public):
    assert is_public_place(place) is public


@pytest.mark.parametrize(
    ("address", "role"),
    [
        ("safeguarding@northfold.gov.uk", True),
        ("nscp@northfold.gov.uk", True),
        ("help@nspcc.org.uk", True),
        ("mash.referrals@northfold.gov.uk", True),
        ("admin@brookfield.sch.uk", True),
        # A person's address, or any address at a private domain.
        ("gail.ambrose@northfold.gov.uk", False),
        ("gambrose@northfold.gov.uk", False),
        ("g.ambrose@nhs.net", False),
        ("gailambrose@northfold.gov.uk", False),
        ("safeguarding@example.com", False),
        ("kayla.m@gmail.com", False),
    ],
)
def test_role_mailboxes(address, role):
    assert is_role_mailbox(address) is role


def dates_in(text: str) -> list[tuple[str, str]]:
    recognizer = ExactDateRecognizer()
    found = recognizer.analyze(text, recognizer.supported_entities)
    return [(r.entity_type, text[r.start : r.end]) for r in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The log shows 28-Jun-14 as the visit.", [("DATE", "28-Jun-14")]),
        ("She was seen on 3–4 May 2023 by the GP.", [("DATE", "3–4 May 2023")]),
        ("Visits on 16 and 17 January were missed.", [("DATE", "16 and 17 January")]),
        ("On 6 February the school rang.", [("DATE", "6 February")]),
        ("Discharged to mother's care 16/05.", [("DATE", "16/05")]),
        ("She scored 10/10 on the quiz, open 24/7.", []),
        # The date of a page or document is no event.
        ("Published 17.12.24", []),
        ("Last updated: 07 Jun 2019", []),
        ("Date: Tuesday, 12th Sep 2023 | Category: Training", [("DATE", "12th Sep 2023")]),
        ("Adult V Overview Report 04/04/2023", []),
        ("The plan was updated in March 2023.", []),
        # A day of the month the text has named: "on the 3rd", where no noun follows.
        ("The GP saw her on the 3rd, in the same week.", [("DATE", "the 3rd")]),
        ("He rang on the 21st and again on the 22nd.", [("DATE", "the 21st")]),
        ("Police attended on the 9th when she called.", [("DATE", "the 9th")]),
        ("They live on the 3rd floor of the block.", []),
        ("She passed on the 2nd attempt.", []),
        ("It was ranked on the 40th line.", []),
        ("Only the 3rd, not the 4th, visit happened.", []),
    ],
)
def test_dates(text, expected):
    found = dates_in(text)
    for item in expected:
        assert item in found
    if not expected:
        assert found == []


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        ("The case was heard at Tamworth Crown Court in June.", "Tamworth Crown Court"),
        ("The Family Court made a care order.", "Family Court"),
        ("Mother applied under Clare's Law in 2021.", "Clare's Law"),
        ("Martha's Rule now applies in hospitals.", "Martha's Rule"),
        ("The cause was Sudden Infant Death Syndrome.", "Sudden Infant Death Syndrome"),
        ("He had Duchenne Muscular Dystrophy.", "Duchenne Muscular Dystrophy"),
        ("The family visited over Christmas Eve.", "Christmas Eve"),
        ("They fasted during Ramadan and celebrated Eid.", "Eid"),
        # Court orders and legal instruments, national charities of the sector, apps.
        ("He applied for a Special Guardianship Order.", "Special Guardianship Order"),
        ("She was granted a Non-Molestation Order in May.", "Non-Molestation Order"),
        ("She was referred to Karma Nirvana for advice.", "Karma Nirvana"),
        ("She was referred to Victim Support.", "Victim Support"),
        ("He spoke to her on Skype most nights.", "Skype"),
    ],
)
def test_courts_laws_conditions_and_festivals_are_allowed(text, allowed):
    ranges = AllowList.build([]).allowed_ranges(text)
    assert any(allowed in text[a:b] for a, b in ranges)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Clare's mother rang the school.", "Clare"),
        ("Eve said she would call the health visitor.", "Eve"),
        ("Mr Easter attended the strategy meeting.", "Easter"),
        # A word of a shipped order or charity is not kept alone: "Power" is a surname here.
        ("Mr Power attended the strategy meeting.", "Power"),
    ],
)
def test_a_name_is_not_a_law_nor_a_festival(text, name):
    start = text.index(name)
    assert not AllowList.build([]).allowed_ranges(text).covers(start, start + len(name))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mother texted from 07700 900123 that night.", ["07700 900123"]),
        ("The nursery rang 0113 496 0528 twice.", ["0113 496 0528"]),
        ("He called +44 7700 900456 at once.", ["+44 7700 900456"]),
        # Organisations' non-geographic numbers: helplines and switchboards stay.
        ("Call the helpline on 0808 800 5000 for advice.", []),
        ("Worried about an adult? Call 0344 800 8020.", []),
        ("The partnership's number is 0300 123 4567.", []),
    ],
)
def test_phone_numbers_of_people_not_of_organisations(text, found):
    from anonymiser.detect.recognizers.uk_phone import UkPhoneRecognizer

    recognizer = UkPhoneRecognizer()
    assert [text[r.start : r.end] for r in recognizer.analyze(text, ["PHONE"])] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Her notes record her NHS number as 507 529 1780; the GP has 507 529 1708.",
            ["507 529 1780", "507 529 1708"],
        ),
        (
            "NHS No. 342 366 7125 (an earlier record shows 342 366 7152).",
            ["342 366 7125", "342 366 7152"],
        ),
        # Grouped the same way but with no NHS in its paragraph: left to the other recognizers.
        ("Call 020 794 6000 today.", []),
        ("The NHS trust replied.\n\nThe code 111 222 3333 was used.", []),
    ],
)
def test_numbers_grouped_as_nhs_numbers_near_nhs(text, found):
    from anonymiser.detect.recognizers.stated_nhs_number import StatedNhsNumberRecognizer

    recognizer = StatedNhsNumberRecognizer()
    assert [text[r.start : r.end] for r in recognizer.analyze(text, ["NHS_NUMBER"])] == found
