"""How the detector shapes NER's spans: a name never runs over a record line's field separator."""

import pytest

from anonymiser.detect.recognizers.single_name import SingleNameRecognizer


def people(detector, text):
    return {span.text for span in detector.detect(text) if span.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A clinician and a patient on one record line, a dash between them.
        ("    14/03/22 Dr P. Quennell - ABERNATHY, Corisande  seen today", {"P. Quennell"}),
        ("Orla Brinsmead - Family Support Worker; Tobias Kettering | Team Manager",
         {"Orla Brinsmead", "Tobias Kettering"}),
    ],
)  # fmt: skip
def test_a_name_stops_at_a_field_separator(detector, text, names):
    found = people(detector, text)
    assert names <= found
    assert not any(separator in name for name in found for separator in (" - ", ";", "|"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mary-Beth Quennell visited the family.", "Mary-Beth Quennell"),
        ("Her mother, Corisande Abernathy-Vane, was present.", "Corisande Abernathy-Vane"),
    ],
)
def test_a_hyphenated_name_is_not_cut(detector, text, name):
    assert name in people(detector, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("| 02/03/2022 01:10 | PC 5182 TREVANNION | Attended. |", "TREVANNION"),
        ("DS 304 Quennell took the first account.", "Quennell"),
        ("Sgt 77 Abernathy-Vane was the supervisor.", "Abernathy-Vane"),
    ],
)
def test_a_surname_after_rank_and_collar_number(detector, text, name):
    assert name in people(detector, text)


@pytest.mark.parametrize(
    ("text", "writers"),
    [
        # A transcript pasted into running text: messages start mid-line.
        ("Chat log [03/02/2023, 21:40] tyrese q: where r u [03/02/2023, 21:41] Mo: home",
         {"tyrese q"}),
        ("> **corisande:** on my way\n> **bex:** ok babe", {"corisande", "bex"}),
        ("&gt; **lenka:** 5 mins &gt; **marek:** ok", {"lenka", "marek"}),
        # A writer keeps the initial of their name as written.
        ("[03/02/2023, 21:40] corey t: where r u", {"corey t"}),
        # A transcript's heading lists who took part.
        ("Chat: orla m  /  Dev [03/02/2023, 21:40] orla m: where", {"orla m", "Dev"}),
        ("Group chat: Squad (tiegan, mirela, Jax)\n[03/02/2023] tiegan: hi",
         {"tiegan", "mirela"}),
        ("Messages between kian and Dex:\nkian: u ok", {"kian", "Dex"}),
        ("WhatsApp chat: ellz / marek", {"ellz", "marek"}),
    ],
)  # fmt: skip
def test_who_wrote_a_message_is_a_person(detector, text, writers):
    assert writers <= people(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "[03/02/2023, 21:40] Mum: where are you",
        "[03/02/2023, 21:41] Unknown number: who is this",
        "> **Me:** on my way",
        "See note [4] Summary: the school was told.",
        # Headings and sentences about chats that list no writer by name.
        "Conversation: Mum / Unknown number",
        "Messages between Mother and the social worker were read.",
        "Group chat: Year 9 Girls",
        "Chat log: see the appendix",
        "Thread: safeguarding concerns",
    ],
)
def test_a_writer_that_is_a_role_or_a_word_is_no_person(detector, text):
    assert not people(detector, text)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # Written in lower case only inside a message, a name still counts at a sentence start.
        ('The note reads: "she will not say. Kerry to tell SW."\n> **bex:** tell kerry x', True),
        # Written in lower case in running text, it is a word there.
        ('The note reads: "she will not say. Kerry to tell SW." A kerry is a cow.', False),
    ],
)
def test_lower_case_in_messages_is_no_evidence_of_a_word(text, named):
    found = {text[r.start : r.end] for r in SingleNameRecognizer().analyze(text, ["PERSON"])}
    assert ("Kerry" in found) is named


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Safeguarding Adult Review (SAR) Mr. C Overview Report", set()),
        ("The Mr C SAR was published in 2021.", set()),
        (
            "Mrs J. QUENNELL attended; Dr A Abernathy-Vane wrote.",
            {"J. QUENNELL", "A Abernathy-Vane"},
        ),
    ],
)
def test_a_pseudonym_letter_before_a_word_is_no_name(text, names):
    from anonymiser.detect.recognizers.titled_name import TitledNameRecognizer

    found = {text[r.start : r.end] for r in TitledNameRecognizer().analyze(text, ["PERSON"])}
    assert found == names


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # A method, tool or body of guidance named after someone is no person of the review.
        ("Gillick and Tarrant guidelines were considered; not met.", None),
        ("This was contrary to Brightwell guidance on risk.", None),
        ("Staff had completed Kestrelle training in 2021.", None),
        ("The Hollis model of supervision was used.", None),
        # A person given guidance, training or a tool is still a person.
        ("The school gave Kayden guidance about online safety.", "Kayden"),
        ("The nurse offered Tanisha Rowe training on safe sleep.", "Tanisha Rowe"),
        ("Kayden Marsh was seen at home.", "Kayden Marsh"),
    ],
)
def test_a_name_before_guidance_or_a_method_is_no_person(detector, text, person):
    found = people(detector, text)
    if person is None:
        assert not found, found
    else:
        assert person in found, found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A field's label after a name is no surname ("Author Date: ...").
        ("Independent Chair and Author Date: November 2024", set()),
        ("Kayden Marsh Date: 3 May 2023", {"Kayden Marsh"}),
        ("Report by Hollis Adeyemi: final", {"Hollis Adeyemi"}),
    ],
)
def test_a_field_label_is_no_surname(text, names):
    from anonymiser.detect.recognizers.gazetteer_name import GazetteerNameRecognizer

    recognizer = GazetteerNameRecognizer()
    found = {text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"])}
    assert found == names
