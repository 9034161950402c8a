"""The measurements, each run in its own fresh process by detect.py (`--child KIND`).

Every child loads what it needs and warms it up before the clock starts, times only the
processing, and returns a dict that detect.py writes as JSON for the parent.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import REPO, Corpus, scanned_texts, source_folder, words

WARM_UP_TEXT = (
    "Kayden Marsh (Child D) was seen by Dr Simran Gill at Sorrelgate Medical Centre on "
    "4 January 2023. His mother, Zofia, phoned 07700 900418 and wrote to zosia.w97@example.com."
)


def max_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory so far, in MiB (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class Clock:
    """Wall-clock and CPU seconds of the blocks it times. CPU time counts this process and the
    child processes it waited for (pandoc, which reads Word files for the product)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.cpu_seconds = 0.0

    @staticmethod
    def _cpu_now() -> float:
        times = os.times()
        return times.user + times.system + times.children_user + times.children_system

    def __enter__(self) -> Clock:
        self._wall = time.perf_counter()
        self._cpu = self._cpu_now()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._wall
        self.cpu_seconds += self._cpu_now() - self._cpu

    def __add__(self, other: Clock) -> Clock:
        total = Clock()
        total.seconds = self.seconds + other.seconds
        total.cpu_seconds = self.cpu_seconds + other.cpu_seconds
        return total


def fastest(run: Callable[[], tuple[Clock, Any]], repeat: int) -> tuple[Clock, Any, list[float]]:
    """Run `run` `repeat` times; the fastest run's clock and result, and every run's seconds."""
    runs = [run() for _ in range(max(1, repeat))]
    best = min(runs, key=lambda clock_result: clock_result[0].seconds)
    return best[0], best[1], [clock.seconds for clock, _ in runs]


def _figures(word_count: int, clock: Clock, runs: list[float] | None = None) -> dict[str, Any]:
    return {
        "words": word_count,
        "seconds": clock.seconds,
        "cpu_seconds": clock.cpu_seconds,
        "words_per_s": word_count / clock.seconds,
        "runs_seconds": runs or [clock.seconds],
    }


def _detector():
    from anonymiser.config import load_settings
    from anonymiser.pipeline import make_detector

    settings = load_settings(REPO)
    return settings.model, make_detector(settings)


def our_scan(spec: dict[str, Any]) -> dict[str, Any]:
    """The product's scan of every review copy: read its drafts, then analyse them as a review."""
    from anonymiser.pipeline import analyse, read_drafts

    model, detector = _detector()
    corpus = Corpus()  # also loads every reader, so no import happens inside the clock
    analyse(next(iter(corpus.originals.values())), detector)

    def run() -> tuple[Clock, tuple[Clock, Clock, int, int]]:
        ingest, analysis = Clock(), Clock()
        word_count = entities = 0
        for slug, copy in spec["plan"]:
            with ingest:
                documents = read_drafts(source_folder(slug))
            # Renaming is the benchmark's doing, not the product's: it stays outside the clocks.
            documents = corpus.renamers[slug].apply(documents, copy)
            word_count += sum(words(text) for text in scanned_texts(documents))
            with analysis:
                review = analyse(documents, detector)
            entities += len(review.entities)
        return ingest + analysis, (ingest, analysis, word_count, entities)

    total, (ingest, analysis, word_count, entities), runs = fastest(run, spec["repeat"])
    if word_count != spec["words"]:
        raise AssertionError(f"the scan read {word_count} words, the corpus has {spec['words']}")
    return {
        **_figures(word_count, total, runs),
        "model": model,
        "ingest": _figures(word_count, ingest),
        "analyse": _figures(word_count, analysis),
        "reviews": len(spec["plan"]),
        "entities": entities,
    }


def ner_alone(spec: dict[str, Any]) -> dict[str, Any]:
    """spaCy's NER component, and only what it needs, over the same texts with nlp.pipe."""
    import spacy

    model = spec["model"]
    full = spacy.load(model)
    # A component that listens to a shared tok2vec needs it; en_core_web_sm's ner has its own.
    keep = {"ner"}
    for name in full.component_names:
        listeners = getattr(full.get_pipe(name), "listening_components", [])
        if "ner" in listeners:
            keep.add(name)
    excluded = [name for name in full.component_names if name not in keep]
    del full
    nlp = spacy.load(model, exclude=excluded)
    texts = spec["texts"]
    nlp.max_length = max(nlp.max_length, max(len(text) for text in texts) + 1)
    list(nlp.pipe([WARM_UP_TEXT, *texts[:4]]))

    def run() -> tuple[Clock, int]:
        with Clock() as clock:
            entities = sum(len(doc.ents) for doc in nlp.pipe(texts))
        return clock, entities

    clock, entities, runs = fastest(run, spec["repeat"])
    return {
        **_figures(spec["words"], clock, runs),
        "components": nlp.pipe_names,
        "excluded": excluded,
        "entities": entities,
    }


def presidio_default(spec: dict[str, Any]) -> dict[str, Any]:
    """Presidio's AnalyzerEngine with its default recognizers and the same spaCy model.

    tldextract (used by Presidio's email recognizer) is kept offline by the environment the
    parent sets: TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="" (no download: the snapshot bundled with
    tldextract is used) and TLDEXTRACT_CACHE pointing into the run's temporary folder.
    """
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    configuration = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": spec["model"]}],
    }
    analyzer = AnalyzerEngine(
        nlp_engine=NlpEngineProvider(nlp_configuration=configuration).create_engine()
    )
    texts = spec["texts"]
    for text in [WARM_UP_TEXT, *texts[:4]]:
        analyzer.analyze(text, language="en")

    def run() -> tuple[Clock, int]:
        with Clock() as clock:
            results = sum(len(analyzer.analyze(text, language="en")) for text in texts)
        return clock, results

    clock, results, runs = fastest(run, spec["repeat"])
    return {
        **_figures(spec["words"], clock, runs),
        "components": analyzer.nlp_engine.nlp["en"].pipe_names,
        "recognizers": len(analyzer.registry.recognizers),
        "results": results,
    }


def report_memory(spec: dict[str, Any]) -> dict[str, Any]:
    """Peak memory of the product's scan of one long overview report (a .docx), from a fresh
    process: model load, warm-up, reading the report, detection, clustering and propagation."""
    from anonymiser.ingest import Document
    from anonymiser.pipeline import analyse, read_drafts

    model, detector = _detector()
    analyse([Document(Path("warm-up.md"), WARM_UP_TEXT)], detector)
    after_load = max_rss_mib()
    clock = Clock()
    with clock:
        documents = read_drafts(Path(spec["report_folder"]))
        review = analyse(documents, detector)
    word_count = sum(words(text) for text in scanned_texts(documents))
    return {
        **_figures(word_count, clock),
        "model": model,
        "report_file": Path(spec["report_file"]).name,
        "max_rss_mib": max_rss_mib(),
        "max_rss_after_load_mib": after_load,
        "pandoc_max_rss_mib": max_rss_mib(resource.RUSAGE_CHILDREN),
        "entities": len(review.entities),
    }


CHILDREN = {
    "scan": our_scan,
    "ner": ner_alone,
    "presidio": presidio_default,
    "memory": report_memory,
}
