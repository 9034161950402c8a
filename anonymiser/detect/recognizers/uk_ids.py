"""Presidio's own UK recognizers (NHS number with its checksum, NI number, postcode),
re-labelled with our entity types, and ours for NHS and NI numbers the text labels as such
but which Presidio's checks reject."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import (
    NhsRecognizer,
    UkNinoRecognizer,
    UkPostcodeRecognizer,
)

from anonymiser.detect.recognizers.stated_nhs_number import StatedNhsNumberRecognizer
from anonymiser.detect.recognizers.stated_ni_number import StatedNiNumberRecognizer

# Presidio's names for these types -> ours.
PRESIDIO_TYPES = {
    "UK_NHS": "NHS_NUMBER",
    "UK_NINO": "NI_NUMBER",
    "UK_POSTCODE": "POSTCODE",
}


def uk_id_recognizers() -> list[EntityRecognizer]:
    return [
        NhsRecognizer(),
        UkNinoRecognizer(),
        UkPostcodeRecognizer(),
        StatedNhsNumberRecognizer(),
        StatedNiNumberRecognizer(),
    ]
