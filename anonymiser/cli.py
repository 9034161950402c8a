"""The `anonymiser` command. Commands only: parse arguments, call the core, report.

Every expected problem is an AnonymiserError: it is printed as one line naming the file and what
to do, and the command exits with code 2. Exit code 1 is kept for "leaks found" (check).
"""

from __future__ import annotations

import getpass
import json
import subprocess
import sys
from pathlib import Path

import click

from anonymiser.config import Settings, find_root, load_settings
from anonymiser.errors import AnonymiserError


class FriendlyGroup(click.Group):
    """Turns our errors into one clear line and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AnonymiserError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)


def settings() -> Settings:
    return load_settings(find_root(Path.cwd()))


def who_signs() -> str:
    try:
        name = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        name = ""
    return name or getpass.getuser()


@click.group(cls=FriendlyGroup)
@click.version_option(package_name="safeguarding-review-publisher")
def main() -> None:
    """Anonymise safeguarding case reviews and check them before they are published.

    \b
    The usual order for one review:
      anonymiser new child-d          make reports/child-d/source/ for the drafts
      anonymiser scan reports/child-d find every name, address, school, date...
      anonymiser review reports/child-d  check and decide each suggestion
      anonymiser apply reports/child-d   write the anonymised documents
      anonymiser check                the leak check CI runs before publishing
    """


@main.command()
def init() -> None:
    """Create the partnership key (once). Redaction decisions are stored as fingerprints made
    with this key, so keep a backup of it and store it as the ANONYMISER_KEY secret in CI."""
    from anonymiser.commands.init import ignore_key_file, init_key

    config = settings()
    key, created = init_key(config)
    gitignore = ignore_key_file(config)
    if created:
        click.echo(f"Created the partnership key in {config.key_path} (readable only by you).")
    else:
        click.echo(f"The partnership key already exists (key id {key.key_id}); nothing changed.")
    click.echo(
        "\nKeep a backup of this key somewhere safe (e.g. the partnership's password manager):\n"
        "without it, earlier decisions cannot be matched and the leak check cannot run.\n"
        "For CI, add it as the secret ANONYMISER_KEY of the workflow's environments\n"
        "(README.md, 'CI'), not as a repository secret. Print it with:\n"
        f"  cat {config.key_path}\n"
        "Never commit the key file: git ignores it."
    )
    if gitignore is not None:
        click.echo(f"\nAdded the key file to {gitignore}, so that git never commits it.")


@main.command()
@click.argument("slug")
def new(slug: str) -> None:
    """Start a new review: creates reports/SLUG/source/ for its drafts and a review.yml."""
    from anonymiser.commands.new import new_review
    from site_plugins.reviews.model import DOCUMENT_KINDS

    folder = new_review(slug, settings())
    *first, last = DOCUMENT_KINDS
    click.echo(f"Created {folder.path}. Put the review's drafts in {folder.source}/, named")
    click.echo(f"{', '.join(first)} and {last} (.docx, .pdf, .md, .txt).")
    click.echo(f"Then run: anonymiser scan {folder.path}")


@main.command()
@click.argument("reviews", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Scan this many reviews at once (one process each; each loads the model).",
)
def scan(reviews: tuple[Path, ...], jobs: int) -> None:
    """Find the identifiers in a review's drafts (REVIEW/source/) and record them, as
    fingerprints, in REVIEW/redactions.yml. Earlier decisions are always kept. A review whose
    drafts have not changed since its last scan is not read again."""
    from anonymiser.commands.scan import scan_reviews
    from anonymiser.review_folder import ReviewFolder

    config = settings()
    folders = [ReviewFolder.inside(path, config.reports_path) for path in reviews]
    with click.progressbar(
        length=len(folders), label="Scanning", file=sys.stderr, show_pos=True
    ) as progress:
        summaries = scan_reviews(folders, config, jobs, progress.update)
    for path, summary in zip(reviews, summaries, strict=True):
        click.echo(f"{path}: {summary.total} entities ({summary.new} new).")
        for entity_type, count in sorted(summary.by_type.items()):
            click.echo(f"  {entity_type:<16} {count}")
        if summary.wrote_review_file:
            click.echo(
                f"  Wrote a draft {summary.folder.review_file}: fill it in before publishing."
            )
        if summary.stale:
            click.echo(f"  {summary.stale} entities are no longer in the drafts (stale).")
        if summary.pending or summary.stale:
            click.echo(f"  {summary.pending} pending. Next: anonymiser review {path}")
        else:
            click.echo(f"  Everything is decided. Next: anonymiser apply {path}")


@main.command()
@click.argument("reviews", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--by", "who", default=None, help="Who signs off (default: your git user name).")
@click.option(
    "--strict", is_flag=True, help="Refuse when the text would not read like a published review."
)
def apply(reviews: tuple[Path, ...], who: str | None, strict: bool) -> None:
    """Write the anonymised documents of a review (REVIEW/<document>.md) from its decisions.
    Refuses while any suggestion is still pending. Lists what would not read like a published
    review ("[hospital] at [hospital]"); with --strict, refuses instead."""
    from anonymiser.commands.apply import apply_review
    from anonymiser.pipeline import make_detector
    from anonymiser.review_folder import ReviewFolder

    config = settings()
    detector = make_detector(config)
    for path in reviews:
        folder = ReviewFolder.inside(path, config.reports_path)
        result = apply_review(folder, config, who or who_signs(), detector, strict)
        for written in result.written:
            click.echo(f"wrote {written}")
        if result.artefacts:
            click.echo(f"{path}: {len(result.artefacts)} places to read again (--strict refuses):")
        for file, artefact in result.artefacts:
            click.echo(f"  {file.name}: {artefact.kind}: {artefact.sentence}")
        if result.unchanged:
            click.echo(f"{path}: {len(result.unchanged)} documents already up to date.")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--require-key", is_flag=True, help="Fail (exit 2) when the key is missing (CI).")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "github", "sarif", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for workflow annotations, sarif, json.",
)
@click.option(
    "--sarif",
    "sarif_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the findings as SARIF to this file (for code scanning).",
)
@click.option(
    "--base",
    metavar="REF",
    envvar="ANONYMISER_BASE",
    help="Also list every entity redacted in a redactions.yml at git REF (e.g. origin/main) "
    "and not now; each is a finding unless --approve-unredactions. [env: ANONYMISER_BASE]",
)
@click.option(
    "--approve-unredactions",
    is_flag=True,
    envvar="ANONYMISER_APPROVE_UNREDACTIONS",
    help="With --base: a person has read the un-redactions listed and approves them. "
    "[env: ANONYMISER_APPROVE_UNREDACTIONS=true]",
)
def check(
    paths: tuple[Path, ...],
    require_key: bool,
    output: str,
    sarif_file: Path | None,
    base: str | None,
    approve_unredactions: bool,
):
    """Check published files (default: reports/ and site/) for anything identifying: redacted
    identifiers (by fingerprint), phone numbers, emails, postcodes, NHS and NI numbers,
    addresses, dates of birth, names nobody decided about, and raw drafts tracked by git.

    The labels, notes and reasons in every redactions.yml are checked too.

    Exit 0 clean, 1 leaks found, 2 could not check. Never prints what it found. A false
    positive is fixed by a decision (keep) or the allow-list in anonymiser.yml, not a flag."""
    from anonymiser.check.report import render, summary
    from anonymiser.check.run import run_check

    config = settings()
    targets = list(paths) or [p for p in (config.reports_path, config.root / "site") if p.exists()]
    if not targets:
        raise click.UsageError("Nothing to check: there is no reports/ or site/ folder here.")
    if approve_unredactions and not base:
        raise click.UsageError("--approve-unredactions goes with --base REF.")
    report = run_check(
        targets, config, require_key, base=base, approve_unredactions=approve_unredactions
    )
    for note in report.notes:
        click.echo(note, err=True)
    if sarif_file is not None:
        sarif_file.write_text(render(report, "sarif") + "\n", encoding="utf-8")
    text = render(report, output)
    if output in ("sarif", "json"):
        click.echo(text)  # stdout stays one JSON document; the summary goes to stderr
        click.echo(summary(report), err=True)
    else:
        click.echo(text)
    sys.exit(report.exit_code)


@main.command()
@click.option(
    "--new-key-file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The new key: created here when no file exists (readable only by you).",
)
def rekey(new_key_file: Path) -> None:
    """Re-fingerprint every review under a new partnership key (after a leak, or to rotate it).
    Needs the key in use and every review's drafts in reports/<slug>/source/; changes all
    reviews or none, and keeps every decision."""
    from anonymiser.commands.rekey import rekey_all

    config = settings()
    result = rekey_all(config, new_key_file)
    made = "Created" if result.new_key_created else "Used"
    click.echo(f"{made} the new key in {new_key_file} (key id {result.new_key_id}).")
    click.echo(
        f"Re-fingerprinted {len(result.reviews)} reviews ({result.entities} entities) from key "
        f"{result.old_key_id} to {result.new_key_id}. Now, in this order: replace "
        f"{config.key_path} with {new_key_file}, set the CI secret ANONYMISER_KEY to the new "
        "key, commit the redactions.yml files, then destroy every copy of the old key."
    )


@main.command()
@click.option(
    "--auto",
    is_flag=True,
    required=True,
    help="Accept every suggestion with its default label (no human review).",
)
@click.argument("in_dir", type=click.Path(path_type=Path))
@click.argument("out_dir", type=click.Path(path_type=Path))
def redact(auto: bool, in_dir: Path, out_dir: Path) -> None:
    """Anonymise every document in IN_DIR as one review and write OUT_DIR/<name>.md.
    For trials and evaluation; publish through scan, review and apply instead."""
    from anonymiser.commands.redact import redact_folder

    redacted = redact_folder(in_dir, out_dir, settings())
    for path in redacted.written:
        click.echo(f"wrote {path}")
    if redacted.to_check:
        # Shown on this machine only, as the review page shows the drafts.
        click.echo(f"{len(redacted.to_check)} items the scan could not explain; check them:")
        for item in redacted.to_check:
            click.echo(f"  {item.text}  ({item.count}x)")


@main.command()
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate(gold_dir: Path, as_json: bool) -> None:
    """Measure detection on gold-annotated cases (GOLD_DIR/<case>/source + gold.json), or on
    a mention-annotated corpus (GOLD_DIR/docs/*.txt + gold.jsonl, e.g. wikigold)."""
    from anonymiser.evaluate import evaluate as run_evaluation
    from anonymiser.evaluate import evaluate_mentions, is_mention_layout
    from anonymiser.pipeline import make_detector

    config = settings()
    if is_mention_layout(gold_dir):
        mentions = evaluate_mentions(gold_dir, config, make_detector(config)).as_dict()
        if as_json:
            click.echo(json.dumps(mentions, indent=2))
            return
        click.echo(f"{mentions['documents']} documents; mention recall by label:")
        for label, s in mentions["by_label"].items():
            click.echo(f"  {label:<6} {s['rate']:.3f} ({s['found']}/{s['total']})")
        for miss in mentions["by_label"].get("PER", {}).get("misses", []):
            click.echo(f"MISS PER: {miss}")
        return
    result = run_evaluation(gold_dir, config, make_detector(config))
    figures = result.as_dict()
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    click.echo(f"{figures['cases']} cases")
    for name in ("direct_recall", "quasi_recall", "hidden_recall", "keep_rate"):
        s = figures[name]
        click.echo(f"{name:<14} {s['rate']:.3f} ({s['found']}/{s['total']})")
    click.echo("by type:")
    for entity_type, s in figures["by_type"].items():
        click.echo(f"  {entity_type:<14} {s['rate']:.3f} ({s['found']}/{s['total']})")
    for name in ("direct_recall", "quasi_recall", "hidden_recall", "keep_rate"):
        for miss in figures[name]["misses"]:
            click.echo(f"MISS {name.split('_')[0]}: {miss}")


# The review command is long (the page and every decision option): it has a module of its own.
from anonymiser.cli_review import review  # noqa: E402  (it uses settings() and who_signs())

main.add_command(review)
