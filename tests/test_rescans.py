"""Rescans never lose or change a human decision: a property test with hypothesis over random
edits of the drafts, and the cases behind it (merged and added variants, stale entities, kept
entities).

The rescans here use a small stand-in detector (names from a fixed list) so that hypothesis can
run hundreds of scans in seconds; test_review_page.py rescans with the real one."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anonymiser.commands.scan import scan_review
from anonymiser.config import Settings
from anonymiser.decisions.schema import ReviewDecisions
from anonymiser.decisions.store import decisions_lock, load_decisions, save_decisions
from anonymiser.detect import Span
from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.types import PERSON
from anonymiser.fingerprints import new_key, save_key
from anonymiser.review.edits import Edit, Reviewer, apply_edit
from anonymiser.review_folder import ReviewFolder

PEOPLE = ["Kayden Marsh", "Oskar Marsh", "Zofia Wojcik", "Dean Whitlock", "Gemma Ashcroft"]
STREETS = ["Larkspur Close", "Tanners Row"]
MISSED = "Bumble"  # a nickname no detector finds: only a person can add it
_NAMES = sorted(
    set(PEOPLE) | {part for name in PEOPLE for part in name.split()}, key=len, reverse=True
)
_NAME = re.compile(r"\b(?:" + "|".join(_NAMES) + r")\b")
_STREET = re.compile(r"\b(?:" + "|".join(STREETS) + r")\b")


class NameListDetector:
    """Finds the names of PEOPLE (full, given or surname) and STREETS, as written."""

    allow_list = AllowList.build([])

    def detect_many(self, texts: list[str], allow_list=None) -> list[list[Span]]:
        return [self.detect(text) for text in texts]

    def detect(self, text: str) -> list[Span]:
        spans = [
            Span(m.start(), m.end(), PERSON, m.group(), 0.9, "list") for m in _NAME.finditer(text)
        ]
        spans += [
            Span(m.start(), m.end(), "STREET", m.group(), 0.9, "list")
            for m in _STREET.finditer(text)
        ]
        return spans


SUBJECTS = PEOPLE + [n.split()[0] for n in PEOPLE] + ["KAYDEN MARSH", "Kayden's", "Mr Whitlock"]
SUBJECTS += ["The health visitor", "Mother", MISSED]
ENDINGS = [
    "visited the house.",
    "was seen at Larkspur Close.",
    "moved to Tanners Row.",
    "rang the nursery.",
    "told Oskar Marsh about it.",
]
sentences = st.builds(
    lambda subject, ending: f"{subject} {ending}",
    st.sampled_from(SUBJECTS),
    st.sampled_from(ENDINGS),
)
drafts = st.fixed_dictionaries(
    {
        "overview": st.lists(sentences, min_size=1, max_size=6),
        "briefing": st.lists(sentences, min_size=1, max_size=4),
    }
)
LABELS = ["Mother", "Child D", "Sibling 1", "the health visitor"]


def write_drafts(folder: ReviewFolder, texts: dict[str, list[str]]) -> None:
    for stem, lines in texts.items():
        (folder.source / f"{stem}.md").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def edited(data, texts: dict[str, list[str]]) -> dict[str, list[str]]:
    """The drafts after a few random edits: sentences deleted, inserted or rewritten."""
    texts = {stem: list(lines) for stem, lines in texts.items()}
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        stem = data.draw(st.sampled_from(sorted(texts)), label="document")
        lines = texts[stem]
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]), label="action")
        at = data.draw(st.integers(0, len(lines) - 1), label="at")
        if action == "delete" and len(lines) > 1:
            del lines[at]
        elif action == "insert":
            lines.insert(at, data.draw(sentences, label="new sentence"))
        else:
            lines[at] = data.draw(sentences, label="rewritten")
    return texts


HUMAN_FIELDS = ("decision", "label", "decided_by", "decided_on", "note", "text", "origin")


def human_decisions(decisions: ReviewDecisions) -> dict[str, tuple]:
    return {
        e.id: (
            tuple(getattr(e, f) for f in HUMAN_FIELDS),
            tuple(e.merged_from),
            set(e.fingerprints),
        )
        for e in decisions.entities
    }


def decide_randomly(data, decisions: ReviewDecisions, settings_: Settings) -> None:
    """What a person might do on the review page, drawn at random."""
    people = [e.id for e in decisions.entities if e.type == PERSON]
    reviewer = Reviewer("Comms officer", "2026-03-01")
    allow = NameListDetector.allow_list
    if len(people) >= 2 and data.draw(st.booleans(), label="merge two people"):
        source, target = data.draw(st.permutations(people), label="merge")[:2]
        apply_edit(
            decisions, Edit("merge", source, into=target), reviewer, KEY_IN_USE, settings_, allow
        )
    if data.draw(st.booleans(), label="add the missed nickname"):
        apply_edit(
            decisions,
            Edit("add", text=MISSED, label="Family friend"),
            reviewer,
            KEY_IN_USE,
            settings_,
            allow,
        )
    for entity_ in list(decisions.entities):
        choice = data.draw(st.sampled_from(["pending", "redact", "keep", "note"]), label=entity_.id)
        if choice == "redact":
            label = data.draw(st.sampled_from(LABELS), label="label")
            apply_edit(
                decisions,
                Edit("redact", entity_.id, label=label),
                reviewer,
                KEY_IN_USE,
                settings_,
                allow,
            )
        elif choice == "keep":
            keep = Edit("keep", entity_.id, reason="a public service named in the report")
            apply_edit(decisions, keep, reviewer, KEY_IN_USE, settings_, allow)
        elif choice == "note":
            apply_edit(
                decisions,
                Edit("note", entity_.id, note="checked with the reviewer"),
                reviewer,
                KEY_IN_USE,
                settings_,
                allow,
            )


KEY_IN_USE = new_key()


def project(root: Path) -> tuple[ReviewFolder, Settings]:
    settings_ = Settings(root=root)
    save_key(KEY_IN_USE, settings_.key_path)
    folder = ReviewFolder.at(root / "reports" / "child-x")
    folder.source.mkdir(parents=True)
    return folder, settings_


# The fixture only clears $ANONYMISER_KEY, which is the same for every example.
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(first=drafts, data=st.data())
def test_rescans_never_lose_or_change_a_human_decision(first, data, monkeypatch_env):
    detector = NameListDetector()
    with tempfile.TemporaryDirectory() as tmp:
        folder, settings_ = project(Path(tmp))
        write_drafts(folder, first)
        scan_review(folder, settings_, detector)
        with decisions_lock(folder.decisions_file):
            decisions = load_decisions(folder.decisions_file, None)
            decide_randomly(data, decisions, settings_)
            save_decisions(decisions, folder.decisions_file)
        before = human_decisions(load_decisions(folder.decisions_file, None))
        texts = first
        for _ in range(data.draw(st.integers(1, 3), label="rescans")):
            texts = edited(data, texts)
            write_drafts(folder, texts)
            scan_review(folder, settings_, detector)
            after = human_decisions(load_decisions(folder.decisions_file, None))
            for entity_id, (fields, merged, fingerprints) in before.items():
                assert entity_id in after, f"{entity_id} was dropped"
                assert after[entity_id][0] == fields, f"{entity_id} changed"
                assert after[entity_id][1] == merged
                assert fingerprints <= after[entity_id][2], f"{entity_id} lost a variant"
            before = after


@pytest.fixture
def monkeypatch_env(monkeypatch):
    monkeypatch.delenv("ANONYMISER_KEY", raising=False)


def test_merged_and_added_variants_are_present_not_stale_after_a_rescan(tmp_path, monkeypatch_env):
    folder, settings_ = project(tmp_path)
    detector = NameListDetector()
    write_drafts(folder, {"overview": ["Zofia Wojcik visited the house.", f"{MISSED} rang."]})
    summary = scan_review(folder, settings_, detector)
    assert summary.wrote_review_file and folder.review_file.is_file()  # only source/ before
    assert (summary.total, summary.pending, dict(summary.by_type)) == (1, 1, {PERSON: 1})
    decisions = load_decisions(folder.decisions_file, None)
    zofia = decisions.by_fingerprint()[KEY_IN_USE.fingerprint("Zofia Wojcik")]
    reviewer = Reviewer("Comms officer", "2026-03-01")
    allow = detector.allow_list
    apply_edit(
        decisions, Edit("redact", zofia.id, label="Mother"), reviewer, KEY_IN_USE, settings_, allow
    )
    apply_edit(decisions, Edit("add", text=MISSED), reviewer, KEY_IN_USE, settings_, allow)
    save_decisions(decisions, folder.decisions_file)

    write_drafts(folder, {"overview": ["Dean Whitlock rang.", f"{MISSED} and {MISSED} visited."]})
    scan_review(folder, settings_, detector)
    after = load_decisions(folder.decisions_file, None)
    added = after.by_fingerprint()[KEY_IN_USE.fingerprint(MISSED)]
    assert (added.stale, added.mentions, added.origin) == (False, {"overview": 2}, "added")
    mother = after.by_id()[zofia.id]
    assert mother.stale and mother.label == "Mother" and mother.mentions == {}
    dean = after.by_fingerprint()[KEY_IN_USE.fingerprint("Dean Whitlock")]
    assert dean.decision == "pending"

    # Confirmed while stale, it stays quiet until it returns, then it is present again.
    mother.decide("redact", "Comms officer", "2026-03-02")
    save_decisions(after, folder.decisions_file)
    scan_review(folder, settings_, detector)
    assert not load_decisions(folder.decisions_file, None).by_id()[zofia.id].stale
    write_drafts(folder, {"overview": ["Zofia visited.", f"{MISSED} rang."]})
    scan_review(folder, settings_, detector)
    back = load_decisions(folder.decisions_file, None).by_id()[zofia.id]
    assert (back.stale, back.mentions, back.label) == (False, {"overview": 1}, "Mother")


def test_a_kept_entity_never_takes_in_a_new_variant(tmp_path, monkeypatch_env):
    folder, settings_ = project(tmp_path)
    detector = NameListDetector()
    write_drafts(folder, {"overview": ["Gemma visited."]})
    scan_review(folder, settings_, detector)
    decisions = load_decisions(folder.decisions_file, None)
    (gemma,) = decisions.entities
    gemma.decide("keep", "Comms officer", "2026-03-01")
    save_decisions(decisions, folder.decisions_file)
    write_drafts(folder, {"overview": ["Gemma Ashcroft visited."]})
    scan_review(folder, settings_, detector)
    after = load_decisions(folder.decisions_file, None)
    assert after.by_id()[gemma.id].fingerprints == gemma.fingerprints
    new = after.by_fingerprint()[KEY_IN_USE.fingerprint("Gemma Ashcroft")]
    assert new.id != gemma.id and new.decision == "pending"
