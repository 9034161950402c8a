"""Each detector, with positive and negative cases and the exact span it must report."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def found(detector, text: str) -> set[tuple[str, str]]:
    return {(span.entity_type, span.text) for span in detector.detect(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mother texted 07700 900123 that night.", ("PHONE", "07700 900123")),
        ("Mother texted 07700900123 that night.", ("PHONE", "07700900123")),
        ("Call +44 7700 900456 at once.", ("PHONE", "+44 7700 900456")),
        ("The GP rang 0121 496 0000 twice.", ("PHONE", "0121 496 0000")),
        ("The school rang 0113-496-0528 on Monday.", ("PHONE", "0113-496-0528")),
        ("Her email was jo.bloggs@example.com then.", ("EMAIL", "jo.bloggs@example.com")),
        ("He posted as @daz_mottram88 on Instagram.", ("HANDLE", "@daz_mottram88")),
        ("See facebook.com/leanne.marsh.77 for it.", ("URL", "facebook.com/leanne.marsh.77")),
        ("Her NHS number is 943 476 5919.", ("NHS_NUMBER", "943 476 5919")),
        ("They lived near KE4 7PQ then.", ("POSTCODE", "KE4 7PQ")),
        ("They lived near KE47PQ then.", ("POSTCODE", "KE47PQ")),
        ("He drove EK14 RWP to the house.", ("VEHICLE", "EK14 RWP")),
        ("Kayden was born on 14 March 2019 in Kelbridge.", ("DATE_OF_BIRTH", "14 March 2019")),
        ("Walter's date of birth: 2 June 1941.", ("DATE_OF_BIRTH", "2 June 1941")),
        ("Walter died on 3 January 2024 at home.", ("DATE_OF_DEATH", "3 January 2024")),
        ("The visit on 3rd April 2020 was missed.", ("DATE", "3rd April 2020")),
        ("The visit on 03/04/2020 was missed.", ("DATE", "03/04/2020")),
        ("They lived at 14 Bramble Close with Nan.", ("ADDRESS", "14 Bramble Close")),
        ("They lived at Flat 2, 14 Bramble Close then.", ("ADDRESS", "Flat 2, 14 Bramble Close")),
        ("He moved to Flat 6, Linden Court in May.", ("ADDRESS", "Flat 6, Linden Court")),
        ("Friends met on Tanners Row most days.", ("STREET", "Tanners Row")),
        ("The family lived on the Foxhollow Estate.", ("ESTATE", "Foxhollow Estate")),
        ("He attended Brookside Primary School daily.", ("SCHOOL", "Brookside Primary School")),
        ("She went to St Mary's Academy in Year 7.", ("SCHOOL", "St Mary's Academy")),
        ("He attended Hazelbank Day Nursery.", ("NURSERY", "Hazelbank Day Nursery")),
        (
            "She saw the GP at Sorrelgate Medical Centre.",
            ("GP_PRACTICE", "Sorrelgate Medical Centre"),
        ),
        ("She was registered at Abbeyfields Surgery.", ("GP_PRACTICE", "Abbeyfields Surgery")),
        ("He was admitted to Kingfisher Ward overnight.", ("HOSPITAL", "Kingfisher Ward")),
        ("A stay at Larchfield House care home followed.", ("CARE_HOME", "Larchfield House")),
        ("It was logged as crime reference EM/22/118734.", ("REFERENCE", "EM/22/118734")),
        ("A concern was raised (reference SG/23/04417).", ("REFERENCE", "SG/23/04417")),
        ("Mr Marsh had been drinking.", ("PERSON", "Marsh")),
        ("The children stayed with Nana Pat at weekends.", ("PERSON", "Nana Pat")),
        ("Father, known to friends as Daz, left.", ("PERSON", "Daz")),
        # A nickname in quotation marks in brackets after the name, or "called ... by".
        ('Mr Pender ("Mossy" to the family) rang from Perth.', ("PERSON", "Mossy")),
        ("Tyrone Beck ('Skitz') was seen at home.", ("PERSON", "Skitz")),
        ("Her sister Saffron, called Saff by her friends, rang.", ("PERSON", "Saff")),
        ("Kayden Marsh was four months old.", ("PERSON", "Kayden Marsh")),
        # A title makes a surname of a word the allow-list knows as a language.
        ("The case was agreed by DC English on Monday.", ("PERSON", "English")),
        (
            "She registered at Castlegate Medical Group in May.",
            ("GP_PRACTICE", "Castlegate Medical Group"),
        ),
    ],
)
def test_detects(detector, text, expected):
    assert expected in found(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Child D was seen by the health visitor on a home visit.",
        "The Child Safeguarding Practice Review Panel was notified.",
        "A Local Child Safeguarding Practice Review was commissioned.",
        "Eastmoor County Council Children's Services held a strategy meeting.",
        "Eastmoor Police and Eastmoor and Kelbridge NHS Foundation Trust attended.",
        "Working Together to Safeguard Children 2023 sets out the duties.",
        "The Children Act 1989 and the Care Act 2014 apply.",
        "Mother, Father and Sibling 1 were invited to contribute.",
        "Call the NSPCC Helpline on 0808 800 5000 for advice.",
        "The review met in March 2023 and again in 2024.",
        "Child T1 was at school when Child T2 was seen.",
        "The action was rated Complete and the target date is Mar 2025.",
        "Ofsted and the CQC inspected the services.",
        # A quoted common word in brackets is no nickname.
        "The Panel ('Review') and the Board ('Findings') met.",
    ],
)
def test_keeps(detector, text):
    assert found(detector, text) == set()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A script's speakers, two labelled lines in a row.
        ("Orsolya: Where were you?\nTamsin: At the park.", {"Orsolya", "Tamsin"}),
        ('Reinald: "Who are you?"\nMirela:"His cousin".', {"Reinald", "Mirela"}),
        # A form's name field, and a name given as an answer.
        ("Name:    Tavish Orme\nAddress: 9 Quarry Street", {"Tavish Orme"}),
        ("What's your surname? Okonjo", {"Okonjo"}),
        ("Surname - Brzezinka, forename: Ilse", {"Brzezinka", "Ilse"}),
    ],
)
def test_finds_names_a_text_labels_as_names(text, names):
    from anonymiser.detect.recognizers.speaker_name import SpeakerNameRecognizer

    recognizer = SpeakerNameRecognizer()
    found = {text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"])}
    assert found == names


@pytest.mark.parametrize(
    "text",
    [
        # Headings and roles, not speakers; one labelled line alone is not a script.
        "Background: The family moved.\nMethodology: We read records.",
        "Mother: I was scared.\nFather: She was fine.",
        "CSC: Referral received.\nCAMHS: Assessment booked.",
        "Tamsin: At the park.\n\nThe review then met.",
        # Name fields holding no name.
        "The name: Safeguarding Review. Her name is Child D. Name of school: Kelbridge Primary",
    ],
)
def test_labels_that_are_no_names_keep(text):
    from anonymiser.detect.recognizers.speaker_name import SpeakerNameRecognizer

    assert SpeakerNameRecognizer().analyze(text, ["PERSON"]) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ilse K. Varga", {"Ilse K. Varga"}),
        ("Letter from Dorin T Maćkowiak to the panel.", {"Dorin T Maćkowiak"}),
        # Not names: ordinary words around a letter.
        ("See Appendix B Kelbridge and Plan B Review.", set()),
        ("Key Stage 2 and Year B Group; Part A Kelbridge; Section A. Introduction", set()),
    ],
)
def test_names_with_a_middle_initial(text, names):
    from anonymiser.detect.recognizers.middle_initial import MiddleInitialRecognizer

    recognizer = MiddleInitialRecognizer()
    assert {text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"])} == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Yelena, can I please speak to you?", {"Yelena"}),
        ("Sadly, no one came. However, the school rang.", set()),
    ],
)
def test_a_given_name_spoken_to_at_a_sentence_start(text, names):
    from anonymiser.detect.recognizers.single_name import SingleNameRecognizer

    recognizer = SingleNameRecognizer()
    assert {text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"])} == names
