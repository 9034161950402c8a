"""Usernames without "@" and the names of group chats, each recognizer alone (no NLP engine).

Every example is invented for these tests.
"""

from __future__ import annotations

import pytest

from anonymiser.detect.recognizers.bare_handle import BareHandleRecognizer
from anonymiser.detect.recognizers.group_chat import GroupChatRecognizer


def found(recognizer, text: str) -> set[str]:
    return {text[r.start : r.end] for r in recognizer.analyze(text, recognizer.supported_entities)}


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        # Capitals inside a word that also holds digits.
        ("His Xbox gamer tag, DrexViper22, was active at night.", "DrexViper22"),
        ("He played as MJTorrance09 until three in the morning.", "MJTorrance09"),
        ('She signed her posts "SkyeIsGr8".', "SkyeIsGr8"),
        # The "xX...Xx" frame.
        ("Her Roblox name was xXPoppyLunaXx at the time.", "xXPoppyLunaXx"),
        ("A second account, XxdarkangelxX, followed her.", "XxdarkangelxX"),
        # Words joined by underscores, also with a trailing underscore.
        ("A user called n1ght_owl_ messaged her.", "n1ght_owl_"),
        ("He was known online as tdogg_official07.", "tdogg_official07"),
        ("The account lost_girlz_club shared images.", "lost_girlz_club"),
        ("Posts from moody_teen were reported.", "moody_teen"),
        # Digits for letters.
        ("Messages came from sh4d0wboi and others.", "sh4d0wboi"),
        # Dotted usernames with a word about accounts nearby.
        ("Her Snapchat account was amz.b.x and was public.", "amz.b.x"),
        ("He used the username riz.k.04 on TikTok.", "riz.k.04"),
        ('The Instagram profile "jadey.lou" was private.', "jadey.lou"),
    ],
)
def test_finds_usernames(text, handle):
    assert handle in found(BareHandleRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "Write to safeguarding@eastmoor.gov.uk or visit www.eastmoor.gov.uk/lscp today.",
        "See facebook.com/some.page.12 and @poppy_luna for the account itself.",
        "The file report_v2.docx and the image scan_003.jpg were shared.",
        "The notes are in `last_modified_by` and `review_date` fields.",
        "csc_id: 4471\nallocated_sw: Jo",
        "The ratio was 3.5 and rose to 12.75 by 2023.",
        "Paragraphs 4.2.1 and 5.10 set out the findings (see s.47 and para.4.2).",
        "He was in KS2 and later KS3; COVID-19 restrictions applied; the A1 and M62 were shut.",
        "Agencies should, e.g. in supervision, i.e. monthly, review cases at 9 a.m. in the U.K.",
        "Children under18s and covid19s were counted.",
        "The meeting was at 10.30am and again at 2.15pm.",
        "She bought an iPhone12 and moved up to Year7A.",
        "The 1st, 2nd and 3rd visits took place in Q3 2022.",
        "A friend, ellz.b.x, was mentioned.",  # a dotted word needs an account nearby
        "Section 47 enquiries began on 14.03.2023.",
        "Call Childline on 0800 1111 or the NSPCC on 0808 800 5000.",
    ],
)
def test_keeps_ordinary_text(text):
    assert found(BareHandleRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('She was added to a group chat called "year 9 girlies" in May.', "year 9 girlies"),
        ("The boys used a group chat named ‘Southside Mandem’.", "Southside Mandem"),
        ("He invited her to a Discord server called 'the void'.", "the void"),
        ("The family WhatsApp group, 'Okafor Fam', was used daily.", "Okafor Fam"),
        ("Threats were posted in the group 'NO SNITCHES'.", "NO SNITCHES"),
        ("Another message, in the Snapchat group BLOCK BOYZ, read: 'move'.", "BLOCK BOYZ"),
        ('The chat was renamed "bye felicia" within a week.', "bye felicia"),
        ('In her form group, called "the besties", she was targeted.', "the besties"),
    ],
)
def test_finds_group_chat_names(text, name):
    assert name in found(GroupChatRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        'Messages from the chat included "where r u" and "dont tell anyone".',
        'In the group chat: "who told?" was posted at 2am.',
        'Group chats, "secret" accounts and streaks were discussed.',
        "The working group 'Safer Streets' met in June 2023.",
        "A peer support group called 'Mums Together' helped her.",
        "The group's leader said 'we tried' to the panel.",
        'The focus group said "we felt ignored by services, all the time".',
        "The Child Safeguarding Practice Review Panel group met in March 2024.",
    ],
)
def test_keeps_messages_and_meetings(text):
    assert found(GroupChatRecognizer(), text) == set()
