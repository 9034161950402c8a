"""Email addresses. Our own pattern: Presidio's validates with tldextract, which goes online."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

PATTERNS = [
    Pattern(
        "email",
        r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b",
        0.9,
    )
]
CONTEXT = ["email", "e-mail", "mail"]


class EmailRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entity="EMAIL", patterns=PATTERNS, context=CONTEXT)
