"""The to-check list: what could identify someone but that the scan neither found nor can
explain. No detector is perfect on text it has not seen; this list is where a person closes the
gap.

A candidate is one of:
- a capitalised word or phrase that does not start a sentence ("went to Sunflower Cottage");
- a word that mixes letters and digits ("WGH 2290417", "NateDaGr8");
- a handle-like word (an underscore, or dots between letters: "kdogg_23", "ellz.b");
- a single word in quotation marks ("known as 'Keebs'").

It is explained, and left off the list, when an entity of the review covers it, when it is an
ordinary English word used as one (a dictionary word that the review also writes in lower
case), an allowed term or phrase, a public body by its shape, a declared pseudonym, a place too
large to identify anyone, a date, a time, a section number or a role label ("Child D").
Each item is listed once with how often it occurs; its text is shown on the comms officer's
machine only and never written anywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from wordfreq import zipf_frequency

from anonymiser.detect.allow_list import AllowList
from anonymiser.detect.gazetteer import is_given_name, is_name
from anonymiser.detect.names import is_not_name_word
from anonymiser.detect.public_places import is_public_place
from anonymiser.detect.recognizers.defined_acronym import stands_for
from anonymiser.detect.recognizers.quoted_name import LOWER_WORD, MESSAGE, quoted_spans

# A capitalised phrase: one to four capitalised words (with "of", "and", "the", "&" inside).
_CAPITALISED = re.compile(
    r"(?<![\w'’@./-])[A-Z][\w'’-]*"
    r"(?:[ \t]+(?:(?:of|and|the|&|de|van|von)[ \t]+)?[A-Z][\w'’-]*){0,3}(?![\w@/])"
)
_MIXED = re.compile(r"(?<![\w@./-])(?=[\w./-]*\d)(?=[\w./-]*[A-Za-z])[A-Za-z\d][\w./-]*[A-Za-z\d]")
_HANDLE = re.compile(r"(?<![\w@./-])[A-Za-z\d]+(?:[_.][A-Za-z\d]+)+_?(?![\w@/])|\b\w+_(?!\w)")
# Letters and a long number apart: "QX 4471902", "Log 1163" (the recognizers know many such).
# A year is no reference: "In 2023", "Spring 2023".
_REFERENCE_LIKE = re.compile(
    r"(?<![\w./-])[A-Z][A-Za-z]{0,5}[ -](?!(?:19|20)\d\d(?!\d))\d{4,}(?![\w/])"
)
_QUOTED_WORD = re.compile(r"[\"“‘']([A-Za-z][\w'’-]{1,24})[\"”’'](?!\w)")
# Where a sentence (or a line, a cell, a list item) starts: a capital there proves nothing.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;|]\s*|\n\s*(?:[-*+>#]+\s*|\d+[.)]\s*)*)$")
# Letters and digits that are no identifier: dates, times, ordinals, years, section numbers,
# school years and key stages, sizes and doses, chapter references.
_HARMLESS_MIXED = re.compile(
    r"^(?:\d{1,2}(?:\.\d+)?(?:st|nd|rd|th)|\d{1,2}(?:am|pm|hrs?|h)|"
    r"\d+(?:\.\d+)?(?:mg|mcg|ml|kg|g|lbs?|oz|cm|mm|km|m|s|mins?|yrs?|yo|y|wks?|mths?|k)|[xX]\d{1,2}|\d{2,4}s|(?:19|20)\d{2}(?:[-/]\d{2,4})?|[A-Z]{1,3}\d{1,2}|KS\d|Y\d{1,2}|"
    r"[Ss]\.?\d{1,3}[A-Z]?|\d+(?:\.\d+)+|[A-Za-z]+-\d{1,2}|COVID-19|[Vv]\d+(?:\.\d+)*|"
    # "7-minute", "84-year-old", "24-HOUR": a number and the words it measures.
    r"\d+(?:-[A-Za-z]+)+)$"
)
# A dictionary word this common, written in lower case somewhere in the review, is a word;
# capitalised only, it is a word when it is no name, or this common and no given name.
WORD_ZIPF = 3.0
COMMON_ZIPF = 4.0
# In quotations and messages: a given name less common than this as a word ("gaz", not "will"),
# and in a message any word rarer than this ("keebs"; not "babe", "mins", "ur").
QUOTED_NAME_ZIPF = 3.8
MESSAGE_RARE_ZIPF = 2.0
# Endings English makes words with and names hardly ever have ("Disengagement", "Tiredness").
_DERIVED = re.compile(
    r"(?:ness|ments?|tions?|sions?|ity|ities|isms?|ances?|ences?|ships?|hood|"
    r"ology|iary|ical|ally)$"
)
# A run of ordinary words that ends in one of these names a place one can find ("Sunflower
# Cottage", "Heron House", "Club Vibe" is found by its first word): it stays on the list.
_PREMISES = re.compile(
    r"\b(?:House|Lodge|Court|Manor|Grange|Hall|Cottage|Cottages|Farm|Barn|Mill|Villa|Gardens|"
    r"Club|Bar|Inn|Arms|Tavern|Café|Cafe|Grill|Kitchen|Lounge|Studio|Gym|Salon|Barbers|Homes|"
    r"Associates|Consultancy|Partners|Nursery|Academy|School|Surgery|Practice|Church|Chapel|"
    r"Mosque|Temple|Park)$"
)
_NAMED_THE = re.compile(r"The\s+[A-Z][\w'’-]*\s+(?:and|&)\s+[A-Z]")
_DEFINED_ACRONYM = re.compile(r"[^\S\n]*\(([A-Z][A-Z&]{1,6})\)")
# Whole runs this common are headings and page furniture, never names.
_FURNITURE = re.compile(r"^(?:Page|Appendix|Section|Table|Figure|Chapter|Part|Version)\b")


@dataclass(frozen=True)
class ToCheck:
    text: str
    count: int


def to_check(
    bodies: list[str],
    covered: list[list[tuple[int, int]]],
    allow_list: AllowList,
) -> list[ToCheck]:
    """The unexplained candidates of a review's document bodies. `covered[i]` lists the spans
    of bodies[i] that the review's entities already cover."""
    lower_words = {w for body in bodies for w in re.findall(r"\b[a-z][a-z'’-]+\b", body)}
    counts: Counter[str] = Counter()
    for body, spans in zip(bodies, covered, strict=True):
        allowed = allow_list.allowed_ranges(body)
        taken = sorted(spans)
        for start, end, shaped in _candidates(body):
            if allowed.covers(start, end) or any(a <= start and end <= b for a, b in taken):
                continue
            if shaped:
                # Its shape is the reason to look ("QX 4471902", "blaze_rider9").
                counts[body[start:end]] += 1
                continue
            rest = _unexplained_words(body, start, end, allowed, taken, lower_words, allow_list)
            if rest:
                counts[rest] += 1
                # The acronym defined for it goes with it: "Tanfield Vale Homes (TVH)".
                defined = _DEFINED_ACRONYM.match(body, end)
                if defined and stands_for(defined.group(1), rest):
                    counts[defined.group(1)] += 1
    return [ToCheck(text, n) for text, n in sorted(counts.items(), key=lambda kv: kv[0].lower())]


