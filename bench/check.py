"""Leak-check speed on a large built site: words/s of `anonymiser check reports site`.

    .venv/bin/python bench/check.py                    # 40 copies of each example review
    .venv/bin/python bench/check.py --copies 10 --json
    .venv/bin/python bench/check.py --same-text        # copies keep the examples' text
    .venv/bin/python bench/check.py --names            # also time the names detector

The example partnership's three reviews are copied under new slugs (child-d-copy-7, ...), with
their decisions, and the site is built from them with `mkdocs build --strict` (pages, the
Pagefind index, the feed; the documents' PDFs only with --pdf, as printing them with Chromium
takes long). By default each copy's text is made its own: about a third of its lower-case words
are replaced by other English words drawn with a seed fixed by the copy, so a copy repeats
another only where a real site repeats itself (a page and its search fragment, the navigation,
the summaries on the library and theme pages). --same-text keeps the copies identical, which
flatters the check (it remembers text it has found clean). See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from anonymiser.check.detectors import FingerprintDetector  # noqa: E402
from anonymiser.check.patterns import PatternDetector  # noqa: E402
from anonymiser.check.run import decided_terms, review_of, run_check  # noqa: E402
from anonymiser.check.surfaces import published_files, read_surface  # noqa: E402
from anonymiser.config import load_settings  # noqa: E402
from anonymiser.detect.allow_list import AllowList  # noqa: E402
from anonymiser.detect.gazetteer import is_given_name, is_surname  # noqa: E402
from anonymiser.fingerprints import load_key  # noqa: E402

TARGET_WORDS_PER_S = 200_000
DOCUMENTS = ("overview.md", "executive-summary.md", "briefing.md", "board-response.md")
_LOWER_WORD = re.compile(r"(?<![\w'’\[(/#.-])[a-z]{4,}(?![\w'’\])/-])")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def vocabulary(key, redacted: set[str]) -> list[str]:
    """Common English words to swap in, less any whose fingerprint is a redacted one ("dean",
    "marsh")."""
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", 30_000) if w.isalpha() and w.islower() and len(w) >= 4]
    # Nor a name ("edith", "tobias"): the names detector rightly reports a name in lower case
    # in a quoted message, and the benchmark's site must stay clean.
    return [
        w
        for w in words
        if key.fingerprint(w) not in redacted and not (is_given_name(w) or is_surname(w))
    ]


def make_project(root: Path, copies: int, same_text: bool) -> Path:
    project = root / "partnership"
    project.mkdir()
    for name in ("anonymiser.yml", ".gitignore"):
        shutil.copy(REPO / name, project / name)
    (project / "examples").mkdir()
    shutil.copy(REPO / "examples" / "demo-partnership.key", project / "examples")
    shutil.copytree(REPO / "docs", project / "docs")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: templates", f"custom_dir: {REPO / 'templates'}")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    settings = load_settings(project)
    key = load_key(settings.key_path)
    reviews = [p for p in sorted((REPO / "reports").iterdir()) if (p / "review.yml").is_file()]
    words = (
        [] if same_text else vocabulary(key, set(decided_terms(load_settings(REPO), key).redacted))
    )
    for copy in range(copies):
        for review in reviews:
            slug = f"{review.name}-copy-{copy}"
            target = project / "reports" / slug
            shutil.copytree(review, target, ignore=shutil.ignore_patterns("source", "*.lock"))
            decisions = target / "redactions.yml"
            text = decisions.read_text("utf-8").replace(f"review: {review.name}", f"review: {slug}")
            decisions.write_text(text, "utf-8")
            if same_text:
                continue
            swap = _swapper(random.Random(f"{review.name}/{copy}"), words)
            for name in DOCUMENTS:
                document = target / name
                if document.is_file():
                    document.write_text(_LOWER_WORD.sub(swap, document.read_text("utf-8")), "utf-8")
    return project


def _swapper(rng: random.Random, words: list[str]):
    """Replaces about a third of the words it is given by words drawn from `words`."""

    def swap(match: re.Match[str]) -> str:
        return rng.choice(words) if rng.random() < 0.35 else match.group(0)

    return swap


def build(project: Path, pdf: bool) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if not pdf:
        env["REVIEWS_SKIP_PDF"] = "1"
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    subprocess.run(mkdocs, cwd=project, env=env, check=True)
    if not (project / "site" / "pagefind").is_dir():
        subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", "site"], cwd=project, check=True
        )
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)


def inventory(project: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in published_files([project / "reports", project / "site"], project / "reports"):
        suffix = path.suffix or path.name
        counts[suffix] = counts.get(suffix, 0) + 1
    return dict(sorted(counts.items()))


class Clock:
    """Wall-clock and CPU seconds of the blocks it times: on a busy machine the CPU seconds of
    this (single) process are the steadier figure."""

    def __init__(self) -> None:
        self.seconds = self.cpu_seconds = 0.0

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._wall
        self.cpu_seconds += time.process_time() - self._cpu


def _rates(words: int, clock: Clock) -> dict:
    return {
        "seconds": clock.seconds,
        "cpu_seconds": clock.cpu_seconds,
        "words_per_s": words / clock.seconds,
        "words_per_cpu_s": words / clock.cpu_seconds,
    }


def measure(project: Path, names: bool) -> dict:
    os.chdir(project)
    settings = load_settings(project)
    targets = [Path("reports"), Path("site")]
    # The check as the command runs it, fingerprints and patterns (and drafts): one process.
    with Clock() as whole:
        report = run_check(targets, settings, require_key=True, names=False)
    figures = {
        "files": report.files,
        "words": report.words,
        "findings": len(report.findings),
        "problems": len(report.problems),
        "check": _rates(report.words, whole),
    }
    # The same again, timed by stage, with fresh detectors (nothing remembered).
    key = load_key(settings.key_path)
    allow_list = AllowList.build(list(settings.allow_list), list(settings.allow_list_remove))
    decided = decided_terms(settings, key)
    detectors = {
        "fingerprints": FingerprintDetector(key, decided, allow_list),
        "patterns": PatternDetector(allow_list),
    }
    clocks = {"read": Clock(), "fingerprints": Clock(), "patterns": Clock()}
    for path in published_files(targets, settings.reports_path):
        with clocks["read"]:
            surface = read_surface(path)
        if surface is None:
            continue
        review = review_of(surface, settings)
        for name, detector in detectors.items():
            with clocks[name]:
                detector.find(surface, review)
    together = Clock()
    for name in ("fingerprints", "patterns"):
        together.seconds += clocks[name].seconds
        together.cpu_seconds += clocks[name].cpu_seconds
    for name, clock in clocks.items():
        figures[name] = _rates(report.words, clock)
    figures["detectors"] = _rates(report.words, together)
    figures["max_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if names:
        with Clock() as full:
            with_names = run_check(targets, settings, require_key=True, names=True)
        figures["with_names"] = _rates(with_names.words, full)
        figures["with_names"]["findings"] = len(with_names.findings)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="copies of each example review")
    parser.add_argument("--same-text", action="store_true", help="copies keep the same text")
    parser.add_argument("--pdf", action="store_true", help="build the documents' PDFs too")
    parser.add_argument("--names", action="store_true", help="also time the names detector")
    parser.add_argument(
        "--keep", type=Path, help="build the project here and keep it (reused if there)"
    )
    parser.add_argument(
        "--project",
        type=Path,
        help="check this built project instead (reports/, site/ and anonymiser.yml: e.g. "
        "bench/site_build.py --keep DIR's DIR/ours-500, given an anonymiser.yml and key)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.project is not None:
        figures = {"project": str(args.project), **measure(args.project.resolve(), args.names)}
        os.chdir(REPO)
        return report(figures, args.json)
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-check-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        project = root / "partnership"
        if args.keep is not None and (project / "site").is_dir():
            log(f"Checking the site built before in {project} (delete it to build anew) ...")
        else:
            log(f"Building a site of {args.copies} copies of each example review in {root} ...")
            started = time.perf_counter()
            project = make_project(root, args.copies, args.same_text)
            build(project, args.pdf)
            log(f"  built in {time.perf_counter() - started:.0f} s; checking ...")
        figures = {
            "copies": args.copies,
            "same_text": args.same_text,
            "pdf": args.pdf,
            "inventory": inventory(project),
            **measure(project, args.names),
        }
    finally:
        os.chdir(REPO)
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return report(figures, args.json)


def report(figures: dict, as_json: bool) -> int:
    figures["target_words_per_s"] = TARGET_WORDS_PER_S
    figures["target_met"] = figures["detectors"]["words_per_s"] >= TARGET_WORDS_PER_S
    if as_json:
        print(json.dumps(figures, indent=2))
    else:
        print_table(figures)
    return 0 if figures["findings"] == 0 and figures["problems"] == 0 else 1


def print_table(f: dict) -> None:
    if "project" in f:
        print(f"Project: {f['project']}, {f['files']:,} files checked")
    else:
        print(f"Site: {f['copies']} copies of each example review, {f['files']:,} files checked")
        print("  files: " + ", ".join(f"{n} {suffix}" for suffix, n in f["inventory"].items()))
    print(f"  {f['words']:,} words; {f['findings']} findings, {f['problems']} problems; "
          f"peak memory {f['max_rss_mib']:.0f} MiB")  # fmt: skip
    print(f"{'':<44} {'words/s':>10} {'seconds':>8} {'words/CPU s':>12} {'CPU s':>7}")
    rows = [
        ("check", "full check (no names)"),
        ("read", "  reading the files"),
        ("fingerprints", "  fingerprints"),
        ("patterns", "  patterns"),
        ("detectors", "fingerprints + patterns together"),
        ("with_names", "full check with names (spaCy)"),
    ]
    for key, label in rows:
        if key in f:
            r = f[key]
            print(f"{label:<44} {r['words_per_s']:>10,.0f} {r['seconds']:>8.2f} "
                  f"{r['words_per_cpu_s']:>12,.0f} {r['cpu_seconds']:>7.2f}")  # fmt: skip
    if "with_names" in f:
        print(f"  with names: {f['with_names']['findings']} findings")
    met = "met" if f["target_met"] else "NOT MET"
    print(f"target: fingerprints + patterns >= {f['target_words_per_s']:,} words/s: {met}")


if __name__ == "__main__":
    sys.exit(main())
