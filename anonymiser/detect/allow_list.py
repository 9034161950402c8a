"""What must never be redacted: national bodies, legislation, roles, the review's own
pseudonyms, public bodies by their shape, and the partnership's own terms.

The allow-list does not detect anything; it vetoes detections. A detection that lies inside an
allowed phrase in the text ("Kelbridge" inside "Kelbridge Police") is dropped, and so is one
whose whole text is an allowed term.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from importlib import resources

import yaml

from anonymiser.text import normalise

# The review's own pseudonyms: "Child D", "Adult R", "Family T", "Sibling 1", "Mother 2".
PSEUDONYM = re.compile(
    r"\b(?:Child|Adult|Family|Sibling|Baby|Infant|Young Person|Subject|Parent|Carer|Mother|"
    r"Father|Brother|Sister|Son|Daughter|Partner|Grandmother|Grandfather|Male|Female|"
    r"Practitioner|Professional|Person|Man|Woman|Boy|Girl|Twin|Household|Worker)"
    r"\s+(?:[A-Z]\d?|\d{1,2})\b(?!\.\w)"
)
# Laws and schemes named after a person: "Clare's Law", "Sarah's Law", "Martha's Rule".
NAMED_LAW = re.compile(r"\b[A-Z][a-z]+['’]s\s+(?:Law|Rule|Principle)\b")
# Conditions named as such: "Sudden Infant Death Syndrome", "Fragile X Syndrome", "Crohn's
# Disease", "Foetal Alcohol Spectrum Disorder", "DiGeorge syndrome".
NAMED_CONDITION = re.compile(
    r"\b(?:[A-Z][\w'’-]*[ \t]+){1,4}(?:[Ss]yndrome|[Dd]isease|[Dd]isorder|[Pp]alsy|[Dd]ystrophy)\b"
)
# Honours named after a person: "the Winston Churchill Fellowship", "the Eileen Younghusband
# Lecture". Not a fund, a trust or a memorial, which a family may set up in a child's name.
NAMED_HONOUR = re.compile(r"\b(?:[A-Z][\w'’-]+[ \t]+){1,3}(?:Fellowship|Lecture|Prize)\b")
# Citations of published work: "(Jones et al., 2022; Rowlands, 2023)", "Sleap, V. et al
# (2021)". Only the citation itself is allowed: a family may share a surname.
_CITED = r"[A-Z][\w'’-]+(?:[ \t]+(?:and|&)[ \t]+[A-Z][\w'’-]+)?(?:[ \t]+et[ \t]+al\.?)?"
CITATION = re.compile(
    rf"\((?:{_CITED},[ \t]+(?:19|20)\d{{2}}[a-z]?(?:[;,][ \t]*)?)+\)"
    rf"|\b[A-Z][\w'’-]+,?[ \t]+(?:[A-Z]\.[ \t]*)*et[ \t]+al\b\.?"
)
# A web page's navigation links: "Skip to content", "Skip to main content", "Skip Links".
NAVIGATION = re.compile(
    r"(?im)^[ \t]*skip[ \t]+(?:to[ \t]+(?:the[ \t]+)?(?:main[ \t]+)?(?:content|navigation)|links)\b"
)
# Words that make an allowed area name no more specific: "Eastmoor County", "the Kelbridge area".
GENERIC_PLACE_WORDS = frozenset(
    "the of county borough city district town area region council north south east west".split()
)
# Public bodies are recognised by their shape: "<Area> Police", "<Area> County Council
# Children's Services", "<Area> and <Area> NHS Foundation Trust". They stay, and so does the area
# they name. The kind of body is found first and the area words read backwards from it: a single
# pattern with the area in front backtracks at every capitalised word of the text.
PUBLIC_BODY_KIND = re.compile(
    r"(?:Safeguarding\s+(?:Children\s+|Adults?\s+)?(?:Partnership|Board)|"
    r"(?:County\s+|City\s+|Borough\s+|District\s+|Metropolitan\s+Borough\s+)?Council"
    r"(?:['’]s)?(?:\s+(?:Children['’]s|Adult|Adults['’]?)\s+(?:Social\s+Care|Services))?|"
    r"Police|Constabulary|(?:Teaching\s+Hospitals\s+)?NHS\s+(?:Foundation\s+)?Trust|"
    r"Integrated\s+Care\s+(?:Board|System)|Clinical\s+Commissioning\s+Group|CCG|ICB|"
    r"Fire\s+and\s+Rescue\s+Service|Community\s+Health\s+Services|Children['’]s\s+Services|"
    r"Adult\s+Social\s+Care|Youth\s+(?:Justice|Offending)\s+Service|Probation\s+Service|"
    r"Ambulance\s+Service|"
    # A partnership or board by its acronym: "the Devon SCP's first report", "Kent SAB".
    r"L?SCP|L?SCB|SSCP|SAB|CSP|Community\s+Safety\s+Partnership|"
    # Courts are public bodies too: "Leeds Crown Court", "Brent Vale Youth Court".
    r"(?:Crown|Magistrates['’]?|Youth|Family|County|Coroner['’]?s['’]?|High|Combined)\s+Courts?)\b"
)
# Area words are letters on the body's own line: "CAMHS-2023-11872\nPolice" names no force.
AREA_BEFORE = re.compile(r"(?:\b[A-Z][A-Za-z'’-]+[ \t]+(?:(?:and|&|of)[ \t]+)?){1,4}$")
_AREA_WORD = re.compile(r"[A-Z][\w'’-]+")


def public_bodies(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, area names) of every public body named in `text`."""
    found = []
    for kind in PUBLIC_BODY_KIND.finditer(text):
        area = AREA_BEFORE.search(text, max(0, kind.start() - 80), kind.start())
        if area is None:
            continue
        names = [
            word
            for word in _AREA_WORD.findall(area.group())
            if word.casefold() not in GENERIC_PLACE_WORDS
        ]
        found.append((area.start(), kind.end(), names))
    return found


