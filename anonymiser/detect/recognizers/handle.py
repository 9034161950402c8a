"""Social media handles (@name) and links to personal profiles."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

HANDLE_PATTERNS = [Pattern("handle", r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,29})\b", 0.8)]
HANDLE_CONTEXT = ["instagram", "snapchat", "tiktok", "twitter", "facebook", "account", "handle"]

PROFILE_SITES = (
    "facebook.com",
    "fb.com",
    "instagram.com",
    "tiktok.com",
    "snapchat.com",
    "twitter.com",
    "x.com",
    "youtube.com",
    "linkedin.com",
    "threads.net",
    "onlyfans.com",
)
_SITES = "|".join(site.replace(".", r"\.") for site in PROFILE_SITES)
PROFILE_PATTERNS = [
    Pattern("profile url", rf"\b(?:https?://)?(?:www\.|m\.)?(?:{_SITES})/[^\s)\]>\"']+", 0.9)
]


class HandleRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="HANDLE", patterns=HANDLE_PATTERNS, context=HANDLE_CONTEXT
        )


class ProfileUrlRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entity="URL", patterns=PROFILE_PATTERNS)
