"""Options of the `reviews` plugin, as set under `plugins: - reviews:` in mkdocs.yml."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class ReviewsConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Folder holding one sub-folder per review (reports/<slug>/review.yml), relative to mkdocs.yml.
    reports_dir = opt.Type(str, default="reports")

    # Vocabularies: key (used in review.yml and in URLs) -> label shown on the site. A review.yml
    # value outside these fails the build, so a typo cannot create a stray theme page.
    types = opt.DictOfItems(opt.Type(str), default={})
    themes = opt.DictOfItems(opt.Type(str), default={})
    age_groups = opt.DictOfItems(opt.Type(str), default={})

    # The partnership's name as its documents write it in their title blocks (which the site
    # drops, since the page header says the same). Empty: site_name up to a dash or bracket.
    partnership = opt.Type(str, default="")

    # How many of the newest reviews the home page lists.
    newest_on_home = opt.Type(int, default=5)

    # Reading speed used for the "about N minutes" estimate of each document.
    words_per_minute = opt.Type(int, default=200)

    # A document longer than this is published in parts, a page each, so that no page grows
    # past about 100 KB (about 7 bytes of HTML a word, plus 30 KB for the page around it).
    words_per_page = opt.Type(int, default=5000)

    # Page (with optional #anchor) that tells readers how to request a copy of an archived
    # review or ask about a withdrawn one; it must exist in docs_dir.
    contact_page = opt.Type(str, default="about.md#request-a-copy")

    # The accessibility statement, linked from every page's footer; it must exist in docs_dir.
    accessibility_page = opt.Type(str, default="accessibility.md")

    # How many of the newest reviews the Atom feed (feed.xml) lists. The feed needs site_url.
    feed_entries = opt.Type(int, default=20)

    # Pagefind's search index, built after every build (the search page needs it).
    search = opt.Type(bool, default=True)

    # Each document of a published review as a PDF, printed by headless Chromium after the
    # build. The environment variable REVIEWS_SKIP_PDF=1 turns it off for a quick local preview;
    # CI never sets it, so a published site always has its PDFs.
    pdf = opt.Type(bool, default=True)
    chromium = opt.Type(str, default="/usr/bin/chromium")
