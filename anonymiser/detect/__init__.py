"""Finding identifiers in text: spaCy NER through Presidio, UK recognizers, the allow-list.

`Detector` and `Span` live in detector.py; they are imported from here lazily, so that code
which only needs the light parts of this package (types, the allow-list) does not load Presidio
and spaCy at start-up.
"""

from __future__ import annotations


def __getattr__(name: str):
    if name in ("Detector", "Span"):
        from anonymiser.detect import detector

        return getattr(detector, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
