"""The detector: spaCy NER through Presidio, UK recognizers, the allow-list.

`Detector.detect(text)` returns `Span`s with our entity types (see types.py). It knows nothing
about documents or reviews; anonymiser.entities groups spans into the entities of a review.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from wordfreq import zipf_frequency

from anonymiser.detect.allow_list import AllowList, Ranges
from anonymiser.detect.gazetteer import is_given_name, is_name, is_surname
from anonymiser.detect.name_lists import complete_name_lists
from anonymiser.detect.names import (
    expand_name,
    is_common_word,
    looks_like_name,
    names_a_method,
    only_ordinary_words,
    reads_as_place,
)
from anonymiser.detect.public_places import is_public_place
from anonymiser.detect.recognizers.uk_ids import PRESIDIO_TYPES
from anonymiser.detect.span_edges import fields_of, trim_span
from anonymiser.detect.types import KNOWN_TYPES, PERSON
from anonymiser.errors import DecisionsError

_NEWLINES = re.compile(r"\s*\n\s*")
# "Edited by AHRISA", "Signed by JKB": who wrote or signed something is a person, in capitals too.
_AUTHORED_BY = re.compile(
    r"\b(?:[Ww]ritten|[Ee]dited|[Ss]igned|[Pp]osted|[Aa]uthored|[Pp]repared|[Cc]ompleted)\s+by\s+$"
)
# Recognizers that take a capitalised word for a name from its shape or the lists alone (no
# title, no quotation, no "known as" says it is a person).
_GUESSED = frozenset({"SpacyRecognizer", "GazetteerNameRecognizer", "SingleNameRecognizer"})
# A lone capitalised word at least this common in English, in no list of names, is a word.
SINGLE_WORD_ZIPF = 3.3
# A word left before an allowed name is a label when this common ("Case", "Author").
LABEL_WORD_ZIPF = 4.5
# A surname this common as a word ("key" 5.1, "cross" 5.0) reads as the word in a phrase.
NAME_AS_WORD_ZIPF = 4.5
# Spans shorter than this are initials or acronyms: too little to act on alone.
MIN_SPAN_CHARS = 3

# Presidio keeps spaCy's context in one object per text; cut long documents at paragraph breaks
# so memory stays flat however long a report is.
CHUNK_CHARS = 100_000


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    entity_type: str
    text: str
    score: float
    # Which recognizer found it ("SpacyRecognizer", "TitledNameRecognizer", ...).
    recognizer: str = ""


class _Analyzer:
    """Presidio's analyzer with the spaCy model, loaded on first use and shared by copies: a
    scan that finds nothing new to read never pays for loading the model."""

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name
        self.engine = None

    def get(self):
        if self.engine is None:
            from anonymiser.detect.engine import build_analyzer

            self.engine = build_analyzer(self.model_name)
        return self.engine


class Detector:
    def __init__(self, model_name: str, allow_list: AllowList) -> None:
        self._analyzer = _Analyzer(model_name)
        self.allow_list = allow_list

    @property
    def analyzer(self):
        return self._analyzer.get()

    def with_allow_list(self, allow_list: AllowList) -> Detector:
        """The same loaded model and recognizers, with another partnership's allow-list."""
        other = copy.copy(self)
        other.allow_list = allow_list
        return other

    def detect(self, text: str) -> list[Span]:
        return self.detect_many([text])[0]

    def detect_many(
        self, texts: list[str], allow_list: AllowList | None = None
    ) -> list[list[Span]]:
        """Spans for each text. spaCy runs over all of them as one batch, which is faster than
        one text at a time; Presidio's recognizers then run on each with spaCy's result."""
        pieces = [
            (i, offset, chunk) for i, text in enumerate(texts) for offset, chunk in _chunks(text)
        ]
        engine = self.analyzer.nlp_engine
        artifacts = engine.artifacts_of([chunk for _, _, chunk in pieces], batch_size=16)
        found: list[list[Span]] = [[] for _ in texts]
        for (i, offset, chunk), nlp_artifacts in zip(pieces, artifacts, strict=True):
            found[i].extend(
                self._detect_chunk(chunk, offset, nlp_artifacts, allow_list or self.allow_list)
            )
        return found

    def _detect_chunk(
        self, text: str, offset: int, nlp_artifacts, allow_list: AllowList
    ) -> list[Span]:
        results = self.analyzer.analyze(text=text, language="en", nlp_artifacts=nlp_artifacts)
        results = [part for result in results for part in fields_of(text, result)]
        allowed = allow_list.allowed_ranges(text)
        spans: list[Span] = []
        for result in results:
            entity_type = _our_type(result.entity_type, text[result.start : result.end])
            if entity_type is None:
                continue
            recognizer = (result.recognition_metadata or {}).get("recognizer_name", "")
            as_written = recognizer == "QuotedNameRecognizer"
            start, end = trim_span(text, result.start, result.end, entity_type, as_written)
            found = text[start:end]
            if len(found) < MIN_SPAN_CHARS and not _short_name(found, recognizer):
                continue
            # After a title a word is a surname, whatever else it names ("DC English").
            if allow_list.allows(found) and recognizer != "TitledNameRecognizer":
                continue
            if entity_type == PERSON:
                person = _person(text, start, end, allowed, allow_list, recognizer)
                if person is None:
                    continue
                start, end, entity_type = person
                found = text[start:end]
            elif allowed.covers(start, end):
                continue
            if recognizer == "SpacyRecognizer" and _ordinary(found):
                continue
            if entity_type in ("LOCATION", PERSON) and _public_place(text, start, end, recognizer):
                continue
            spans.append(
                Span(offset + start, offset + end, entity_type, found, result.score, recognizer)
            )
        people = [(s.start - offset, s.end - offset) for s in spans if s.entity_type == PERSON]
        for start, end in complete_name_lists(text, people):
            found = text[start:end]
            if looks_like_name(found) and not allowed.covers(start, end):
                spans.append(Span(offset + start, offset + end, PERSON, found, 0.4, "name list"))
        return _without_contained(spans)


