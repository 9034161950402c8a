"""Numbers and references, each recognizer alone (no spaCy): what it must find, exactly, and
what it must leave alone. Every example is invented for this file."""

from __future__ import annotations

import pytest

from anonymiser.detect.recognizers.collar_number import CollarNumberRecognizer
from anonymiser.detect.recognizers.international_phone import InternationalPhoneRecognizer
from anonymiser.detect.recognizers.labelled_number import LabelledNumberRecognizer
from anonymiser.detect.recognizers.partial_vehicle import PartialVehicleRecognizer
from anonymiser.detect.recognizers.record_initials import RecordInitialsRecognizer
from anonymiser.detect.recognizers.reference import CrimeReferenceRecognizer
from anonymiser.detect.recognizers.shaped_reference import ShapedReferenceRecognizer
from anonymiser.detect.recognizers.stated_nhs_number import StatedNhsNumberRecognizer
from anonymiser.detect.recognizers.stated_ni_number import StatedNiNumberRecognizer
from anonymiser.detect.recognizers.uk_phone import UkPhoneRecognizer


def found(recognizer, text: str) -> set[str]:
    entities = recognizer.supported_entities
    return {text[r.start : r.end] for r in recognizer.analyze(text, entities=entities)}


# Texts no numbers recognizer may touch: what published reviews are full of.
ORDINARY = [
    "The review covers the period 2019-2023 and the year 2022/23.",
    "The strategy meeting on 12/03/2023 and the visit on 2023-11-05 were late.",
    "She arrived at 14:30 and left at 1645.",
    "The placement cost £12,500 a year, up 12.5% on 2021.",
    "See section 4.2.1, page 112 and paragraph 6.14 of the report.",
    "A section 47 enquiry and a section 17(10) assessment followed.",
    "The Children Act 1989, the Care Act 2014 and SI 2010/1234 apply.",
    "The policy follows ISO 27001 and ISO-27001, and BS EN-71-3 for toys.",
    "Version 2.1.3 of the toolkit (ISBN 978-1-84787-123-4) was used.",
    "He was in Year 7 at KS2 and KS3, and the Q3 figures were late.",
    "Covid-19 and COVID19 restrictions closed the school in 2020.",
    "Call the NSPCC Helpline on 0808 800 5000 or Childline on 0800 1111.",
    "They lived near KT4 7PQ, and the postcode was checked.",
    "The 12-MAR-2023 entry and the CSPR-2021/22 annual report were read.",
    "PS: the author thanks the family.",
    "The MASH, CSC, CAMHS and GP attended.",
    "Working Together (HM Government, 2018), reference: DFE-00195-2018.",
    "Reference: ISBN 978-1-84787-123-4; DOI: 10.1093/bjsw/bcab112.",
]


