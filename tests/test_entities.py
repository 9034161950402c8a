"""Review-wide entities: clustering of name variants and propagation to every document."""

from __future__ import annotations

from pathlib import Path

import pytest

from anonymiser.ingest import Document, HiddenPart
from anonymiser.pipeline import analyse

pytestmark = pytest.mark.slow


def doc(stem: str, body: str, *hidden: HiddenPart) -> Document:
    return Document(Path(f"{stem}.md"), body, tuple(hidden))


def mentions_by_variant(review) -> dict[str, set[str]]:
    """surface form of each entity -> every text that was found as its mention"""
    return {e.surface: {m.text for m in e.mentions} for e in review.entities}


def test_every_variant_of_a_name_is_one_entity(detector):
    review = analyse(
        [
            doc("overview", "Kayden Marsh was born early. Kayden's mother cared for him."),
            doc("briefing", 'KAYDEN\'S STORY\n\nMother texted: "kayden is asleep".'),
        ],
        detector,
    )
    found = mentions_by_variant(review)
    assert found["Kayden Marsh"] == {"Kayden Marsh", "Kayden", "KAYDEN", "kayden"}


def test_title_is_part_of_the_mention(detector):
    review = analyse(
        [doc("overview", "Liam Marsh drank. Later Mr Marsh left the house.")], detector
    )
    texts = {m.text for e in review.entities for m in e.mentions}
    assert "Mr Marsh" in texts


def test_identifier_only_in_a_comment_is_removed_from_every_body(detector):
    review = analyse(
        [
            doc(
                "overview",
                "The social worker visited twice.",
                HiddenPart("comment 1", "Check this with Rebecca Thornley before sign-off."),
            ),
            doc("briefing", "Rebecca Thornley was not interviewed."),
        ],
        detector,
    )
    found = mentions_by_variant(review)
    assert found["Rebecca Thornley"] == {"Rebecca Thornley"}


def test_comment_author_is_a_person(detector):
    review = analyse(
        [
            doc(
                "overview",
                "Gemma Lisle chaired the panel.",
                HiddenPart("comment author", "Gemma Lisle", "PERSON"),
            ),
        ],
        detector,
    )
    assert any(e.surface == "Gemma Lisle" and e.mentions for e in review.entities)


def test_ordinary_word_name_only_where_capitalised(detector):
    review = analyse(
        [doc("overview", "Hope Adams was seven. Hope said she had no hope of going home.")],
        detector,
    )
    texts = [m.text for e in review.entities for m in e.mentions]
    assert "hope" not in texts
    assert texts.count("Hope") == 1 and "Hope Adams" in texts


def test_shared_surname_is_its_own_entity(detector):
    review = analyse(
        [doc("overview", "Leanne Marsh and Kayden Marsh moved. Mr Marsh stayed behind.")],
        detector,
    )
    found = mentions_by_variant(review)
    assert found["Marsh"] == {"Mr Marsh"}
    assert found["Leanne Marsh"] == {"Leanne Marsh"}


def test_allowed_phrases_are_never_mentions(detector):
    review = analyse(
        [
            doc(
                "overview",
                "Kelbridge Brown was seen. Eastmoor Police and Brown's Lane Surgery were told.",
            )
        ],
        detector,
    )
    texts = {m.text for e in review.entities for m in e.mentions}
    assert "Eastmoor Police" not in texts and "Eastmoor" not in texts


def test_area_named_by_a_public_body_stays_but_a_smaller_place_goes(detector):
    review = analyse(
        [
            doc(
                "overview",
                "Northdale Police and Northdale Council Children's Services were involved. "
                "The family moved from Northdale to the Brackley Estate in Wexham, where "
                "Wexham Constabulary knew them.",
            )
        ],
        detector,
    )
    texts = {m.text for e in review.entities for m in e.mentions}
    assert "Brackley Estate" in texts
    assert not texts & {"Northdale", "Wexham", "Northdale Police"}