class Ranges(list):
    """Allowed (start, end) ranges of one text, merged and sorted, with lookups in log time:
    a long report has thousands of them and tens of thousands of candidate mentions."""

    def __init__(self, spans) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        super().__init__(merged)
        self._starts = [start for start, _ in merged]

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self[i][1]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = max(0, bisect_right(self._starts, start) - 1)
        found = []
        while i < len(self) and self[i][0] < end:
            if self[i][1] > start:
                found.append(self[i])
            i += 1
        return found


# Shipped terms that are also given names ("Shona", "Christian", "Jamaica") protect a word only
# where the text uses it as what the list means: a language or a people ("speaks Shona", "a
# Shona interpreter", "Christian faith"), a country ("moved to Jamaica"). Anywhere else ("Shona
# telephoned the school") the word may be a person, and a person detection stands.
LANGUAGE_LEADERS = frozenset(
    "a an in into speak speaks spoke speaking fluent native practising devout non".split()
)
LANGUAGE_FOLLOWERS = frozenset(
    """language languages interpreter interpreters interpreting translator translation speaker
    speakers speaking community communities heritage origin descent culture cultural background
    family families man woman men women boy girl child children people parents national
    nationals nationality faith church mosque temple dialect food festival tradition traditions
    citizen citizens passport roots""".split()
)
PLACE_LEADERS = frozenset(
    """in from to into visit visited visiting born moved returned return travelled travel
    across throughout near fled left""".split()
)
PLACE_FOLLOWERS = frozenset("national nationals citizen citizens embassy government".split())
# Shipped groups whose terms are read in context when they are also given names.
CONTEXT_GROUPS = {
    "languages_and_nationalities": (LANGUAGE_LEADERS, LANGUAGE_FOLLOWERS),
    "places": (PLACE_LEADERS, PLACE_FOLLOWERS),
}
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s(/-]*$")
_WORD_AFTER = re.compile(r"^[\s/-]*([A-Za-z]+)")


