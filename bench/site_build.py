"""Site build at scale: our plugin against plain mkdocs-material, page weight and search payload.

    .venv/bin/python bench/site_build.py                          # 100 and 500 reviews (make bench)
    .venv/bin/python bench/site_build.py --reviews 20 --words-scale 0.1   # a smoke run
    .venv/bin/python bench/site_build.py --pdf --json > site-bench.json

For each library size, bench/make_library.py writes N fictional reviews; the same Markdown is
also laid out as plain docs pages (reviews/<slug>/index.md + its four documents, and a list of the
reviews) for plain mkdocs-material with its own search (lunr) and no plugin of ours. Every build
runs in a fresh process of this script (`--child`); see bench/README.md for what is measured.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_library import DOCUMENTS, make_library, site_config  # noqa: E402

DEFAULT_REVIEWS = (100, 500)
CHROMIUM = "/usr/bin/chromium"
QUERY = "domestic abuse"
# Measured too, for information: a rarer word, and the generated text's commonest subject words
# (a word's whole list of places is downloaded, so the commonest words cost the most).
ALSO = "neglect,mental health,mother"
# The targets.
MAX_BUILD_RATIO = 1.3
MAX_RSS_MIB = 4 * 1024  # 4 GB, read as GiB
MAX_PAGE_BYTES = 100 * 1024  # 100 KB, read as KiB
MAX_QUERY_SHARE = 0.10  # of the gzipped lunr index
MAX_QUERY_WITH_UI_BYTES = 500 * 1024
_TEXT = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"}
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def main() -> int:
    args = parse_args()
    if args.child:
        return run_child(Path(args.child))
    sizes = sorted({int(n) for n in args.reviews.split(",")})
    if not sizes or min(sizes) < 1 or args.words_scale <= 0:
        raise SystemExit("--reviews needs sizes of 1 or more, --words-scale more than 0.")
    started = time.perf_counter()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-site-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        summary = run(args, sizes, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    summary["run_seconds"] = time.perf_counter() - started
    print(json.dumps(summary, indent=2) if args.json else table(summary))
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--reviews",
        default=",".join(map(str, DEFAULT_REVIEWS)),
        help="library sizes, comma-separated (default 100,500); the search payload is measured "
        "on the largest",
    )
    parser.add_argument(
        "--words-scale",
        type=float,
        default=1.0,
        help="multiply every document's size (default 1: overview 15,000 to 30,000 words...)",
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="also time our build of the smallest library with its PDFs (Chromium prints them)",
    )
    parser.add_argument("--query", default=QUERY, help=f"the search query (default {QUERY!r})")
    parser.add_argument(
        "--also",
        default=ALSO,
        help=f"other queries to measure, comma-separated, for information (default {ALSO!r})",
    )
    parser.add_argument("--keep", help="build in this folder and keep it (default: a temp folder)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # internal: one build, spec file
    return parser.parse_args()


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace, sizes: list[int], work: Path) -> dict[str, Any]:
    libraries = {}
    for count in sizes:
        say(f"Generating {count} reviews (words × {args.words_scale}) ...")
        t0 = time.perf_counter()
        ours = work / f"ours-{count}"
        made = make_library(count, ours, words_scale=args.words_scale)
        plain = work / f"plain-{count}"
        make_plain_project(ours, plain)
        libraries[count] = {
            "reviews": count,
            "words": made["words"],
            "markdown_bytes": sum(f.stat().st_size for f in (ours / "reports").glob("*/*.md")),
            "generate_seconds": time.perf_counter() - t0,
        }
        say(f"      {made['words']:,} words in {libraries[count]['generate_seconds']:.1f} s")
    for count in sizes:
        library = libraries[count]
        ours, plain = work / f"ours-{count}", work / f"plain-{count}"
        say(f"Building {count} reviews with our plugin (REVIEWS_SKIP_PDF=1) ...")
        library["ours"] = build_in_fresh_process(ours, work, skip_pdf=True)
        say(f"      {library['ours']['seconds']:.1f} s")
        # A rebuild renders again only the Markdown that changed (the rest is kept in .cache/);
        # Pagefind and the templates still do the whole site.
        say(f"Rebuilding {count} reviews after one overview report changed ...")
        change_one_overview(ours)
        library["ours_rebuild"] = build_in_fresh_process(ours, work, skip_pdf=True)
        say(f"      {library['ours_rebuild']['seconds']:.1f} s")
        say(f"Building {count} reviews with plain mkdocs-material (+ its search) ...")
        library["plain"] = build_in_fresh_process(plain, work, skip_pdf=True)
        say(f"      {library['plain']['seconds']:.1f} s")
        library["build_ratio"] = library["ours"]["seconds"] / library["plain"]["seconds"]
        library["build_ratio_cpu"] = (
            library["ours"]["cpu_seconds"] / library["plain"]["cpu_seconds"]
        )
        library["pages"] = {
            "ours": page_weight(ours / "site", count),
            "plain": page_weight(plain / "site", count),
        }
        library["ours"]["pagefind_bytes"] = folder_bytes(ours / "site" / "pagefind")
        lunr = plain / "site" / "search" / "search_index.json"
        raw = lunr.read_bytes()
        library["plain"]["lunr_index_bytes"] = len(raw)
        library["plain"]["lunr_index_gzip_bytes"] = len(gzip.compress(raw, compresslevel=6))
        del raw
    largest = sizes[-1]
    say(f"Search payload on the {largest}-review site (headless Chromium) ...")
    search = search_payload(work / f"ours-{largest}" / "site", args.query)
    search["reviews"] = largest
    lunr_gz = libraries[largest]["plain"]["lunr_index_gzip_bytes"]
    search["lunr_index_gzip_bytes"] = lunr_gz
    search["query_share_of_lunr_gzip"] = search["query_bytes"] / lunr_gz
    search["also"] = []
    for query in filter(None, (q.strip() for q in args.also.split(","))):
        other = search_payload(work / f"ours-{largest}" / "site", query)
        keep = ("query", "status", "query_bytes", "with_ui_bytes")
        search["also"].append({key: other[key] for key in keep})
    pdf = None
    if args.pdf:
        smallest = sizes[0]
        say(f"Building {smallest} reviews with our plugin and its PDFs ...")
        pdf = build_in_fresh_process(work / f"ours-{smallest}", work, skip_pdf=False)
        pdf["reviews"] = smallest
        pdf["pdfs"] = len(list((work / f"ours-{smallest}" / "site").glob("reviews/*/*.pdf")))
        say(f"      {pdf['seconds']:.1f} s")
    return summarise(args, libraries, search, pdf)


# --- The plain project -------------------------------------------------------------------------


def make_plain_project(ours: Path, plain: Path) -> None:
    """The same Markdown as plain docs pages for stock mkdocs-material with its search plugin:
    docs/reviews/<slug>/index.md (title, summary, links), the four documents as they are, and
    docs/reviews/index.md listing every review. The nav is the site's top level only, as ours."""
    if plain.exists():
        shutil.rmtree(plain)
    docs = plain / "docs"
    shutil.copytree(ours / "docs", docs)
    ours_config = site_config(ours)
    reviews_dir = docs / "reviews"
    listing = ["# Case reviews\n"]
    for folder in sorted((ours / "reports").iterdir()):
        data = yaml.safe_load((folder / "review.yml").read_text(encoding="utf-8"))
        target = reviews_dir / folder.name
        target.mkdir(parents=True)
        links = []
        for document in data["documents"]:
            os.link(folder / document["file"], target / document["file"])
            links.append(f"- [{document['title']}]({document['file']})")
        (target / "index.md").write_text(
            f"# {data['title']}\n\nPublished {data['published']}. Type: {data['type']}. "
            f"Themes: {', '.join(data['themes'])}.\n\n{data['summary']}\n\n" + "\n".join(links),
            encoding="utf-8",
        )
        listing.append(f"- [{data['title']}]({folder.name}/index.md): {data['summary'][:160]}")
    (reviews_dir / "index.md").write_text("\n".join(listing) + "\n", encoding="utf-8")
    # The home page links to pages only our plugin makes (themes, types): a simple one instead.
    (docs / "index.md").write_text(
        "# Case reviews\n\n- [Browse all case reviews](reviews/index.md)\n- [About](about.md)\n",
        encoding="utf-8",
    )
    theme = {
        key: value
        for key, value in ours_config["theme"].items()
        if key in ("name", "language", "font", "palette", "features")
    }
    config = {
        "site_name": ours_config["site_name"],
        "site_url": ours_config.get("site_url"),
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": theme,
        "nav": [
            {"Home": "index.md"},
            {"Reviews": "reviews/index.md"},
            {"About": "about.md"},
            {"Accessibility": "accessibility.md"},
        ],
        "plugins": ["search"],
        "markdown_extensions": ours_config.get("markdown_extensions", []),
    }
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