def test_initials_of_a_known_person_are_removed(detector):
    review = analyse(
        [
            doc(
                "overview",
                "Kayden Marsh was born early.\n\n| Date | Event |\n|---|---|\n"
                "| May 2022 | KM seen by the GP. |\n\nThe GP wrote 5 km away; OKM stays.",
            )
        ],
        detector,
    )
    found = mentions_by_variant(review)
    assert found["Kayden Marsh"] == {"Kayden Marsh", "KM"}
    initials = [m for e in review.entities for m in e.mentions if m.text.upper() == "KM"]
    assert len(initials) == 1  # not "km" in "5 km", not inside "OKM"


def test_a_flat_of_a_known_address_is_removed_where_it_stands_alone(detector):
    review = analyse(
        [
            doc("overview", "She died at Flat 12, Brindley Court, on a Sunday."),
            doc("briefing", "Police forced the door of Flat 12 at noon."),
        ],
        detector,
    )
    texts = {m.text for e in review.entities for m in e.mentions if m.doc == "briefing"}
    assert "Flat 12" in texts


def test_family_surname_in_the_plural_and_short_forms_of_a_given_name(detector):
    review = analyse(
        [
            doc("overview", "Natalia Merrow lived with her son. Staff knew her as Nat."),
            doc("briefing", "The Merrows moved twice. Nat said she was fine."),
        ],
        detector,
    )
    people = [e for e in review.entities if e.entity_type == "PERSON"]
    found = {(m.doc, m.text) for e in people for m in e.mentions}
    assert {("briefing", "Merrows"), ("briefing", "Nat"), ("overview", "Nat")} <= found


def test_a_shared_family_surname_in_the_plural(detector):
    review = analyse(
        [doc("overview", "Dean Stafford and Lisa Stafford moved in 2019. The Staffords left.")],
        detector,
    )
    assert "Staffords" in {m.text for e in review.entities for m in e.mentions}


@pytest.mark.parametrize(
    ("text", "short_form"),
    [
        # A given name's short form in lower case inside a quotation or a message.
        ('Corisande Pellow moved in. His text read: "cori says hes fine".', "cori"),
        ("Tobias Quennell left. [02/03/2023, 21:40] Mo: tobs outside again", "tobs"),
        # A surname's short form with an ending, as friends call someone.
        ("Darren Keverne was arrested. Friends called him Kevs.", "Kevs"),
        ("Darren Keverne left. [02/03/2023, 21:41] Mo: kevs is back", "kevs"),
    ],
)
def test_short_forms_of_a_known_name(detector, text, short_form):
    review = analyse([doc("overview", text)], detector)
    assert short_form in {m.text for e in review.entities for m in e.mentions}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # Outside quotations a lower-case word stays a word; a surname's bare start is no form.
        ("Corisande Pellow said cori was a word in her language.", "cori"),
        ("Gareth Johnson visited. John, the neighbour, was not there.", "John"),
    ],
)
def test_not_a_short_form(detector, text, word):
    review = analyse([doc("overview", text)], detector)
    owners = [e for e in review.entities for m in e.mentions if m.text == word]
    assert not any("Johnson" in e.variants or "Corisande Pellow" in e.variants for e in owners)


def test_a_possessive_without_apostrophe_in_a_message_is_a_mention(detector):
    text = (
        "Rides were booked by Rory Pellow in cash.\n\n> **ellz.mae07:** just say rorys name\n\n"
        "The Rorys Cafe was closed."
    )
    review = analyse([doc("overview", text)], detector)
    mentions = {m.text for e in review.entities for m in e.mentions}
    assert "rorys" in mentions
    assert "Rorys" not in mentions  # outside a message "Rorys" is another word


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Corin Mensah-Pell was 15. On the front sheet he is C.M.P. only.", "C.M.P."),
        ("Tobias Quennell moved in. The form names T. Q. as the father.", "T. Q."),
        ("Tobias Quennell moved in. TQ attended.", "TQ"),
    ],
)
def test_initials_with_dots_of_a_known_person(detector, text, initials):
    review = analyse([doc("overview", text)], detector)
    assert initials in {m.text for e in review.entities for m in e.mentions}


