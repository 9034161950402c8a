"""National Insurance numbers the text says are NI numbers, whatever their prefix.

Presidio's recognizer (uk_ids.py) rejects the prefixes HMRC never issues ("QQ", "BG", "ZZ"...),
which is right for a bare match; but "National Insurance number QQ 12 34 56 A" is someone's
number as written (a specimen, a typing error), so with the label nearby any two capitals,
six digits and a final letter A to D count.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from anonymiser.detect.recognizers.base import ContextRequiredRecognizer


class StatedNiNumberRecognizer(ContextRequiredRecognizer):
    ENTITY = "NI_NUMBER"
    # The shape is distinctive, so the label may stand a little further back than right before:
    # "her NI number had been recorded wrongly (his number, AB 12 34 56 C, ...)".
    WINDOW = 90
    PATTERNS = [
        Pattern(
            "NI number shape",
            r"(?<![\w-])[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![\w-])",
            0.6,
        ),
        # A temporary number: "TN", the date of birth and M or F ("TN 02 04 07 M").
        Pattern(
            "temporary NI number",
            r"(?<![\w-])TN\s?\d{2}\s?\d{2}\s?\d{2}\s?[MF](?![\w-])",
            0.6,
        ),
    ]
    CONTEXT = ["National Insurance", "NI number", "NI no", "NINO"]
