"""Detection speed and memory: our scan against spaCy's NER alone and Presidio's default analyzer.

    .venv/bin/python bench/detect.py                 # 100,000-word corpus (make bench)
    .venv/bin/python bench/detect.py --quick         # ~20,000 words, a smoke run
    .venv/bin/python bench/detect.py --words 250000 --json

Each measurement runs in a fresh process of this script (`--child`), one after the other, on the
same corpus and the same spaCy model; see bench/README.md for what each one measures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

DEFAULT_WORDS = 100_000
QUICK_WORDS = 20_000
REPORT_WORDS = 30_000
# The targets.
MIN_OURS_OVER_NER = 0.8
MIN_OURS_OVER_PRESIDIO = 2.0  # issue 14 (was 1.6 before it)
MAX_REPORT_RSS_MIB = 1.5 * 1024  # 1.5 GB, read as GiB

STEPS = [
    ("scan", "our scan"),
    ("ner", "spaCy NER alone"),
    ("presidio", "Presidio default analyzer"),
    ("memory", f"our scan of one ~{REPORT_WORDS:,}-word report"),
]


def main() -> int:
    args = parse_args()
    if args.child:
        return run_child(args.child, Path(args.spec), Path(args.out))
    started = time.perf_counter()
    target = QUICK_WORDS if args.quick else args.words
    if target < 1 or args.report_words < 1 or args.repeat < 1:
        raise SystemExit("--words, --report-words and --repeat must be at least 1.")
    with tempfile.TemporaryDirectory(prefix="bench-detect-") as tmp:
        spec = build_spec(Path(tmp), target, args.report_words, args.repeat)
        results = {}
        for number, (kind, title) in enumerate(STEPS, 1):
            say(f"[{number}/{len(STEPS)}] {title} ...")
            results[kind] = run_in_fresh_process(kind, Path(tmp))
            say(f"      {results[kind]['seconds']:.1f} s")
    summary = summarise(spec, results, time.perf_counter() - started)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(table(summary))
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--words",
        type=int,
        default=DEFAULT_WORDS,
        help=f"corpus size in words (default {DEFAULT_WORDS:,}); whole review copies are added "
        "until the corpus holds at least this many",
    )
    parser.add_argument("--quick", action="store_true", help=f"a ~{QUICK_WORDS:,}-word smoke run")
    parser.add_argument(
        "--report-words",
        type=int,
        default=REPORT_WORDS,
        help=f"size of the one-report memory test (default {REPORT_WORDS:,})",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="time each speed measurement this many times and keep the fastest (default 1)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    # Internal: run one measurement (detect.py starts itself with these).
    parser.add_argument("--child", choices=[kind for kind, _ in STEPS], help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    return parser.parse_args()


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_spec(tmp: Path, target_words: int, report_words: int, repeat: int) -> dict[str, Any]:
    """Build the corpus and the long report, and write what the children need to spec.json."""
    import pypandoc
    from corpus import REPO, Corpus, plan_for, scanned_texts, words

    from anonymiser.config import load_settings

    model = load_settings(REPO).model
    say(f"Building the corpus ({target_words:,} words) from examples/reviews ...")
    corpus = Corpus()
    plan = plan_for(target_words, corpus.review_words())
    texts: list[str] = []
    documents = 0
    for slug, copy in plan:
        review = corpus.documents(slug, copy)
        documents += len(review)
        texts.extend(scanned_texts(review))
    report_folder = tmp / "report" / "source"
    report_folder.mkdir(parents=True)
    report_file = report_folder / "overview.docx"
    pypandoc.convert_text(
        corpus.report_markdown(report_words), "docx", "markdown", outputfile=str(report_file)
    )
    spec = {
        "model": model,
        "plan": plan,
        "texts": texts,
        "words": sum(words(text) for text in texts),
        "documents": documents,
        "examples": sorted(corpus.originals),
        "copies": max(copy for _, copy in plan) + 1,
        "report_folder": str(report_folder),
        "report_file": str(report_file),
        "report_words_asked": report_words,
        "repeat": repeat,
    }
    (tmp / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    return spec


def run_in_fresh_process(kind: str, tmp: Path) -> dict[str, Any]:
    out = tmp / f"{kind}.json"
    env = dict(os.environ)
    # tldextract (Presidio's email recognizer) must not go online: no suffix-list URLs means it
    # uses the snapshot it ships with; its cache goes to the run's temporary folder.
    env["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    env["TLDEXTRACT_CACHE"] = str(tmp / "tldextract")
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind]
    command += ["--spec", str(tmp / "spec.json"), "--out", str(out)]
    finished = subprocess.run(command, env=env, capture_output=True, text=True)
    if finished.returncode != 0:
        say(finished.stderr)
        raise SystemExit(f"The '{kind}' measurement failed (exit {finished.returncode}).")
    return json.loads(out.read_text(encoding="utf-8"))


def run_child(kind: str, spec_path: Path, out: Path) -> int:
    from measure import CHILDREN

    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    result = CHILDREN[kind](spec)
    out.write_text(json.dumps(result), encoding="utf-8")
    return 0


def summarise(spec: dict[str, Any], results: dict[str, Any], run_seconds: float) -> dict[str, Any]:
    scan, ner, presidio, memory = (results[kind] for kind, _ in STEPS)
    over_ner = scan["words_per_s"] / ner["words_per_s"]
    over_presidio = scan["words_per_s"] / presidio["words_per_s"]
    # The same ratios from CPU seconds: steadier than wall time when the machine is busy.
    cpu_over_ner = ner["cpu_seconds"] / scan["cpu_seconds"]
    cpu_over_presidio = presidio["cpu_seconds"] / scan["cpu_seconds"]
    return {
        "model": spec["model"],
        "corpus": {
            "words": spec["words"],
            "texts": len(spec["texts"]),
            "documents": spec["documents"],
            "review_copies": len(spec["plan"]),
            "examples": spec["examples"],
            "copies_per_example": spec["copies"],
            "names": "copy 0 as drafted; each further copy with other fictional names (Faker)",
        },
        "our_scan": scan,
        "ner_alone": ner,
        "presidio_default": presidio,
        "report_memory": memory,
        "ratios": {"ours_over_ner_alone": over_ner, "ours_over_presidio_default": over_presidio},
        # For information (no target): the detection part of our scan, without reading files.
        "analyse_over_ner_alone": scan["analyse"]["words_per_s"] / ner["words_per_s"],
        "ratios_cpu": {
            "ours_over_ner_alone": cpu_over_ner,
            "ours_over_presidio_default": cpu_over_presidio,
        },
        "repeat": spec["repeat"],
        "targets": {
            "ours_over_ner_alone": {"min": MIN_OURS_OVER_NER, "met": over_ner >= MIN_OURS_OVER_NER},
            "ours_over_presidio_default": {
                "min": MIN_OURS_OVER_PRESIDIO,
                "met": over_presidio >= MIN_OURS_OVER_PRESIDIO,
            },
            "report_max_rss_mib": {
                "max": MAX_REPORT_RSS_MIB,
                "met": memory["max_rss_mib"] <= MAX_REPORT_RSS_MIB,
            },
        },
        "environment": {
            "python": platform.python_version(),
            "spacy": version("spacy"),
            "presidio_analyzer": version("presidio-analyzer"),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_end": list(os.getloadavg()),
        },
        "run_seconds": run_seconds,
    }


def table(summary: dict[str, Any]) -> str:
    corpus = summary["corpus"]
    scan, ner = summary["our_scan"], summary["ner_alone"]
    presidio, memory = summary["presidio_default"], summary["report_memory"]
    targets, ratios, cpu = summary["targets"], summary["ratios"], summary["ratios_cpu"]
    width = 40

    def row(name: str, figures: dict[str, Any], words: bool = True) -> str:
        count = f"{figures['words']:,}" if words else ""
        return (
            f"{name:<{width}}{count:>9}{figures['seconds']:>10.2f}"
            f"{figures['cpu_seconds']:>9.2f}{figures['words_per_s']:>11,.0f}"
        )

    def ratio(name: str, key: str, minimum: float) -> str:
        met = "met" if targets[key]["met"] else "NOT MET"
        return (
            f"{name:<{width}}{ratios[key]:>9.2f}×{'≥ ' + format(minimum, '.1f') + '×':>11}"
            f"{met:>9}{cpu[key]:>11.2f}×"
        )

    def mib(name: str, value: float) -> str:
        return f"{name:<{width}}{value:>6,.0f} MiB"

    repeat = summary["repeat"]
    timing = "one timed run each" if repeat == 1 else f"fastest of {repeat} timed runs each"
    met = "met" if targets["report_max_rss_mib"]["met"] else "NOT MET"
    environment = summary["environment"]
    lines = [
        f"Detection benchmark: model {summary['model']}, one fresh process per measurement, "
        f"{timing}",
        f"Corpus: {corpus['words']:,} words, {corpus['review_copies']} review copies "
        f"({corpus['documents']} documents; {corpus['texts']} texts with the hidden parts) "
        f"of {', '.join(corpus['examples'])}; other names in every copy after the first",
        "",
        f"{'':<{width}}{'words':>9}{'seconds':>10}{'cpu s':>9}{'words/s':>11}",
        row("our scan (read drafts + analyse)", scan),
        row("  reading the drafts", scan["ingest"], words=False),
        row("  analyse(): NER, recognizers, entities", scan["analyse"], words=False),
        row("spaCy NER alone (nlp.pipe)", ner),
        row("Presidio default analyzer", presidio),
        row(f"our scan of one report ({memory['report_file']})", memory),
        "",
        f"{'':<{width}}{'measured':>10}{'target':>11}{'':>9}{'by cpu s':>12}",
        ratio("ours / NER alone", "ours_over_ner_alone", MIN_OURS_OVER_NER),
        ratio("ours / Presidio default", "ours_over_presidio_default", MIN_OURS_OVER_PRESIDIO),
        f"{'  analyse() alone / NER alone':<{width}}{summary['analyse_over_ner_alone']:>9.2f}×"
        f"{'(no target)':>20}",
        f"{'peak RSS, our scan of the report':<{width}}{memory['max_rss_mib']:>6,.0f} MiB"
        f"{'≤ 1.5 GiB':>11}{met:>9}",
        mib("  RSS after model load and warm-up", memory["max_rss_after_load_mib"]),
        mib("  pandoc (a separate process)", memory["pandoc_max_rss_mib"]),
        "",
        f"spaCy components: NER alone runs {', '.join(ner['components'])} "
        f"(excluded {', '.join(ner['excluded'])}); Presidio default runs "
        f"{', '.join(presidio['components'])}",
        f"Found: our scan {scan['entities']:,} entities; NER alone {ner['entities']:,} spans; "
        f"Presidio default {presidio['results']:,} results",
        f"Run took {summary['run_seconds']:.0f} s on {environment['cpus']} CPUs "
        f"(load average {environment['load_average_at_end'][0]:.2f} at the end)",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
