"""From detections to the entities of a whole review, and every place each one occurs.

A review is anonymised as a whole: "Kayden Marsh" found in the overview report is one entity
with the variants "kayden marsh", "kayden" and "marsh", and every occurrence of any variant in
any document of the review (in any case, possessive or not, after "Mr") is a mention of it.
An identifier found only in a Word comment is removed from every document's body all the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from wordfreq import zipf_frequency

from anonymiser.detect import Span
from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.gazetteer import is_given_name, is_name
from anonymiser.detect.names import is_common_word, is_not_name_word
from anonymiser.detect.recognizers.address import BUILDING_NAME
from anonymiser.detect.recognizers.quoted_name import quoted_spans
from anonymiser.detect.recognizers.titled_name import TITLE, TITLE_WORDS
from anonymiser.detect.types import PERSON, more_specific
from anonymiser.ingest import Document
from anonymiser.text import normalise

BODY = "body"
_BUILDING = re.compile(BUILDING_NAME)
_FLAT = re.compile(r"(?:Flat|Apartment|Apt)\s+\d+[A-Za-z]?\b")
# A one-word name is matched in lower case ("kayden" in a text message) only if it is rare as
# an English word; "Hope", "Frank" or "Will" count only where written with a capital.
RARE_WORD_ZIPF = 3.5
# Initials ("AM", "GT") of a comment's author stay in the comment, which is never published;
# as variants they would match ordinary words and times ("10 AM").
MIN_VARIANT_CHARS = 3


@dataclass(frozen=True)
class Detection:
    """A span found by the detector, with where it was found."""

    doc: str
    part: str
    span: Span


@dataclass(frozen=True)
class Mention:
    doc: str
    start: int
    end: int
    text: str


@dataclass
class Entity:
    entity_type: str
    variants: set[str]
    # Plain text, in memory only: for the local review screen and for choosing labels.
    surface: str
    first_seen: tuple[int, int, int] = (0, 0, 0)
    mentions: list[Mention] = field(default_factory=list)
    detected_in: set[str] = field(default_factory=set)

    @property
    def canonical(self) -> str:
        return max(self.variants, key=lambda v: (len(v.split()), len(v), v))


def detect_review(
    documents: list[Document], detector, allow_list: AllowList | None = None
) -> list[Detection]:
    """Run the detector over every part of every document of a review, in one batch."""
    parts: list[tuple[str, str, str]] = []  # (doc, where, text)
    detections: list[Detection] = []
    for document in documents:
        parts.append((document.stem, BODY, document.body))
        for part in document.hidden:
            text = part.text.strip()
            if part.entity_type:
                # The whole part is one identifier (a comment's author, the last editor).
                if text:
                    whole = Span(0, len(text), part.entity_type, text, 1.0, "document part")
                    detections.append(Detection(document.stem, part.where, whole))
            elif text:
                parts.append((document.stem, part.where, part.text))
    found = detector.detect_many([text for _, _, text in parts], allow_list)
    for (doc, where, _), spans in zip(parts, found, strict=True):
        detections.extend(Detection(doc, where, span) for span in spans)
    return detections


def lowercase_words(documents: list[Document]) -> set[str]:
    """Words the review writes in lower case: a capitalised "Draft" or "Episode" that NER took
    for a name is an ordinary word when the same review also writes "draft" or "episode"."""
    return {word for document in documents for word in _LOWER_WORD.findall(document.body)}


# Lower-case words of running text: not parts of email addresses, handles or web addresses.
_LOWER_WORD = re.compile(r"(?<![\w'’.@/])[a-zß-öø-ÿĀ-ſȘ-ț]{3,}(?![\w'’@/]|\.\w)")


def cluster(
    detections: Iterable[Detection],
    doc_order: list[str],
    allow_list: AllowList,
    ordinary: set[str] = frozenset(),
) -> list[Entity]:
    """Group detections into entities: people by their names, everything else by its text."""
    by_norm: dict[str, Entity] = {}
    people: list[tuple[str, Detection]] = []
    detections = list(detections)
    named_as_people = {normalise(d.span.text) for d in detections if d.span.entity_type == PERSON}
    for order, detection in enumerate(detections):
        norm = normalise(detection.span.text)
        introduced = detection.span.recognizer in ("NicknameRecognizer", "TitledNameRecognizer")
        if len(norm) < MIN_VARIANT_CHARS and not (introduced and len(norm) == 2):
            continue
        if detection.span.entity_type in (PERSON, "LOCATION") and _is_ordinary_word(
            norm, detection, ordinary
        ):
            continue
        if detection.span.entity_type == "LOCATION" and (
            norm in named_as_people or (" " not in norm and is_given_name(norm))
        ):
            # The small model often takes a first name for a city ("Sofia", "Florence"), and
            # once in a while a name it reads as a person everywhere else ("Lacey-Mae").
            detection = Detection(
                detection.doc, detection.part, replace(detection.span, entity_type=PERSON)
            )
        seen_at = (_doc_index(detection, doc_order), detection.span.start, order)
        if detection.span.entity_type == PERSON:
            people.append((norm, detection))
            continue
        entity = by_norm.get(norm)
        if entity is None:
            entity = Entity(detection.span.entity_type, {norm}, detection.span.text, seen_at)
            by_norm[norm] = entity
        entity.entity_type = more_specific(entity.entity_type, detection.span.entity_type)
        building = _BUILDING.search(detection.span.text)
        if detection.span.entity_type == "ADDRESS" and building:
            # "Flat 7, Tennyson House" is also found where the text says only "Tennyson House".
            entity.variants.add(normalise(building.group()))
        flat = _FLAT.match(detection.span.text)
        if detection.span.entity_type == "ADDRESS" and flat:
            # ... and where it says "Flat 7" of the same address.
            entity.variants.add(normalise(flat.group()))
        entity.first_seen = min(entity.first_seen, seen_at)
        entity.detected_in.add(f"{detection.doc}: {detection.part}")
    taken = set(by_norm)
    entities = list(by_norm.values()) + _cluster_people(people, doc_order, taken, allow_list)
    return sorted(entities, key=lambda e: e.first_seen)


def _is_ordinary_word(norm: str, detection: Detection, ordinary: set[str]) -> bool:
    """A lone word that only NER called a name or place, which is not in the name lists and
    which this review writes in lower case ("Bruising" in a heading, "bruising" in the text).
    Common English words are already dropped by the detector (names.py)."""
    if " " in norm or detection.span.recognizer != "SpacyRecognizer" or is_name(norm):
        return False
    return norm in ordinary


def _cluster_people(
    people: list[tuple[str, Detection]],
    doc_order: list[str],
    taken: set[str],
    allow_list: AllowList,
) -> list[Entity]:
    """Full names become entities; a lone given name or surname joins the one full name it
    belongs to, or stands alone when it belongs to several (a shared family surname)."""
    full: dict[str, Entity] = {}
    singles: list[tuple[str, Detection]] = []
    for order, (norm, detection) in enumerate(people):
        seen_at = (_doc_index(detection, doc_order), detection.span.start, order)
        if len(norm.split()) == 1 or norm in taken:
            singles.append((norm, detection))
            continue
        entity = full.setdefault(norm, Entity(PERSON, {norm}, detection.span.text, seen_at))
        entity.first_seen = min(entity.first_seen, seen_at)
        entity.detected_in.add(f"{detection.doc}: {detection.part}")
    owners: dict[str, list[Entity]] = {}
    for entity in full.values():
        for token in set(entity.canonical.split()):
            if len(token) > 2 and token not in TITLE_WORDS and token not in allow_list.terms:
                owners.setdefault(token, []).append(entity)
    alone: dict[str, Entity] = {}
    for token, entities in owners.items():
        if len(entities) == 1:
            entities[0].variants.add(token)
            if token == entities[0].canonical.split()[-1] and not token.endswith("s"):
                # "the Merrows", "the Staffords": the family by its surname.
                entities[0].variants.add(token + "s")
        elif len(entities) > 1:
            # A surname the family shares: "Mr Marsh" must go too, whoever it names.
            first = min(entities, key=lambda e: e.first_seen)
            alone[token] = Entity(PERSON, {token}, token.title(), first.first_seen)
            if not token.endswith("s"):
                alone[token].variants.add(token + "s")  # "the Merrows": the whole family
    for order, (norm, detection) in enumerate(singles):
        if norm in taken:
            continue
        seen_at = (_doc_index(detection, doc_order), detection.span.start, order)
        owner = owners.get(norm, [])
        entity = owner[0] if len(owner) == 1 else alone.get(norm)
        if entity is None:
            entity = Entity(PERSON, {norm}, detection.span.text, seen_at)
            alone[norm] = entity
        entity.first_seen = min(entity.first_seen, seen_at)
        entity.detected_in.add(f"{detection.doc}: {detection.part}")
    return list(full.values()) + list(alone.values())


# Endings of a short form of a given name: "Nat", "Nats", "Summz", "Danny", "Ellie".
_SHORT_ENDINGS = ("", "s", "z", "zz", "ie", "y")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
_LOWER = re.compile(r"\b[a-z]{3,}\b")


def add_short_forms(
    entities: list[Entity], documents: list[Document], allow_list: AllowList
) -> None:
    """A short form of a person's given name or surname that the review writes ("Nat" for
    Natalia, "Danny" for Daniel, "Summz" for Summer, "Keebs" for Keeble) is a variant of that
    person. Only forms the text capitalises, or writes in a quotation or a message (where
    people write names in lower case: "kay says hes fine"), are taken, and never a common
    word, a month or an allowed term ("Mar" is not Marcus, "Will" is not William)."""
    words = {w for document in documents for w in _CAPITALISED.findall(document.body)}
    for document in documents:
        for start, end in quoted_spans(document.body):
            words.update(w.title() for w in _LOWER.findall(document.body, start, end))
    taken = {variant for entity in entities for variant in entity.variants}
    for entity in entities:
        if entity.entity_type != PERSON:
            continue
        given = {v.split()[0] for v in entity.variants if " " in v} | {
            v for v in entity.variants if " " not in v and is_given_name(v)
        }
        # A surname's short form has an ending ("Keebs", "Smithy"); its bare start is too often
        # another name ("John" of Johnson).
        surnames = {v.split()[-1] for v in entity.variants if " " in v} - given
        forms = [(name, _SHORT_ENDINGS) for name in given]
        forms += [(name, _SHORT_ENDINGS[1:]) for name in surnames]
        for name, endings in forms:
            if len(name) < 5 or not name.isalpha():
                continue
            for cut in range(3, len(name)):
                for ending in endings:
                    form = name[:cut] + ending
                    if form == name or form in taken or form.title() not in words:
                        continue
                    if is_common_word(form) or is_not_name_word(form):
                        continue
                    if allow_list.allows(form):
                        continue
                    entity.variants.add(form)
                    taken.add(form)


def find_mentions(entities: list[Entity], documents: list[Document], allow_list: AllowList) -> None:
    """Every occurrence of every variant of every entity in every document body, except
    inside an allowed phrase ("Marsh" is not removed from "Marsh Lane Police Station" if that
    is on the allow-list)."""
    owner: dict[str, Entity] = {}
    for entity in entities:
        for variant in entity.variants:
            # Where two entities share a variant, the longer-lived (first seen) one keeps it.
            owner.setdefault(variant, entity)
    if not owner:
        return
    # A variant is compared in its Latin skeleton ("λεωφορος" has look-alikes of "o", "p"...),
    # which text in Greek or Cyrillic letters never matches: those are also searched as written.
    written = {entity.surface for entity in entities if not entity.surface.isascii()}
    _add_mentions(owner, _variant_matcher(owner, written), documents, allow_list)
    # A mention of another entity may overlap one and hide it: "Mrs. Amy Reid Apt" (NER's
    # name, running into the flat) before "Apt. 122 8 Rákóczi út 67". An entity found nowhere
    # is searched for alone; the overlap is resolved when the text is written (render.py).
    for entity in entities:
        if entity.mentions or entity.entity_type == PERSON:
            continue
        alone = {variant: entity for variant in entity.variants}
        surface = {entity.surface} if not entity.surface.isascii() else set()
        _add_mentions(alone, _variant_matcher(alone, surface), documents, allow_list)


def _add_mentions(
    owner: dict[str, Entity],
    matcher: re.Pattern[str],
    documents: list[Document],
    allow_list: AllowList,
) -> None:
    for document in documents:
        allowed = allow_list.allowed_ranges(document.body)
        quoted = quoted_spans(document.body)
        for match in matcher.finditer(document.body):
            if allowed.covers(match.start("variant"), match.end("variant")):
                continue
            if _inside_hyphenated_word(document.body, match.start("variant"), match.end("variant")):
                continue
            norm = normalise(match.group("variant"))
            entity = owner.get(norm)
            in_quote = any(a <= match.start("variant") < b for a, b in quoted)
            if entity is None or not case_allows(
                match.group("variant"), entity.entity_type, norm, in_quote
            ):
                continue
            # A possessive without its apostrophe, as messages write it ("just say jays name").
            if match.group("s") and not (in_quote and entity.entity_type == PERSON):
                continue
            start = match.start("title") if match.group("title") else match.start("variant")
            if entity.entity_type != PERSON:
                start = match.start("variant")
            end = match.end()
            if entity.entity_type == "PHONE" and start > 0 and document.body[start - 1] == "+":
                start -= 1

            entity.mentions.append(Mention(document.stem, start, end, document.body[start:end]))


_BETWEEN_WORDS = r"(?:(?!\n[^\S\n]*\n)\W){1,16}"


def _variant_matcher(owner: dict[str, Entity], written: set[str]) -> re.Pattern[str]:
    # Longest first, so that at any position the fullest variant wins.
    ordered = sorted(set(owner) | written, key=lambda v: (-len(v), v))
    # Between words: a little punctuation, or the line break and indent of an address's lines;
    # never a paragraph break ("Author" then "Date: ..." on the next paragraph is no name).
    alternatives = "|".join(_BETWEEN_WORDS.join(map(re.escape, v.split())) for v in ordered)
    return re.compile(
        rf"(?<!\w)(?P<title>(?-i:{TITLE})\s+)?(?P<variant>{alternatives})(?P<s>s)?(?!\w)",
        re.IGNORECASE,
    )


def _inside_hyphenated_word(text: str, start: int, end: int) -> bool:
    """ "Non" in "Non-accidental", "Mark" in "re-Mark": part of a word, not a name."""
    after = text[end : end + 2]
    before = text[max(0, start - 2) : start]
    lower_after = len(after) == 2 and after[0] == "-" and after[1].islower()
    lower_before = len(before) == 2 and before[1] == "-" and before[0].islower()
    return lower_after or lower_before


def case_allows(found: str, entity_type: str, norm: str, in_quote: bool) -> bool:
    """A one-word name that is also an ordinary word counts only where written as a name, or
    in a quoted message, where people write names in lower case ("oscar wont stop crying")."""
    if entity_type != PERSON or " " in norm or found[:1].isupper() or in_quote:
        return True
    return zipf_frequency(norm, "en") < RARE_WORD_ZIPF


def _doc_index(detection: Detection, doc_order: list[str]) -> int:
    return doc_order.index(detection.doc) if detection.doc in doc_order else len(doc_order)