def _candidates(body: str):
    """(start, end, shaped): each candidate, and whether its shape alone makes it one."""
    for match in _CAPITALISED.finditer(body):
        start = match.start()
        if _SENTENCE_START.search(body, max(0, start - 12), start):
            # A sentence's first word is capitalised anyway: the rest of the phrase still counts.
            first = re.match(r"[\w'’-]+[ \t]*", body[start : match.end()])
            start += first.end() if first else 0
            if start >= match.end():
                continue
        yield start, match.end(), False
    for pattern in (_MIXED, _HANDLE, _REFERENCE_LIKE):
        for match in pattern.finditer(body):
            text = match.group()
            first = re.match(r"[A-Za-z]+", text)
            if first and is_not_name_word(first.group()) or _FURNITURE.match(text):
                continue  # "March 2021", "Page 1204": a month and its year, page furniture
            if not _HARMLESS_MIXED.match(text) and not _looks_numeric(text):
                yield match.start(), match.end(), True
    yield from _lower_case_names(body)
    for match in _QUOTED_WORD.finditer(body):
        word = match.group(1)
        frequency = zipf_frequency(word, "en")
        if word.islower() and frequency >= 2.5 and not is_given_name(word):
            continue  # 'clingy', 'fine': a quoted word, not a name
        if frequency >= 4.5 or is_not_name_word(word):
            continue  # 'Yes', 'Help', 'Monday'
        if _DERIVED.search(word.casefold()) and not is_name(word.casefold()):
            continue  # 'Tiredness': a nickname is not made with a word-making ending
        # A capitalised word in quotation marks is how a nickname is written ("Dizzy").
        yield match.start(1), match.end(1), word[:1].isupper()


