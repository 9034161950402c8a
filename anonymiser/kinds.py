"""The kinds of document a review publishes.

A draft is named by its kind (`source/overview.docx`), and that name is all the anonymiser ever
writes about the document: the published file (`overview.md`), the key of its mention counts in
redactions.yml, its entry in review.yml. A file name a person chose ("<child's name> LCSPR FINAL
v3.docx") is never written anywhere: it often names the family.
"""

from __future__ import annotations

# In reading order: the site lists a review's documents in this order.
KINDS = ("overview", "executive-summary", "briefing", "board-response")
KIND_TITLES = {
    "overview": "Overview report",
    "executive-summary": "Executive summary",
    "briefing": "Learning briefing",
    "board-response": "Partnership response",
}