def _ordinary(found: str) -> bool:
    """What NER took for a name but is made of ordinary words: "Status", "First Responder",
    "Missing People", "HBVSCP Learning Together" (an acronym beside them is no name either).
    A word that the name lists know keeps the span ("Grace Hope", "Lincoln"), and so does a
    span with initials or words in capitals ("LL Cool J", "DJ AM"): stage names, not phrases."""
    if is_common_word(found):
        return True
    words = found.split()
    # "Non-Accidental" is two words for this, not one.
    if len(words) == 1 and "-" not in found.strip("-"):
        # "Pathway", "Referral": an English word that no list knows as a name. Rarer words
        # ("Tarzan", 3.2) may be names NER knows better than the lists do.
        known = is_given_name(found) or is_surname(found)
        common = zipf_frequency(found.casefold(), "en") >= SINGLE_WORD_ZIPF
        return found[1:].islower() and common and not known
    # "Non-Accidental Injury" is three words for this.
    words = [w for word in words if not _is_acronym(word) for w in word.split("-") if w]
    if not words or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    if not only_ordinary_words(" ".join(words)):
        return False
    # "Key Points", "Cross Boundary" (a common word that is only a surname, then no name) and
    # "South West Child Protection Procedures" (three or more) are phrases; "Grace Hope" ends
    # with a name, "Daniel Near" and "Edward George Honey" start with one: people.
    names = [w for w in words if is_name(w)]
    return not names or (
        not is_name(words[-1])
        and not is_given_name(words[0])
        and (len(words) >= 3 or not any(is_given_name(w) for w in names))
        and all(zipf_frequency(w.casefold(), "en") >= NAME_AS_WORD_ZIPF for w in names)
    )


def _is_acronym(word: str) -> bool:
    """ "ICTG", "HBVSCP": three or more capitals that no list knows as a name. A person's
    initials are found from their name instead (anonymiser.initials)."""
    return (
        len(word) >= 3
        and word.isalpha()
        and word.isupper()
        and not (is_given_name(word) or is_surname(word))
    )


def _public_place(text: str, start: int, end: int, recognizer: str) -> bool:
    """A country, region or large town, which identifies nobody ("in Dudley", "Newham").
    A word that is also a given name ("Sofia", "Dudley") counts as a place only after "in",
    "from", "moved to"... (see reads_as_place); a name after a title ("Mr Preston") is a name."""
    found = text[start:end]
    introduced = ("TitledNameRecognizer", "NicknameRecognizer", "QuotedNameRecognizer")
    if recognizer in introduced or not is_public_place(found):
        return False
    return not is_given_name(found) or reads_as_place(text, start, end, any_word=True)


def _short_name(found: str, recognizer: str) -> bool:
    """A two-letter name the text introduces as one: "known as Mo", "Nana Jo"."""
    introduced = recognizer in ("NicknameRecognizer", "TitledNameRecognizer")
    return introduced and len(found) == 2 and found.istitle()


