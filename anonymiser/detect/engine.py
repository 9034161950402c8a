"""Presidio's analyzer with the installed spaCy model and our UK recognizers.

The model is a pip-installed package, loaded by name; if it is missing we stop rather than let
Presidio download one. Only the components NER needs run: the tagger, parser and lemmatizer
cost most of spaCy's time and none of our recognizers use them.
"""

from __future__ import annotations

import logging

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from anonymiser.detect.recognizers import all_recognizers
from anonymiser.errors import ConfigError

# spaCy label -> the type the detector reports. ORG is reported as is: the small model often
# calls a person's name an organisation, and names.py decides which it is.
NER_LABELS = {
    "PERSON": "PERSON",
    "ORG": "NER_ORG",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "NER_FAC",
}
# In this model the NER has its own token-to-vector layer, so the shared one is unused too.
UNUSED_COMPONENTS = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


class InstalledSpacyEngine(SpacyNlpEngine):
    """SpacyNlpEngine that never downloads and loads only what NER needs."""

    def load(self) -> None:
        self.nlp = {}
        for model in self.models:
            name = model["model_name"]
            if not spacy.util.is_package(name):
                raise ConfigError(
                    f"The spaCy model '{name}' is not installed. Run 'make install' "
                    "(the model is a Python package; nothing is downloaded at run time)."
                )
            nlp = spacy.load(name, exclude=UNUSED_COMPONENTS)
            # Chunks are at most a few hundred thousand characters (see detector.py).
            nlp.max_length = 2_000_000
            self.nlp[model["lang_code"]] = nlp


def build_analyzer(model_name: str) -> AnalyzerEngine:
    # Presidio logs every recognizer it loads; comms staff need none of that.
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    ner_config = NerModelConfiguration(
        model_to_presidio_entity_mapping=NER_LABELS,
        labels_to_ignore=[
            "CARDINAL",
            "ORDINAL",
            "QUANTITY",
            "MONEY",
            "PERCENT",
            "TIME",
            "DATE",
            "NORP",
            "EVENT",
            "WORK_OF_ART",
            "LAW",
            "LANGUAGE",
            "PRODUCT",
        ],
        low_score_entity_names=[],
    )
    nlp_engine = InstalledSpacyEngine(
        models=[{"lang_code": "en", "model_name": model_name}],
        ner_model_configuration=ner_config,
    )
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(SpacyRecognizer(supported_entities=sorted(set(NER_LABELS.values()))))
    for recognizer in all_recognizers():
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
