"""UK recognizers, one per file. `all_recognizers()` is the set the detector runs."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer


def all_recognizers() -> list[EntityRecognizer]:
    from anonymiser.detect.recognizers.address import (
        AddressRecognizer,
        EstateRecognizer,
        StreetRecognizer,
    )
    from anonymiser.detect.recognizers.dates import ExactDateRecognizer
    from anonymiser.detect.recognizers.email import EmailRecognizer
    from anonymiser.detect.recognizers.gazetteer_name import GazetteerNameRecognizer
    from anonymiser.detect.recognizers.handle import HandleRecognizer, ProfileUrlRecognizer
    from anonymiser.detect.recognizers.heading_name import HeadingNameRecognizer
    from anonymiser.detect.recognizers.institution import InstitutionRecognizer
    from anonymiser.detect.recognizers.nickname import NicknameRecognizer
    from anonymiser.detect.recognizers.quoted_name import QuotedNameRecognizer
    from anonymiser.detect.recognizers.reference import CrimeReferenceRecognizer
    from anonymiser.detect.recognizers.single_name import SingleNameRecognizer
    from anonymiser.detect.recognizers.titled_name import TitledNameRecognizer
    from anonymiser.detect.recognizers.uk_ids import uk_id_recognizers
    from anonymiser.detect.recognizers.uk_phone import UkPhoneRecognizer
    from anonymiser.detect.recognizers.vehicle import VehicleRecognizer

    return [
        UkPhoneRecognizer(),
        EmailRecognizer(),
        HandleRecognizer(),
        ProfileUrlRecognizer(),
        ExactDateRecognizer(),
        AddressRecognizer(),
        StreetRecognizer(),
        EstateRecognizer(),
        InstitutionRecognizer(),
        CrimeReferenceRecognizer(),
        TitledNameRecognizer(),
        GazetteerNameRecognizer(),
        NicknameRecognizer(),
        QuotedNameRecognizer(),
        HeadingNameRecognizer(),
        SingleNameRecognizer(),
        VehicleRecognizer(),
        *uk_id_recognizers(),
    ]