# --- Builds in fresh processes ------------------------------------------------------------------


def change_one_overview(project: Path) -> None:
    """Add a paragraph to the first review's overview report, as an editor's fix would."""
    overview = sorted((project / "reports").glob("*/overview.md"))[0]
    text = overview.read_text(encoding="utf-8")
    overview.write_text(text + "\nA paragraph added after publication.\n", encoding="utf-8")


def build_in_fresh_process(project: Path, work: Path, *, skip_pdf: bool) -> dict[str, Any]:
    spec = work / f"spec-{project.name}.json"
    out = work / f"result-{project.name}-{'nopdf' if skip_pdf else 'pdf'}.json"
    spec.write_text(json.dumps({"config": str(project / "mkdocs.yml"), "out": str(out)}))
    env = dict(os.environ)
    env.pop("REVIEWS_SKIP_PDF", None)
    if skip_pdf:
        env["REVIEWS_SKIP_PDF"] = "1"
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(spec)]
    started = time.perf_counter()
    finished = subprocess.run(command, env=env, capture_output=True, text=True, cwd=project)
    seconds = time.perf_counter() - started
    if finished.returncode != 0:
        say(finished.stderr[-5000:])
        raise SystemExit(f"The build of {project} failed (exit {finished.returncode}).")
    result = json.loads(out.read_text(encoding="utf-8"))
    # Wall clock of the whole `mkdocs build` process, as a user waits for it.
    result["seconds"] = seconds
    result["site_bytes"] = folder_bytes(project / "site")
    return result


