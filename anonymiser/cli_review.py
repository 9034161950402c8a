"""`anonymiser review`: the local review page, or the same decisions given as options (for
scripts, CI and our evaluation). cli.py registers the command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from anonymiser.config import Settings
from anonymiser.errors import DecisionsError


@click.command()
@click.argument("review_dir", type=click.Path(path_type=Path))
@click.option("--list", "as_list", is_flag=True, help="List the entities in the terminal instead.")
@click.option("--no-browser", is_flag=True, help="Print the page's address; do not open it.")
@click.option("--port", default=0, show_default="a free port", help="Port on 127.0.0.1.")
@click.option(
    "--accept-all",
    is_flag=True,
    help="Redact every pending suggestion with its label; confirm stale ones as they are.",
)
@click.option(
    "--label",
    "labels",
    multiple=True,
    metavar="ID=LABEL",
    help='Redact entity ID as LABEL, e.g. --label person-3f2a9c="Mother".',
)
@click.option(
    "--keep",
    multiple=True,
    metavar="ID",
    help="Keep entity ID: it is published as written. Give the reason with --reason.",
)
@click.option(
    "--reason",
    "reasons",
    multiple=True,
    metavar="TEXT",
    help="Why the --keep before it may be published (recorded in redactions.yml; no names).",
)
@click.option("--redact", multiple=True, metavar="ID", help="Redact entity ID with its label.")
@click.option(
    "--add",
    "adds",
    multiple=True,
    metavar="TEXT",
    help="Add a missed identifier (as selecting it on the page does); --type and --label "
    "(without ID=) given after it apply to it.",
)
@click.option("--type", "types", multiple=True, metavar="TYPE", help="The type of an --add.")
@click.option(
    "--not-identifying",
    multiple=True,
    metavar="TEXT",
    help="Mark an item of the to-check list as not identifying anyone (it stays).",
)
@click.option("--json", "as_json", is_flag=True, help="With --list: print JSON.")
@click.option("--by", "who", default=None, help="Who decides (default: your git user name).")
def review(
    review_dir: Path,
    as_list,
    no_browser,
    port,
    accept_all,
    labels,
    keep,
    reasons,
    redact,
    adds,
    types,
    not_identifying,
    as_json,
    who,
) -> None:
    """Check and decide a review's suggestions on a local web page (on this computer only).

    \b
    The page shows the drafts with every identifier highlighted. For each entity: redact it
    with a label ("Mother", "Child D"), keep it, or merge it with another; select any text the
    scan missed to add it. Save writes REVIEW/redactions.yml (fingerprints, never text).
    Without a browser, use --list and the decision options instead."""
    from anonymiser.cli import settings, who_signs
    from anonymiser.commands.review import add_texts, decide, list_review
    from anonymiser.review_folder import ReviewFolder

    config = settings()
    folder = ReviewFolder.inside(review_dir, config.reports_path)
    add_labels = [label for label in labels if "=" not in label]
    labels = tuple(label for label in labels if "=" in label)
    if adds or not_identifying:
        if len(types) > len(adds) or len(add_labels) > len(adds):
            raise click.BadParameter("give at most one --type and one --label per --add")
        typed = [
            (text, types[i] if i < len(types) else "", add_labels[i] if i < len(add_labels) else "")
            for i, text in enumerate(adds)
        ]
        added = add_texts(folder, config, who or who_signs(), typed, list(not_identifying))
        click.echo(f"{folder.decisions_file}: {added} entities added.")
    elif add_labels:
        raise click.BadParameter("a label without ID= belongs to an --add", param_hint="--label")
    if reasons and not keep:
        raise click.BadParameter("a reason belongs to a --keep", param_hint="--reason")
    if accept_all or labels or keep or redact:
        parsed = {}
        for item in labels:
            entity_id, sep, label = item.partition("=")
            if not sep or not label.strip():
                raise click.BadParameter(f"'{item}' is not ID=LABEL", param_hint="--label")
            parsed[entity_id] = label.strip()
        changed = decide(
            folder,
            config,
            who or who_signs(),
            accept_all,
            parsed,
            list(keep),
            list(redact),
            list(reasons),
        )
        click.echo(f"{folder.decisions_file}: {changed} decisions recorded.")
        return
    if adds or not_identifying:
        return
    if as_list and as_json:
        click.echo(json.dumps(list_review(folder, config).as_json(), indent=2, ensure_ascii=False))
        return
    if as_list:
        listing = list_review(folder, config)
        for item in listing.to_check:
            click.echo(f"{'to check':<24} {'':<14} {'pending':<8} {item.text}  [{item.count}x]")
        for row in listing.rows:
            d = row.decision
            status = "stale" if d.stale else d.decision
            where = ", ".join(f"{doc} {n}" for doc, n in d.mentions.items())
            click.echo(f"{d.id:<24} {d.type:<14} {status:<8} {d.label:<22} {row.text}  [{where}]")
        return
    serve_review_page(folder, config, who or who_signs(), port, not no_browser)


def serve_review_page(folder, config: Settings, who: str, port: int, browser: bool) -> None:
    from anonymiser.commands.review import open_in_browser, open_review_page

    if os.environ.get("CI"):
        # A page that waits for a person would hold a CI job until it times out.
        raise DecisionsError(
            "The review page is for a person at this computer, not for CI. Use "
            f"'anonymiser review {folder.path} --list' or the decision options instead."
        )
    click.echo(f"Reading the drafts of {folder.path}...")
    server = open_review_page(folder, config, who, port)
    click.echo(f"The review page is at {server.url}")
    if browser and open_in_browser(server.url):
        click.echo("It is open in your browser.")
    else:
        click.echo("Open that address in a browser on this computer.")
    click.echo("Press Finish on the page, or Ctrl+C here, when you are done.")
    try:
        while not server.finished.wait(0.5):
            pass
    except KeyboardInterrupt:
        click.echo("")
    finally:
        server.stop()
    session = server.session
    decided, total = session.progress()
    if session.edits:
        click.echo(f"{len(session.edits)} unsaved changes were not saved.", err=True)
    click.echo(f"{folder.decisions_file}: {decided} of {total} decided.")
    if decided == total:
        click.echo(f"Next: anonymiser apply {folder.path}")
