"""Private businesses, homes, hospitals, schools and addresses, each recognizer alone (no NLP
engine). Positive cases give the exact span; negative cases are what published reviews say
around them: public bodies, kinds of service, courts, dates, numbers.

Every example is invented for these tests.
"""

from __future__ import annotations

import pytest

from anonymiser.detect.recognizers.address import StreetRecognizer
from anonymiser.detect.recognizers.business import BusinessRecognizer
from anonymiser.detect.recognizers.defined_acronym import (
    DefinedAcronymRecognizer,
    is_private_institution_acronym,
    stands_for,
)
from anonymiser.detect.recognizers.foreign_address import ForeignAddressRecognizer
from anonymiser.detect.recognizers.institution import InstitutionRecognizer
from anonymiser.detect.recognizers.lowercase_street import LowercaseStreetRecognizer
from anonymiser.detect.recognizers.postal_address import PostalAddressRecognizer
from anonymiser.detect.recognizers.school_name import SchoolNameRecognizer


def found(recognizer, text: str) -> set[tuple[str, str]]:
    """What the recognizer reports, less a sentence's full stop (the detector trims it)."""
    results = recognizer.analyze(text, recognizer.supported_entities)
    return {(r.entity_type, text[r.start : r.end].rstrip(".")) for r in results}


def texts(recognizer, text: str) -> set[str]:
    return {span for _, span in found(recognizer, text)}


# Sentences of published reviews that name only public bodies, kinds of service, courts,
# legislation, dates and numbers: no place recognizer may find anything in them.
PUBLIC_TEXT = [
    "Eastmoor County Council Adult Social Care and Children's Social Care attended.",
    "The Integrated Care Board and the Care Quality Commission were informed.",
    "He was seen at the Sexual Health Clinic and the Fracture Clinic in 2021.",
    "Supported Housing, Foster Care and Residential Care were considered.",
    "The case went to Kelbridge Crown Court and then the Family Court at Leeds.",
    "The Court ordered an assessment under section 47 of the Children Act 1989.",
    "Eastmoor Magistrates' Court and the Youth Court heard the case.",
    "Refuge, a national charity, and Women's Aid offered support.",
    "Progress was Very Limited and the risk was rated Very High.",
    "Section 4.2.1 covers the period from 3 to 4 years, a score of 10-120 points.",
    "The NSPCC, Barnardo's and the Children's Society contributed.",
    "Tamesford Virtual School and the Kelbridge Family Hub attended the meeting.",
    "The panel met at Eastmoor Civic Centre on 12 March 2024.",
    "Minutes were sent by the LSCP Business Unit and the Police Safeguarding Review Unit.",
    "Staff attend Key Stage 2 Primary training; Primary Care and Secondary Care agreed.",
    "Mother, a bar worker, said Darren, a regular at the pub, was kind.",
    "Coat of Arms, Small Arms and firearms offences are listed in the appendix.",
    "In Spring 2023 the family moved within Kelbridge; in Year 6 at Christmas he was happy.",
    "Sidebotham et al. Review 2016 found similar issues.",
    "The Street Outreach Team and the Homeless Health Team worked with him.",
    "She was seen at the Kelbridge CAMHS clinic; her father worked at HMP Leeds.",
    "He was in Year 12 at Sixth Form College and worked for West Yorkshire Police.",
]


@pytest.mark.parametrize("text", PUBLIC_TEXT)
@pytest.mark.parametrize(
    "recognizer",
    [
        BusinessRecognizer(),
        SchoolNameRecognizer(),
        InstitutionRecognizer(),
        StreetRecognizer(),
        LowercaseStreetRecognizer(),
        ForeignAddressRecognizer(),
        PostalAddressRecognizer(),
        DefinedAcronymRecognizer(),
    ],
    ids=lambda r: type(r).__name__,
)
def test_public_text_keeps(recognizer, text):
    assert found(recognizer, text) == set()


