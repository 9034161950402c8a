"""UK telephone numbers: mobiles and landlines, national or +44, spaced, hyphenated or not.

Non-geographic numbers (03, 08) are organisations' helplines and switchboards: they stay. So
does a landline the text gives as a public body's: paired with the body's shared mailbox
("0113 496 0100 / hbvscp@harrowdale.gov.uk"), as the number to "contact the partnership on", or
under a service's label ("Adult Social Care front door: 0113 496 0100"). A mobile never is."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from anonymiser.detect.recognizers.email import ADDRESS, is_role_mailbox

PATTERNS = [
    Pattern(
        "UK phone",
        r"(?<![\w+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w-])",
        0.6,
    ),
]
CONTEXT = ["phone", "telephone", "tel", "mobile", "number", "call", "text", "rang", "contact"]

_DIGIT = re.compile(r"\d")
_MAILBOX = ADDRESS
# A shared mailbox right after the number ("... 0100 / x@y.gov.uk", "... 0100 or email x@...",
# "Tel: ... 0100 E-mail: x@y.nhs.uk").
_MAILBOX_AFTER = re.compile(
    rf"[^\S\n]*(?:(?:/|\||,|\(|or|and)[^\S\n]*(?:e-?mail[^\S\n]*)?|(?i:e-?mail):[^\S\n]*)"
    rf"(?:at[^\S\n]+)?({_MAILBOX})"
)
# ... or right before it ("x@y.gov.uk | 0113 496 0000", "x@y.gov.uk or on 0113...").
_MAILBOX_BEFORE = re.compile(
    rf"({_MAILBOX})\)?[^\S\n]*(?:/|\||,|or|and)[^\S\n]*(?:on|tel(?:ephone)?:?|phone:?)?[^\S\n]*$"
)
_PUBLIC_LABEL = re.compile(
    r"(?:(?:(?:contact|call|ring|phone)\s+(?:the\s+)?(?:[A-Z][\w&]*\s+)*(?:partnership|board|"
    r"council|team|service|unit|hub|helpline|MASH)(?:\s+\w+){0,2}\s+on|(?:duty|help|advice|"
    r"contact|information|referral)\s?line|front\s+door|switchboard|reception)[^\S\n]*:?"
    r")[^\S\n]*$",
    re.IGNORECASE,
)


class UkPhoneRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entity="PHONE", patterns=PATTERNS, context=CONTEXT)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not public_landline(text, r.start, r.end)]

    def validate_result(self, pattern_text: str) -> bool | None:
        if not is_uk_number(pattern_text):
            return False
        digits = "".join(_DIGIT.findall(pattern_text))
        national = digits[2:] if digits.startswith("44") else digits[1:]
        # 01 and 02 landlines and 07 mobiles are people's (and organisations') numbers. 03
        # and 08 numbers (0300, 0344, 0800, 0808...) are organisations' only: helplines and
        # switchboards that a review publishes for its readers.
        return national[:1] in ("1", "2", "5", "7")


def is_uk_number(text: str) -> bool:
    """Whether `text` has the shape of any UK telephone number (a person's or not)."""
    digits = "".join(_DIGIT.findall(text))
    if digits.startswith("44"):
        national = digits[2:]
        return len(national) in (9, 10) and national[0] in "123578"
    # 01 and 02 landlines, 03 non-geographic, 07 mobiles, 08 freephone/shared cost.
    return len(digits) in (10, 11) and digits[1] in "123578"


def public_landline(text: str, start: int, end: int) -> bool:
    """Whether the landline at text[start:end] is given as a public body's (see the module)."""
    digits = "".join(_DIGIT.findall(text[start:end]))
    national = digits[2:] if digits.startswith("44") else digits[1:]
    if national[:1] not in ("1", "2"):
        return False
    after = _MAILBOX_AFTER.match(text, end)
    before = _MAILBOX_BEFORE.search(text, max(0, start - 80), start)
    mailbox = (after or before) and is_role_mailbox((after or before).group(1))
    label = _PUBLIC_LABEL.search(text, max(0, start - 80), start)
    return bool(mailbox or label)
