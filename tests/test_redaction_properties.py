"""Property tests of the redaction itself (hypothesis), on random text with planted identifiers.

- `render` with `Replacement`s: no planted identifier survives, and every character outside
  the redacted spans is unchanged, in order (checked against a plain model of the output).
- The whole pipeline (`analyse` with the spaCy detector, default outcomes, `render_all`): the
  fictional names planted in random sentences, in their usual variants, never survive.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anonymiser.ingest import Document
from anonymiser.render import Replacement, render

# Fictional identifiers, and a filler vocabulary that shares no word with them or the labels.
PEOPLE = ["Kayden Marsh", "Zofia Wójcik", "Gemma Ashcroft", "Dean Whitlock", "Tomasz Nowak"]
OTHERS = [
    ("KE4 7PQ", "[postcode]"),
    ("07700 900123", "[phone number]"),
    ("14 Larkspur Close", "[address]"),
]
FILLER = ["the", "visit", "was", "noted", "by", "health", "staff", "at", "home", "and", "then",
          "school", "reported", "concerns", "about", "neglect", "in", "2019", "(", ")", ",", ".",
          ";", "—", "“", "”", "'", "\n", "\n\n", "#", "*", "|", "café", "naïve", "Ω"]  # fmt: skip


def variants(name: str) -> list[str]:
    first, last = name.split()
    return [name, first, last, f"{first}'s", f"Mr {last}", name.upper(), f"{first}\n{last}"]


@st.composite
def planted_text(draw):
    """Text made of filler runs and planted identifiers, with the planted spans and labels."""
    pieces: list[tuple[str, str | None, str | None, bool]] = []  # text, target, label, person
    for _ in range(draw(st.integers(1, 8))):
        filler = draw(st.lists(st.sampled_from(FILLER), min_size=1, max_size=6))
        # A filler run always has a word in it: a lone space between two names makes them one
        # person by design (render's without_overlaps), which the model below does not follow.
        pieces.append((" " + " ".join(filler) + " visit ", None, None, False))
        if draw(st.booleans()):
            index = draw(st.integers(0, len(PEOPLE) - 1))
            variant = draw(st.sampled_from(variants(PEOPLE[index])))
            pieces.append((variant, f"P{index}", f"Person {'ABCDE'[index]}", True))
        else:
            text, label = draw(st.sampled_from(OTHERS))
            pieces.append((text, label, label, False))
    text, replacements, expected = "", [], ""
    for piece, target, label, person in pieces:
        if target is not None:
            start, end = len(text), len(text) + len(piece)
            replacements.append(Replacement(start, end, target, label, person=person))
            if " " in piece and draw(st.booleans()):
                # A second, shorter mention inside the first (as "Marsh" in "Kayden Marsh").
                inner = start + piece.index(" ") + 1
                replacements.append(Replacement(inner, end, target + "-inner", "[x]", person=True))
            letters = [c for c in piece if c.isalpha()]
            upper = person and len(letters) > 1 and all(c.isupper() for c in letters)
            expected += label.upper() if upper else label
        else:
            expected += piece
        text += piece
    seed = draw(st.integers(0, 2**16))
    random.Random(seed).shuffle(replacements)
    return text, replacements, expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(planted_text())
def test_render_removes_every_planted_identifier_and_nothing_else(case):
    text, replacements, expected = case
    output = render(text, replacements)
    assert output == expected
    for replacement in replacements:
        assert text[replacement.start : replacement.end] not in output


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_render_without_replacements_changes_nothing(text):
    assert render(text, []) == text


# --- the whole pipeline ---------------------------------------------------------------------

SENTENCES = [
    "{} was seen by the health visitor at home.",
    "The social worker spoke to {} about the plan.",
    "In the meeting {} said that the family had moved.",
    "Records show that {} did not attend the appointment.",
    "The school nurse was worried about {}.",
]
FILLER_SENTENCES = [
    "The review looked at how agencies shared information.",
    "Practitioners did not always record their concerns.",
    "The partnership has accepted the recommendations.",
]


def survives(variant: str, text: str) -> bool:
    words = r"\s+".join(re.escape(word) for word in variant.split())
    return re.search(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE) is not None


@pytest.mark.slow
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(SENTENCES + FILLER_SENTENCES), st.integers(0, len(PEOPLE) - 1)),
        min_size=2,
        max_size=6,
    ),
    st.sampled_from(["full", "first", "surname", "possessive", "upper"]),
)
def test_pipeline_leaves_no_variant_of_a_planted_name(detector, repo_settings, plan, form):
    from anonymiser.decisions.plan import accept_all_plan, one_shot_key
    from anonymiser.pipeline import analyse, render_all

    planted: set[str] = set()
    sentences = []
    for number, (sentence, index) in enumerate(plan):
        name = PEOPLE[index]
        first, last = name.split()
        # The full name comes first in the review, as reports introduce people.
        shown = name if number == 0 else {
            "full": name,
            "first": first,
            "surname": f"Mr {last}",
            "possessive": f"{first}'s",
            "upper": name.upper(),
        }[form]  # fmt: skip
        if "{}" in sentence:
            planted.update({name, first, last})
            if number == 0 or form == "full":
                sentences.append(sentence.format(shown))
            else:
                sentences.append(f"{name} was present. " + sentence.format(shown))
        else:
            sentences.append(sentence)
    text = " ".join(sentences) + "\n"
    review = analyse([Document(path=Path("overview.md"), body=text)], detector)
    planned = accept_all_plan(review, one_shot_key(repo_settings), repo_settings, detector)
    published = render_all(review, planned)["overview"]
    for variant in planted:
        assert not survives(variant, published), (variant, text, published)
    for filler in FILLER_SENTENCES:
        if filler in text:
            assert filler in published