def _lower_case_names(body: str):
    """Lower-case words in quotations and chat messages that could be a name as their writers
    spell it: a given name ("kay says hes fine"), or in a message any word English hardly
    uses ("keebs outside again")."""
    messages = [m.span() for m in MESSAGE.finditer(body)]
    for start, end in quoted_spans(body):
        in_message = any(a <= start and end <= b for a, b in messages)
        for word in LOWER_WORD.finditer(body, start, end):
            text = word.group()
            frequency = zipf_frequency(text, "en")
            if is_not_name_word(text):
                continue
            given = is_given_name(text) and frequency < QUOTED_NAME_ZIPF
            if given or (in_message and frequency < MESSAGE_RARE_ZIPF and text.isalpha()):
                yield word.start(), word.end(), True


def _looks_numeric(text: str) -> bool:
    """Dates, numbers and references made only of digits and separators are the business of
    the recognizers ("12/03/2023", "4.2", "2019-2023")."""
    return not re.search(r"[A-Za-z]", text)


def _unexplained_words(
    body: str,
    start: int,
    end: int,
    allowed,
    taken: list[tuple[int, int]],
    lower_words: set[str],
    allow_list: AllowList,
) -> str:
    """The candidate less the words an entity or an allowed phrase covers, as one run of the
    text ("Bramblewick Cottage"), or "" when what is left is all ordinary words."""
    text = body[start:end]
    if _FURNITURE.match(text) or is_public_place(text) or allow_list.allows(text):
        return ""
    kept: list[tuple[int, int]] = []
    unexplained = False
    for word in re.finditer(r"[\w'’./@]+", text):
        a = start + word.start()
        token = _POSSESSIVE.sub("", word.group()).strip(".'’-")
        b = a + len(token)
        if not token or allowed.covers(a, b) or any(x <= a and b <= y for x, y in taken):
            continue
        kept.append((a, b))
        if _HARMLESS_MIXED.match(token) or _ordinary(token, lower_words):
            continue
        if allow_list.allows(token) or is_public_place(token):
            continue
        unexplained = True
    # Mid-sentence, a capitalised "The" starts a proper name ("behind the bar at The Lamb and
    # Flag"), and a run of ordinary words ending in a kind of premises names a place.
    named = len(kept) > 1 and (_PREMISES.search(text) or _NAMED_THE.match(text))
    if not unexplained and not named:
        return ""
    return body[kept[0][0] : kept[-1][1]]


_POSSESSIVE = re.compile(r"['’][sS]?$")


def _ordinary(token: str, lower_words: set[str]) -> bool:
    """A dictionary word the review also writes in lower case, a small function word, or a
    label word in capitals that is common English ("THE", "AND")."""
    lower = token.casefold()
    if token.isdigit() or is_not_name_word(lower):
        return True  # a number's digits, a month, a weekday, "Council", "Report"
    if re.search(r"\d|_", token):
        return False
    if lower in ("of", "and", "the", "&", "de", "van", "von", "a", "an", "in", "on", "to"):
        return True
    if token.isupper() and 2 <= len(token) <= 6:
        # An acronym ("CSC", "GBH", "DVCVA") is an agency's, a process's or an offence's; a
        # person's initials are found from their name (anonymiser.initials).
        return True
    frequency = zipf_frequency(lower, "en")
    if lower in lower_words or (lower.endswith("s") and lower[:-1] in lower_words):
        return frequency >= WORD_ZIPF or token.islower()
    # A common word capitalised in a heading ("Myth", "Babies") unless it is also a given name;
    # a less common one ("Tenant", "Tiredness") unless it is any name ("Heron").
    if frequency >= COMMON_ZIPF:
        return not is_given_name(lower)
    plain = not is_given_name(lower) and not is_name(lower)
    return plain and (frequency >= WORD_ZIPF or (frequency > 0 and _DERIVED.search(lower)))


def open_items(review, decisions, key, allow_list: AllowList, decided: dict[str, list]):
    """What is still to check in a review: its to-check list less the items a person already
    decided (added, or marked not identifying: the review file holds their fingerprints).
    The review page, `review --list` and `apply` all ask this one question."""
    items = review_to_check(review.documents, review.entities, allow_list, decided)
    known = {fp for decision in decisions.entities for fp in decision.fingerprints}
    return [item for item in items if key.fingerprint(item.text) not in known]


def review_to_check(
    documents, entities, allow_list: AllowList, decided: dict[str, list] | None = None
) -> list[ToCheck]:
    """The to-check list of a review: its documents' bodies less what its entities cover
    and, per document stem, the (start, end) spans that decided entities cover (`decided`)."""
    bodies = [document.body for document in documents]
    decided = decided or {}
    covered = [
        [(m.start, m.end) for entity in entities for m in entity.mentions if m.doc == doc.stem]
        + list(decided.get(doc.stem, ()))
        for doc in documents
    ]
    return to_check(bodies, covered, allow_list.with_terms_of(bodies))