@pytest.mark.parametrize(
    ("text", "business"),
    [
        ("Agency staff came from Swiftline Staffing Ltd at weekends.", "Swiftline Staffing Ltd"),
        ("The flat was let by Harbourside Lettings Limited.", "Harbourside Lettings Limited"),
        ("Advice came from Pryce Holloway LLP in 2022.", "Pryce Holloway LLP"),
        ("Her care came from Bluebell Homecare twice a day.", "Bluebell Homecare"),
        ("Calls were made by Oakridge Care Services every morning.", "Oakridge Care Services"),
        ("The tenancy was with Millrace Housing Association.", "Millrace Housing Association"),
        ("The hostel is run by Greyfriars Housing Trust.", "Greyfriars Housing Trust"),
        ("He drank at The Ferryman's Arms most nights.", "Ferryman's Arms"),
        ("They met outside the Black Swan Inn.", "Black Swan Inn"),
        ("He was seen in Ridgeway News & Booze at 23:00.", "Ridgeway News & Booze"),
        ("She waited outside Istanbul Grill on Bank Street.", "Istanbul Grill"),
        ("Runners met at Mehmet's, a takeaway on Dock Road.", "Mehmet's"),
        ("She worked at Sklep Polski, a Polish delicatessen near the park.", "Sklep Polski"),
        ("She was found behind the Golden Lotus takeaway at 6am.", "Golden Lotus"),
        ("They used a taxi firm called Cityline Cars to travel.", "Cityline Cars"),
        (
            "He had counselling at the Greenway Wellbeing Centre in 2021.",
            "Greenway Wellbeing Centre",
        ),
        ("She was seen at the Lantern Clinic, a private clinic.", "Lantern Clinic"),
        ("He worked nights at Fenwick Poultry for two years.", "Fenwick Poultry"),
        (
            "Her savings were with Dalesway Mutual Building Society.",
            "Dalesway Mutual Building Society",
        ),
        ("The boys met outside Chickz Chicken most evenings.", "Chickz Chicken"),
    ],
)
def test_finds_businesses(text, business):
    assert business in texts(BusinessRecognizer(), text)


def test_a_pub_is_also_found_by_its_short_forms():
    text = (
        "He drank at The Ferryman's Arms. Later he turned up at the Ferryman's when she was "
        "there, and texted 'c u in the ferrymans'."
    )
    assert {"Ferryman's Arms", "Ferryman's", "ferrymans"} <= texts(BusinessRecognizer(), text)


def test_people_named_before_a_business_are_not_part_of_it():
    text = "Police found Tyler-Jay and Kayden in Ridgeway News & Booze; Anh Thư of Oakridge Ltd."
    assert texts(BusinessRecognizer(), text) == {"Ridgeway News & Booze", "Oakridge Ltd"}


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("In May he moved to Heron House, a children's home in Cumbria.", "Heron House"),
        ("He was evicted from Millstone Lodge in September.", "Millstone Lodge"),
        ("Staff at Rowan House did not know his surname.", "Rowan House"),
        ("She lived at Sorrel Lodge, a supported accommodation service.", "Sorrel Lodge"),
        ("A short respite stay at Beechcroft House followed.", "Beechcroft House"),
    ],
)
def test_finds_named_homes(text, home):
    assert ("CARE_HOME", home) in found(InstitutionRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "He returned to the Family Court in May and to the Town Hall in June.",
        "She moved to Moorcroft Court in 2019.",  # a block of flats, not a home
        "Staff at County Hall were informed.",
    ],
)
def test_named_homes_keep(text):
    assert {t for t, _ in found(InstitutionRecognizer(), text)} - {"STREET"} == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was taken to Kelbridge Royal Infirmary.", ("HOSPITAL", "Kelbridge Royal Infirmary")),
        (
            "He was admitted to Northgate General Infirmary.",
            ("HOSPITAL", "Northgate General Infirmary"),
        ),
        (
            "Dr Asha Rao of Fellgate Medical Practice rang.",
            ("GP_PRACTICE", "Fellgate Medical Practice"),
        ),
        (
            "The academy is part of the Ashworth Learning Trust.",
            ("ORGANISATION", "Ashworth Learning Trust"),
        ),
    ],
)
def test_finds_institutions(text, expected):
    assert expected in found(InstitutionRecognizer(), text)