def run_child(spec_path: Path) -> int:
    """One `mkdocs build`, as its command line runs it, in this fresh process."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    from mkdocs.__main__ import cli

    started = time.perf_counter()
    cli.main(["build", "--quiet", "-f", spec["config"]], standalone_mode=False)
    seconds = time.perf_counter() - started
    me, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    result = {
        "in_process_seconds": seconds,
        # CPU of this process and the processes it waited for (Pagefind, Chromium).
        "cpu_seconds": me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime,
        # Of which the processes it waited for: Pagefind (and Chromium when printing PDFs).
        "children_cpu_seconds": children.ru_utime + children.ru_stime,
        "max_rss_mib": me.ru_maxrss / 1024,
        "children_max_rss_mib": children.ru_maxrss / 1024,
    }
    Path(spec["out"]).write_text(json.dumps(result), encoding="utf-8")
    return 0


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


# --- Page weight -------------------------------------------------------------------------------


def page_weight(site: Path, count: int) -> dict[str, Any]:
    """The largest document page, and what of it is not the document (header, nav, footer...)."""
    stems = [file.removesuffix(".md") for _, file, _, _ in DOCUMENTS]
    pages = [p for stem in stems for p in site.glob(f"reviews/*/{stem}/index.html")]
    if len(pages) != count * len(stems):
        raise SystemExit(f"{site}: {len(pages)} document pages, expected {count * len(stems)}")
    largest = max(pages, key=lambda p: p.stat().st_size)
    first = site / "reviews" / "child-a1" / "overview" / "index.html"

    def weigh(page: Path) -> dict[str, Any]:
        html = page.read_bytes()
        article = _ARTICLE.search(html.decode("utf-8"))
        article_bytes = len(article.group(0).encode("utf-8")) if article else 0
        return {
            "page": str(page.relative_to(site)),
            "bytes": len(html),
            "gzip_bytes": len(gzip.compress(html, compresslevel=6)),
            "article_bytes": article_bytes,
            "outside_article_bytes": len(html) - article_bytes,
            "links": html.count(b"<a "),
        }

    return {
        "largest": weigh(largest),
        "first_overview": weigh(first) if first.exists() else None,
        "library_page_bytes": (site / "reviews" / "index.html").stat().st_size,
    }


# --- Search payload ----------------------------------------------------------------------------


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves site/ as a static host such as GitHub Pages does: text files gzipped when the
    browser accepts it (Pagefind's index, fragments and WebAssembly are gzipped by Pagefind
    already and go as they are)."""

    def send_head(self):
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in _TEXT and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def search_payload(site: Path, query: str) -> dict[str, Any]:
    """Open the search page in headless Chromium, type the query, wait for the results; bytes of
    every response (body as sent, plus headers) during the page load and after it."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    phase = {"now": "load"}
    seen: list[dict[str, Any]] = []

    def finished(request) -> None:
        sizes = request.sizes()
        seen.append(
            {
                "phase": phase["now"],
                "url": request.url.removeprefix(base),
                "body": sizes["responseBodySize"],
                "headers": sizes["responseHeadersSize"],
            }
        )

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            try:
                page = browser.new_context().new_page()
                page.on("requestfinished", finished)
                page.goto(base + "search/", wait_until="networkidle")
                phase["now"] = "query"
                started = time.perf_counter()
                page.fill("#reviews-search-query", query)
                page.press("#reviews-search-query", "Enter")
                # Results listed, or the search said it found none.
                page.wait_for_function(
                    "() => { const s = document.querySelector('[data-reviews-search-status]');"
                    " return s && s.textContent && s.textContent !== 'Searching…'; }",
                    timeout=60_000,
                )
                results_seconds = time.perf_counter() - started
                _wait_for_quiet(page, seen)
                results = page.locator("[data-reviews-search-results] > li").count()
                status = page.locator("[data-reviews-search-status]").inner_text()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()

    def total(which: str) -> int:
        return sum(r["body"] + r["headers"] for r in seen if r["phase"] == which)

    query_requests = [r for r in seen if r["phase"] == "query"]
    return {
        "query": query,
        "results_shown": results,
        "status": status,
        "seconds_to_results": results_seconds,
        "page_load_bytes": total("load"),
        "page_load_requests": sum(1 for r in seen if r["phase"] == "load"),
        "query_bytes": total("query"),
        "query_requests": len(query_requests),
        "with_ui_bytes": total("load") + total("query"),
        "query_by_kind": _by_kind(query_requests),
    }


def _wait_for_quiet(page, seen: list, quiet_ms: int = 800, limit_s: float = 20) -> None:
    """Until no response has finished for quiet_ms (Pagefind loads result fragments lazily)."""
    deadline = time.monotonic() + limit_s
    count = -1
    while time.monotonic() < deadline and count != len(seen):
        count = len(seen)
        page.wait_for_timeout(quiet_ms)


def _by_kind(requests: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    kinds: dict[str, dict[str, int]] = {}
    for request in requests:
        name = request["url"].rsplit("/", 1)[-1]
        kind = name.split(".", 1)[-1] if "." in name else name
        if name.startswith(("pagefind-entry", "pagefind.js", "pagefind-")) or name.endswith(".js"):
            kind = name if not name.startswith("pagefind-entry") else "pagefind-entry.json"
        if "/fragment/" in request["url"]:
            kind = "fragment"
        elif "/index/" in request["url"]:
            kind = "index chunk"
        elif "wasm" in name:
            kind = "wasm"
        entry = kinds.setdefault(kind, {"requests": 0, "bytes": 0})
        entry["requests"] += 1
        entry["bytes"] += request["body"] + request["headers"]
    return kinds


# --- Summary -----------------------------------------------------------------------------------


def summarise(args, libraries: dict, search: dict, pdf: dict | None) -> dict[str, Any]:
    largest = max(libraries)
    big = libraries[largest]
    peak = max(
        max(lib[k]["max_rss_mib"], lib[k]["children_max_rss_mib"])
        for lib in libraries.values()
        for k in ("ours", "plain")
    )
    page = big["pages"]["ours"]["largest"]
    targets = {
        "build_ratio": {"max": MAX_BUILD_RATIO, "value": big["build_ratio"]},
        "peak_rss_mib": {"max": MAX_RSS_MIB, "value": peak},
        "document_page_bytes": {"max": MAX_PAGE_BYTES, "value": page["bytes"]},
        "query_share_of_lunr_gzip": {
            "max": MAX_QUERY_SHARE,
            "value": search["query_share_of_lunr_gzip"],
        },
        "query_with_ui_bytes": {"max": MAX_QUERY_WITH_UI_BYTES, "value": search["with_ui_bytes"]},
    }
    for target in targets.values():
        target["met"] = target["value"] <= target["max"]
    return {
        "reviews": sorted(libraries),
        "words_scale": args.words_scale,
        "libraries": {str(n): lib for n, lib in libraries.items()},
        "search": search,
        "pdf_build": pdf,
        "targets": targets,
        "targets_measured_at": largest,
        "environment": {
            "python": platform.python_version(),
            "mkdocs": version("mkdocs"),
            "mkdocs_material": version("mkdocs-material"),
            "pagefind": version("pagefind"),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_end": list(os.getloadavg()),
        },
    }


def _kib(value: float) -> str:
    return f"{value / 1024:,.0f} KiB"


def table(summary: dict[str, Any]) -> str:
    lines = [
        f"Site build benchmark: {', '.join(map(str, summary['reviews']))} reviews, "
        f"words × {summary['words_scale']} (our builds with REVIEWS_SKIP_PDF=1: no PDFs)",
        "",
        f"{'':<34}{'reviews':>8}{'words':>12}{'wall s':>9}{'CPU s':>9}{'peak RSS':>11}"
        f"{'(children)':>12}",
    ]
    for n, lib in summary["libraries"].items():
        for key, name in (
            ("ours", "our site (plugin, Pagefind)"),
            ("plain", "plain mkdocs-material"),
        ):
            b = lib[key]
            lines.append(
                f"{name:<34}{n:>8}{lib['words']:>12,}{b['seconds']:>9.1f}{b['cpu_seconds']:>9.1f}"
                f"{b['max_rss_mib']:>7,.0f} MiB{b['children_max_rss_mib']:>8,.0f} MiB"
            )
        rebuild = lib.get("ours_rebuild")
        if rebuild:
            lines.append(
                f"{'  ours, one overview changed':<34}{n:>8}{'':>12}{rebuild['seconds']:>9.1f}"
                f"{rebuild['cpu_seconds']:>9.1f}{rebuild['max_rss_mib']:>7,.0f} MiB"
                f"{rebuild['children_max_rss_mib']:>8,.0f} MiB"
            )
        lines.append(
            f"{'  ours: CPU s of Pagefind, workers':<34}{n:>8}{'':>12}{'':>9}"
            f"{lib['ours'].get('children_cpu_seconds', 0):>9.1f}"
        )
        lines.append(
            f"{'  ours / plain':<34}{n:>8}{'':>12}{lib['build_ratio']:>8.2f}×"
            f"{lib['build_ratio_cpu']:>8.2f}×"
        )
    pdf = summary["pdf_build"]
    if pdf:
        lines.append(
            f"{'our site with its PDFs':<34}{pdf['reviews']:>8}{'':>12}{pdf['seconds']:>9.1f}"
            f"{pdf['cpu_seconds']:>9.1f}{pdf['max_rss_mib']:>7,.0f} MiB"
            f"{pdf['children_max_rss_mib']:>8,.0f} MiB   ({pdf['pdfs']} PDFs)"
        )
    lines += ["", "Document pages (HTML as built; gzip level 6 for information)"]
    for n, lib in summary["libraries"].items():
        for key in ("ours", "plain"):
            largest = lib["pages"][key]["largest"]
            first = lib["pages"][key]["first_overview"]
            lines.append(
                f"  {key:<6}{n:>5} reviews: largest {largest['page']} {_kib(largest['bytes'])} "
                f"(gzip {_kib(largest['gzip_bytes'])}), of which outside <article> "
                f"{_kib(largest['outside_article_bytes'])}, {largest['links']} links; "
                + (
                    f"child-a1 overview {_kib(first['bytes'])}, outside <article> "
                    f"{first['outside_article_bytes']:,} B; "
                    if first
                    else "no child-a1 in this library; "
                )
                + "library page "
                f"{_kib(lib['pages'][key]['library_page_bytes'])}"
            )
    search = summary["search"]
    big = summary["libraries"][str(summary["targets_measured_at"])]
    lines += [
        "",
        f"Search on the {search['reviews']}-review site, query {search['query']!r}: "
        f"{search['results_shown']} results shown in {search['seconds_to_results']:.2f} s "
        f"({search['status']})",
        f"  search page load (HTML, CSS, JS):  {_kib(search['page_load_bytes'])} "
        f"in {search['page_load_requests']} requests",
        f"  first query:                       {_kib(search['query_bytes'])} "
        f"in {search['query_requests']} requests",
        "    "
        + ", ".join(
            f"{kind} {v['requests']}× {_kib(v['bytes'])}"
            for kind, v in sorted(search["query_by_kind"].items())
        ),
        *(
            f"  other query {other['query']!r}: {_kib(other['query_bytes'])}, "
            f"{_kib(other['with_ui_bytes'])} with the page ({other['status']})"
            for other in search.get("also", [])
        ),
        f"  Pagefind bundle on disk:           {_kib(big['ours']['pagefind_bytes'])}",
        f"  plain material lunr index:         {_kib(big['plain']['lunr_index_bytes'])}, "
        f"gzip {_kib(big['plain']['lunr_index_gzip_bytes'])}",
        "",
        f"Targets at {summary['targets_measured_at']} reviews{'':<26}{'value':>14}{'target':>14}",
    ]
    t = summary["targets"]
    rows = [
        ("build time, ours / plain", f"{t['build_ratio']['value']:.2f}×", "≤ 1.3×", "build_ratio"),
        (
            "peak RSS of any build",
            f"{t['peak_rss_mib']['value']:,.0f} MiB",
            "≤ 4,096 MiB",
            "peak_rss_mib",
        ),
        (
            "largest document page HTML",
            _kib(t["document_page_bytes"]["value"]),
            "≤ 100 KiB",
            "document_page_bytes",
        ),
        (
            "first query / gzipped lunr",
            f"{t['query_share_of_lunr_gzip']['value']:.1%}",
            "≤ 10%",
            "query_share_of_lunr_gzip",
        ),
        (
            "search page + first query",
            _kib(t["query_with_ui_bytes"]["value"]),
            "≤ 500 KiB",
            "query_with_ui_bytes",
        ),
    ]
    for name, value, target, key in rows:
        met = "met" if t[key]["met"] else "NOT MET"
        lines.append(f"  {name:<58}{value:>14}{target:>14}  {met}")
    lines += ["", f"Run: {summary['run_seconds']:.0f} s in all."]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
