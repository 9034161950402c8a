"""What must never be redacted: national bodies, legislation, roles, the review's own
pseudonyms, public bodies by their shape, and the partnership's own terms.

The allow-list does not detect anything; it vetoes detections. A detection that lies inside an
allowed phrase in the text ("Kelbridge" inside "Kelbridge Police") is dropped, and so is one
whose whole text is an allowed term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import yaml

from anonymiser.fingerprints import normalise

# The review's own pseudonyms: "Child D", "Adult R", "Family T", "Sibling 1", "Mother 2".
PSEUDONYM = re.compile(
    r"\b(?:Child|Adult|Family|Sibling|Baby|Infant|Young Person|Subject|Parent|Carer|Mother|"
    r"Father|Brother|Sister|Son|Daughter|Partner|Grandmother|Grandfather|Male|Female|"
    r"Practitioner|Professional|Person|Man|Woman|Boy|Girl|Twin|Household|Worker)"
    r"\s+(?:[A-Z]\d?|\d{1,2})\b(?!\.\w)"
)
# Words that make an allowed area name no more specific: "Eastmoor County", "the Kelbridge area".
GENERIC_PLACE_WORDS = frozenset(
    "the county borough city district town area region council north south east west".split()
)
AREA = r"(?:[A-Z][\w'’-]+\s+(?:and\s+|&\s+)?){1,4}"
# Public bodies are recognised by their shape: they stay, and so does the area they name.
PUBLIC_BODY = re.compile(
    rf"\b{AREA}(?:Safeguarding\s+(?:Children\s+|Adults?\s+)?(?:Partnership|Board)|"
    r"(?:County\s+|City\s+|Borough\s+|District\s+|Metropolitan\s+Borough\s+)?Council"
    r"(?:['’]s)?(?:\s+(?:Children['’]s|Adult|Adults['’]?)\s+(?:Social\s+Care|Services))?|"
    r"Police|Constabulary|NHS\s+(?:Foundation\s+)?Trust|Integrated\s+Care\s+(?:Board|System)|"
    r"Clinical\s+Commissioning\s+Group|CCG|ICB|Fire\s+and\s+Rescue\s+Service|"
    r"Community\s+Health\s+Services|Children['’]s\s+Services|Adult\s+Social\s+Care|"
    r"Youth\s+(?:Justice|Offending)\s+Service|Probation\s+Service|Ambulance\s+Service)\b"
)


@dataclass(frozen=True)
class AllowList:
    """Allowed terms, normalised, plus a compiled matcher for finding them in text."""

    terms: frozenset[str]
    matcher: re.Pattern[str] | None

    @classmethod
    def build(cls, extra_terms: list[str]) -> AllowList:
        defaults = yaml.safe_load(
            resources.files("anonymiser.data").joinpath("allow_list.yml").read_text("utf-8")
        )
        raw = [str(term) for group in defaults.values() for term in group] + list(extra_terms)
        terms = frozenset(normalise(term) for term in raw if normalise(term))
        # Longest first so "Children Act 1989" wins over "Children".
        ordered = sorted({term.strip() for term in raw if term.strip()}, key=len, reverse=True)
        alternatives = "|".join(_flexible(term) for term in ordered)
        matcher = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return cls(terms, matcher)

    def allows(self, text: str) -> bool:
        """True for an allowed term, also with a generic word around it ("Eastmoor County")."""
        norm = normalise(text)
        if norm in self.terms:
            return True
        core = " ".join(word for word in norm.split() if word not in GENERIC_PLACE_WORDS)
        return bool(core) and core != norm and core in self.terms

    def allowed_ranges(self, text: str) -> list[tuple[int, int]]:
        """Where allowed phrases stand in `text`."""
        ranges = [m.span() for m in PSEUDONYM.finditer(text)]
        ranges += [m.span() for m in PUBLIC_BODY.finditer(text)]
        if self.matcher is not None:
            ranges += [m.span() for m in self.matcher.finditer(text)]
        return ranges


def _flexible(term: str) -> str:
    """A regex for a term that tolerates any spacing and either apostrophe."""
    parts = [re.escape(word) for word in term.split()]
    return r"\s+".join(parts).replace("'", "['’]").replace("’", "['’]")