def _person(
    text: str,
    start: int,
    end: int,
    allowed: Ranges,
    allow_list: AllowList,
    recognizer: str,
) -> tuple[int, int, str] | None:
    """The extent and type of a name span, or None when it is not a name after all."""
    # A name never runs over a line break or into an allowed phrase.
    cuts = allowed.overlapping(start, end)
    cuts += [(m.start(), m.end()) for m in _NEWLINES.finditer(text, start, end)]
    first_word, end_before_cut = start, end
    cut_start, cut_end = _outside_allowed(start, end, cuts)
    # A message's writer spells a name as they like: "jordan k" keeps its initial.
    as_written = recognizer == "QuotedNameRecognizer"
    start, end = trim_span(text, cut_start, cut_end, PERSON, as_written)
    found = text[start:end]
    # A span cut down to its first word, when that is a common word, was a label and what it
    # labelled: "Case" of "Case Diana" (a declared pseudonym), "Author" before the reviewer's
    # name, "Case" of "Case GN13". Not a name of its own.
    label_left = start == first_word and end < end_before_cut and " " not in found
    # (Not where a line break cut it: "Jack" of "Jack\nQuennell" is a name.)
    label_left = label_left and "\n" not in text[first_word:end_before_cut]
    if label_left and zipf_frequency(found.casefold(), "en") >= LABEL_WORD_ZIPF:
        return None
    # A quoted message writes names in lower case; everywhere else a name is capitalised.
    shaped = recognizer == "QuotedNameRecognizer" or looks_like_name(found)
    titled = recognizer == "TitledNameRecognizer"
    if not shaped or (allow_list.allows(found) and not titled):
        return None
    # NER reads headings in capitals badly: "NON-ACCIDENTAL INJURY IN BABIES" is no name.
    in_capitals = recognizer == "SpacyRecognizer" and found.isupper()
    if in_capitals and any(is_common_word(word) for word in found.split()):
        return None
    authored = _AUTHORED_BY.search(text, max(0, start - 24), start)
    if recognizer == "SpacyRecognizer" and _is_acronym(found) and not authored:
        return None
    wide_start, wide_end = expand_name(text, start, end)
    # Never widened back over an allowed phrase: "Edie" (a declared pseudonym) before the
    # heading "Introduction" is no given name of it.
    if allowed.overlapping(wide_start, start):
        wide_start = start
    start, end = trim_span(text, wide_start, wide_end, PERSON, as_written)
    if recognizer in _GUESSED and names_a_method(text, start, end):
        return None
    return start, end, "LOCATION" if reads_as_place(text, start, end) else PERSON


def _our_type(presidio_type: str, text: str) -> str | None:
    """Our type for a Presidio result; None for a result we do not act on."""
    if presidio_type in ("NER_ORG", "NER_FAC"):
        return PERSON if looks_like_name(text) else None
    entity_type = PRESIDIO_TYPES.get(presidio_type, presidio_type)
    if entity_type not in KNOWN_TYPES:
        # Fail closed: a recognizer produced a type nobody decided how to replace.
        raise DecisionsError(
            f"The detector reported an unknown kind of identifier '{presidio_type}'. "
            "This is a bug in the anonymiser's configuration; nothing was written."
        )
    return entity_type


def _without_contained(spans: list[Span]) -> list[Span]:
    """Drop a span that lies inside a longer one: "Little Acorns Day" inside "Little Acorns Day
    Nursery" is part of the nursery's name, not a person. Not inside a whole postal address:
    its village, postcode or street is an identifier of its own wherever else it stands."""
    by_length = sorted(spans, key=lambda s: s.start - s.end)
    kept: list[Span] = []
    for span in by_length:
        length = span.end - span.start
        if any(
            k.start <= span.start
            and span.end <= k.end
            and k.end - k.start > length
            and k.recognizer != "PostalAddressRecognizer"
            for k in kept
        ):
            continue
        kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.end))


def _outside_allowed(start: int, end: int, allowed: list[tuple[int, int]]) -> tuple[int, int]:
    """The longest piece of a name span that no allowed phrase covers ("LCSPR Child D" has
    none; "Kayden Marsh (Child D" is cut back to "Kayden Marsh")."""
    pieces = [(start, end)]
    for a, b in allowed:
        cut = []
        for s, e in pieces:
            if b <= s or e <= a:
                cut.append((s, e))
                continue
            if s < a:
                cut.append((s, a))
            if b < e:
                cut.append((b, e))
        pieces = cut
    if not pieces:
        return start, start
    return max(pieces, key=lambda p: p[1] - p[0])


def _chunks(text: str):
    """(offset, chunk) pieces of at most about CHUNK_CHARS, cut at paragraph breaks."""
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            end = cut + 2 if cut > start else end
        yield start, text[start:end]
        start = end
