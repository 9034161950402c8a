"""Over-redaction on real published text: words wrongly changed per 1,000.

Real published reviews and partnership pages are already anonymised by their publishers, so
nearly every change the automatic pipeline makes to them is damage (a declared pseudonym
replaced counts as damage too). This script runs `redact --auto`'s path on each text file of a
folder (each file as one review), lines up the words of the input and the output, and counts
every input word the pipeline replaced, by the cause: the type and recognizer of the entity.

The texts are third-party: gather them into a folder outside the repository (see
bench/README.md), run this, record the figures, and never commit the texts.

    .venv/bin/python bench/real_text.py /tmp/realtext [--show] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anonymiser.config import load_settings  # noqa: E402
from anonymiser.decisions.plan import accept_all_plan, one_shot_key  # noqa: E402
from anonymiser.ingest import Document  # noqa: E402
from anonymiser.pipeline import analyse, make_detector, render_all  # noqa: E402

WORD = re.compile(r"\w+(?:['’]\w+)*")


def changed_words(before: str, after: str) -> list[tuple[int, int]]:
    """(start, end) word indexes of `before` that are not in `after`, in runs."""
    a = WORD.findall(before)
    b = WORD.findall(after)
    runs = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            runs.append((i1, i2))
    return runs


def measure(folder: Path, show: bool) -> dict:
    settings = load_settings(ROOT)
    detector = make_detector(settings)
    key = one_shot_key(settings)
    total_words = 0
    total_changed = 0
    by_cause: Counter[str] = Counter()
    examples: list[str] = []
    files = sorted(folder.glob("*.txt"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        review = analyse([Document(path, text)], detector)
        planned = accept_all_plan(review, key, settings, detector)
        published = render_all(review, planned)[path.stem]
        words = WORD.findall(text)
        total_words += len(words)
        runs = changed_words(text, published)
        total_changed += sum(b - a for a, b in runs)
        mentions = sorted(
            (m.start, m.end, entity.entity_type)
            for entity in review.entities
            for m in entity.mentions
        )
        positions = [(m.start(), m.end()) for m in WORD.finditer(text)]
        for a, b in runs:
            start, end = positions[a][0], positions[b - 1][1]
            cause = next((t for s, e, t in mentions if s < end and start < e), "other")
            by_cause[cause] += b - a
            if show:
                examples.append(f"{path.name}: {cause}: {' '.join(words[a:b])}")
    per_1000 = 1000 * total_changed / total_words if total_words else 0.0
    return {
        "files": len(files),
        "words": total_words,
        "changed_words": total_changed,
        "per_1000_words": round(per_1000, 2),
        "by_type": dict(by_cause.most_common()),
        "examples": examples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of .txt files (never committed)")
    parser.add_argument("--show", action="store_true", help="print every changed run of words")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = measure(args.folder, args.show)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['files']} files, {result['words']:,} words: {result['changed_words']} "
        f"changed = {result['per_1000_words']} per 1,000 words"
    )
    for cause, count in result["by_type"].items():
        print(f"  {cause}: {count}")
    for line in result["examples"]:
        print("   ", line)


if __name__ == "__main__":
    main()