def test_a_defined_hospital_acronym_is_the_hospital_wherever_it_stands():
    text = (
        "| Kelbridge Royal Infirmary (KRI) | ED |\n"
        "He was taken to KRI and later spent a week on Ward 4 at KRI."
    )
    assert [(t, s) for t, s in found(DefinedAcronymRecognizer(), text)] == [("HOSPITAL", "KRI")]
    assert len(DefinedAcronymRecognizer().analyze(text, [])) == 3
    assert is_private_institution_acronym("KRI", text, text.index("(KRI)"))


@pytest.mark.parametrize(
    "text",
    [
        "Eastmoor and Kelbridge NHS Foundation Trust (EKFT) and EKFT staff.",
        "Children's Social Care (CSC) and CSC managers.",
        "The Paediatric Intensive Care Unit (PICU) and PICU nurses.",
        "The Pupil Referral Unit (PRU) and the PRU.",
        "The Multi-Agency Safeguarding Hub (MASH) and MASH.",
        "An MRI scan (MRI) was done.",
        "Kelbridge Royal Infirmary (NHS) was named.",  # the letters do not stand for the name
    ],
)
def test_acronyms_of_public_bodies_and_kinds_keep(text):
    assert found(DefinedAcronymRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("acronym", "name", "expected"),
    [
        ("KRI", "Kelbridge Royal Infirmary", True),
        ("SCH", "St Cuthbert's Hospital", True),
        ("QACH", "Queen Adelaide Children's Hospital", True),
        ("KRI", "Royal Kelbridge Infirmary", False),
        ("ABC", "Kelbridge Royal Infirmary", False),
    ],
)
def test_stands_for(acronym, name, expected):
    assert stands_for(acronym, name) is expected


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        # A sentence's first word before the name is not part of what the acronym stands for.
        ("Later Thornvale Care Ltd (TCL) took over; TCL staff visited.", "TCL"),
        ("Then Kelbridge Royal Infirmary (KRI) admitted him.", "KRI"),
        ("In March Fenwold Primary School (FPS) called.", "FPS"),
    ],
)
def test_an_acronym_defined_after_a_leading_word(text, acronym):
    assert acronym in {s for _, s in found(DefinedAcronymRecognizer(), text)}


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("Referrals came from the nursery, Fernbank Primary, and the police.", "Fernbank Primary"),
        ("He moved to All Saints C of E Primary in 2019.", "All Saints C of E Primary"),
        ("She started at St Bede's RC in September.", "St Bede's RC"),
        ("She attended Wyndham High until she was excluded.", "Wyndham High"),
        ("Lily was in Year 8 at Copperfield and loved art.", "Copperfield"),
        ("His school, St Luke's, said he was tired.", "St Luke's"),
        ("Her new school (Ashbourne) was not told.", "Ashbourne"),
        ("He moved to Brookfield Junior and Infant in May.", "Brookfield Junior and Infant"),
    ],
)
def test_finds_schools_without_the_word_school(text, school):
    assert ("SCHOOL", school) in found(SchoolNameRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "She attended Fernbank.",  # a name after "attended" alone is not a school
        "The risk was High; priority: High; the Local Primary phase.",
        "Kelbridge Primary Care Network and Primary School staff met.",
        "St Mary's RC Church held the funeral.",
        "In Year 11 in September she sat her GCSEs; in Year 10 at the time.",
        "Catholic Primary and Community High schools were consulted.",
    ],
)
def test_school_names_keep(text):
    assert found(SchoolNameRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("'im on mill st, come now'", "mill st"),
        ("meet me at the shops on 'fenton rd' tmrw", "fenton rd"),
        ("she's at ur nans on birch cl", "birch cl"),
        ("he lives on weaver ct innit", "weaver ct"),
        ("outside the chippy on first st", "first st"),
        ("going to hollins ln then home", "hollins ln"),
    ],
)
def test_finds_lower_case_streets(text, street):
    assert street in texts(LowercaseStreetRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "meet at st marys later",
        "saw dr patel today and the dr said no; went to see dr",
        "on the 1st and 2nd of June",
        "we ave to go, they ave to go",
        "he needs ct scan first",
        "please pl come home",
        "Canal St is written with a capital",
    ],
)
def test_lower_case_streets_keep(text):
    assert found(LowercaseStreetRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "His parents live at ul. Lipowa 8 m. 14, 60-101 Poznań.",
            ("ADDRESS", "ul. Lipowa 8 m. 14"),
        ),
        ("His parents live at ul. Lipowa 8 m. 14, 60-101 Poznań.", ("POSTCODE", "60-101")),
        ("Her aunt lives at ul. Polna 21/7 in Łódź.", ("ADDRESS", "ul. Polna 21/7")),
        (
            "Her mother lives at str. Teilor nr. 5, bl. C2, sc. B, ap. 11, Cluj.",
            ("ADDRESS", "str. Teilor nr. 5, bl. C2, sc. B, ap. 11"),
        ),
        ("She grew up at Calle Mayor 14, 28013 Madrid.", ("ADDRESS", "Calle Mayor 14")),
        ("She grew up at Calle Mayor 14, 28013 Madrid.", ("POSTCODE", "28013")),
        ("They lived at Lindenstraße 9 before moving.", ("ADDRESS", "Lindenstraße 9")),
        ("Her home address was 58-200 Dzierżoniów.", ("POSTCODE", "58-200")),
    ],
)
def test_finds_addresses_abroad(text, expected):
    assert expected in found(ForeignAddressRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "Between 3-4 years and on 12-06-2023 the score was 10-120.",
        "He moved from 62-800 to 62-900 on the scale; Kalisz is in Poland.",
        "Via Zoom 12 people attended; Bd Meeting 12 March.",
        "In Spring 2023 he moved; 2019 Kalisz trip.",
    ],
)
def test_addresses_abroad_keep(text):
    assert found(ForeignAddressRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Friends met on Tanners Row most days.", {"Tanners Row"}),
        ("Her flat was off Priory Heights in the town.", {"Priory Heights"}),
        ("| Priory Heights, Kelbridge | 2 days |", {"Priory Heights"}),
        ("She was found at her home in Brent Vale on Sunday.", set()),
        ("Caldmoor Street Outreach Team visited.", set()),
        ("Kelbridge Crown Court sat; The Court adjourned; The Street was busy.", set()),
    ],
)
def test_streets(text, expected):
    assert texts(StreetRecognizer(), text) == expected


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # US envelope on one line: number, street, unit, town, state, ZIP.
        (
            "She moved to 1420 Maple Ridge Road Apt. 7, Dunmore, PA 18512 in May.",
            "1420 Maple Ridge Road Apt. 7, Dunmore, PA 18512",
        ),
        # Over several lines, ending with the country.
        (
            "Post to 88 Vesterbrogade 12\nApt. 4\nKorsvang\nDenmark 1620",
            "88 Vesterbrogade 12\nApt. 4\nKorsvang\nDenmark 1620",
        ),
        # A British address with its town and postcode.
        (
            "He lived at 14 Bramble Close, Kelbridge, KB4 2XY until 2020.",
            "14 Bramble Close, Kelbridge, KB4 2XY",
        ),
        # The flat and building before the house number.
        (
            "a flat at Flat 7, Pellow Court, 41 Marram Street, Northby NB2 4HX.",
            "Flat 7, Pellow Court, 41 Marram Street, Northby NB2 4HX",
        ),
        # Streets abroad after a building number, in their own words.
        ("Her aunt lives at 7 Põllu 59, Kähu.", "7 Põllu 59, Kähu"),
        ("Meet at 45 rue des Lilas, Lyon, France.", "45 rue des Lilas, Lyon, France"),
        ("They stayed at 158 Vrtna ulica 17 for a week.", "158 Vrtna ulica 17"),
        ("Sent to 20 Szent Ilona út 33. last year", "20 Szent Ilona út 33"),
        ("An ordinal street: 2767 40th Street Apt. 270, Orvale.", "2767 40th Street Apt. 270"),
        (
            "Post to 88 chemin des Vignes\nSuite 4\nMontclar\nCanada",
            "88 chemin des Vignes\nSuite 4\nMontclar\nCanada",
        ),
        ("It is 12 Liktou Str. Apt. 5 in Latsia.", "12 Liktou Str. Apt. 5"),
        # Streets abroad without a building number, known by their kind.
        ("The bus stops at Estrada Vidreira 105 daily.", "Estrada Vidreira 105"),
        ("He lives on the north side of Via Lorenzo Gatti 130.", "Via Lorenzo Gatti 130"),
        ("The bus station is on Tovens gate 71 now.", "Tovens gate 71"),
        ("They stopped at Lindgatan 14 first.", "Lindgatan 14"),
        ("She lives on Ekgård 5 now.", "Ekgård 5"),
        ("He lives on Kossuth Lajos fasor útja 62 in Pécs.", "Kossuth Lajos fasor útja 62"),
        ("Hamid lives on Ctra. Molinar 79 now.", "Ctra. Molinar 79"),
        # PO boxes and US forces' addresses.
        (
            "Write to P.O. Box 317, Harlow Springs, NV 89001.",
            "P.O. Box 317, Harlow Springs, NV 89001",
        ),
        ("Letters go to PSC 1234, Box 5678\nAPO AE 09123 now.", "PSC 1234, Box 5678\nAPO AE 09123"),
        ("Mail USS Harwood\nFPO AP 96601 today.", "USS Harwood\nFPO AP 96601"),
        # A town in capitals on an envelope's line.
        (
            "sent to 9 Quarry Street\nBARNLEIGH\nUnited Kingdom",
            "9 Quarry Street\nBARNLEIGH\nUnited Kingdom",
        ),
        # Lines of a list, each with its bullet.
        (
            "Addresses:\n• 14 Bramble Close\n• Kelbridge\n• KB4 2XY\n",
            "14 Bramble Close\n• Kelbridge\n• KB4 2XY",
        ),
        # Street corners.
        (
            "They met on the corner of Mill Lane and Station Road at noon.",
            "the corner of Mill Lane and Station Road",
        ),
    ],
)
def test_finds_postal_addresses(text, address):
    assert address in texts(PostalAddressRecognizer(), text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A town alone after a British street is left to the place rules.
        ("He lived at 14 Bramble Close, Kelbridge and then moved.", {"14 Bramble Close"}),
        # An acronym after an address is not a region.
        ("The visit at 14 Bramble Close, CSC said, went well.", {"14 Bramble Close"}),
        # The next sentence is not part of the address.
        ("She moved to 3 Kettle Row. Then she left.", {"3 Kettle Row"}),
        ("On 12 March 2023 the panel met; 3 Children 4 were seen.", set()),
        ("In 2019 Key Stage 2 results fell; Section 47 Strategy 2 applied.", set()),
        ("She sat in the corner of the room and cried.", set()),
        ("Contact Kelbridge via 0800 123 456 or the corner of Church Street.", set()),
        ("Year 6 Kelbridge 12 was the team; the score was 14 Hawks 3.", set()),
        ("Via Zoom 12 people attended; R Kelly 2 was played.", set()),
    ],
)
def test_postal_addresses_keep(text, expected):
    assert texts(PostalAddressRecognizer(), text) == expected