@dataclass(frozen=True)
class _Term:
    pattern: re.Pattern[str]
    # (leaders, followers) for a name-like shipped term; None for a term trusted anywhere.
    context: tuple[frozenset[str], frozenset[str]] | None = None
    # A shipped word after a title is a surname ("Mr English"); the partnership's own terms
    # and what the review declares (its reviewer, "Dr Nasreen Hafeez") stay after one.
    after_title: bool = False

    def used_as_term(self, text: str, start: int, end: int) -> bool:
        if self.context is None:
            return True
        leaders, followers = self.context
        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
        after = _WORD_AFTER.search(text[end : end + 30])
        return bool(
            (before and before.group(1).casefold() in leaders)
            or (after and after.group(1).casefold() in followers)
        )


@dataclass(frozen=True)
class AllowList:
    """Allowed terms, normalised, and for each first word the patterns of the terms that start
    with it: one pass over the words of a text finds every allowed phrase, where a single
    pattern of hundreds of alternatives would try each of them at every position.

    `terms` are trusted wherever their whole text is detected; `name_like` are shipped terms
    that are also given names, trusted only in context (see CONTEXT_GROUPS)."""

    terms: frozenset[str]
    by_first_word: dict[str, tuple[_Term, ...]]
    name_like: frozenset[str] = frozenset()
    # The ranges of the last few texts: a review's body is read by the detector, the mention
    # search and the to-check list in turn.
    _recent: dict[str, Ranges] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, extra_terms: list[str], removed: list[str] = ()) -> AllowList:
        """The shipped defaults less `removed`, plus the partnership's `extra_terms`."""
        from anonymiser.detect.gazetteer import is_given_name

        dropped = {normalise(term) for term in removed}
        trusted: list[str] = list(extra_terms)
        in_context: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        for group, terms in shipped_terms().items():
            for term in terms:
                norm = normalise(term)
                if norm in dropped:
                    continue
                context = CONTEXT_GROUPS.get(group)
                if context and " " not in norm and is_given_name(norm):
                    # Beside another word of its group it is that word's kind too: "Gypsy/Roma",
                    # "Mirpuri Punjabi", "Punjabi and Urdu" are peoples and languages.
                    group_words = frozenset(normalise(t) for t in terms if " " not in t)
                    in_context[term] = (context[0] | group_words, context[1] | group_words)
                else:
                    trusted.append(term)
        # A partnership that lists a name-like term itself trusts it everywhere.
        own = {normalise(term) for term in extra_terms}
        in_context = {t: c for t, c in in_context.items() if normalise(t) not in own}
        return cls._of(trusted, in_context, own=frozenset(normalise(t) for t in extra_terms))

    @classmethod
    def _of(
        cls, raw: list[str], in_context: dict | None = None, own: frozenset[str] | None = None
    ) -> AllowList:
        """`own`: the terms that are the partnership's or the review's (all of `raw` if None)."""
        in_context = in_context or {}
        terms = frozenset(normalise(term) for term in raw if normalise(term))
        name_like = frozenset(normalise(term) for term in in_context) - terms
        grouped: dict[str, list[str]] = {}
        for term in {term.strip() for term in [*raw, *in_context] if term.strip()}:
            first = _WORD.match(term)
            if first:
                grouped.setdefault(first.group().casefold(), []).append(term)
        by_first_word = {
            # Longest first, so "Children Act 1989" wins over "Children".
            word: tuple(
                _Term(
                    re.compile(rf"{_flexible(term)}(?!\w)", re.IGNORECASE),
                    None if normalise(term) in terms else in_context.get(term),
                    own is None or normalise(term) in own,
                )
                for term in sorted(group, key=len, reverse=True)
            )
            for word, group in grouped.items()
        }
        return cls(terms, by_first_word, name_like)

    def with_terms_of(self, texts: list[str]) -> AllowList:
        """This allow-list plus what a review's own text makes public: the areas that the
        public bodies it names cover (a review that names "Northdale Police" keeps "Northdale"
        wherever it stands alone), and the pseudonyms, acronyms and reviewer it declares
        (review_terms.py)."""
        from anonymiser.detect.review_terms import review_terms

        areas = {name for text in texts for _, _, names in public_bodies(text) for name in names}
        new = {term for term in areas | review_terms(texts) if normalise(term) not in self.terms}
        if not new:
            return self
        extra = AllowList._of(sorted(new))
        merged = dict(self.by_first_word)
        for word, patterns in extra.by_first_word.items():
            merged[word] = merged.get(word, ()) + patterns
        return AllowList(self.terms | extra.terms, merged, self.name_like - extra.terms)

    def allows(self, text: str) -> bool:
        """True for an allowed term, also with a generic word around it ("Eastmoor County").
        A name-like shipped term alone is not enough: where it stands decides (allowed_ranges)."""
        norm = normalise(text)
        if norm in self.terms or (norm.endswith("s") and norm[:-1] in self.terms):
            return True
        core = " ".join(word for word in norm.split() if word not in GENERIC_PLACE_WORDS)
        return bool(core) and core != norm and core in self.terms

    def allowed_ranges(self, text: str) -> Ranges:
        """Where allowed phrases stand in `text` (never change what this returns)."""
        found = self._recent.get(text)
        if found is None:
            found = self._ranges(text)
            for oldest in list(self._recent)[: max(0, len(self._recent) - _RECENT_TEXTS + 1)]:
                self._recent.pop(oldest, None)  # list() and pop(): safe beside other threads
            self._recent[text] = found
        return found

    def _ranges(self, text: str) -> Ranges:
        ranges = [m.span() for m in PSEUDONYM.finditer(text)]
        ranges += [m.span() for m in NAMED_LAW.finditer(text)]
        ranges += [m.span() for m in NAMED_CONDITION.finditer(text)]
        ranges += [m.span() for m in NAMED_HONOUR.finditer(text)]
        ranges += [m.span() for m in CITATION.finditer(text)]
        ranges += [m.span() for m in NAVIGATION.finditer(text)]
        ranges += [(start, end) for start, end, _ in public_bodies(text)]
        for word in _WORD.finditer(text):
            for term in self.by_first_word.get(word.group().casefold(), ()):
                found = term.pattern.match(text, word.start())
                if found and not term.after_title and _after_a_title(text, word.start()):
                    continue  # "Mr English", "DC J Christian": a person's surname
                if found and term.used_as_term(text, *found.span()):
                    ranges.append(found.span())
                    break
        return Ranges(ranges)


_RECENT_TEXTS = 16


def _after_a_title(text: str, start: int) -> bool:
    from anonymiser.detect.recognizers.titled_name import TITLE

    return (
        re.search(rf"\b(?-i:{TITLE})\s+(?:[A-Z]\.?\s+)?$", text[max(0, start - 16) : start])
        is not None
    )


def shipped_terms() -> dict[str, list[str]]:
    """The allow-list shipped with the anonymiser, by group (anonymiser/data/allow_list.yml)."""
    groups = yaml.safe_load(
        resources.files("anonymiser.data").joinpath("allow_list.yml").read_text("utf-8")
    )
    return {group: [str(term) for term in terms] for group, terms in groups.items()}


_WORD = re.compile(r"(?<![\w'’])[\w'’&]+")


def _flexible(term: str) -> str:
    """A regex for a term that tolerates any spacing and either apostrophe."""
    parts = [re.escape(word) for word in term.split()]
    # Any spacing, either apostrophe, and a plural: "Domestic Homicide Reviews".
    pattern = r"\s+".join(parts).replace("'", "['’]").replace("’", "['’]")
    return pattern + "s?" if term[-1:].isalpha() else pattern
