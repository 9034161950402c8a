"""Documents are text: no markup in them may run in a reader's browser.

A published document is Markdown written by the anonymiser from a reviewer's draft, and a
draft can carry anything (HTML pasted into a Markdown draft, a link to `javascript:`). The
site's Content-Security-Policy allows every inline script it finds on a finished page by its
hash, so a `<script>` in a document would run: documents are made harmless before that.

- `escape_raw_html` (before Markdown): every raw HTML tag in the document is shown as the text
  it is ("<script>" reads as "<script>" on the page) instead of being passed through. Escaping
  rather than stripping keeps what the reviewer wrote visible and loses no words. HTML comments
  on lines of their own (the anonymiser writes `<!-- -->` between two lists) stay, since a
  comment never renders; `<https://...>` autolinks stay links. Code spans are escaped too
  (a "<" in one then shows as "&lt;"): anonymised reports hold no code, and telling a code
  span from a backslash-escaped backtick is exactly where sanitisers go wrong.
- `neutralise_links` (after Markdown): Markdown links and `{: attr_list}` attributes make
  tags of their own, so on a document's HTML every `on...=` event attribute is dropped, and a
  link or picture address with a scheme other than http(s), mailto or tel (`javascript:`,
  `data:`, `vbscript:`, also when disguised with entities, case or control characters) loses
  its address: the words of the link stay, as plain text.
"""

from __future__ import annotations

import html
import re

_COMMENT_LINE = re.compile(r"^\s*<!--(?:(?!-->|<).)*-->\s*$")
_AUTOLINK = re.compile(r"<https?://[^\s<>]+>", re.I)
# "<" followed by a letter, "/", "!" or "?" starts a tag, a comment or a declaration.
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def escape_raw_html(markdown: str) -> str:
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        # Most lines have no "<" at all: nothing to escape (a quick test on every line).
        if "<" in line and not _COMMENT_LINE.match(line):
            lines[number] = _escape_line(line)
    return "\n".join(lines)


def _escape_line(line: str) -> str:
    out, position = [], 0
    for autolink in _AUTOLINK.finditer(line):
        out += [_TAG_START.sub("&lt;", line[position : autolink.start()]), autolink.group(0)]
        position = autolink.end()
    out.append(_TAG_START.sub("&lt;", line[position:]))
    return "".join(out)


# Python-Markdown writes every attribute as name="value", with <, > and " escaped in values.
# Only a tag with white space after its name can have an attribute (most, <p>, have none).
_TAG = re.compile(r"<[A-Za-z][^<>\s]*\s[^<>]*>")
_ATTRIBUTE = re.compile(r"""\s([^\s"'<>/=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>=`]+)""")
_URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "background",
    "cite",
    "ping",
    "lowsrc",
    "dynsrc",
}
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Browsers ignore these inside a URL's scheme ("java\tscript:" is "javascript:").
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def is_safe_url(value: str) -> bool:
    """True for a relative address, a fragment, or an http(s), mailto or tel address."""
    url = _IGNORED_IN_URL.sub("", html.unescape(value)).lower()
    scheme = _SCHEME.match(url)
    return scheme is None or scheme.group(1) in _SAFE_SCHEMES


def neutralise_links(fragment: str) -> str:
    return _TAG.sub(_safe_tag, fragment)


def _safe_tag(tag: re.Match) -> str:
    def attribute(match: re.Match) -> str:
        name = match.group(1).lower()
        value = match.group(2).strip("\"'")
        if name.startswith("on"):
            return ""
        if name in _URL_ATTRIBUTES and not is_safe_url(value):
            return ""
        return match.group(0)

    return _ATTRIBUTE.sub(attribute, tag.group(0))
