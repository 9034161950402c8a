"""UK recognizers, one per file. `all_recognizers()` is the set the detector runs."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer


def all_recognizers() -> list[EntityRecognizer]:
    from anonymiser.detect.recognizers.address import (
        AddressRecognizer,
        EstateRecognizer,
        StreetRecognizer,
    )
    from anonymiser.detect.recognizers.bare_handle import BareHandleRecognizer
    from anonymiser.detect.recognizers.business import BusinessRecognizer
    from anonymiser.detect.recognizers.collar_number import CollarNumberRecognizer
    from anonymiser.detect.recognizers.dates import ExactDateRecognizer
    from anonymiser.detect.recognizers.defined_acronym import DefinedAcronymRecognizer
    from anonymiser.detect.recognizers.email import EmailRecognizer
    from anonymiser.detect.recognizers.foreign_address import ForeignAddressRecognizer
    from anonymiser.detect.recognizers.gazetteer_name import GazetteerNameRecognizer
    from anonymiser.detect.recognizers.group_chat import GroupChatRecognizer
    from anonymiser.detect.recognizers.handle import HandleRecognizer, ProfileUrlRecognizer
    from anonymiser.detect.recognizers.heading_name import HeadingNameRecognizer
    from anonymiser.detect.recognizers.institution import InstitutionRecognizer
    from anonymiser.detect.recognizers.international_phone import InternationalPhoneRecognizer
    from anonymiser.detect.recognizers.labelled_number import LabelledNumberRecognizer
    from anonymiser.detect.recognizers.lowercase_street import LowercaseStreetRecognizer
    from anonymiser.detect.recognizers.middle_initial import MiddleInitialRecognizer
    from anonymiser.detect.recognizers.nickname import NicknameRecognizer
    from anonymiser.detect.recognizers.partial_vehicle import PartialVehicleRecognizer
    from anonymiser.detect.recognizers.postal_address import PostalAddressRecognizer
    from anonymiser.detect.recognizers.pseudonym_key import PseudonymKeyRecognizer
    from anonymiser.detect.recognizers.quoted_name import QuotedNameRecognizer
    from anonymiser.detect.recognizers.record_initials import RecordInitialsRecognizer
    from anonymiser.detect.recognizers.reference import CrimeReferenceRecognizer
    from anonymiser.detect.recognizers.school_name import SchoolNameRecognizer
    from anonymiser.detect.recognizers.shaped_reference import ShapedReferenceRecognizer
    from anonymiser.detect.recognizers.single_name import SingleNameRecognizer
    from anonymiser.detect.recognizers.speaker_name import SpeakerNameRecognizer
    from anonymiser.detect.recognizers.titled_name import TitledNameRecognizer
    from anonymiser.detect.recognizers.uk_ids import uk_id_recognizers
    from anonymiser.detect.recognizers.uk_phone import UkPhoneRecognizer
    from anonymiser.detect.recognizers.vehicle import VehicleRecognizer

    return [
        UkPhoneRecognizer(),
        InternationalPhoneRecognizer(),
        EmailRecognizer(),
        HandleRecognizer(),
        ProfileUrlRecognizer(),
        ExactDateRecognizer(),
        AddressRecognizer(),
        StreetRecognizer(),
        EstateRecognizer(),
        InstitutionRecognizer(),
        SchoolNameRecognizer(),
        BusinessRecognizer(),
        DefinedAcronymRecognizer(),
        ForeignAddressRecognizer(),
        PostalAddressRecognizer(),
        LowercaseStreetRecognizer(),
        BareHandleRecognizer(),
        GroupChatRecognizer(),
        CrimeReferenceRecognizer(),
        ShapedReferenceRecognizer(),
        LabelledNumberRecognizer(),
        CollarNumberRecognizer(),
        RecordInitialsRecognizer(),
        TitledNameRecognizer(),
        GazetteerNameRecognizer(),
        NicknameRecognizer(),
        QuotedNameRecognizer(),
        SpeakerNameRecognizer(),
        MiddleInitialRecognizer(),
        PseudonymKeyRecognizer(),
        HeadingNameRecognizer(),
        SingleNameRecognizer(),
        VehicleRecognizer(),
        PartialVehicleRecognizer(),
        *uk_id_recognizers(),
    ]