@pytest.mark.parametrize(
    "recognizer",
    [
        CrimeReferenceRecognizer(),
        ShapedReferenceRecognizer(),
        LabelledNumberRecognizer(),
        CollarNumberRecognizer(),
        InternationalPhoneRecognizer(),
        PartialVehicleRecognizer(),
        StatedNhsNumberRecognizer(),
        StatedNiNumberRecognizer(),
    ],
    ids=lambda r: type(r).__name__,
)
@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_left_alone(recognizer, text):
    assert found(recognizer, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The referral was logged as RTH-2022-40917 by the hub.", "RTH-2022-40917"),
        ("Strategy discussion KXC-300124-0712 was held.", "KXC-300124-0712"),
        ("Missing episode WM-MP-22-07731 was the longest.", "WM-MP-22-07731"),
        ("Return interview KX-MP-21/3306 was completed.", "KX-MP-21/3306"),
        ("His admission (BWH-00217735) lasted a week.", "BWH-00217735"),
        ("It was recorded as CR/41872/19 at the time.", "CR/41872/19"),
        ("| PNC | 81/337046M |", "81/337046M"),
        ("School file EDU-2020-5518 noted the absence.", "EDU-2020-5518"),
    ],
)
def test_shaped_reference(text, expected):
    assert found(ShapedReferenceRecognizer(), text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "The plan ran 2020-2024 and the LSCB-2019/20 report followed.",
        "The service page is at gov.uk/guidance/abc-12345 and www.x.org/RTH-2022-40917.",
        "Read ISBN 0-306-40615-X before the panel.",
        "The A38/M5 junction and the M6-J10 slip road were closed.",
        "The 2014/1234 regulations and EU 2016/679 apply.",
        "Phone 0113-496-0528 or +44-113-496-0528.",
    ],
)
def test_shaped_reference_keeps(text):
    assert found(ShapedReferenceRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("| 02/03/2011 | Log 2207 of 02/03/11 | Shouting heard |", "2207"),
        ("Police attended (CAD 0913-1142) within the hour.", "0913-1142"),
        ("Her social care record (Mosaic ID 3310829) lists 12 episodes.", "3310829"),
        ("A taxi (private hire licence HC 0733) took them.", "HC 0733"),
        ("She stayed on the ward (hospital\nnumber J7730215).", "J7730215"),
        ("The care provider's location ID   1-4821937065 was checked.", "1-4821937065"),
        ("Bailed to the youth court (case number 21YK0038814).", "21YK0038814"),
        ("The incident ref: 88213 was closed.", "88213"),
        ("The NRM reference 7731046 was issued in May.", "7731046"),
        ("Her case file number is 4471936.", "4471936"),
        ("His file was given the number 5528104 by the hub.", "5528104"),
        # A system's name written as an acronym with small letters, and a notification.
        ("| DoLS notification | DoLS 774120 |", "DoLS 774120"),
        # A record label shortened as records write it.
        ("Patient: ROWE, Tia | Hosp No. KGH 3302981", "KGH 3302981"),
        ("Discharge summary (Hosp No. M4471920): seen.", "M4471920"),
        ("The ChAT referral: ChAT 3380914 was made.", "ChAT 3380914"),
    ],
)
def test_labelled_number(text, expected):
    assert expected in found(LabelledNumberRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "The log 2019 entries were read, then the 2022/23 log.",
        "Incident 2019-2023 trends and the reference 2022/23 were noted.",
        "See reference 4.2.1 and log 14:30.",
        "The reference 12/03/2023 letter was late.",
        "The charity number 1089464 is on the leaflet.",
        "Her telephone number 01134960100 was withheld.",
        "There were a number of referrals (1,250 in total).",
        "Record 12 calls; logged 4471 calls; the ID card was shown.",
        "The crime rate in 2021 was 4.5 per 1,000.",
        "The notification in March 2021 was late.",
        "A referral to Mind 2024 was planned; the referral Monday 1400 slot.",
    ],
)
def test_labelled_number_keeps(text):
    assert found(LabelledNumberRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The discharge letter's hospital number (J7730215) helped.", "J7730215"),
        ("Bailed to appear at the youth court, case 21YK0038814.", "21YK0038814"),
    ],
)
def test_crime_reference_letters_among_digits(text, expected):
    assert expected in found(CrimeReferenceRecognizer(), text)


