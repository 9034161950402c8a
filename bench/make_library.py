"""Generate a library of N fictional, anonymised-looking reviews as a site project, for benchmarks.

    .venv/bin/python bench/make_library.py 500 /tmp/library            # 500 reviews
    .venv/bin/python bench/make_library.py 20 /tmp/library --drafts    # and planted drafts
    .venv/bin/python bench/make_library.py 100 /tmp/lib --words-scale 0.25 --seed 7

OUT_DIR gets `mkdocs.yml` (the repository's, with its paths adjusted: `docs/` is copied,
`templates/` is referenced by absolute path), `reports/<slug>/review.yml` and the four documents
of each review (overview 15,000 to 30,000 words, executive summary 2,000 to 5,000, briefing about
1,000, board response 1,000 to 3,000, times --words-scale). Every word is made up from fictional
sentence templates with a seeded RNG: labels such as "Child D7", "Mother", "[school]" stand where
a real review would have had identifiers. With --drafts each review also gets `source/*.md|txt`
drafts in which fictional names and places stand in for those labels, and a `gold.json` listing
them (the evaluation format of PRODUCT.md), for scan benchmarks. Nothing here is ever committed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PARTNERSHIP = "Eastmoor Safeguarding Partnership"

# (kind, file, title, (min words, max words)), before --words-scale.
DOCUMENTS = (
    ("overview", "overview.md", "Overview report", (15_000, 30_000)),
    ("executive-summary", "executive-summary.md", "Executive summary", (2_000, 5_000)),
    ("briefing", "briefing.md", "Learning briefing", (900, 1_100)),
    ("board-response", "board-response.md", "Partnership response", (1_000, 3_000)),
)
# The draft of each document as the reviewer sent it (the briefing as plain text).
DRAFT_FILES = {
    "overview": "overview.md",
    "executive-summary": "executive-summary.md",
    "briefing": "briefing.txt",
    "board-response": "board-response.md",
}
HEADING_EVERY = 400  # words between headings, on average
TABLE_EVERY = 3_000  # words between tables, on average

TYPES = {
    "lcspr": ("Local Child Safeguarding Practice Review", "Child"),
    "scr": ("Serious Case Review", "Child"),
    "sar": ("Safeguarding Adults Review", "Adult"),
    "dhr": ("Domestic Homicide Review", "Adult"),
    "rapid-review": ("Rapid Review", "Child"),
    "thematic": ("Thematic review", "Family"),
}
CHILD_THEMES = [
    "neglect",
    "domestic-abuse",
    "parental-mental-health",
    "parental-substance-misuse",
    "child-sexual-exploitation",
    "child-criminal-exploitation",
    "sudden-unexpected-death-in-infancy",
    "non-accidental-injury",
    "online-harm",
    "adolescent-risk",
    "disabled-children",
    "information-sharing",
    "professional-curiosity",
]
ADULT_THEMES = [
    "domestic-abuse",
    "self-neglect",
    "hoarding",
    "carers",
    "mental-capacity",
    "information-sharing",
    "professional-curiosity",
]
CHILD_AGES = ["under-1", "1-4", "5-10", "11-15", "16-17"]
ADULT_AGES = ["adult", "older-adult"]

# Placeholders of the sentence templates -> the label the anonymised documents use.
LABELS = {
    "mother": "Mother",
    "father": "Father",
    "partner": "Mother's Partner",
    "sibling": "Sibling 1",
    "grandmother": "Paternal Grandmother",
    "sw": "Social Worker 1",
    "hv": "Health Visitor 1",
    "gp": "GP 1",
    "school": "[school]",
    "address": "[address]",
    "hospital": "[hospital]",
    "practice": "[GP practice]",
    "postcode": "[postcode]",
}
# Fictional stand-ins for the drafts (--drafts): never real people or places.
GIVEN = [
    "Kayden", "Shannon", "Zofia", "Darren", "Leighton", "Amelia", "Tyler", "Jodie", "Reece",
    "Kirsty", "Bartosz", "Imani", "Callum", "Nadia", "Lacey", "Connor", "Esme", "Jayden",
]  # fmt: skip
SURNAMES = [
    "Marsh", "Wojcik", "Pennock", "Oduya", "Haldane", "Threlfall", "Brannigan", "Coyle",
    "Stirrup", "Ashdown", "Kettering", "Mulvey", "Garside", "Rourke", "Tennant", "Pryce",
]  # fmt: skip
SCHOOLS = ["Hillcrest Primary School", "Larchfield Academy", "St Aldric's Junior School"]
HOSPITALS = ["Eastmoor General Hospital", "Kelbridge Royal Infirmary"]
PRACTICES = ["Sorrelgate Medical Centre", "Brookside Surgery", "Fenwick Road Practice"]
STREETS = ["Larch Close", "Ferris Walk", "Tanner's Row", "Moorcroft Avenue", "Quarry Lane"]

SUBJECTS = [
    "{child}", "{mother}", "{father}", "{partner}", "{sw}", "{hv}", "{gp}",
    "The health visitor", "The school nurse", "Eastmoor Police", "Children's Services",
    "The midwife", "The panel", "The reviewer", "Practitioners", "The front door team",
    "The nursery", "The designated safeguarding lead at {school}", "Adult social care",
    "The ambulance crew", "The housing officer", "The independent domestic violence adviser",
    "The multi-agency safeguarding hub", "The paediatric registrar at {hospital}",
    "The practice nurse at {practice}", "The family support worker", "{grandmother}",
]  # fmt: skip
VERBS = [
    "recorded", "did not share", "discussed", "was told about", "assessed", "raised concerns about",
    "referred on", "noted", "asked about", "followed up", "did not follow up", "escalated",
    "minimised", "considered", "was not aware of", "wrote to the GP about", "questioned",
    "reviewed", "described", "understood",
]  # fmt: skip
OBJECTS = [
    "the bruise on {child}'s ear", "the family's housing situation", "the risk from {partner}",
    "the missed health appointments", "{mother}'s mental health", "the police call-out",
    "{child}'s falling attendance at {school}", "the neighbour's report of shouting",
    "the referral to the substance misuse service", "the history of domestic abuse",
    "what {sibling} had said at school", "the condition of the home at {address}",
    "the decision to close the case", "the safety plan", "{father}'s alcohol use",
    "the discharge summary from {hospital}", "the strategy discussion", "the child in need plan",
    "the concerns of {grandmother}", "the unexplained injury", "the pattern of missed visits",
    "{child}'s weight loss", "the new partner in the household", "the escalation policy",
]  # fmt: skip
TAILS = [
    "in {month} {year}.", "but this was not followed up.", "and the referral was closed.",
    "during a home visit.", "at the core group meeting.", "on the telephone.",
    "although the records do not say why.", "and told the family's GP at {practice}.",
    "as the procedures expected.", "without seeing {child} alone.", "and that was good practice.",
    "but no one connected it with the earlier concerns.", "in a letter that was never received.",
    "and asked {mother} to attend the next appointment.", "as a matter of routine.",
    "which the panel considered was a missed opportunity.", "before the case was transferred.",
]  # fmt: skip
REFLECTIONS = [
    "This is a recurring theme of reviews nationally, as the Child Safeguarding Practice Review "
    "Panel has noted.",
    "Working Together to Safeguard Children 2023 is clear that professionals should look beyond "
    "the presenting issue.",
    "The panel heard that caseloads in the team were high at the time.",
    "Professional curiosity means asking the next question, and the one after that.",
    "The voice of the child is not heard in the records of this period.",
    "Information was held in separate systems and no single agency saw the whole picture.",
    "The reviewer found no evidence that the threshold document was consulted.",
    "Supervision records show that the case was discussed but not challenged.",
    "The learning event heard thoughtful accounts from the practitioners involved.",
    "The family's account, given through {grandmother}, differs on this point.",
]
SECTIONS = [
    "Introduction", "Terms of reference and scope", "Methodology", "The family", "Key practice "
    "episodes", "Analysis", "The voice of the child", "Information sharing", "Assessment of risk",
    "Working with fathers", "Escalation and challenge", "Supervision and management oversight",
    "Good practice", "Findings", "Recommendations", "Conclusion",
]  # fmt: skip
SUBSECTIONS = [
    "Episode: pregnancy and birth", "Episode: the police call-out", "Episode: the bruise",
    "Episode: the transfer of the case", "What happened", "What the agencies knew",
    "What the reviewer found", "Why it matters", "What should change", "The response of health",
    "The response of the police", "The response of children's services", "Education",
]  # fmt: skip
MONTHS = ["January", "March", "April", "June", "August", "September", "October", "December"]
AGENCIES = ["Health visiting", "Police", "Children's Services", "GP", "School", "Midwifery"]
# Lower-case words of four letters or more, outside {placeholders}: a third are swapped.
SWAPPABLE = re.compile(r"(?<![{\w])[a-z]{4,}(?![}\w])")
SWAP_SHARE = 0.35


def sentence_pool(rng: random.Random, size: int = 4_000) -> list[str]:
    """Sentence templates (str.format placeholders such as {child}), made once per run.

    The templates alone use about 300 distinct words, where a real review uses thousands: every
    word would be common, which no real library is (a search index's lists of where each word
    occurs would all be long). So about a third of each sentence's lower-case words of 4+
    letters are swapped for words drawn from English's 30,000 most common as often as English
    uses them (wordfreq), never a name: a 5-review sample has ~3,900 distinct words, and its
    subject words keep rates near those of the example reviews ("domestic": about 3,200 per
    million words; 2,434 in the examples)."""
    words, weights = english_words()
    swap_in = rng.choices(words, cum_weights=weights, k=size * 8)  # as often as English has them
    pool = []
    for _ in range(size):
        if rng.random() < 0.12:
            sentence = rng.choice(REFLECTIONS)
        else:
            month, year = rng.choice(MONTHS), rng.randint(2015, 2024)
            tail = rng.choice(TAILS).replace("{month}", month).replace("{year}", str(year))
            sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {tail}"
        pool.append(
            SWAPPABLE.sub(
                lambda word: swap_in.pop() if rng.random() < SWAP_SHARE else word.group(),
                sentence,
            )
        )
    return pool


def english_words() -> tuple[list[str], list[float]]:
    """English's most common words of 4+ letters that are not names, and their cumulative
    frequencies (to draw them as often as English uses them)."""
    from itertools import accumulate

    from wordfreq import top_n_list, word_frequency

    from anonymiser.detect.gazetteer import is_given_name, is_surname

    words = [
        word
        for word in top_n_list("en", 30_000)
        if word.isalpha()
        and word.islower()
        and len(word) >= 4
        and not (is_given_name(word) or is_surname(word))
    ]
    return words, list(accumulate(word_frequency(word, "en") for word in words))


@dataclass
class Review:
    slug: str
    title: str
    type: str
    published: date
    themes: list[str]
    age_group: str
    sizes: dict[str, int]
    labels: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


def plan_review(number: int, rng: random.Random, words_scale: float) -> Review:
    kind = rng.choice(list(TYPES))
    who = TYPES[kind][1]
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    pseudonym = f"{who} {letters[number % len(letters)]}{number // len(letters) + 1}"
    adult = who == "Adult"
    themes = rng.sample(ADULT_THEMES if adult else CHILD_THEMES, rng.randint(2, 4))
    sizes = {
        doc: max(50, int(rng.randint(low, high) * words_scale))
        for doc, _, _, (low, high) in DOCUMENTS
    }
    published = date(2016, 1, 1) + timedelta(days=rng.randint(0, 365 * 9))
    if kind == "scr":  # Serious Case Reviews ended in 2019
        published = date(2015, 1, 1) + timedelta(days=rng.randint(0, 365 * 4))
    review = Review(
        slug=pseudonym.lower().replace(" ", "-"),
        title=pseudonym,
        type=kind,
        published=published,
        themes=themes,
        age_group=rng.choice(ADULT_AGES if adult else CHILD_AGES),
        sizes=sizes,
    )
    review.labels = {"child": pseudonym, **LABELS}
    surname, other = rng.sample(SURNAMES, 2)
    given = rng.sample(GIVEN, 7)
    review.names = {
        "child": given[0],
        "mother": f"{given[1]} {surname}",
        "father": f"{given[2]} {surname}",
        "partner": f"{given[3]} {other}",
        "sibling": given[4],
        "grandmother": f"Mrs {surname}",
        "sw": f"{given[5]} {rng.choice(SURNAMES)}",
        "hv": f"{given[6]} {rng.choice(SURNAMES)}",
        "gp": f"Dr {rng.choice(SURNAMES)}",
        "school": rng.choice(SCHOOLS),
        "address": f"{rng.randint(2, 98)} {rng.choice(STREETS)}",
        "hospital": rng.choice(HOSPITALS),
        "practice": rng.choice(PRACTICES),
        "postcode": f"EM{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFG')}"
        f"{rng.choice('HJLNPQ')}",
    }
    return review


def document_chunks(review: Review, kind: str, words: int, pool: list[str], rng: random.Random):
    """Markdown chunks with placeholders: the title block, then numbered paragraphs under a
    heading every ~HEADING_EVERY words, and now and then a table or a list."""
    type_label = TYPES[review.type][0]
    title = next(title for k, _, title, _ in DOCUMENTS if k == kind)
    yield f"# {PARTNERSHIP}\n\n## {type_label}: {{child}}\n\n### {title}\n\n"
    written, section, paragraph, next_heading, next_table = 0, 0, 0, 0, TABLE_EVERY
    sections = rng.sample(SECTIONS, len(SECTIONS))
    while written < words:
        if written >= next_heading:
            if section == 0 or rng.random() < 0.35:
                section += 1
                paragraph = 0
                name = sections[(section - 1) % len(sections)]
                yield f"## {section}. {name}\n\n"
            else:
                yield f"### {rng.choice(SUBSECTIONS)}\n\n"
            next_heading = written + rng.randint(HEADING_EVERY // 2, HEADING_EVERY * 3 // 2)
        if written >= next_table:
            rows = rng.randint(4, 9)
            table = ["| Date | Agency | Event |", "|----|----|----|"]
            for _ in range(rows):
                when = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2018, 2024)}"
                table.append(f"| {when} | {rng.choice(AGENCIES)} | {rng.choice(pool)} |")
            yield "\n".join(table) + "\n\n"
            written += rows * 18
            next_table = written + rng.randint(TABLE_EVERY // 2, TABLE_EVERY * 3 // 2)
            continue
        paragraph += 1
        if rng.random() < 0.08:
            items = "\n".join(f"-   {s}" for s in rng.choices(pool, k=rng.randint(3, 5)))
            text = f"{section}.{paragraph} The panel identified the following:\n\n{items}"
        else:
            text = f"{section}.{paragraph} " + " ".join(rng.choices(pool, k=rng.randint(3, 7)))
        written += text.count(" ") + 1
        yield text + "\n\n"


def review_yaml(review: Review) -> str:
    data = {
        "title": review.title,
        "type": review.type,
        "status": "published",
        "published": review.published.isoformat(),
        "summary": (
            f"{review.title} is a fictional review generated for benchmarks. It looks at how "
            "agencies shared information, understood risk and heard the voice of the person at "
            "the centre of the review.\n\nIt finds that risk was held in separate places and "
            "makes recommendations that the partnership has accepted.\n"
        ),
        "themes": review.themes,
        "age_group": review.age_group,
        "documents": [
            {"file": file, "kind": kind, "title": title} for kind, file, title, _ in DOCUMENTS
        ],
        "sign_off": {"by": "Benchmark generator", "date": review.published.isoformat()},
    }
    return "# Generated by bench/make_library.py: fictional, for benchmarks only.\n" + yaml.dump(
        data, sort_keys=False, allow_unicode=True
    )


def write_review(folder: Path, review: Review, pool: list[str], seed: int, drafts: bool) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "review.yml").write_text(review_yaml(review), encoding="utf-8")
    if drafts:
        (folder / "source").mkdir(exist_ok=True)
    total = 0
    for kind, file, _, _ in DOCUMENTS:
        # Each document has its own RNG, so its text does not depend on the other options.
        rng = random.Random(f"{seed}:{review.slug}:{kind}")
        size = review.sizes[kind]
        out = (folder / file).open("w", encoding="utf-8")
        draft = (
            (folder / "source" / DRAFT_FILES[kind]).open("w", encoding="utf-8") if drafts else None
        )
        try:
            for chunk in document_chunks(review, kind, size, pool, rng):
                out.write(chunk.format_map(review.labels))
                if draft is not None:
                    draft.write(chunk.format_map(review.names))
        finally:
            out.close()
            if draft is not None:
                draft.close()
        total += size
    if drafts:
        gold = {
            "case": review.slug,
            "mask": [
                {"text": text, "type": _entity_type(key), "kind": "direct", "docs": ["*"]}
                for key, text in review.names.items()
            ],
            "keep": [{"text": review.title, "type": "PSEUDONYM"}],
            "hidden": [],
        }
        (folder / "gold.json").write_text(json.dumps(gold, indent=2), encoding="utf-8")
    return total


def _entity_type(key: str) -> str:
    return {
        "school": "SCHOOL",
        "hospital": "HOSPITAL",
        "practice": "GP_PRACTICE",
        "address": "ADDRESS",
        "postcode": "POSTCODE",
    }.get(key, "PERSON")


def site_config(out_dir: Path) -> dict:
    """The repository's mkdocs.yml, with its paths pointing at OUT_DIR and the repository."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    theme = config.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((REPO / theme["custom_dir"]).resolve())
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "reviews" in plugin:
            (plugin["reviews"] or {})["reports_dir"] = "reports"
    return config