def test_dotted_letters_that_are_no_ones_initials(detector):
    text = "Tobias Quennell moved in. He held a B.T.Q.A. card and lived in the U.K."
    review = analyse([doc("overview", text)], detector)
    person = next(e for e in review.entities if "tobias quennell" in e.variants)
    assert {m.text for m in person.mentions} == {"Tobias Quennell"}


@pytest.mark.parametrize(
    "text",
    [
        "DHR Case Marguerite\n\nCase Marguerite was the seventh review in the borough.",
        "Overview Report under Regulation 5 Author Ysolde Frame\n\nThe review began in 2019.",
    ],
)
def test_a_label_word_before_a_kept_name_is_no_person(detector, text):
    review = analyse([doc("overview", text)], detector)
    assert not [e for e in review.entities if e.entity_type == "PERSON"]


def test_a_name_beside_a_kept_name_is_still_found(detector):
    text = "Author Ysolde Frame\n\nDuring the review Tobias Quennell met the author twice."
    review = analyse([doc("overview", text)], detector)
    assert "Tobias Quennell" in {m.text for e in review.entities for m in e.mentions}


def test_a_given_name_cut_by_a_line_break_is_still_a_name(detector):
    review = analyse([doc("overview", "The father was Jack\nQuennell, then 24.")], detector)
    texts = {m.text for e in review.entities for m in e.mentions}
    assert "Jack" in texts or "Jack\nQuennell" in texts


@pytest.mark.parametrize(
    ("body", "found"),
    [
        # Letters with Latin look-alikes: the variant's skeleton is Latin, the text is not.
        ("Борис Кузнецов пришёл домой. Борис Кузнецов спал.", "Борис Кузнецов"),
        ("They lived at 8 Οδός Κηφισίας 112 for a year.", "8 Οδός Κηφισίας 112"),
        # An address that NER's name runs into ("Mrs Ilka Brandt Apt").
        ("Mrs. Ilka Brandt Apt. 12 4471 Lövgatan 8\nVästerby, SE 12345", "4471 Lövgatan 8"),
        # An address over indented lines.
        ("Post went to:\n    41 Quenby Walk\n      Harwell Magna\n    HM7 2QT\n", "41 Quenby Walk"),
    ],
)
def test_identifiers_written_in_other_scripts_or_over_lines_are_mentions(detector, body, found):
    review = analyse([doc("overview", body)], detector)
    mentions = {m.text for e in review.entities for m in e.mentions}
    assert any(found in text for text in mentions), mentions


def test_a_name_taken_once_for_a_place_stays_a_person():
    # NER read "Lacey-Mae" as a place once and as a person everywhere else: one person.
    from anonymiser.detect.allow_list import AllowList
    from anonymiser.detect.detector import Span
    from anonymiser.entities import Detection, cluster

    found = [
        Detection("overview", "body", Span(0, 9, "PERSON", "Lacey-Mae", 0.85, "SpacyRecognizer")),
        Detection("overview", "body", Span(40, 49, "LOCATION", "Lacey-Mae", 0.85, "Spacy")),
        Detection("overview", "body", Span(60, 66, "LOCATION", "Kelbridge", 0.85, "Spacy")),
    ]
    entities = cluster(found, ["overview"], AllowList.build([]))
    types = {variant: e.entity_type for e in entities for variant in e.variants}
    assert types["lacey mae"] == "PERSON"
    assert types["kelbridge"] == "LOCATION"


def test_a_name_never_runs_over_a_paragraph_break(detector):
    review = analyse(
        [
            doc(
                "overview",
                "Kayden Marsh was seen.\n\nThen Kayden\nMarsh went home.\n\nKayden\n\nMarsh",
            )
        ],
        detector,
    )
    person = next(e for e in review.entities if "kayden marsh" in e.variants)
    texts = sorted(m.text for m in person.mentions)
    assert "Kayden Marsh" in texts and "Kayden\nMarsh" in texts
    assert "Kayden\n\nMarsh" not in texts
