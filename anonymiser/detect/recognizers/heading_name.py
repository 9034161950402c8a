"""Given names in capitals in headings: "## 4. KAYDEN AND HIS FAMILY", "WHO WAS WALTER?".

NER reads capitals badly. In a heading (a Markdown heading, or a short line all in capitals) a
word in capitals is taken as a name when the lists know it as a given name and it is not a
common English word ("MAY", "WILL" stay words).
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer
from wordfreq import zipf_frequency

from anonymiser.detect.gazetteer import is_given_name
from anonymiser.detect.recognizers.base import result

HEADING_LINE = re.compile(r"^(?:#{1,6}[ \t].*|[^a-z\n]{4,80})$", re.MULTILINE)
CAPS_WORD = re.compile(r"(?<![\w'’])[A-ZÀ-Þ][A-ZÀ-Þ'’-]{2,}(?![\w])")
COMMON_ZIPF = 4.5


class HeadingNameRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="HeadingNameRecognizer")

    def load(self) -> None:
        """Nothing to load: the name lists load on first use."""

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for line in HEADING_LINE.finditer(text):
            for word in CAPS_WORD.finditer(line.group()):
                name = re.sub(r"['’]S$", "", word.group())
                if is_given_name(name.title()) and zipf_frequency(name, "en") < COMMON_ZIPF:
                    start = line.start() + word.start()
                    results.append(result(self, "PERSON", start, start + len(name), 0.5))
        return results