def make_library(
    count: int, out_dir: Path, *, drafts: bool = False, words_scale: float = 1.0, seed: int = 1
) -> dict:
    """Write the site project; returns what was written (reviews, words, slugs)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    config = site_config(out_dir)
    (out_dir / "mkdocs.yml").write_text(
        "# Generated by bench/make_library.py from the repository's mkdocs.yml.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    docs = out_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns("images"))
    reports = out_dir / "reports"
    if reports.exists():
        shutil.rmtree(reports)
    rng = random.Random(seed)
    pool = sentence_pool(rng)
    words, slugs = 0, []
    for number in range(count):
        review = plan_review(number, rng, words_scale)
        words += write_review(reports / review.slug, review, pool, seed, drafts)
        slugs.append(review.slug)
    return {"reviews": count, "words": words, "slugs": slugs, "out_dir": str(out_dir)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, help="number of reviews")
    parser.add_argument("out_dir", type=Path, help="folder of the site project to write")
    parser.add_argument("--drafts", action="store_true", help="also write source/ drafts")
    parser.add_argument(
        "--words-scale", type=float, default=1.0, help="multiply every document's size"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the RNG (default 1)")
    args = parser.parse_args()
    if args.count < 1 or args.words_scale <= 0:
        raise SystemExit("count must be at least 1 and --words-scale more than 0.")
    started = time.perf_counter()
    made = make_library(
        args.count, args.out_dir, drafts=args.drafts, words_scale=args.words_scale, seed=args.seed
    )
    print(
        f"{made['reviews']} reviews, {made['words']:,} words, in {args.out_dir} "
        f"({time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
