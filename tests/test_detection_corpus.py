"""Detection quality on our own development corpus and on the shared wikigold benchmark.

tests/corpus/ holds six fictional, gold-annotated reviews written to be as hard as real drafts
(identifiers in tables, comments, tracked changes, headers, properties; names that are ordinary
words; initials; quoted messages in lower case). The targets are the product's: a regression
below them fails the build.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from anonymiser.evaluate import evaluate, evaluate_mentions

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
WIKIGOLD = ROOT.parent / "shared" / "benchmarks" / "wikigold"

TARGETS = {"direct": 0.99, "quasi": 0.95, "hidden": 1.0, "keep": 0.97}
# wikigold person-mention recall: the product's target (spaCy's small model through Presidio's
# default analyzer gets about 0.82).
WIKIGOLD_PER_FLOOR = 0.97


@pytest.fixture(scope="module")
def corpus_result(repo_settings, detector):
    return evaluate(ROOT / "tests" / "corpus", repo_settings, detector)


def test_corpus_has_six_hard_cases(corpus_result):
    assert corpus_result.cases >= 6


@pytest.mark.parametrize("measure", sorted(TARGETS))
def test_corpus_meets_target(corpus_result, measure):
    score = getattr(corpus_result, measure)
    assert score.rate >= TARGETS[measure], f"{measure} {score.rate:.3f}: misses {score.misses}"


def test_examples_meet_targets(repo_settings, detector):
    result = evaluate(ROOT / "examples" / "reviews", repo_settings, detector)
    for measure, target in TARGETS.items():
        assert getattr(result, measure).rate >= target, measure


@pytest.mark.skipif(not WIKIGOLD.is_dir(), reason="the shared benchmarks are not beside the repo")
def test_wikigold_person_recall_does_not_regress(tmp_path, monkeypatch, detector):
    from anonymiser.config import Settings

    result = evaluate_mentions(WIKIGOLD, Settings(root=tmp_path), detector)
    assert result.by_label["PER"].rate >= WIKIGOLD_PER_FLOOR
