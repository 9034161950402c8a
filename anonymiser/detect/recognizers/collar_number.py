"""Police collar (shoulder) numbers: "PC 3318", "DC 6604", "PS 1907", "DS 245", "PCSO 7120".
A rank's abbreviation with two to five digits names one officer as surely as a name does.

The abbreviations are matched in capitals only and never inside a longer word ("UKSC 12"), so
"KS2", "Year 7", "section 47" or a "PS" after a letter's signature never fit.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from anonymiser.detect.recognizers.base import ShapeRecognizer

RANKS = ["PCSO", "PC", "TDC", "DC", "PS", "DS", "DSgt", "Sgt"]


class CollarNumberRecognizer(ShapeRecognizer):
    ENTITY = "REFERENCE"
    PATTERNS = [
        Pattern(
            "rank and collar number",
            # Written without a space only with three digits or more ("PC4471", not "DC10").
            rf"(?<![\w/-])(?:{'|'.join(RANKS)})(?:\s\d{{2,5}}|\d{{3,5}})(?![\w-]|[.,:]\d)",
            0.7,
        ),
    ]
    CONTEXT = ["officer", "police", "constable", "sergeant", "collar number"]
