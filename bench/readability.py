"""Artefacts of replacement per 10,000 words: what `redact --auto` leaves that no one would
publish (anonymiser/readability.py), on a folder of review cases (each `<case>/source/`).

    .venv/bin/python bench/readability.py ../shared/benchmarks/reviews [--show]

Each case is anonymised with `anonymiser redact --auto` into a temporary folder, exactly as a
trial run would, and each document's text is read with the labels it holds (the default
person labels, "Person A", and the roles of the shipped allow-list, "Mother", "Father") and
beside its draft, as `apply` reads it: what the draft already says is no artefact.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anonymiser.detect.allow_list import shipped_terms  # noqa: E402
from anonymiser.pipeline import read_drafts  # noqa: E402
from anonymiser.readability import artefacts  # noqa: E402

PERSON_LABEL = re.compile(r"\bPerson [A-Z]{1,2}\b")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--show", action="store_true", help="print each artefact's sentence")
    args = parser.parse_args()
    roles = set(shipped_terms()["roles"])
    kinds: Counter[str] = Counter()
    words = 0
    cases = sorted(case for case in args.folder.iterdir() if (case / "source").is_dir())
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            out = Path(tmp) / case.name
            command = [str(ROOT / ".venv/bin/anonymiser"), "redact", "--auto"]
            subprocess.run(
                [*command, str(case / "source"), str(out)], check=True, capture_output=True
            )
            drafts = {draft.stem: draft.body for draft in read_drafts(case / "source")}
            for document in sorted(out.glob("*.md")):
                text = document.read_text("utf-8")
                words += len(text.split())
                labels = set(PERSON_LABEL.findall(text)) | roles
                for artefact in artefacts(text, labels, drafts.get(document.stem)):
                    kinds[artefact.kind] += 1
                    if args.show:
                        print(f"{case.name}/{document.name}: {artefact.kind}: {artefact.sentence}")
    total = sum(kinds.values())
    print(
        f"{len(cases)} cases, {words:,} words, {total} artefacts, "
        f"{total * 10_000 / max(words, 1):.2f} per 10,000 words"
    )
    for kind, count in kinds.most_common():
        print(f"  {kind}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
