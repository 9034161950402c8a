"""Email addresses. Our own pattern: Presidio's validates with tldextract, which goes online."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from anonymiser.detect.gazetteer import is_name

# An email address (also used by uk_phone.py to find a body's mailbox beside its number).
ADDRESS = (
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
    r"\.[A-Za-z]{2,}\b"
)
PATTERNS = [Pattern("email", ADDRESS, 0.9)]
CONTEXT = ["email", "e-mail", "mail"]


# Domains of public bodies and charities: their role mailboxes ("safeguarding@", "lscp@",
# "help@nspcc.org.uk") are published contact points, not a person's address.
PUBLIC_DOMAINS = re.compile(
    r"\.(?:gov\.uk|gov\.wales|gov\.scot|nhs\.uk|nhs\.net|police\.uk|org\.uk|sch\.uk|ac\.uk)$",
    re.IGNORECASE,
)
_LOCAL_WORDS = re.compile(r"[A-Za-z]+")


def is_role_mailbox(address: str) -> bool:
    """A public body's shared mailbox: a public domain, and a local part that holds no name
    ("jo.bloggs@council.gov.uk" and "jbloggs@..." are a person's)."""
    local, _, domain = address.partition("@")
    if not PUBLIC_DOMAINS.search(domain):
        return False
    words = _LOCAL_WORDS.findall(local)
    if len(words) > 1 and any(len(word) == 1 for word in words):
        return False  # "j.bloggs", "jo.b"
    return not any(_holds_a_name(word.casefold()) for word in words if len(word) > 2)


def _holds_a_name(word: str) -> bool:
    """A name, or a name run together: "kaydenmarsh", "jbloggs" (initial and surname). The
    curated name lists only: the collected ones hold words like "mash" and "team"."""
    if is_name(word):
        return True
    if any(len(word) - cut >= 4 and is_name(word[cut:]) for cut in (1, 2)):
        return True
    return any(is_name(word[:cut]) and is_name(word[cut:]) for cut in range(3, len(word) - 2))


class EmailRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entity="EMAIL", patterns=PATTERNS, context=CONTEXT)

    def invalidate_result(self, pattern_text: str) -> bool | None:
        return is_role_mailbox(pattern_text)
