"""pre-commit hook: refuse a commit that adds a raw draft.

Raw drafts hold the real names of a family. They are never committed: a review's `source`
folder (or a link in its place) and anything in it, and any office document or PDF outside
`examples/` and `tests/`. pre-commit passes the staged files; the rule itself is
anonymiser.check.drafts, shared with the leak check that CI runs. Only the standard library is
needed, so the hook works before anything else does.

A draft's file name often names the family, and this output may be pasted into a chat or a
ticket: each refused file is shown as its folder and the kind of file, never by its name.

    python scripts/guard_drafts.py FILE...      exit 0 if none is a raw draft, 1 otherwise
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anonymiser.check.drafts import draft_reason, where_draft_is  # noqa: E402  (path set above)

_REPORTS_DIR = re.compile(r"^reports_dir:\s*['\"]?([^'\"#\s]+)", re.MULTILINE)


def reports_dir() -> str:
    """reports_dir from anonymiser.yml (read without a YAML library: it is one plain line)."""
    config = ROOT / "anonymiser.yml"
    if config.is_file():
        found = _REPORTS_DIR.search(config.read_text(encoding="utf-8"))
        if found:
            return found.group(1).rstrip("/")
    return "reports"


def main(names: list[str]) -> int:
    folder = reports_dir()
    refused = [(name, draft_reason(name, folder)) for name in names]
    refused = [(name, reason) for name, reason in refused if reason]
    if not refused:
        return 0
    print("This commit would add raw drafts, which hold real names. It was stopped.\n")
    for name, reason in refused:
        print(f"  {where_draft_is(name, folder)}: {reason}")
    print(
        "\nTake them out of the commit (in a desktop client, untick them; on the command line:"
        "\n  git restore --staged FOLDER\nor see each file with `git status`) and commit again."
        " Drafts stay on your computer only: publish the anonymised .md files that"
        " `anonymiser apply` writes."
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