def test_crime_reference_letters_among_digits_need_context():
    assert found(CrimeReferenceRecognizer(), "The model K5501234 was on sale.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She was seen (NHS number 999 118 2204; weight 3.2 kg).", "999 118 2204"),
        ("| NHS No. | 9991182204 |", "9991182204"),
        ("His NHS no: 999-118-2204 was wrong.", "999-118-2204"),
        ("Her NHS number was 999 118 2204.", "999 118 2204"),
    ],
)
def test_stated_nhs_number(text, expected):
    assert found(StatedNhsNumberRecognizer(), text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "Her NHS number was not recorded; the ward rang 0113 496 0100.",
        "999 118 2204 was on the form.",
        "NHS spending of 2019 2020 2021 rose.",
    ],
)
def test_stated_nhs_number_keeps(text):
    assert found(StatedNhsNumberRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her National Insurance number is QQ 38 51 07 A.", "QQ 38 51 07 A"),
        ("| NI number | QQ385107A |", "QQ385107A"),
        ("NINO: ZZ 99 12 44 D", "ZZ 99 12 44 D"),
        (
            "Her National Insurance number was mixed up with his (his number, QQ 77 20 13 B, was "
            "entered).",
            "QQ 77 20 13 B",
        ),
        # A temporary number: TN, the date of birth, M or F.
        ("He was paid on a temporary National Insurance number (TN 19 08 06 F).", "TN 19 08 06 F"),
        ("NI no: TN110305M", "TN110305M"),
    ],
)
def test_stated_ni_number(text, expected):
    assert found(StatedNiNumberRecognizer(), text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "The code QQ 38 51 07 A was on the box.",
        "National Insurance contributions rose by 2%.",
        # No temporary number without its label, and none that ends in another letter.
        "Unit TN 19 08 06 F was shipped.",
        "NI number pending; batch TN 19 08 06 X.",
    ],
)
def test_stated_ni_number_keeps(text):
    assert found(StatedNiNumberRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her aunt in Romania uses +40 264 000 318 for video calls.", "+40 264 000 318"),
        ("He called on +48 601-000-274 from Poland.", "+48 601-000-274"),
        ("Next of kin: +61 412 000 387 (brother).", "+61 412 000 387"),
        ("His other mobile, 0040 21 000 5531, was Romanian.", "0040 21 000 5531"),
        ("Use the number 0412 000 387 (+61 412 000 387).", "0412 000 387"),
        ("Her mobile was +353861234567 then.", "+353861234567"),
    ],
)
def test_international_phone(text, expected):
    assert expected in found(InternationalPhoneRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "The UK number +44 7700 900123 is uk_phone.py's.",
        "Ages 65+ 12 000 people took part; +12 000 on last year.",
        "The grid 0412 000 387 appears in the appendix.",
        "Call 0808 800 5000 or 0113 496 0100 for help.",
        "The padded reference 00871236 and 00:12 on the clock.",
        "It cost £0 100 200 in total.",
    ],
)
def test_international_phone_keeps(text):
    assert found(InternationalPhoneRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A witness noted a partial registration, 'KT21', and a grey hatchback.", "KT21"),
        ("Police had a registration beginning YR09 for the van.", "YR09"),
        ("The plate was only partly seen: it started LB66.", "LB66"),
        ("His van, partial registration ‘WXB’, was seen again.", "WXB"),
        ("The log records 'silver Astra, index ending PLK' only.", "PLK"),
        ('The registration was partially recorded by a neighbour as "DN13".', "DN13"),
    ],
)
def test_partial_vehicle(text, expected):
    assert found(PartialVehicleRecognizer(), text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "KT21 was mentioned in the minutes.",
        "A partial registration was passed to the CSC and the MASH.",
        "At the start of her registration with the GP, CAMHS and CSC were told.",
        "The registration panel's first meeting. KS22 and LB66 were on the agenda.",
        "Full registration KT21 WXB was confirmed later, beginning the search.",
    ],
)
def test_partial_vehicle_keeps(text):
    assert found(PartialVehicleRecognizer(), text) - {"KT21 WXB"} == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PC Ola Bright (PC 3318) attended.", "PC 3318"),
        ("OIC: DC 6604 R. Kaur.", "DC 6604"),
        ("The custody sergeant, PS 1907, authorised detention.", "PS 1907"),
        ("DS 245 led the interview.", "DS 245"),
        ("PCSO 7120 found him in the park.", "PCSO 7120"),
        ("Sgt 4410 and PC4471 were on shift.", "PC4471"),
    ],
)
def test_collar_number(text, expected):
    assert expected in found(CollarNumberRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "The PS4 and DC10 were sold; PS: see 2019.",
        "The UKSC 12 judgment and the DC-10 aircraft.",
        "A PC was bought for the family.",
        "Pupils in KS2 and Year 7.",
    ],
)
def test_collar_number_keeps(text):
    assert found(CollarNumberRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Occurrence opened 02.03.2022. I/P: T.Q. (F), DOB 09.02.2021.", {"T.Q."}),
        ("Suspect 1: D.M.K. (M), DOB 19.10.1990; Suspect 2: RB (M).", {"D.M.K.", "RB"}),
        ("C. R. (dob 03/04/1990) was seen by the GP.", {"C. R."}),
        ("Victim: JT, aged 4, was at home.", {"JT"}),
        ("Witness 2: L.K.", {"L.K."}),
    ],
)
def test_record_initials(text, expected):
    assert found(RecordInitialsRecognizer(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The U.K. and the E.U. agreed a plan.",
        "Patient: DNA recorded twice.",
        "GP (M) rota and ED (F) rota were full.",
        "She passed her B.T.E.C. in June.",
        "The child (F) was seen by the HV.",
    ],
)
def test_record_initials_keeps(text):
    assert found(RecordInitialsRecognizer(), text) == set()


@pytest.mark.parametrize(
    "text",
    [
        # A public body's landline, given as such: it stays.
        "Contact us: 0113 496 0222 / qsp@quarrendon.gov.uk.",
        "Worried? Contact the partnership on 01632 960311 or email qsp@quarrendon.gov.uk.",
        "Quarrendon Adults Board | qsab@quarrendon.gov.uk | 0113 496 0733",
        "- Children's Services front door: 0113 496 0744",
        "Outreach Team duty line: 01632 960322 (outreach@quarrendon.gov.uk)",
    ],
)
def test_a_public_bodys_landline_stays(text):
    assert found(UkPhoneRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mother rang from 0113 496 0417 that night.", "0113 496 0417"),
        ("Father: 01632 960555", "01632 960555"),
        ("MOTHER: 0113 496 0418", "0113 496 0418"),
        # A person's own mailbox, or a mobile, is never a body's contact.
        ("Mother (0113 496 0419 / tina.quarr@example.com) was called.", "0113 496 0419"),
        ("She wrote to mash@quarrendon.gov.uk from 07700 900123.", "07700 900123"),
        ("Contact the team on 07700 900124 (Mother's mobile).", "07700 900124"),
    ],
)
def test_a_persons_number_is_found(text, expected):
    assert any(expected in number for number in found(UkPhoneRecognizer(), text))
