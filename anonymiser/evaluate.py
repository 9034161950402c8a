"""Measuring detection on gold-annotated reviews (the evaluation format of PRODUCT.md).

A case folder holds `source/` (the drafts) and `gold.json`. `redact --auto` anonymises the
drafts (the scan merged into an empty decisions file, every suggestion accepted, then the plan
`apply` uses, so the figures measure the path that publishes); then every `mask` and `hidden`
item must be absent from every output and every `keep` item present. Matching ignores case,
folds whitespace and markup, and respects word boundaries. A case folder may hold its own
anonymiser.yml: a case from another partnership is evaluated with that partnership's allow-list.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from anonymiser.commands.redact import redact_folder
from anonymiser.config import CONFIG_NAME, Settings, load_settings
from anonymiser.detect.allow_list import AllowList
from anonymiser.errors import ConfigError

_MARKUP = re.compile(r"[*_`#>|\\]+|<[^>]+>")


@dataclass
class Score:
    found: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 1.0

    def add(self, ok: bool, label: str) -> None:
        self.total += 1
        self.found += ok
        if not ok:
            self.misses.append(label)


@dataclass
class Evaluation:
    direct: Score = field(default_factory=Score)
    quasi: Score = field(default_factory=Score)
    hidden: Score = field(default_factory=Score)
    keep: Score = field(default_factory=Score)
    by_type: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    # Identifiers redacted or on the to-check list, and how long that list is.
    coverage: Score = field(default_factory=Score)
    to_check_items: int = 0
    words: int = 0
    cases: int = 0

    def as_dict(self) -> dict:
        def score(s: Score) -> dict:
            return {
                "rate": round(s.rate, 4),
                "found": s.found,
                "total": s.total,
                "misses": s.misses,
            }

        return {
            "cases": self.cases,
            "direct_recall": score(self.direct),
            "quasi_recall": score(self.quasi),
            "hidden_recall": score(self.hidden),
            "keep_rate": score(self.keep),
            "coverage_with_to_check": score(self.coverage),
            "to_check_items": self.to_check_items,
            "to_check_per_1000_words": round(1000 * self.to_check_items / max(1, self.words), 2),
            "by_type": {t: score(s) for t, s in sorted(self.by_type.items())},
        }


def fold(text: str) -> str:
    return " ".join(_MARKUP.sub(" ", text).casefold().split())


def occurs(needle: str, haystack: str) -> bool:
    folded = fold(needle)
    if not folded:
        return False
    return re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", haystack) is not None


def case_folders(gold_dir: Path) -> list[Path]:
    if (gold_dir / "gold.json").is_file():
        return [gold_dir]
    folders = sorted(p.parent for p in gold_dir.glob("*/gold.json"))
    if not folders:
        raise ConfigError(f"{gold_dir}: holds no gold.json (expected <case>/gold.json).")
    return folders


def evaluate(gold_dir: Path, settings: Settings, detector) -> Evaluation:
    result = Evaluation()
    for folder in case_folders(gold_dir):
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        case_settings, case_detector = settings, detector
        if (folder / CONFIG_NAME).is_file():
            # A case from another partnership brings that partnership's allow-list.
            case_settings = load_settings(folder)
            case_detector = detector.with_allow_list(
                AllowList.build(
                    list(case_settings.allow_list), list(case_settings.allow_list_remove)
                )
            )
        with tempfile.TemporaryDirectory() as out:
            redacted = redact_folder(folder / "source", Path(out), case_settings, case_detector)
            outputs = {p.stem: fold(p.read_text(encoding="utf-8")) for p in redacted.written}
        listed = [fold(item.text) for item in redacted.to_check]
        result.to_check_items += len(listed)
        result.words += redacted.words
        everything = " \n ".join(outputs.values())
        case = gold.get("case", folder.name)
        result.cases += 1
        for item in gold.get("mask", []):
            leaked = occurs(item["text"], everything)
            score = result.direct if item.get("kind") == "direct" else result.quasi
            label = f"{case}: {item['text']!r} ({item.get('type')})"
            score.add(not leaked, label)
            result.by_type[item.get("type", "?")].add(not leaked, label)
            on_list = leaked and any(
                occurs(item["text"], f" {text} ") or occurs(text, fold(item["text"]))
                for text in listed
            )
            result.coverage.add(not leaked or on_list, label)
        for item in gold.get("hidden", []):
            leaked = occurs(item["text"], everything)
            result.hidden.add(not leaked, f"{case}: {item['text']!r} ({item.get('where')})")
        for item in gold.get("keep", []):
            kept = occurs(item["text"], everything)
            result.keep.add(kept, f"{case}: {item['text']!r} ({item.get('type')})")
    return result


@dataclass
class MentionRecall:
    """Recall of gold entity mentions by label (wikigold layout: docs/*.txt + gold.jsonl)."""

    by_label: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    documents: int = 0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "by_label": {
                label: {
                    "rate": round(s.rate, 4),
                    "found": s.found,
                    "total": s.total,
                    "misses": s.misses,
                }
                for label, s in sorted(self.by_label.items())
            },
        }


def is_mention_layout(folder: Path) -> bool:
    return (folder / "gold.jsonl").is_file() and (folder / "docs").is_dir()


def evaluate_mentions(folder: Path, settings: Settings, detector) -> MentionRecall:
    """Each document anonymised on its own (as `redact --auto`); a gold mention counts as found
    when every word character of it lies inside a replaced span."""
    from anonymiser.decisions.plan import accept_all_plan, one_shot_key
    from anonymiser.ingest import Document
    from anonymiser.pipeline import analyse

    result = MentionRecall()
    key = one_shot_key(settings)
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        path = folder / "docs" / gold["doc"]
        text = path.read_text(encoding="utf-8")
        review = analyse([Document(path, text)], detector)
        planned = accept_all_plan(review, key, settings, detector)
        covered = bytearray(len(text))
        for item in planned[path.stem]:
            covered[item.start : item.end] = b"\x01" * (item.end - item.start)
        result.documents += 1
        for entity in gold["entities"]:
            start, end = entity["start"], entity["end"]
            found = all(covered[i] for i in range(start, end) if text[i].isalnum())
            result.by_label[entity["label"]].add(found, f"{gold['doc']}: {entity['text']!r}")
    return result
