"""Text a person types into a review's decisions: labels, notes, reasons for keeping, kept texts.

Labels are published; notes and reasons are committed in redactions.yml. None of them may carry
an identifier, so each goes through the rules a draft goes through, and more:

- invisible (default-ignorable) characters and words mixing scripts are refused outright: no
  honest label needs them, and they are how a name hides ("Kay\\u00adleigh", Cyrillic "а");
- the product's detector (spaCy via Presidio, the UK recognizers, the allow-list) runs on the
  text: a name, phone number, email, address, NHS number… it finds is refused, unless it is a
  replacement label of the review ("Mother" in "Mother's GP") or a kept identifier of the review
  (published anyway);
- with the partnership key, the text may not contain a redacted identifier, compared after
  `normalise` and after undoing joins: "Kayleigh_Brackenridge", "KayleighBrackenridge" and
  "kayleighbrackenridge" all contain "Kayleigh Brackenridge"; and read as the leak check reads
  published text (a label is published in Markdown): "&#75;ayleigh", "Kay<b>leigh</b>",
  "Kay-leigh" and "Kayleighs" all contain "Kayleigh".

A kept entity's `text` is published anyway, so it may hold an identifier, but only its own: it
is allowed when its fingerprint is one of the entity's (exactly the kept identifier, as the
review page records what the person saw). Anything else there, a note or another name put where
nobody looks, is refused. Without the key that cannot be tested, and the check says so.

A problem names the entity and the field and what is wrong, never the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from anonymiser.check.disguises import unmasked
from anonymiser.check.scanner import FingerprintScanner
from anonymiser.check.surfaces import plain_surface
from anonymiser.decisions.schema import EntityDecision, ReviewDecisions, safe_entity_id
from anonymiser.fingerprint_mentions import TextIndex
from anonymiser.fingerprints import PartnershipKey
from anonymiser.text import clean, invisible_characters, mixed_script, normalise, scripts

# The fields a person types, in the order they are reported.
TYPED_FIELDS = ("label", "note", "keep_reason", "text")
# A date in a note ("checked on 3 March") identifies nobody; every other type the detector
# finds does.
HARMLESS_TYPES = frozenset({"DATE"})
_WORD = re.compile(r"\w+")
# "KayleighBrackenridge" -> "Kayleigh Brackenridge"; "McDonald" stays one word ("Mc" is short).
_CAMEL = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])")
# A word joined from two names is split only into parts at least this long.
MIN_PART = 2


@dataclass(frozen=True)
class TextProblem:
    """What is wrong with one field of one entity; never the field's text."""

    entity_id: str
    field: str
    problem: str

    def message(self, path) -> str:
        where = f"entity {safe_entity_id(self.entity_id)}, field '{self.field}'"
        return f"{path}: {where}: {self.problem}"


def split_joins(text: str) -> str:
    """`text` with underscores and camelCase joins made spaces: words a reader sees as two."""
    return _CAMEL.sub(" ", text.replace("_", " "))


def joined_candidates(text: str) -> set[str]:
    """Normalised two-word readings of every word of `text` that may be two names written
    together ("kayleighbrackenridge" -> "kayleigh brackenridge", among others), and of every two
    neighbouring words written apart ("kay leigh" -> "kayleigh")."""
    norm_words = normalise(split_joins(text)).split()
    found: set[str] = set()
    for word in norm_words:
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            found.add(f"{word[:cut]} {word[cut:]}")
    for first, second in zip(norm_words, norm_words[1:], strict=False):
        found.add(first + second)
    return found


