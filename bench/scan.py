"""Scan benchmark: a single process against `--jobs 2`, and a re-scan of unchanged reviews.

    .venv/bin/python bench/scan.py [--reviews 8] [--words-scale 0.5] [--json]

Generates a fictional library with drafts (bench/make_library.py), then times the real command
line, each run in a fresh process as a comms officer or CI would run it:
1. `anonymiser scan` of every review, one process;
2. the same with `--jobs 2`, after removing what the first scan wrote;
3. `anonymiser scan` again with nothing changed (the scan cache skips every review).
Targets: --jobs 2 at least 1.7x a single process on 2 cores; re-scan of an unchanged review
within 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ANONYMISER = Path(sys.executable).parent / "anonymiser"


def timed_scan(project: Path, slugs: list[str], *extra: str) -> float:
    env = dict(os.environ, ANONYMISER_KEY=(REPO / "examples/demo-partnership.key").read_text())
    start = time.perf_counter()
    subprocess.run(
        [str(ANONYMISER), "scan", *extra, *(f"reports/{slug}" for slug in slugs)],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def forget_scans(project: Path, slugs: list[str]) -> None:
    for slug in slugs:
        (project / "reports" / slug / "redactions.yml").unlink(missing_ok=True)
    shutil.rmtree(project / ".cache", ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=8)
    parser.add_argument("--words-scale", type=float, default=0.5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scan-bench-") as tmp:
        project = Path(tmp)
        subprocess.run(
            [
                sys.executable,
                str(REPO / "bench/make_library.py"),
                str(args.reviews),
                tmp,
                "--drafts",
                "--words-scale",
                str(args.words_scale),
            ],
            check=True,
            capture_output=True,
        )
        shutil.copy(REPO / "anonymiser.yml", project / "anonymiser.yml")
        slugs = sorted(p.parent.name for p in (project / "reports").glob("*/source"))
        words = sum(
            len(path.read_text(encoding="utf-8", errors="replace").split())
            for slug in slugs
            for path in (project / "reports" / slug / "source").iterdir()
        )
        single = timed_scan(project, slugs)
        forget_scans(project, slugs)
        parallel = timed_scan(project, slugs, "--jobs", "2")
        rescan = timed_scan(project, slugs)
    figures = {
        "reviews": len(slugs),
        "draft_words": words,
        "single_s": round(single, 2),
        "jobs2_s": round(parallel, 2),
        "speedup": round(single / parallel, 2),
        "rescan_unchanged_s": round(rescan, 2),
        "rescan_per_review_s": round(rescan / len(slugs), 3),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"Scan benchmark: {len(slugs)} reviews, {words:,} words of drafts")
    print(f"  one process          {single:7.2f} s   {words / single:9,.0f} words/s")
    print(f"  --jobs 2             {parallel:7.2f} s   {words / parallel:9,.0f} words/s")
    met = "met" if single / parallel >= 1.7 else "NOT MET"
    print(f"  speed-up             {single / parallel:7.2f}x  (target >= 1.7x: {met})")
    met = "met" if rescan <= 1.0 else "NOT MET"
    print(f"  re-scan, unchanged   {rescan:7.2f} s for all {len(slugs)} (target <= 1 s: {met})")


if __name__ == "__main__":
    main()
