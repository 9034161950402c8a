"""Where the decided entities of a review occur in its drafts, found by their fingerprints.

The detector finds what it can recognise; the decisions also know what a person added ("Bumble",
which no detector calls a name) or merged in (the nickname "Zosia"). Searching the drafts for
every entity's fingerprints finds both, so scan, the review page and apply agree on where an
entity occurs and never depend on the detector finding it again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from anonymiser.decisions.schema import EntityDecision
from anonymiser.detect.allow_list import AllowList
from anonymiser.fingerprints import MAX_NGRAM, PartnershipKey, words
from anonymiser.ingest import Document

BODY = "body"


@dataclass(frozen=True)
class Located:
    """One occurrence of a decided entity: document stem, part ("body" or where in the document's
    internals, e.g. "comment 2"), character range in that part's text, and the entity's id."""

    doc: str
    part: str
    start: int
    end: int
    entity_id: str


class TextIndex:
    """The fingerprint of every run of 1..MAX_NGRAM words of one text, computed once, so that
    searching for a changing set of fingerprints (the review page, after every edit) is cheap."""

    def __init__(self, text: str, key: PartnershipKey) -> None:
        self.words = words(text)
        self.runs: list[list[str]] = []
        for i in range(len(self.words)):
            runs = []
            norm = ""
            for word in self.words[i : i + MAX_NGRAM]:
                norm = f"{norm} {word.norm}" if norm else word.norm
                runs.append(key.fingerprint_normalised(norm))
            self.runs.append(runs)

    def find(self, fingerprints: set[str] | dict) -> Iterable[tuple[int, int, str]]:
        """Like PartnershipKey.find: at each word, the longest run whose fingerprint is wanted
        wins, and the search goes on after it."""
        i = 0
        while i < len(self.words):
            for n in range(len(self.runs[i]), 0, -1):
                fp = self.runs[i][n - 1]
                if fp in fingerprints:
                    yield self.words[i].start, self.words[i + n - 1].end, fp
                    i += n
                    break
            else:
                i += 1


class ReviewIndex:
    """TextIndex of every part of every document of a review, and the allowed phrases in each
    (an allowed phrase such as "Marsh Lane Police Station" is never a mention of "Marsh")."""

    def __init__(
        self, documents: list[Document], key: PartnershipKey, allow_list: AllowList | None
    ) -> None:
        self.allow_list = allow_list
        self.parts: list[tuple[str, str, str, TextIndex, list[tuple[int, int]]]] = []
        for document in documents:
            texts = [(BODY, document.body)] + [(p.where, p.text) for p in document.hidden]
            for part, text in texts:
                allowed = allow_list.allowed_ranges(text) if allow_list else []
                self.parts.append((document.stem, part, text, TextIndex(text, key), allowed))

    @classmethod
    def of_review(cls, documents: list[Document], key: PartnershipKey, detector) -> ReviewIndex:
        """The index with the allow-list that detection used for these documents (the shared
        one plus the areas of the public bodies they name; see pipeline.analyse)."""
        allow_list = detector.allow_list.with_terms_of([document.body for document in documents])
        return cls(documents, key, allow_list)

    def locate(self, entities: Iterable[EntityDecision], body_only: bool = False) -> list[Located]:
        owner = {fp: entity.id for entity in entities for fp in entity.fingerprints}
        found = []
        for doc, part, _text, index, allowed in self.parts:
            if body_only and part != BODY:
                continue
            for start, end, fp in index.find(owner):
                if any(a <= start and end <= b for a, b in allowed):
                    continue
                found.append(Located(doc, part, start, end, owner[fp]))
        return found


def mention_counts(located: Iterable[Located]) -> dict[str, dict[str, int]]:
    """entity id -> document stem -> how often it occurs there (body and internals)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for item in located:
        counts[item.entity_id][item.doc] += 1
    return {entity_id: dict(sorted(by_doc.items())) for entity_id, by_doc in counts.items()}