class TypedTextRules:
    """The rules for the typed fields of one review's decisions.

    `key` may be None (a check without the partnership key): the fingerprint rules are then
    skipped. `detector` may be None only where detection ran already (the benchmark)."""

    def __init__(
        self,
        decisions: ReviewDecisions,
        key: PartnershipKey | None,
        detector,
        redacted: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        self.key = key
        self.detector = detector
        # Redacted fingerprints: this review's (with the distinctive parts of a place's name,
        # which the leak check looks for too), and any others the caller knows (other reviews).
        self.redacted = set(redacted) | {
            fp
            for e in decisions.entities
            if e.decision == "redact"
            for fp in (*e.fingerprints, *e.part_fingerprints)
        }
        kept = [e for e in decisions.entities if e.decision == "keep"]
        self.kept = {fp for e in kept for fp in e.fingerprints}
        self.labels = {normalise(e.label) for e in decisions.entities if e.label} - {""}
        self._spans = lru_cache(maxsize=4096)(self._detected)
        self._scanner: FingerprintScanner | None = None

    # -- one entity ---------------------------------------------------------------------------

    def problems(self, decisions: ReviewDecisions) -> list[TextProblem]:
        return [p for entity in decisions.entities for p in self.problems_of(entity)]

    def problems_of(self, entity: EntityDecision, fields=TYPED_FIELDS) -> list[TextProblem]:
        found = []
        for field in fields:
            value = getattr(entity, field)
            if not value:
                continue
            problem = self.kept_text_problem(entity) if field == "text" else self.problem(value)
            if problem:
                found.append(TextProblem(entity.id, field, problem))
        return found

    # -- the rules ----------------------------------------------------------------------------

    def problem(self, value: str) -> str | None:
        """Why a label, note or reason may not be written; None when it may."""
        disguise = disguise_problem(value)
        if disguise:
            return disguise
        if self.key is not None and self._holds_redacted(value):
            return (
                "contains an identifier this review redacts (perhaps written joined or split, in "
                "markup or in other letters). Choose words that name nobody."
            )
        kinds = self._identifiers(value)
        if kinds:
            return (
                f"holds what reads as an identifier ({', '.join(sorted(kinds))}). Write a role "
                '("Mother", "the health visitor") instead; notes and reasons are committed '
                "with the review."
            )
        return None

    def kept_text_problem(self, entity: EntityDecision) -> str | None:
        """A kept text is allowed only as exactly the kept identifier (see the module)."""
        disguise = disguise_problem(entity.text)
        if disguise:
            return disguise
        if self.key is None:
            return None
        if self.key.fingerprint(entity.text) not in entity.fingerprints:
            return (
                "is not the kept identifier itself; only that may be stored as text. Remove "
                "'text' (a reason goes in 'keep_reason')."
            )
        return None

    def contains_redacted(self, text: str) -> bool:
        """Whether `text`, as written, contains a redacted identifier (needs the key)."""
        return self.key is not None and any(TextIndex(text, self.key).find(self.redacted))

    def _holds_redacted(self, value: str) -> bool:
        key = self.key
        for form in {value, split_joins(value)}:
            if any(TextIndex(form, key).find(self.redacted)):
                return True
        if any(key.fingerprint_normalised(c) in self.redacted for c in joined_candidates(value)):
            return True
        return self._holds_redacted_as_published(value)

    def _holds_redacted_as_published(self, value: str) -> bool:
        """A label is published in Markdown: read as the leak check reads published text, with
        its disguises taken off ("&#75;ayleigh", "Kay<b>leigh</b>", "k%61yleigh", "Kay-leigh")
        and a possessive without its apostrophe ("Kayleighs")."""
        if self._scanner is None:
            self._scanner = FingerprintScanner(self.key, self.redacted)
        surface = plain_surface(Path("typed"), value)
        readings = [unmasked(surface, joined=joined) for joined in (False, True)]
        texts = [value, *(reading.text for reading in readings if reading is not None)]
        return any(self._scanner.find(text, count=False) for text in texts)

    def _identifiers(self, value: str) -> set[str]:
        if self.detector is None:
            return set()
        kinds = set()
        for form in {value, split_joins(value)}:
            for entity_type, text in self._spans(form):
                if entity_type in HARMLESS_TYPES or self._published_anyway(text):
                    continue
                kinds.add(entity_type)
        return kinds

    def _detected(self, text: str) -> tuple[tuple[str, str], ...]:
        return tuple((span.entity_type, span.text) for span in self.detector.detect(text))

    def _published_anyway(self, found: str) -> bool:
        """A replacement label of the review, or an identifier it keeps."""
        norm = normalise(found)
        if not norm or any(f" {norm} " in f" {label} " for label in self.labels):
            return True
        return self.key is not None and self.key.fingerprint_normalised(norm) in self.kept


def disguise_problem(value: str) -> str | None:
    """Invisible characters, letters of two scripts in one word, or letters in compatibility
    forms (fullwidth, mathematical): each is refused, naming the characters, not the text."""
    invisible = invisible_characters(value)
    if invisible:
        return f"holds invisible characters ({', '.join(sorted(set(invisible)))}). Type it again."
    for word in _WORD.findall(value):
        if mixed_script(word):
            alphabets = ", ".join(sorted(scripts(word)))
            return (
                f"mixes letters of different alphabets in one word ({alphabets}). Type it "
                "again in one alphabet."
            )
    if clean(value) != value:
        return "holds letters in a disguised form (fullwidth, ligatures…). Type it again."
    return None
