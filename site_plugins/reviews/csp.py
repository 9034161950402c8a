"""The Content-Security-Policy of every page: the site loads nothing from any other host.

main.html writes a <meta http-equiv="Content-Security-Policy"> whose content is PLACEHOLDER;
once a page is rendered, `with_policy` puts the policy there, allowing the page's own inline
scripts by their sha256 hashes. mkdocs-material writes a few inline scripts, and one of them
embeds the page's relative base URL, so the hashes differ from page to page and can only be
computed from the finished page.

`mkdocs serve` injects a live-reload script into every page as it sends it, after this hook,
so while serving the policy allows inline scripts instead ('unsafe-inline' is ignored by
browsers as soon as a hash is listed, hence no hashes then).
"""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "reviews-csp-placeholder"

# Pagefind's search runs as WebAssembly ('wasm-unsafe-eval' allows compiling it, not eval()).
# mkdocs-material draws its icons in CSS from data: URIs.
_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

_SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JAVASCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def inline_script_hashes(html: str) -> list[str]:
    """CSP sources ('sha256-...') of the inline scripts a browser would run, in page order.

    Scripts with a src, and data blocks (such as mkdocs-material's application/json
    configuration), are not inline scripts a policy needs to allow.
    """
    sources = []
    for script in _SCRIPT.finditer(html):
        attributes = script.group("attributes")
        script_type = _TYPE.search(attributes)
        if re.search(r"\bsrc\s*=", attributes, re.I):
            continue
        if script_type and script_type.group(1).lower() not in _JAVASCRIPT_TYPES:
            continue
        digest = hashlib.sha256(script.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in sources:
            sources.append(source)
    return sources


def policy(html: str, serving: bool) -> str:
    inline = ["'unsafe-inline'"] if serving else inline_script_hashes(html)
    directives = []
    for name, value in _POLICY:
        if name == "script-src":
            value = " ".join([value, *inline])
        directives.append(f"{name} {value}")
    return "; ".join(directives)


def with_policy(html: str, serving: bool) -> str:
    """The page with its policy in place of the placeholder (a page without it is returned
    unchanged: a template that drops the meta tag is caught by the tests, not hidden here)."""
    if PLACEHOLDER not in html:
        return html
    return html.replace(PLACEHOLDER, policy(html, serving), 1)
