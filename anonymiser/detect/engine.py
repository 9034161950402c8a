"""Presidio's analyzer with the installed spaCy model and our UK recognizers.

The model is a pip-installed package, loaded by name; if it is missing we stop rather than let
Presidio download one. Only the components NER needs run: the tagger, parser and lemmatizer
cost most of spaCy's time and none of our recognizers use them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
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
    """SpacyNlpEngine that never downloads, loads only what NER needs, and hands Presidio only
    the entities: none of our recognizers reads tokens or lemmas, and building those lists for
    every token costs more than the regular expressions do."""

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

    def artifacts_of(self, texts: list[str], batch_size: int) -> Iterator[NlpArtifacts]:
        """NER over the texts as one batch. Presidio's process_batch would also rebuild each
        text from its tokens (doc.text), about a tenth of the scan, for a text we already have."""
        for doc in self.nlp["en"].pipe(texts, batch_size=batch_size):
            yield self._doc_to_nlp_artifact(doc, "en")

    def _doc_to_nlp_artifact(self, doc, language: str) -> NlpArtifacts:
        entities, scores = self._get_updated_entities(
            self._get_entities(doc), self._get_scores_for_entities(doc)
        )
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self,
            language=language,
            scores=scores,
        )


class NoContextEnhancer(ContextAwareEnhancer):
    """Presidio's context enhancement only adjusts scores, and we keep every detection whatever
    its score (a recognizer that needs context checks it itself: see recognizers/base.py)."""

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=0,
            min_score_with_context_similarity=0,
            context_prefix_count=0,
            context_suffix_count=0,
        )

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        return raw_results


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
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=["en"],
        context_aware_enhancer=NoContextEnhancer(),
    )
